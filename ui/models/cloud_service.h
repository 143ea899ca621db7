// CloudService: the app's side of the cloud layer. It keeps the cloud settings (API keys in a
// SecretVault, the rest in AppSettings), the CloudSession built from them, the engine picker's
// cloud entries and cloud engines for the pull and the grind, and the cloud jobs list with its
// actions (refresh, cancel, delete) and the collection of results after a restart. Whatever may
// touch the network runs on the service's own worker thread or in a cloud engine's thread;
// results come back to the GUI thread as signals.
#pragma once

#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "cloud/client/cloud_search_engine.h"
#include "cloud/client/cloud_session.h"
#include "ui/models/app_context.h"
#include "ui/models/engine_catalog.h"
#include "ui/store/found_key.h"

namespace vanikeys::ui {

class StoreWriter;

// Everything the cloud needs from the settings, API keys included (never written to QSettings).
struct CloudConfig {
    CloudPreferences preferences;
    QString runpod_api_key;
    QString modal_key;
    QString modal_secret;

    [[nodiscard]] cloud::ProviderCredentials credentials() const;
    // The settings `provider` ("runpod", "modal"; "auto": all of both when neither is set up)
    // still needs, named as the Settings dialog names them; empty when it is set up.
    [[nodiscard]] QStringList missing(const QString& provider) const;
};

// The API keys in `vault` (entries "runpod-api-key", "modal-key", "modal-secret").
Result<CloudConfig> load_cloud_keys(SecretVault& vault, const CloudPreferences& preferences);
// Writes the API keys to `vault`; an empty key removes its entry.
Result<bool> save_cloud_keys(SecretVault& vault, const CloudConfig& config);

// A cloud search as an engine the pull and the grind own: it keeps the session alive for as
// long as it runs, and can follow a search already in the job list.
class AppCloudEngine final : public ISearchEngine, public RemoteEngine {
public:
    AppCloudEngine(std::shared_ptr<cloud::CloudSession> session, cloud::CloudEngineOptions options);
    ~AppCloudEngine() override;

    [[nodiscard]] std::string name() const override { return m_engine->name(); }
    [[nodiscard]] std::string device_description() const override { return m_engine->device_description(); }
    Result<bool> start(const SearchSpec& spec) override { return m_engine->start(spec); }
    void request_stop() override { m_engine->request_stop(); }
    SearchSummary wait() override { return m_engine->wait(); }
    [[nodiscard]] bool running() const override { return m_engine->running(); }
    [[nodiscard]] std::unique_ptr<Subscription> subscribe(SearchObserver observer) override {
        return m_engine->subscribe(std::move(observer));
    }
    Result<bool> follow(const std::string& name) override { return m_engine->resume(name); }
    [[nodiscard]] std::string search_name() const override { return m_engine->group(); }
    [[nodiscard]] std::string provider() const override { return m_engine->provider(); }

private:
    std::shared_ptr<cloud::CloudSession> m_session;  // outlives m_engine
    std::unique_ptr<cloud::CloudSearchEngine> m_engine;
};

class CloudService : public QObject {
    Q_OBJECT
public:
    explicit CloudService(AppContext& context, QObject* parent = nullptr);
    // Waits for the cloud call in flight, if any (each is bounded by its time limits).
    ~CloudService() override;

    // Reads the preferences and the API keys again (blocks while the keychain answers) and
    // reopens the session. Called at start-up and after the settings change.
    void reload();
    [[nodiscard]] const CloudConfig& config() const { return m_config; }
    // For this run only (nothing is saved): the CLI's variables RUNPOD_API_KEY,
    // RUNPOD_ENDPOINT_ID, RUNPOD_API_BASE, MODAL_URL, MODAL_KEY, MODAL_SECRET (automation,
    // screenshots). A variable that is not set leaves its setting as it was.
    void use_environment();
    // Saves new settings: preferences to AppSettings, keys to the vault (`allow_files`: the
    // user's answer where there is no keychain), then reload(). Error when the vault refused.
    Result<bool> save(const CloudConfig& config, bool allow_files);
    [[nodiscard]] AppContext& context() const { return m_ctx; }
    // Why the session could not be opened (a damaged job list); empty when it is open.
    [[nodiscard]] QString session_error() const { return m_session_error; }
    [[nodiscard]] std::shared_ptr<cloud::CloudSession> session() const { return m_session; }

    // "cloud:auto", "cloud:runpod", "cloud:modal": disabled, with the missing settings in the
    // tooltip, until their settings are complete.
    [[nodiscard]] std::vector<EngineEntry> engine_entries() const;
    // A cloud engine for a cloud entry; an error naming the missing settings for a disabled one.
    Result<std::unique_ptr<ISearchEngine>> make_engine(const EngineEntry& entry);
    // The provider that would run a grind of `pattern` (expected attempts) on `entry`.
    [[nodiscard]] QString provider_for(const EngineEntry& entry, const Pattern& pattern, double expected_attempts) const;
    // The catalog platform `provider`'s jobs are priced at, and its rate for `format` (0: none).
    [[nodiscard]] QString platform_id(const QString& provider) const;
    [[nodiscard]] QString platform_name(const QString& provider) const;
    [[nodiscard]] double catalog_rate(const QString& provider, KeyFormat format) const;

    // The jobs list, newest first, as the job list on disk last stood.
    [[nodiscard]] const std::vector<cloud::CloudGroup>& groups() const { return m_groups; }
    [[nodiscard]] std::optional<cloud::CloudGroup> group(const QString& name) const;
    // Re-reads the job list (no network).
    void reload_groups();
    // One poll of every search that may have news (running, or a result not yet collected),
    // collecting and storing its verified keys. Skips the search the grind follows.
    void refresh_pending();
    void refresh(const QString& name);
    void cancel(const QString& name);
    void remove(const QString& name);
    [[nodiscard]] bool busy() const { return m_busy > 0; }

    // Where collected keys go (null: storing is off).
    void set_store(StoreWriter* writer) { m_writer = writer; }
    // The search the grind page follows (refresh_pending leaves it to the grind's engine).
    void set_followed(const QString& name) { m_followed = name; }
    // Names the next search instead of a random "vk-…" (tests: a scenario for its workers).
    void set_next_search_name(const QString& name) { m_next_name = name; }

Q_SIGNALS:
    void config_changed();
    void groups_changed();
    // A key collected by refresh, cancel or the start-up pass: verified and stored.
    void found(const vanikeys::ui::FoundKeyRecord& record);
    // One line for the status bar: a route, a submission, a problem.
    void note(const QString& text);
    void action_failed(const QString& text);
    void busy_changed(bool busy);

private:
    enum class Action { Refresh, Cancel, Remove };
    void run_on_groups(Action action, std::vector<std::string> names);
    void open_session();
    void post_note(const QString& text);

    AppContext& m_ctx;
    CloudConfig m_config;
    std::shared_ptr<cloud::CloudSession> m_session;
    QString m_session_error;
    std::vector<cloud::CloudGroup> m_groups;
    StoreWriter* m_writer = nullptr;
    QString m_followed;
    QString m_next_name;
    int m_busy = 0;
    QThreadPool m_pool;  // one thread: the jobs list's actions run in order
};

} // namespace vanikeys::ui
