#include "ui/models/cloud_service.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>

#include <algorithm>

#include "cloud/client/cost_quotes.h"
#include "cloud/client/hit_verifier.h"
#include "ui/models/cloud_jobs_model.h"
#include "ui/models/cost_chart_model.h"
#include "ui/models/search_model.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {
namespace {

const std::string kRunPodKeyEntry = "runpod-api-key";
const std::string kModalKeyEntry = "modal-key";
const std::string kModalSecretEntry = "modal-secret";

// The Settings dialog's names for the variables the CLI reads.
QString setting_name(const std::string& variable) {
    if (variable == "RUNPOD_API_KEY") return QObject::tr("RunPod API key");
    if (variable == "RUNPOD_ENDPOINT_ID") return QObject::tr("RunPod endpoint id");
    if (variable == "MODAL_URL") return QObject::tr("Modal URL");
    if (variable == "MODAL_KEY") return QObject::tr("Modal key");
    if (variable == "MODAL_SECRET") return QObject::tr("Modal secret");
    return qs(variable);
}

Result<QString> read_key(SecretVault& vault, const std::string& entry) {
    auto value = vault.read(entry);
    if (!value) return value.error();
    if (!value->has_value()) return QString();
    QString text = QString::fromStdString(**value);
    std::fill((*value)->begin(), (*value)->end(), '\0');
    return text;
}

Result<bool> write_key(SecretVault& vault, const std::string& entry, const QString& value) {
    if (value.trimmed().isEmpty()) return vault.remove(entry);
    std::string bytes = value.trimmed().toStdString();
    auto written = vault.write(entry, bytes);
    std::fill(bytes.begin(), bytes.end(), '\0');
    return written;
}

// The pattern a stored job searches for (its verifier parses it the same way).
std::optional<Pattern> job_pattern(const cloud::WorkerJob& job) {
    auto verifier = cloud::HitVerifier::for_job(job);
    if (!verifier) return std::nullopt;
    return verifier->pattern();
}

} // namespace

cloud::ProviderCredentials CloudConfig::credentials() const {
    return cloud::ProviderCredentials{runpod_api_key.trimmed().toStdString(),
                                      preferences.runpod_endpoint_id.trimmed().toStdString(),
                                      preferences.modal_url.trimmed().toStdString(), modal_key.trimmed().toStdString(),
                                      modal_secret.trimmed().toStdString()};
}

QStringList CloudConfig::missing(const QString& provider) const {
    const cloud::ProviderCredentials c = credentials();
    const bool modal_url_given = !preferences.modal_api_base.trimmed().isEmpty();
    QStringList out;
    auto add = [&](const char* name) {
        for (const std::string& variable : cloud::missing_credentials(c, name, modal_url_given)) out << setting_name(variable);
    };
    if (provider == QLatin1String("auto")) {
        QStringList runpod = missing(QStringLiteral("runpod"));
        QStringList modal = missing(QStringLiteral("modal"));
        if (runpod.isEmpty() || modal.isEmpty()) return {};
        return runpod + modal;
    }
    add(provider == QLatin1String("modal") ? "modal" : "runpod");
    return out;
}

Result<CloudConfig> load_cloud_keys(SecretVault& vault, const CloudPreferences& preferences) {
    CloudConfig config;
    config.preferences = preferences;
    auto runpod = read_key(vault, kRunPodKeyEntry);
    if (!runpod) return runpod.error();
    auto modal_key = read_key(vault, kModalKeyEntry);
    if (!modal_key) return modal_key.error();
    auto modal_secret = read_key(vault, kModalSecretEntry);
    if (!modal_secret) return modal_secret.error();
    config.runpod_api_key = *runpod;
    config.modal_key = *modal_key;
    config.modal_secret = *modal_secret;
    return config;
}

Result<bool> save_cloud_keys(SecretVault& vault, const CloudConfig& config) {
    if (auto w = write_key(vault, kRunPodKeyEntry, config.runpod_api_key); !w) return w;
    if (auto w = write_key(vault, kModalKeyEntry, config.modal_key); !w) return w;
    return write_key(vault, kModalSecretEntry, config.modal_secret);
}

