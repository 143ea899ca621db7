// The cloud's settings in the app, without a network: API keys go to the keychain and never to
// the settings file; without a keychain they stay in memory unless the user agrees to 0600
// files (and come back from those after a restart); split-key secrets follow the same rule;
// the engine picker shows RunPod, Modal and "Cloud: auto" disabled, with the missing settings in
// the tooltip, until the Settings dialog's Cloud tab completes them.
#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include "engine/core/os_random.h"
#include "ui/models/app_context.h"
#include "ui/models/cloud_service.h"
#include "ui/models/search_model.h"
#include "ui/store/private_file.h"
#include "ui/views/cloud_settings_widget.h"
#include "ui/views/main_window.h"
#include "ui/views/settings_dialog.h"

using namespace vanikeys;
using namespace vanikeys::ui;

namespace {

constexpr const char* kRunPodKey = "rp-settings-key-0123";
constexpr const char* kModalSecret = "ws-settings-secret-4567";

std::unique_ptr<AppSettings> settings_in(const QString& dir) {
    return std::make_unique<AppSettings>(
        std::make_unique<QSettings>(QDir(dir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
}

QByteArray file_text(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

CloudConfig full_config() {
    CloudConfig c;
    c.runpod_api_key = QString::fromLatin1(kRunPodKey);
    c.preferences.runpod_endpoint_id = QStringLiteral("ep-123");
    c.preferences.modal_url = QStringLiteral("https://me--vanikeys-web.modal.run");
    c.modal_key = QStringLiteral("wk-settings");
    c.modal_secret = QString::fromLatin1(kModalSecret);
    return c;
}

// The picker's entry `id`: whether it can be chosen, and its tooltip.
std::pair<bool, QString> picker_entry(MainWindow& w, const QString& id) {
    auto* combo = w.findChild<QComboBox*>(QStringLiteral("engineCombo"));
    const int row = combo->findData(id);
    if (row < 0) return {false, QStringLiteral("(no entry %1)").arg(id)};
    auto* model = qobject_cast<QStandardItemModel*>(combo->model());
    return {model->item(row)->isEnabled(), combo->itemData(row, Qt::ToolTipRole).toString()};
}

} // namespace

class TestCloudSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        qRegisterMetaType<GrindSample>();
        qRegisterMetaType<FoundKeyRecord>();
        qRegisterMetaType<PullResult>();
    }

    void missing_settings_are_named_per_provider() {
        CloudConfig c;
        QCOMPARE(c.missing(QStringLiteral("runpod")), (QStringList{QStringLiteral("RunPod API key"), QStringLiteral("RunPod endpoint id")}));
        QCOMPARE(c.missing(QStringLiteral("modal")),
                 (QStringList{QStringLiteral("Modal URL"), QStringLiteral("Modal key"), QStringLiteral("Modal secret")}));
        QCOMPARE(c.missing(QStringLiteral("auto")).size(), 5);
        c.runpod_api_key = QStringLiteral("k");
        QCOMPARE(c.missing(QStringLiteral("runpod")), QStringList{QStringLiteral("RunPod endpoint id")});
        c.preferences.runpod_endpoint_id = QStringLiteral("e");
        QVERIFY(c.missing(QStringLiteral("runpod")).isEmpty());
        QVERIFY(c.missing(QStringLiteral("auto")).isEmpty());  // one provider is enough for the router
        // An API base override stands in for the Modal URL (a test server).
        c.preferences.modal_api_base = QStringLiteral("http://127.0.0.1:1");
        QCOMPARE(c.missing(QStringLiteral("modal")), (QStringList{QStringLiteral("Modal key"), QStringLiteral("Modal secret")}));
    }

    void cloud_rates_need_a_long_enough_job() {
        QVERIFY(!cloud_rate_worth_keeping(110'000, 6.7e6));   // 16 ms: start-up, not the GPU
        QVERIFY(!cloud_rate_worth_keeping(1e6, 0));
        QVERIFY(cloud_rate_worth_keeping(2e8, 5e7));          // 4 s
    }

    void keys_go_to_the_keychain_never_to_the_settings_file() {
        QTemporaryDir dir;
        auto keychain = std::make_shared<MemorySecretVault>(true, true);
        ContextOptions options;
        options.keychain = keychain;
        auto ctx = AppContext::create(settings_in(dir.path()), dir.filePath(QStringLiteral("data")), std::move(options));
        QVERIFY(ctx->has_keychain());
        QVERIFY(ctx->protected_by_keychain());  // the store key is in the same keychain
        QVERIFY(ctx->secrets_note().contains(QStringLiteral("system keychain")));
        CloudService cloud(*ctx);
        QVERIFY(cloud.save(full_config(), false).ok());
        ctx->settings()->sync();

        QCOMPARE(keychain->read("runpod-api-key")->value(), std::string(kRunPodKey));
        QCOMPARE(keychain->read("modal-secret")->value(), std::string(kModalSecret));
        const QByteArray ini = file_text(dir.filePath(QStringLiteral("settings.ini")));
        QVERIFY(ini.contains("ep-123"));  // not a secret: it is in the settings
        QVERIFY2(!ini.contains(kRunPodKey) && !ini.contains(kModalSecret), ini.constData());
        QVERIFY(!QDir(QString::fromStdString(ctx->cloud_secrets_dir().string())).exists());

        // A fresh service (a restart) reads them back from the keychain.
        CloudService again(*ctx);
        QCOMPARE(again.config().runpod_api_key, QString::fromLatin1(kRunPodKey));
        for (const EngineEntry& e : again.engine_entries()) QVERIFY2(e.enabled, qPrintable(e.id + e.tooltip));

        // A split-key secret goes to the keychain as well.
        VaultSecretStore store(ctx->cloud_vault());
        const SecretKey d = random_secret_key();
        QVERIFY(store.put("vk-abc", d).ok());
        QVERIFY(keychain->read("cloud-secret-vk-abc")->has_value());
        QVERIFY(store.get("vk-abc").value() == d);
        QVERIFY(store.remove("vk-abc").ok());
        QVERIFY(!keychain->read("cloud-secret-vk-abc")->has_value());
    }

    void without_a_keychain_keys_stay_in_memory_unless_files_are_allowed() {
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        auto ctx = AppContext::create(settings_in(dir.path()), data, std::make_unique<MemoryKeyVault>(false));
        QVERIFY(!ctx->has_keychain());
        QVERIFY(ctx->secrets_note().contains(QStringLiteral("memory only")));
        const QString files = QString::fromStdString(ctx->cloud_secrets_dir().string());
        {
            CloudService cloud(*ctx);
            QVERIFY(cloud.save(full_config(), false).ok());
            QCOMPARE(cloud.config().runpod_api_key, QString::fromLatin1(kRunPodKey));  // usable now
            VaultSecretStore store(ctx->cloud_vault());
            QVERIFY(store.put("vk-mem", random_secret_key()).ok());
            QVERIFY(!QDir(files).exists());
            ctx->settings()->sync();
            QVERIFY(!file_text(dir.filePath(QStringLiteral("settings.ini"))).contains(kRunPodKey));

            // The user agrees: what memory held moves to 0600 files.
            QVERIFY(cloud.save(cloud.config(), true).ok());
            QVERIFY(ctx->secrets_note().contains(QStringLiteral("0600")));
            for (const char* name : {"runpod-api-key", "modal-key", "modal-secret", "cloud-secret-vk-mem"}) {
                const QString path = QDir(files).filePath(QString::fromLatin1(name));
                QVERIFY2(QFile::exists(path), name);
                QCOMPARE(file_mode(path.toStdString()), 0600);
            }
            QCOMPARE(file_mode(files.toStdString()), 0700);
            QCOMPARE(file_text(QDir(files).filePath(QStringLiteral("runpod-api-key"))), QByteArray(kRunPodKey));
            ctx->settings()->sync();
            QVERIFY(!file_text(dir.filePath(QStringLiteral("settings.ini"))).contains(kRunPodKey));
        }
        // A restart finds them in the files.
        ctx.reset();
        ctx = AppContext::create(settings_in(dir.path()), data, std::make_unique<MemoryKeyVault>(false));
        {
            CloudService cloud(*ctx);
            QCOMPARE(cloud.config().modal_secret, QString::fromLatin1(kModalSecret));
            QVERIFY(VaultSecretStore(ctx->cloud_vault()).get("vk-mem").ok());
            // Withdrawing the agreement deletes the files; the keys stay usable until the app closes.
            QVERIFY(cloud.save(cloud.config(), false).ok());
            QVERIFY(QDir(files).entryList(QDir::Files).isEmpty());
            QCOMPARE(cloud.config().runpod_api_key, QString::fromLatin1(kRunPodKey));
            QVERIFY(VaultSecretStore(ctx->cloud_vault()).get("vk-mem").ok());
        }
    }

    void picker_disables_cloud_engines_until_settings_are_complete() {
        QTemporaryDir dir;
        auto settings = settings_in(dir.path());
        settings->set_engine_id(QStringLiteral("cpu"));
        settings->set_calibration_seconds(0.2);
        settings->set_cpu_threads(1);
        auto keychain = std::make_shared<MemorySecretVault>(true, true);
        ContextOptions options;
        options.keychain = keychain;
        auto ctx = AppContext::create(std::move(settings), dir.filePath(QStringLiteral("data")), std::move(options));
        MainWindow window(*ctx);
        window.show();

        auto [runpod_on, runpod_tip] = picker_entry(window, QStringLiteral("cloud:runpod"));
        QVERIFY(!runpod_on);
        QVERIFY2(runpod_tip.contains(QStringLiteral("RunPod API key")) && runpod_tip.contains(QStringLiteral("RunPod endpoint id")),
                 qPrintable(runpod_tip));
        auto [modal_on, modal_tip] = picker_entry(window, QStringLiteral("cloud:modal"));
        QVERIFY(!modal_on);
        QVERIFY2(modal_tip.contains(QStringLiteral("Modal URL")) && modal_tip.contains(QStringLiteral("Modal secret")),
                 qPrintable(modal_tip));
        QVERIFY(!picker_entry(window, QStringLiteral("cloud:auto")).first);
        // Chosen anyway (a default from an older settings file): the rate line says what is missing.
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("engineCombo"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("cloud:runpod")));
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("engineRateLabel"))->text().contains(QStringLiteral("RunPod API key")));

        // The Cloud tab of the settings, filled in as a user would: RunPod only.
        std::unique_ptr<SettingsDialog> dialog(window.make_settings_dialog());
        dialog->show_tab(QStringLiteral("cloud"));
        auto* key = dialog->findChild<QLineEdit*>(QStringLiteral("runpodApiKeyEdit"));
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        QTest::keyClicks(key, QString::fromLatin1(kRunPodKey));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("runpodEndpointEdit")), QStringLiteral("ep-9"));
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("cloudSettingsStatus"))->text().contains(QStringLiteral("RunPod: ready")));
        QVERIFY(dialog->findChild<QCheckBox*>(QStringLiteral("secretFilesCheck"))->isHidden());  // there is a keychain
        QVERIFY(dialog->apply());
        dialog.reset();

        QCOMPARE(keychain->read("runpod-api-key")->value(), std::string(kRunPodKey));
        QVERIFY(picker_entry(window, QStringLiteral("cloud:runpod")).first);
        QVERIFY(picker_entry(window, QStringLiteral("cloud:auto")).first);
        QVERIFY(!picker_entry(window, QStringLiteral("cloud:modal")).first);
        QCOMPARE(combo->currentData().toString(), QStringLiteral("cloud:runpod"));  // the choice survives
        QVERIFY(window.findChild<QLabel*>(QStringLiteral("engineRateLabel"))->text().contains(QStringLiteral("keys/s")));
        ctx->settings()->sync();
        QVERIFY(!file_text(dir.filePath(QStringLiteral("settings.ini"))).contains(kRunPodKey));
    }
};

QTEST_MAIN(TestCloudSettings)
#include "test_cloud_settings.moc"
