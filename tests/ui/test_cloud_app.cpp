// The cloud in the real window (offscreen), against the emulators of RunPod's hosted API and of
// our Modal app (tests/cloud/emulators), which run the real `vanikeys-cli worker`: pick the
// cloud engine, grind a split-key pattern, and the key (rebuilt from d, verified by HitVerifier
// and again by the app) shows up in Found keys and in the store; the jobs list shows the search
// with its timings and cost; the event loop stays responsive while a cloud job runs; a restart
// (new context and window, same data folder and keychain) lists a running search, follows it in
// the grind view and cancels it, and collects a result that came in while the app was closed;
// a lying worker is rejected with a visible message and nothing is stored; Modal grinds and
// pulls the same way; no request body ever holds a found private key or d.
#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "cloud/transport/curl_transport.h"
#include "engine/format/address.h"
#include "cloud/protocol/worker_protocol.h"
#include "engine/verify/key_verifier.h"
#include "engine/verify/libsecp.h"
#include "tests/cloud/emulator_process.h"
#include "ui/models/app_context.h"
#include "ui/models/cloud_service.h"
#include "ui/views/cloud_jobs_page.h"
#include "ui/views/grind_page.h"
#include "ui/views/main_window.h"
#include "tests/ui/window_test_support.h"

using namespace vanikeys;
using namespace vanikeys::ui;
using nlohmann::json;

namespace {

constexpr const char* kRunPodKey = "rp-app-key";
constexpr const char* kEndpoint = "vkapp";
constexpr const char* kModalKey = "wk-app";
constexpr const char* kModalSecret = "ws-app";

json http_json(const std::string& url, cloud::HttpHeaders headers = {}) {
    cloud::CurlTransport http;
    cloud::HttpRequest r;
    r.url = url;
    r.headers = std::move(headers);
    const cloud::HttpResult reply = http.send(r);
    return reply.ok() ? json::parse(reply->body, nullptr, false) : json();
}

void post_json(const std::string& url, const json& body) {
    cloud::CurlTransport http;
    cloud::HttpRequest r;
    r.method = cloud::HttpMethod::Post;
    r.url = url;
    r.body = body.dump();
    r.headers = {{"content-type", "application/json"}};
    (void)http.send(r);
}

} // namespace

class TestCloudApp : public QObject {
    Q_OBJECT

    EmulatorProcess m_runpod;
    EmulatorProcess m_modal;
    QTemporaryDir m_dir;
    std::shared_ptr<MemorySecretVault> m_keychain = std::make_shared<MemorySecretVault>(true, true);
    std::unique_ptr<AppContext> m_ctx;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::string> m_secrets;  // found private keys (hex): never in a request body

    template <class T>
    T* child(const char* name) {
        T* w = m_window->findChild<T*>(QString::fromLatin1(name));
        if (!w) qFatal("no child %s", name);
        return w;
    }

    // A new context and window on the same data folder and keychain: what a restart sees.
    void open_app() {
        m_window.reset();
        m_ctx.reset();
        auto settings = std::make_unique<AppSettings>(
            std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat));
        ContextOptions options;
        options.keychain = m_keychain;
        m_ctx = AppContext::create(std::move(settings), m_dir.filePath(QStringLiteral("data")), std::move(options));
        m_window = std::make_unique<MainWindow>(*m_ctx);
        m_window->show();
    }

    void choose_engine(const char* id) {
        auto* combo = child<QComboBox>("engineCombo");
        const int row = combo->findData(QString::fromLatin1(id));
        QVERIFY(row >= 0);
        combo->setCurrentIndex(row);
    }

    void type_pattern(const QString& text, const char* mode) {
        QVERIFY(testing::type_pattern(*m_window, text, mode));
    }

    std::optional<cloud::CloudGroup> listed(const QString& name) {
        CloudJobsModel* jobs = m_window->cloud_jobs_model();
        const int row = jobs->find(name);
        if (row < 0) return std::nullopt;
        return jobs->group(row);
    }

    bool found_and_collected(const QString& name) {
        const std::optional<cloud::CloudGroup> g = listed(name);
        return g && g->found && g->collected;
    }

    QString cell(const QString& name, int column) {
        CloudJobsModel* jobs = m_window->cloud_jobs_model();
        return jobs->data(jobs->index(jobs->find(name), column)).toString();
    }

    // Checks the newest found key from scratch (libsecp256k1 and the reference scorer) and that
    // the store has it; returns its address.
    std::string check_found_key(const QString& pattern, MatchMode mode) {
        FoundKeysModel* model = m_window->found_keys_model();
        const int row = model->rowCount() - 1;
        const FoundKeyRecord& record = model->record(row);
        const std::string address = record.address;
        if (!record.exact || record.id <= 0 || record.sealed_key.empty()) {
            qWarning("the found key is not exact or not stored");
            return {};
        }
        Result<SecretKey> secret = model->private_key(row);
        if (!secret) return {};
        const std::optional<PublicKey> pub = libsecp_public_key(*secret);
        if (!pub || address_of(record.format, *pub) != address) return {};
        const Pattern p = parse_pattern(pattern.toStdString(), record.format, {mode, false, false}).value();
        if (!match_address(p, address)->exact) return {};
        m_secrets.push_back(cloud::to_hex(secret->data(), SecretKey::kSize));
        bool stored = false;
        for (const FoundKeyRecord& r : m_ctx->stored_records()) stored = stored || r.address == address;
        return stored ? address : std::string();
    }

    void start_grind() { QTest::mouseClick(child<QAbstractButton>("startGrindButton"), Qt::LeftButton); }