AppCloudEngine::AppCloudEngine(std::shared_ptr<cloud::CloudSession> session, cloud::CloudEngineOptions options)
    : m_session(std::move(session)), m_engine(std::make_unique<cloud::CloudSearchEngine>(*m_session, std::move(options))) {}

AppCloudEngine::~AppCloudEngine() = default;

CloudService::CloudService(AppContext& context, QObject* parent) : QObject(parent), m_ctx(context) {
    m_pool.setMaxThreadCount(1);
    reload();
}

CloudService::~CloudService() { m_pool.waitForDone(); }

void CloudService::reload() {
    const CloudPreferences preferences = m_ctx.settings()->cloud_preferences();
    auto loaded = load_cloud_keys(*m_ctx.cloud_vault(), preferences);
    if (loaded) {
        m_config = std::move(loaded.value());
    } else {
        m_config = CloudConfig{};
        m_config.preferences = preferences;
        post_note(tr("Cloud API keys could not be read from %1: %2")
                      .arg(qs(m_ctx.cloud_vault()->description()), qs(loaded.error().message)));
    }
    open_session();
    reload_groups();
    Q_EMIT config_changed();
}

void CloudService::use_environment() {
    auto take = [](QString& into, const char* name) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty()) into = value;
    };
    CloudPreferences& p = m_config.preferences;
    take(m_config.runpod_api_key, "RUNPOD_API_KEY");
    take(p.runpod_endpoint_id, "RUNPOD_ENDPOINT_ID");
    take(p.runpod_api_base, "RUNPOD_API_BASE");
    take(p.modal_url, "MODAL_URL");
    take(m_config.modal_key, "MODAL_KEY");
    take(m_config.modal_secret, "MODAL_SECRET");
    open_session();
    reload_groups();
    Q_EMIT config_changed();
}

Result<bool> CloudService::save(const CloudConfig& config, bool allow_files) {
    m_ctx.set_secret_files_allowed(allow_files);
    auto saved = save_cloud_keys(*m_ctx.cloud_vault(), config);
    m_ctx.settings()->set_cloud_preferences(config.preferences);
    reload();
    return saved;
}

