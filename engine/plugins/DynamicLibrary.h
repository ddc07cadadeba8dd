// dlopen for plugins and for the vendor libraries they read (NVML, DCMI, libtorch_npu).
// Header-only so that plugins, which do not link the engine, use the same code.
#pragma once

#include <dlfcn.h>
#include <string>
#include <vector>

namespace tb::engine {

/// A shared library opened with dlopen and never closed: a vendor library or a plugin may
/// leave threads, atexit handlers or objects behind that outlive any point we could close it
/// at, and the handful we open cost nothing to keep.
class DynamicLibrary {
public:
    /// Opens `path` (a file name alone goes through the dynamic linker's search) with `flags`
    /// (RTLD_NOW | RTLD_LOCAL unless told). Never throws; ok() says whether it worked.
    static DynamicLibrary open(const std::string& path, int flags = RTLD_NOW | RTLD_LOCAL) {
        DynamicLibrary library;
        library.m_path = path;
        dlerror();
        library.m_handle = dlopen(path.c_str(), flags);
        if (!library.m_handle) {
            const char* error = dlerror();
            library.m_error = error ? error : "dlopen failed";
        }
        return library;
    }

    bool ok() const { return m_handle != nullptr; }
    const std::string& path() const { return m_path; }
    /// dlerror()'s text when open() failed; it names the file.
    const std::string& error() const { return m_error; }

    /// The symbol `name` cast to `T` (a function pointer type), or nullptr when absent.
    template <typename T> T symbol(const char* name) const {
        if (!m_handle)
            return nullptr;
        return reinterpret_cast<T>(dlsym(m_handle, name));
    }

    /// Looks `name` up into `out`, and names it in `missing` when it is absent and nothing
    /// was missing before: a vendor library's API is read one function at a time, and the
    /// message names the first one an old library lacks.
    template <typename T> void resolve(const char* name, T& out, std::string& missing) const {
        out = symbol<T>(name);
        if (!out && missing.empty())
            missing = name;
    }

private:
    void* m_handle = nullptr;
    std::string m_path;
    std::string m_error;
};

/// The folders of a colon-separated list such as `TRAINBENCH_PLUGIN_PATH` or
/// `LD_LIBRARY_PATH`, in order, empty entries dropped.
inline std::vector<std::string> splitSearchPath(const std::string& list) {
    std::vector<std::string> dirs;
    std::string::size_type start = 0;
    while (start <= list.size()) {
        const auto colon = list.find(':', start);
        const auto end = colon == std::string::npos ? list.size() : colon;
        if (end > start)
            dirs.push_back(list.substr(start, end - start));
        start = end + 1;
    }
    return dirs;
}

} // namespace tb::engine
