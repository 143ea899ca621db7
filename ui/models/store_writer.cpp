#include "ui/models/store_writer.h"

#include <QMetaObject>

namespace vanikeys::ui {

StoreWriter::StoreWriter() = default;

Result<std::unique_ptr<StoreWriter>> StoreWriter::start(const std::filesystem::path& path,
                                                        std::shared_ptr<const KeyCipher> cipher) {
    std::unique_ptr<StoreWriter> writer(new StoreWriter());
    writer->m_thread.setObjectName(QStringLiteral("vanikeys-store"));
    writer->m_context = new QObject();
    writer->m_context->moveToThread(&writer->m_thread);
    QObject::connect(&writer->m_thread, &QThread::finished, writer->m_context, &QObject::deleteLater);
    writer->m_thread.start();
    std::optional<Error> failure;
    StoreWriter* w = writer.get();
    QMetaObject::invokeMethod(
        w->m_context,
        [w, &path, &cipher, &failure] {
            auto store = ResultsStore::open(path, cipher);
            if (store) w->m_store = std::move(store.value());
            else failure = store.error();
        },
        Qt::BlockingQueuedConnection);
    if (failure) return *failure;
    return writer;
}

StoreWriter::~StoreWriter() {
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_context, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

Result<std::int64_t> StoreWriter::save(FoundKeyRecord& record, const SecretKey& secret) {
    std::optional<Result<std::int64_t>> result;
    QMetaObject::invokeMethod(
        m_context, [this, &record, &secret, &result] { result = m_store->add(record, secret); },
        Qt::BlockingQueuedConnection);
    if (!result) return runtime_failure("results store: the writer thread is not running");
    return std::move(*result);
}

} // namespace vanikeys::ui