void CloudService::open_session() {
    const CloudPreferences& p = m_config.preferences;
    cloud::CloudSessionOptions o;
    o.credentials = m_config.credentials();
    o.directory = m_ctx.cloud_directory();
    if (!p.runpod_api_base.trimmed().isEmpty()) o.runpod_api_base = p.runpod_api_base.trimmed().toStdString();
    o.modal_url = p.modal_api_base.trimmed().toStdString();
    o.ca_file = p.ca_file.toStdString();
    o.fan_out.poll_interval = std::chrono::milliseconds(static_cast<long>(std::max(0.05, p.poll_seconds) * 1000));
    // Closing the app waits for a call in flight: keep each one short.
    o.request_timeout = std::chrono::milliseconds(20'000);
    o.retry.total_budget = std::chrono::milliseconds(30'000);
    if (!p.runpod_platform.isEmpty()) o.platforms["runpod"] = p.runpod_platform.toStdString();
    if (!p.modal_platform.isEmpty()) o.platforms["modal"] = p.modal_platform.toStdString();
    UserCatalog catalog = load_user_catalog(*m_ctx.settings());
    if (catalog.catalog)
        o.cost_model = std::make_shared<const cost::CostModel>(std::move(*catalog.catalog), cost::RateBook{});
    o.secrets = std::make_shared<VaultSecretStore>(m_ctx.cloud_vault());
    auto session = cloud::CloudSession::open(std::move(o));
    if (session) {
        m_session = std::shared_ptr<cloud::CloudSession>(std::move(session).value());
        m_session_error.clear();
    } else {
        m_session.reset();
        m_session_error = qs(session.error().message);
    }
}

std::vector<EngineEntry> CloudService::engine_entries() const {
    std::vector<EngineEntry> out;
    for (const QString& provider : {QStringLiteral("auto"), QStringLiteral("runpod"), QStringLiteral("modal")}) {
        EngineEntry e;
        e.id = QStringLiteral("cloud:") + provider;
        e.kind = EngineEntry::Kind::Cloud;
        e.provider = provider;
        e.label = provider == QLatin1String("auto") ? tr("Cloud: auto (RunPod or Modal)") : tr("Cloud: %1").arg(provider_title(provider));
        e.device = provider == QLatin1String("auto") ? tr("cloud GPUs (the router picks RunPod or Modal)")
                                                     : tr("%1 GPUs (split-key)").arg(provider_title(provider));
        const QStringList missing = m_config.missing(provider);
        e.enabled = missing.isEmpty() && m_session;
        if (!m_session) {
            e.tooltip = tr("The cloud job list cannot be used: %1").arg(m_session_error);
        } else if (!missing.isEmpty()) {
            e.tooltip = tr("Not set up: set %1 in Settings → Cloud.").arg(missing.join(QStringLiteral(", ")));
        } else {
            e.tooltip = tr("Split-key search on %1: the cloud never learns your private key.").arg(e.device);
        }
        out.push_back(std::move(e));
    }
    return out;
}

void CloudService::post_note(const QString& text) {
    // From any thread: the signal leaves from the GUI thread, and not after the service is gone.
    QPointer<CloudService> self(this);
    QMetaObject::invokeMethod(QCoreApplication::instance(), [self, text] {
        if (self) Q_EMIT self->note(text);
    }, Qt::QueuedConnection);
}

Result<std::unique_ptr<ISearchEngine>> CloudService::make_engine(const EngineEntry& entry) {
    if (entry.kind != EngineEntry::Kind::Cloud) return bad_input("not a cloud engine");
    if (!m_session) return runtime_failure(m_session_error.toStdString());
    const QStringList missing = m_config.missing(entry.provider);
    if (!missing.isEmpty())
        return bad_input(tr("%1 is not set up: set %2 in Settings → Cloud.")
                             .arg(entry.label, missing.join(QStringLiteral(", ")))
                             .toStdString());
    const CloudPreferences& p = m_config.preferences;
    cloud::CloudEngineOptions o;
    o.provider = entry.provider.toStdString();
    o.workers = std::max(1, p.workers);
    o.default_max_seconds = p.max_seconds > 0 ? p.max_seconds : 3600;
    o.progress_interval_seconds = std::max(0.1, p.progress_seconds);
    o.group = m_next_name.toStdString();
    m_next_name.clear();
    QPointer<CloudService> self(this);
    o.on_note = [self](const std::string& line) {
        const QString text = qs(line);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, text] {
            if (!self) return;
            Q_EMIT self->note(text);
            self->reload_groups();  // a submission or a problem: the jobs list shows it
        }, Qt::QueuedConnection);
    };
    return std::unique_ptr<ISearchEngine>(std::make_unique<AppCloudEngine>(m_session, std::move(o)));
}

QString CloudService::provider_for(const EngineEntry& entry, const Pattern& pattern, double expected_attempts) const {
    if (entry.provider != QLatin1String("auto") || !m_session) return entry.provider;
    cloud::CloudSearchRequest request;
    request.pattern = pattern;
    request.workers = std::max(1, m_config.preferences.workers);
    request.expected_attempts = expected_attempts;
    auto route = m_session->route(request);
    return route ? qs(route->provider) : QString();
}

QString CloudService::platform_id(const QString& provider) const {
    const cost::Platform* p = m_session ? m_session->platform_for(provider.toStdString()) : nullptr;
    return p ? qs(p->id) : QString();
}

QString CloudService::platform_name(const QString& provider) const {
    const cost::Platform* p = m_session ? m_session->platform_for(provider.toStdString()) : nullptr;
    return p ? qs(p->name) : QString();
}

double CloudService::catalog_rate(const QString& provider, KeyFormat format) const {
    const cost::Platform* p = m_session ? m_session->platform_for(provider.toStdString()) : nullptr;
    return p ? p->rate(format).keys_per_second : 0;
}

