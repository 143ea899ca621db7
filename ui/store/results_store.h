// The results store: every verified key, saved the moment it is found, in SQLite (Qt SQL) with
// WAL and synchronous=FULL, the file created 0600, private keys sealed by a KeyCipher.
// One ResultsStore is one connection and belongs to the thread that opened it; open one per
// thread (WAL lets a reader and a writer work side by side).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <QString>

#include "engine/core/result.h"
#include "ui/store/found_key.h"
#include "ui/store/key_cipher.h"

namespace vanikeys::ui {

class ResultsStore {
public:
    // Opens or creates the database at `path` (folder 0700, files 0600) on the calling thread.
    static Result<std::unique_ptr<ResultsStore>> open(const std::filesystem::path& path,
                                                      std::shared_ptr<const KeyCipher> cipher);
    ~ResultsStore();
    ResultsStore(const ResultsStore&) = delete;
    ResultsStore& operator=(const ResultsStore&) = delete;

    // Seals `secret` into record.sealed_key, inserts the record and returns its id (also set in
    // record.id) once SQLite has synced it to disk.
    Result<std::int64_t> add(FoundKeyRecord& record, const SecretKey& secret);
    // Every record, oldest first, with sealed keys (never decrypted here).
    Result<std::vector<FoundKeyRecord>> list() const;
    // Decrypts the private key of record `id`. Fails when the cipher is not the store's.
    Result<SecretKey> private_key(std::int64_t id) const;
    Result<SecretKey> open_sealed(const std::vector<std::uint8_t>& sealed) const;
    // A PRAGMA's value as text ("wal", "2"), for checks and tests.
    [[nodiscard]] QString pragma(const QString& name) const;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    ResultsStore(std::filesystem::path path, QString connection, std::shared_ptr<const KeyCipher> cipher);
    std::filesystem::path path_;
    QString connection_;
    std::shared_ptr<const KeyCipher> cipher_;
};

} // namespace vanikeys::ui
