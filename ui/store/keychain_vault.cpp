// The QtKeychain-backed vault. Kept apart so that only this file depends on QtKeychain.
#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>
#include <sodium.h>

#include "ui/store/key_vault.h"

namespace vanikeys::ui {
namespace {

const QString kService = QStringLiteral("VaniKeys");
const QString kEntry = QStringLiteral("results-store-key");

// Runs `job` to completion in a local event loop; false when it did not answer in time.
bool run_job(QKeychain::Job& job, int timeout_ms) {
    QEventLoop loop;
    bool done = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
    job.start();
    if (!done) loop.exec();
    return done;
}

class SystemKeychainVault final : public KeyVault {
public:
    explicit SystemKeychainVault(int timeout_ms) : timeout_ms_(timeout_ms) {}
    [[nodiscard]] std::string description() const override { return "the system keychain"; }
    [[nodiscard]] bool is_system_keychain() const override { return true; }

    Result<std::optional<std::vector<std::uint8_t>>> read() override {
        QKeychain::ReadPasswordJob job(kService);
        job.setAutoDelete(false);
        job.setInsecureFallback(false);
        job.setKey(kEntry);
        if (!run_job(job, timeout_ms_)) return runtime_failure("the system keychain did not answer");
        if (job.error() == QKeychain::EntryNotFound) return std::optional<std::vector<std::uint8_t>>{};
        if (job.error() != QKeychain::NoError)
            return runtime_failure("the system keychain cannot be used: " + job.errorString().toStdString());
        QByteArray data = job.binaryData();
        std::vector<std::uint8_t> key(data.begin(), data.end());
        sodium_memzero(data.data(), static_cast<std::size_t>(data.size()));
        return std::optional<std::vector<std::uint8_t>>(std::move(key));
    }

    Result<bool> write(const std::vector<std::uint8_t>& key) override {
        QKeychain::WritePasswordJob job(kService);
        job.setAutoDelete(false);
        job.setInsecureFallback(false);
        job.setKey(kEntry);
        QByteArray data(reinterpret_cast<const char*>(key.data()), static_cast<qsizetype>(key.size()));
        job.setBinaryData(data);
        sodium_memzero(data.data(), static_cast<std::size_t>(data.size()));
        if (!run_job(job, timeout_ms_)) return runtime_failure("the system keychain did not answer");
        if (job.error() != QKeychain::NoError)
            return runtime_failure("the system keychain refused the store key: " + job.errorString().toStdString());
        return true;
    }

private:
    int timeout_ms_;
};

} // namespace

std::unique_ptr<KeyVault> make_system_keychain_vault(int timeout_ms) {
    return std::make_unique<SystemKeychainVault>(timeout_ms);
}

} // namespace vanikeys::ui