private Q_SLOTS:
    void initTestCase() {
        if (!EmulatorProcess::available()) QSKIP("VANIKEYS_PYTHON is not set: run ./test.sh, which creates .venv");
        qRegisterMetaType<GrindSample>();
        qRegisterMetaType<FoundKeyRecord>();
        qRegisterMetaType<PullResult>();
        QVERIFY(m_runpod.start(QStringLiteral("runpod_emulator.py"),
                               {QStringLiteral("--api-key"), QString::fromLatin1(kRunPodKey), QStringLiteral("--endpoint"),
                                QString::fromLatin1(kEndpoint)}));
        QVERIFY(m_modal.start(QStringLiteral("modal_emulator.py"), {QStringLiteral("--key"), QString::fromLatin1(kModalKey),
                                                                     QStringLiteral("--secret"), QString::fromLatin1(kModalSecret)}));
        open_app();
        AppSettings* settings = m_ctx->settings();
        settings->set_cpu_threads(1);
        settings->set_calibration_seconds(0.2);
        settings->set_engine_id(QStringLiteral("cpu"));
        // The providers, as the Settings dialog's Cloud tab saves them (test_cloud_settings
        // drives the dialog itself), pointed at the emulators.
        CloudConfig config;
        config.runpod_api_key = QString::fromLatin1(kRunPodKey);
        config.preferences.runpod_endpoint_id = QString::fromLatin1(kEndpoint);
        config.preferences.runpod_api_base = QString::fromStdString(m_runpod.base() + "/v2");
        config.preferences.modal_url = QString::fromStdString(m_modal.base());
        config.modal_key = QString::fromLatin1(kModalKey);
        config.modal_secret = QString::fromLatin1(kModalSecret);
        config.preferences.poll_seconds = 0.1;
        config.preferences.progress_seconds = 0.2;
        config.preferences.max_seconds = 60;
        QVERIFY(m_window->cloud_service()->save(config, false).ok());
        for (const EngineEntry& e : m_window->cloud_service()->engine_entries()) QVERIFY2(e.enabled, qPrintable(e.tooltip));
    }

    void grind_on_runpod_finds_a_verified_stored_key() {
        choose_engine("cloud:runpod");
        type_pattern(QStringLiteral("ab"), "contains");
        const int before = m_window->found_keys_model()->rowCount();
        m_window->cloud_service()->set_next_search_name(QStringLiteral("app-rp"));
        start_grind();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->search_model()->state(), GrindState::Found, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->found_keys_model()->rowCount() > before, 5000);
        QVERIFY(!check_found_key(QStringLiteral("ab"), MatchMode::Contains).empty());
        QVERIFY(m_window->grind_page()->chance_series()->count() >= 1);
        QVERIFY(child<QLabel>("grindMessage")->text().contains(QStringLiteral("verified")));

        // The jobs list: the search on RunPod, found and collected, with its timings and cost.
        m_window->show_page(QStringLiteral("jobs"));
        QTRY_VERIFY_WITH_TIMEOUT(found_and_collected(QStringLiteral("app-rp")), 5000);
        const cloud::CloudGroup g = *listed(QStringLiteral("app-rp"));
        QCOMPARE(g.provider, std::string("runpod"));
        QVERIFY(g.found);
        QVERIFY(g.queue_seconds.has_value() && g.run_seconds.has_value() && g.cost_usd.has_value());
        QCOMPARE(cell(QStringLiteral("app-rp"), CloudJobsModel::State), QStringLiteral("Found"));
        QCOMPARE(cell(QStringLiteral("app-rp"), CloudJobsModel::Provider), QStringLiteral("RunPod"));
        for (int column : {CloudJobsModel::Queue, CloudJobsModel::RunTime, CloudJobsModel::Cost})
            QVERIFY(cell(QStringLiteral("app-rp"), column) != QStringLiteral("—"));
        // A job this short measured its start-up, not the GPU: its rate is not taken for the picker.
        QVERIFY(!m_ctx->settings()->calibrated_rate(QStringLiteral("cloud:runpod"), KeyFormat::DidKey).has_value());
    }

    void event_loop_stays_responsive_while_a_cloud_job_runs() {
        // A worker that runs until cancelled (the emulators' fake "slow" worker: it reports
        // progress but never finds), so the app polls all along.
        post_json(m_runpod.base() + "/_control/scenarios", {{"app-slow-w0", "slow"}});
        type_pattern(QStringLiteral("zzzz"), "contains");
        m_window->cloud_service()->set_next_search_name(QStringLiteral("app-slow"));
        m_window->show_page(QStringLiteral("grind"));
        start_grind();
        QTRY_COMPARE(m_window->search_model()->state(), GrindState::Running);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->grind_page()->chance_series()->count() >= 1, 15000);  // it reports
        const int samples_before = m_window->grind_page()->chance_series()->count();
        const qint64 worst = testing::longest_stall(2500);
        qInfo("longest gap between 10 ms ticks while the cloud job ran: %lld ms", static_cast<long long>(worst));
        QVERIFY2(worst < 50, qPrintable(QStringLiteral("event loop stalled %1 ms").arg(worst)));
        QVERIFY(m_window->grind_page()->chance_series()->count() >= samples_before + 2);  // progress kept coming
        QTRY_VERIFY(listed(QStringLiteral("app-slow")) && listed(QStringLiteral("app-slow"))->state == cloud::JobState::Running);
    }

    void restart_lists_follows_and_cancels_a_running_search() {
        // Closing the app leaves the search running on the cloud.
        m_window->close();
        open_app();
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("app-slow")), 5000);
        QVERIFY(!is_final(listed(QStringLiteral("app-slow"))->state));
        QCOMPARE(cell(QStringLiteral("app-slow"), CloudJobsModel::Provider), QStringLiteral("RunPod"));

        // Follow it from the jobs page: the grind view shows its progress.
        m_window->show_page(QStringLiteral("jobs"));
        m_window->cloud_jobs_page()->select(QStringLiteral("app-slow"));
        auto* follow = child<QAbstractButton>("cloudFollowButton");
        QVERIFY(follow->isEnabled());
        QTest::mouseClick(follow, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->search_model()->state(), GrindState::Running, 5000);
        QCOMPARE(m_window->pattern_model()->current()->input.text, QStringLiteral("zzzz"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->grind_page()->chance_series()->count() >= 2, 10000);
        QCOMPARE(m_window->search_model()->cloud_search(), QStringLiteral("app-slow"));

        // Cancel it from the jobs page: the grind stops and the search ends Cancelled.
        m_window->cloud_jobs_page()->select(QStringLiteral("app-slow"));
        QTest::mouseClick(child<QAbstractButton>("cloudCancelButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->search_model()->state(), GrindState::Idle, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(listed(QStringLiteral("app-slow"))->state == cloud::JobState::Cancelled, 10000);
        QCOMPARE(cell(QStringLiteral("app-slow"), CloudJobsModel::State), QStringLiteral("Cancelled"));
    }

    void result_that_came_while_closed_is_collected_after_restart() {
        // The app submitted a search and was closed before the worker answered.
        cloud::CloudSearchRequest request;
        request.pattern = parse_pattern("cd", KeyFormat::DidKey, {MatchMode::Contains, false, false}).value();
        request.budget.max_seconds = 60;
        request.provider = "runpod";
        request.group = "app-late";
        request.progress_interval_seconds = 0.2;
        const std::size_t stored_before = m_ctx->stored_records().size();
        auto submitted = m_window->cloud_service()->session()->submit(request);
        QVERIFY(submitted.ok());
        const std::string job_id = submitted->outcome.workers.front().handle->job_id;
        m_window->close();
        m_window.reset();
        m_ctx.reset();
        QTRY_VERIFY_WITH_TIMEOUT(http_json(m_runpod.base() + "/v2/" + kEndpoint + "/status/" + job_id,
                                           {{"authorization", std::string("Bearer ") + kRunPodKey}})
                                         .value("status", "") == "COMPLETED",
                                 30000);

        open_app();  // its start-up pass polls the search, rebuilds the key from d and stores it
        QTRY_VERIFY_WITH_TIMEOUT(found_and_collected(QStringLiteral("app-late")), 15000);
        // Every exact match the worker returned (an easy pattern gives several) is stored once.
        const std::size_t keys = listed(QStringLiteral("app-late"))->workers.front().result->hits.size();
        QVERIFY(keys >= 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_ctx->stored_records().size(), stored_before + keys, 5000);
        QTRY_VERIFY(m_window->found_keys_model()->record(m_window->found_keys_model()->rowCount() - 1).pattern == "cd");
        QVERIFY(!check_found_key(QStringLiteral("cd"), MatchMode::Contains).empty());
        // Polling again (Refresh) stores nothing twice.
        m_window->show_page(QStringLiteral("jobs"));
        QTest::mouseClick(child<QAbstractButton>("cloudRefreshButton"), Qt::LeftButton);
        QTRY_VERIFY(!m_window->cloud_service()->busy());
        QCOMPARE(m_ctx->stored_records().size(), stored_before + keys);
    }

    void lying_worker_is_rejected_and_nothing_is_stored() {
        post_json(m_runpod.base() + "/_control/scenarios", {{"app-liar-w0", "lie"}});
        choose_engine("cloud:runpod");
        type_pattern(QStringLiteral("ab"), "contains");
        const int shown = m_window->found_keys_model()->rowCount();
        const std::size_t stored = m_ctx->stored_records().size();
        m_window->cloud_service()->set_next_search_name(QStringLiteral("app-liar"));
        m_window->show_page(QStringLiteral("grind"));
        start_grind();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->search_model()->state(), GrindState::Failed, 30000);
        const QString message = child<QLabel>("grindMessage")->text();
        QVERIFY2(message.contains(QStringLiteral("lied")), qPrintable(message));
        QVERIFY(child<QLabel>("grindMessage")->isVisible());
        QCOMPARE(m_window->found_keys_model()->rowCount(), shown);
        QCOMPARE(m_ctx->stored_records().size(), stored);
        QTRY_VERIFY(listed(QStringLiteral("app-liar")) && !listed(QStringLiteral("app-liar"))->found);
        QVERIFY(!listed(QStringLiteral("app-liar"))->problems.empty());
    }

    void modal_grinds_and_pulls_the_same_way() {
        choose_engine("cloud:modal");
        type_pattern(QStringLiteral("ab"), "contains");
        m_window->cloud_service()->set_next_search_name(QStringLiteral("app-modal"));
        m_window->show_page(QStringLiteral("grind"));
        start_grind();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->search_model()->state(), GrindState::Found, 30000);
        QVERIFY(!check_found_key(QStringLiteral("ab"), MatchMode::Contains).empty());
        QTRY_VERIFY(listed(QStringLiteral("app-modal")) && listed(QStringLiteral("app-modal"))->provider == "modal");
        QCOMPARE(cell(QStringLiteral("app-modal"), CloudJobsModel::Provider), QStringLiteral("Modal"));

        // A pull on Modal: sized from the rate the grind reported, its best key ranked.
        type_pattern(QStringLiteral("GO BE AWE"), "sequence");
        m_ctx->settings()->set_calibrated_rate(QStringLiteral("cloud:modal"), KeyFormat::DidKey,
                                               CalibratedRate{20000, QStringLiteral("2026-11-28"), QStringLiteral("test")});
        auto* pull = child<QAbstractButton>("pullButton");
        QTRY_VERIFY(pull->isEnabled());
        QTest::mouseClick(pull, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(static_cast<int>(m_window->pull_model()->history().size()), 1, 30000);
        const PullResult& r = m_window->pull_model()->history().back();
        QCOMPARE(r.engine_id, QStringLiteral("cloud:modal"));
        QVERIFY(r.keys >= 20000);
        QVERIFY(r.has_best && r.match.matched_chars >= 1);
        QVERIFY(child<QLabel>("pullAddressLabel")->text().contains(QStringLiteral("<b")));
    }

    void no_request_body_holds_a_private_key() {
        QVERIFY(!m_secrets.empty());
        for (EmulatorProcess* emulator : {&m_runpod, &m_modal}) {
            const json requests = http_json(emulator->base() + "/_control/requests")["requests"];
            QVERIFY(!requests.empty());
            for (const json& r : requests) {
                const std::string body = r.value("body", "");
                for (const std::string& secret : m_secrets) QVERIFY2(body.find(secret) == std::string::npos, body.c_str());
                QVERIFY(body.find("private") == std::string::npos);
            }
        }
    }

    void cleanupTestCase() {
        m_window.reset();
        m_ctx.reset();
    }
};

QTEST_MAIN(TestCloudApp)
#include "test_cloud_app.moc"
