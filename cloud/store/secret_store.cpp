#include "cloud/store/secret_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cloud/protocol/worker_protocol.h"

namespace vanikeys::cloud {
namespace {

CloudError storage_error(const std::string& what, const std::filesystem::path& path, int err) {
    return cloud_error(CloudErrorKind::Storage, what + " " + path.string() + ": " + std::strerror(err));
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void ensure_private_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    ::chmod(dir.c_str(), 0700);
}

} // namespace

bool valid_store_ref(const std::string& ref) {
    if (ref.empty() || ref.size() > 64) return false;
    return std::all_of(ref.begin(), ref.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

CloudResult<bool> write_file_atomically(const std::filesystem::path& path, const std::string& contents) {
    const std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    std::filesystem::path temp = path;
    temp += ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return storage_error("cannot create", temp, errno);
    ::fchmod(fd, 0600);  // in case the file existed with wider permissions
    const bool written = write_all(fd, contents.data(), contents.size()) && ::fsync(fd) == 0;
    const int write_errno = errno;
    ::close(fd);
    if (!written) {
        ::unlink(temp.c_str());
        return storage_error("cannot write", temp, write_errno);
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        const int rename_errno = errno;
        ::unlink(temp.c_str());
        return storage_error("cannot replace", path, rename_errno);
    }
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return true;
}

CloudResult<std::string> read_whole_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return storage_error("cannot read", path, errno != 0 ? errno : ENOENT);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) return storage_error("cannot read", path, EIO);
    return buffer.str();
}

FileSecretStore::FileSecretStore(std::filesystem::path directory) : directory_(std::move(directory)) {
    ensure_private_directory(directory_);
}

std::filesystem::path FileSecretStore::path_for(const std::string& ref) const { return directory_ / (ref + ".secret"); }

CloudResult<bool> FileSecretStore::put(const std::string& ref, const SecretKey& secret) {
    if (!valid_store_ref(ref)) return cloud_error(CloudErrorKind::Config, "invalid secret name '" + ref + "'");
    std::string text = to_hex(secret.data(), SecretKey::kSize) + "\n";
    CloudResult<bool> written = write_file_atomically(path_for(ref), text);
    secure_wipe(text.data(), text.size());
    return written;
}

CloudResult<SecretKey> FileSecretStore::get(const std::string& ref) {
    if (!valid_store_ref(ref)) return cloud_error(CloudErrorKind::Config, "invalid secret name '" + ref + "'");
    CloudResult<std::string> text = read_whole_file(path_for(ref));
    if (!text.ok()) return text.error();
    std::string& hex = text.value();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    SecretKey key;
    const bool ok = from_hex(hex, key.data(), SecretKey::kSize);
    secure_wipe(hex.data(), hex.size());
    if (!ok)
        return cloud_error(CloudErrorKind::Storage, "the split-key secret in " + path_for(ref).string() +
                                                        " is damaged (expected 64 hex digits)");
    return key;
}

CloudResult<bool> FileSecretStore::remove(const std::string& ref) {
    if (!valid_store_ref(ref)) return cloud_error(CloudErrorKind::Config, "invalid secret name '" + ref + "'");
    std::error_code ec;
    std::filesystem::remove(path_for(ref), ec);
    if (ec) return cloud_error(CloudErrorKind::Storage, "cannot remove " + path_for(ref).string() + ": " + ec.message());
    return true;
}

} // namespace vanikeys::cloud
