#include "ui/store/private_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cloud/store/secret_store.h"

namespace vanikeys::ui {

Result<bool> ensure_private_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return true;
    if (!dir.parent_path().empty() && dir.parent_path() != dir) {
        auto parent = ensure_private_dir(dir.parent_path());
        if (!parent) return parent;
    }
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
        return runtime_failure("cannot create the folder " + dir.string() + ": " + std::strerror(errno));
    return true;
}

Result<bool> ensure_private_file(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return runtime_failure("cannot create " + path.string() + ": " + std::strerror(errno));
    const int rc = ::fchmod(fd, 0600);
    ::close(fd);
    if (rc != 0) return runtime_failure("cannot restrict " + path.string() + " to its owner: " + std::strerror(errno));
    return true;
}

Result<bool> write_private_file(const std::filesystem::path& path, const std::string& contents) {
    auto written = cloud::write_file_atomically(path, contents);
    if (!written) return runtime_failure(written.error().message);
    return true;
}

int file_mode(const std::filesystem::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return -1;
    return static_cast<int>(st.st_mode & 07777);
}

} // namespace vanikeys::ui
