// StoreWriter: the results store's own thread. A search thread hands it each verified key and
// waits until SQLite has synced it, so a key is on disk before anyone is told it was found, and
// the GUI thread never waits for an fsync.
#pragma once

#include <filesystem>
#include <memory>

#include <QThread>

#include "ui/store/results_store.h"

namespace vanikeys::ui {

class StoreWriter {
public:
    // Starts the thread and opens the store at `path` on it.
    static Result<std::unique_ptr<StoreWriter>> start(const std::filesystem::path& path,
                                                      std::shared_ptr<const KeyCipher> cipher);
    ~StoreWriter();
    StoreWriter(const StoreWriter&) = delete;
    StoreWriter& operator=(const StoreWriter&) = delete;

    // Saves `record` with `secret` sealed (ResultsStore::add) and returns once it is on disk.
    // Call from any thread but the writer's own.
    Result<std::int64_t> save(FoundKeyRecord& record, const SecretKey& secret);

private:
    StoreWriter();
    QThread m_thread;
    QObject* m_context = nullptr;  // lives on m_thread; deleted with it
    std::unique_ptr<ResultsStore> m_store;  // used on m_thread only
};

} // namespace vanikeys::ui
