#include "plugins/npu/TorchNpu.h"

#include "engine/plugins/DynamicLibrary.h"

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <mutex>
#include <torch/types.h>
#include <torch/version.h>
#include <vector>

namespace tb::npu {
namespace {

constexpr bool kTorchHasNpuLibrary = TORCH_VERSION_MAJOR > 2 ||
                                     (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 1);
constexpr const char* kLibraryName = "libtorch_npu.so";
/// Itanium-mangled names of torch_npu::init_npu(c10::DeviceIndex) (DeviceIndex is int8_t,
/// `a`) and torch_npu::finalize_npu(): the library has no C entry points.
constexpr const char* kInitNpuSymbol = "_ZN9torch_npu8init_npuEa";
constexpr const char* kFinalizeNpuSymbol = "_ZN9torch_npu12finalize_npuEv";

/// The library, once loaded, for the rest of the process.
struct LoadedTorchNpu {
    std::mutex mutex;
    engine::DynamicLibrary library; // guarded by mutex
    void (*finalize)() = nullptr;   // guarded by mutex until exit
};

LoadedTorchNpu& loaded() {
    static LoadedTorchNpu instance;
    return instance;
}

void finalizeAtExit() {
    try {
        if (loaded().finalize)
            loaded().finalize();
    } catch (const std::exception&) {
        // Nothing is left to tell at exit; an exception here would abort the process.
    }
}

std::string joined(const std::vector<std::string>& dirs) {
    std::string text;
    for (const std::string& dir : dirs)
        text += (text.empty() ? "" : ", ") + dir;
    return text;
}

std::string findLibrary(std::vector<std::string>& searched) {
    if (const char* path = std::getenv("TB_TORCH_NPU_LIBRARY"); path && *path) {
        searched.push_back(path);
        std::error_code ec;
        return std::filesystem::exists(path, ec) ? path : "";
    }
    const char* ldPath = std::getenv("LD_LIBRARY_PATH");
    searched = engine::splitSearchPath(ldPath ? ldPath : "");
    searched.insert(searched.end(), {"/usr/local/lib", "/usr/lib"});
    for (const std::string& dir : searched) {
        const auto candidate = std::filesystem::path(dir) / kLibraryName;
        std::error_code ec;
        if (std::filesystem::exists(candidate, ec))
            return candidate.string();
    }
    return {};
}

/// Called with loaded().mutex held.
std::string initialise(LoadedTorchNpu& npu, int index) {
    using InitNpu = void (*)(c10::DeviceIndex);
    const auto initNpu = npu.library.symbol<InitNpu>(kInitNpuSymbol);
    if (!initNpu)
        return npu.library.path() +
               " has no torch_npu::init_npu(c10::DeviceIndex): use libtorch_npu built with "
               "build_libtorch_npu.py from Ascend/pytorch for this LibTorch";
    try {
        initNpu(static_cast<c10::DeviceIndex>(index));
        // init_npu reports a failed start on stderr and returns; making a tensor tells.
        torch::empty({1}, torch::TensorOptions().device(c10::Device(
                              c10::DeviceType::PrivateUse1, static_cast<c10::DeviceIndex>(index))));
    } catch (const std::exception& e) {
        return "torch_npu could not start npu:" + std::to_string(index) + ": " + e.what();
    }
    if (!npu.finalize) {
        npu.finalize = npu.library.symbol<void (*)()>(kFinalizeNpuSymbol);
        std::atexit(finalizeAtExit);
    }
    return {};
}

} // namespace

std::string torchNpuProblem() {
    std::vector<std::string> searched;
    const std::string path = findLibrary(searched);
    if (!kTorchHasNpuLibrary) {
        const std::string limit =
            "torch_npu's C++ library exists for LibTorch 2.1 and later only, and this Trainbench "
            "uses LibTorch " TORCH_VERSION
            ": build Trainbench against a LibTorch 2.x and install the torch_npu made for it";
        return path.empty() ? std::string(kLibraryName) + " not found (" + limit + ")"
                            : path + " cannot be used: " + limit;
    }
    if (path.empty())
        return std::string(kLibraryName) +
               " not found (install torch_npu for this LibTorch version, LibTorch " TORCH_VERSION
               ", build its C++ library with build_libtorch_npu.py and set TB_TORCH_NPU_LIBRARY "
               "to it; looked in " +
               joined(searched) + ")";
    return {};
}

std::string prepareTorchNpu(int index) {
    if (std::string why = torchNpuProblem(); !why.empty())
        return why;
    LoadedTorchNpu& npu = loaded();
    std::lock_guard lock(npu.mutex);
    if (!npu.library.ok()) {
        std::vector<std::string> searched;
        npu.library = engine::DynamicLibrary::open(findLibrary(searched), RTLD_NOW | RTLD_GLOBAL);
        if (!npu.library.ok())
            return "cannot load " + std::string(kLibraryName) + ": " + npu.library.error();
    }
    return initialise(npu, index);
}

} // namespace tb::npu
