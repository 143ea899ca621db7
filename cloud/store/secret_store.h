// SecretStore: where the split-key secret d of a cloud job waits until its result comes back.
// The app plugs in a system-keychain implementation (QtKeychain); FileSecretStore keeps each
// secret in its own 0600 file in a 0700 directory for the CLI and for machines without one.
#pragma once

#include <filesystem>
#include <string>

#include "cloud/transport/cloud_error.h"
#include "engine/core/secret_key.h"

namespace vanikeys::cloud {

class SecretStore {
public:
    virtual ~SecretStore() = default;
    // `ref` names the secret ([A-Za-z0-9_-], 1..64): a job's client ref, or a fan-out group's.
    virtual CloudResult<bool> put(const std::string& ref, const SecretKey& secret) = 0;
    virtual CloudResult<SecretKey> get(const std::string& ref) = 0;
    virtual CloudResult<bool> remove(const std::string& ref) = 0;
};

class FileSecretStore final : public SecretStore {
public:
    // Creates `directory` (mode 0700) when missing.
    explicit FileSecretStore(std::filesystem::path directory);

    CloudResult<bool> put(const std::string& ref, const SecretKey& secret) override;
    CloudResult<SecretKey> get(const std::string& ref) override;
    CloudResult<bool> remove(const std::string& ref) override;

    [[nodiscard]] std::filesystem::path path_for(const std::string& ref) const;

private:
    std::filesystem::path directory_;
};

// Writes `contents` to `path` atomically: a 0600 temporary file in the same directory, fsync,
// rename over the target, fsync of the directory. Readers see the old or the new file, never
// half of one, even across a crash.
CloudResult<bool> write_file_atomically(const std::filesystem::path& path, const std::string& contents);

// The whole file, or a Storage error naming it.
CloudResult<std::string> read_whole_file(const std::filesystem::path& path);

bool valid_store_ref(const std::string& ref);

} // namespace vanikeys::cloud
