// The QtKeychain-backed vaults. Kept apart so that only this file depends on QtKeychain.
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <functional>

#include <qt6keychain/keychain.h>
#include <sodium.h>

#include "ui/store/key_vault.h"
#include "ui/store/secret_vault.h"

namespace vanikeys::ui {
namespace {

const QString kService = QStringLiteral("VaniKeys");
const std::string kStoreKeyEntry = "results-store-key";

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

void wipe(QByteArray& data) {
    if (!data.isEmpty()) sodium_memzero(data.data(), static_cast<std::size_t>(data.size()));
}

// Every keychain job runs on this vault's own thread (it has an event loop for the job's
// replies), whichever thread asks: the GUI at start-up, a cloud search's thread later.
class KeychainSecretVault final : public SecretVault {
public:
    explicit KeychainSecretVault(int timeout_ms) : timeout_ms_(timeout_ms) {
        thread_.setObjectName(QStringLiteral("vanikeys-keychain"));
        context_ = new QObject();
        context_->moveToThread(&thread_);
        QObject::connect(&thread_, &QThread::finished, context_, &QObject::deleteLater);
        thread_.start();
    }
    ~KeychainSecretVault() override {
        thread_.quit();
        thread_.wait();
    }

    [[nodiscard]] std::string description() const override { return "the system keychain"; }
    [[nodiscard]] bool is_system_keychain() const override { return true; }
    [[nodiscard]] bool persistent() const override { return true; }

    Result<std::optional<std::string>> read(const std::string& name) override {
        if (!valid_secret_name(name)) return bad_input("not a valid secret name: " + name);
        Result<std::optional<std::string>> out = std::optional<std::string>{};
        on_own_thread([&] {
            QKeychain::ReadPasswordJob job(kService);
            prepare(job, name);
            if (!run_job(job, timeout_ms_)) {
                out = runtime_failure("the system keychain did not answer");
            } else if (job.error() == QKeychain::EntryNotFound) {
                out = std::optional<std::string>{};
            } else if (job.error() != QKeychain::NoError) {
                out = runtime_failure("the system keychain cannot be used: " + job.errorString().toStdString());
            } else {
                QByteArray data = job.binaryData();
                out = std::optional<std::string>(data.toStdString());
                wipe(data);
            }
        });
        return out;
    }

    Result<bool> write(const std::string& name, const std::string& value) override {
        if (!valid_secret_name(name)) return bad_input("not a valid secret name: " + name);
        Result<bool> out = true;
        on_own_thread([&] {
            QKeychain::WritePasswordJob job(kService);
            prepare(job, name);
            QByteArray data = QByteArray::fromStdString(value);
            job.setBinaryData(data);
            wipe(data);
            if (!run_job(job, timeout_ms_)) out = runtime_failure("the system keychain did not answer");
            else if (job.error() != QKeychain::NoError)
                out = runtime_failure("the system keychain refused " + name + ": " + job.errorString().toStdString());
        });
        return out;
    }

    Result<bool> remove(const std::string& name) override {
        if (!valid_secret_name(name)) return bad_input("not a valid secret name: " + name);
        Result<bool> out = true;
        on_own_thread([&] {
            QKeychain::DeletePasswordJob job(kService);
            prepare(job, name);
            if (!run_job(job, timeout_ms_)) out = runtime_failure("the system keychain did not answer");
            else if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
                out = runtime_failure("the system keychain cannot delete " + name + ": " + job.errorString().toStdString());
        });
        return out;
    }

private:
    static void prepare(QKeychain::Job& job, const std::string& name) {
        job.setAutoDelete(false);
        job.setInsecureFallback(false);  // never a plaintext file behind the user's back
        job.setKey(QString::fromStdString(name));
    }

    void on_own_thread(const std::function<void()>& body) {
        if (QThread::currentThread() == &thread_) return body();
        QMetaObject::invokeMethod(context_, body, Qt::BlockingQueuedConnection);
    }

    int timeout_ms_;
    QThread thread_;
    QObject* context_ = nullptr;  // lives on thread_
};

} // namespace

std::shared_ptr<SecretVault> make_system_keychain(int timeout_ms) {
    return std::make_shared<KeychainSecretVault>(timeout_ms);
}

std::unique_ptr<KeyVault> make_system_keychain_vault(int timeout_ms) {
    return std::make_unique<VaultKeyVault>(make_system_keychain(timeout_ms), kStoreKeyEntry);
}

} // namespace vanikeys::ui