std::optional<cloud::CloudGroup> CloudService::group(const QString& name) const {
    for (const cloud::CloudGroup& g : m_groups)
        if (qs(g.name) == name) return g;
    return std::nullopt;
}

void CloudService::reload_groups() {
    if (!m_session) {
        m_groups.clear();
        Q_EMIT groups_changed();
        return;
    }
    std::shared_ptr<cloud::CloudSession> session = m_session;
    ++m_busy;
    m_pool.start([this, session] {
        (void)session->store().refresh();  // the CLI may have changed it
        std::vector<cloud::CloudGroup> groups = session->groups();
        QMetaObject::invokeMethod(this, [this, session, groups = std::move(groups)]() mutable {
            if (session == m_session) {
                m_groups = std::move(groups);
                Q_EMIT groups_changed();
            }
            if (--m_busy == 0) Q_EMIT busy_changed(false);
        }, Qt::QueuedConnection);
    });
    if (m_busy == 1) Q_EMIT busy_changed(true);
}

void CloudService::refresh_pending() {
    // No names: the worker reads the job list again and picks the searches with news pending.
    if (m_session) run_on_groups(Action::Refresh, {});
}

void CloudService::refresh(const QString& name) { run_on_groups(Action::Refresh, {name.toStdString()}); }
void CloudService::cancel(const QString& name) { run_on_groups(Action::Cancel, {name.toStdString()}); }
void CloudService::remove(const QString& name) { run_on_groups(Action::Remove, {name.toStdString()}); }

void CloudService::run_on_groups(Action action, std::vector<std::string> names) {
    if (!m_session) {
        Q_EMIT action_failed(tr("The cloud job list cannot be used: %1").arg(m_session_error));
        return;
    }
    std::shared_ptr<cloud::CloudSession> session = m_session;
    StoreWriter* writer = m_writer;
    const bool all_pending = action == Action::Refresh && names.empty();
    const std::string followed = m_followed.toStdString();
    ++m_busy;
    if (m_busy == 1) Q_EMIT busy_changed(true);
    m_pool.start([this, session, writer, action, names, all_pending, followed]() mutable {
        (void)session->store().refresh();
        if (all_pending) {
            for (const cloud::CloudGroup& g : session->groups())
                if ((!is_final(g.state) || !g.collected) && g.name != followed) names.push_back(g.name);
        }
        std::vector<FoundKeyRecord> found;
        QStringList problems;
        for (const std::string& name : names) {
            if (action == Action::Remove) {
                auto removed = session->remove(name);
                if (!removed) problems << qs(removed.error().message);
                continue;
            }
            auto result = action == Action::Cancel ? session->cancel(name) : session->refresh(name);
            if (!result) {
                problems << tr("%1: %2").arg(qs(name), qs(result.error().message));
                continue;
            }
            // The background pass stays quiet: the jobs list shows each search's problems.
            if (!all_pending)
                for (const std::string& problem : result->problems) problems << tr("%1: %2").arg(qs(name), qs(problem));
            std::optional<Pattern> pattern = job_pattern(result->group.job);
            if (!pattern) continue;
            for (const SearchHit& key : result->keys) {
                RecordedKey recorded = record_found_key(*pattern, key, key.attempts, result->group.seconds, writer);
                if (!recorded.problem.isEmpty()) problems << recorded.problem;
                if (recorded.record) found.push_back(std::move(*recorded.record));
            }
        }
        std::vector<cloud::CloudGroup> groups = session->groups();
        QMetaObject::invokeMethod(this, [this, session, groups = std::move(groups), found = std::move(found), problems]() mutable {
            if (session == m_session) {
                m_groups = std::move(groups);
                Q_EMIT groups_changed();
            }
            for (const FoundKeyRecord& record : found) Q_EMIT this->found(record);
            for (const QString& problem : problems) Q_EMIT action_failed(problem);
            if (--m_busy == 0) Q_EMIT busy_changed(false);
        }, Qt::QueuedConnection);
    });
}

} // namespace vanikeys::ui
