#include "engine/util/AtomicFile.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>

namespace tb::engine {
namespace {

/// Writes and syncs `parts` into the new file `path`; the errno of the first failure, or 0.
int writeSynced(const std::string& path, const std::vector<std::string_view>& parts) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    int error = 0;
    for (const std::string_view bytes : parts) {
        std::size_t written = 0;
        while (written < bytes.size() && error == 0) {
            const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
            if (n >= 0)
                written += static_cast<std::size_t>(n);
            else if (errno != EINTR)
                error = errno;
        }
    }
    if (error == 0 && ::fsync(fd) != 0)
        error = errno;
    if (::close(fd) != 0 && error == 0)
        error = errno;
    return error;
}

} // namespace

void writeFileAtomically(const std::string& path, std::string_view bytes) {
    writeFileAtomically(path, std::vector<std::string_view>{bytes});
}

void writeFileAtomically(const std::string& path, const std::vector<std::string_view>& parts) {
    const std::string temporary = path + ".partial-" + std::to_string(::getpid());
    int error = writeSynced(temporary, parts);
    if (error == 0 && std::rename(temporary.c_str(), path.c_str()) != 0)
        error = errno;
    if (error != 0) {
        std::remove(temporary.c_str());
        throw std::system_error(error, std::generic_category(), "cannot write " + path);
    }
}

} // namespace tb::engine
