#include "ui/views/cloud_settings_widget.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "cloud/providers/runpod_adapter.h"
#include "ui/models/cloud_jobs_model.h"
#include "ui/models/cost_chart_model.h"
#include "ui/views/qt_text.h"

namespace vanikeys::ui {

CloudSettingsWidget::CloudSettingsWidget(CloudService* cloud, QWidget* parent) : QWidget(parent), m_cloud(cloud) {
    setObjectName(QStringLiteral("cloudSettings"));
    m_runpod_key = secret_edit("runpodApiKeyEdit");
    m_runpod_endpoint = new QLineEdit(this);
    m_runpod_endpoint->setObjectName(QStringLiteral("runpodEndpointEdit"));
    m_runpod_endpoint->setPlaceholderText(tr("from the endpoint's page in the RunPod console"));
    m_runpod_base = new QLineEdit(this);
    m_runpod_base->setObjectName(QStringLiteral("runpodApiBaseEdit"));
    m_runpod_base->setPlaceholderText(qs(cloud::kRunPodApiBase));
    m_runpod_platform = platform_combo("runpodPlatformCombo", QStringLiteral("RunPod"));
    m_modal_url = new QLineEdit(this);
    m_modal_url->setObjectName(QStringLiteral("modalUrlEdit"));
    m_modal_url->setPlaceholderText(QStringLiteral("https://<workspace>--vanikeys-web.modal.run"));
    m_modal_key = secret_edit("modalKeyEdit");
    m_modal_key->setPlaceholderText(tr("proxy auth token id, wk-…"));
    m_modal_secret = secret_edit("modalSecretEdit");
    m_modal_secret->setPlaceholderText(tr("proxy auth token secret, ws-…"));
    m_modal_base = new QLineEdit(this);
    m_modal_base->setObjectName(QStringLiteral("modalApiBaseEdit"));
    m_modal_base->setPlaceholderText(tr("the Modal URL"));
    m_modal_platform = platform_combo("modalPlatformCombo", QStringLiteral("Modal"));

    m_workers = new QSpinBox(this);
    m_workers->setObjectName(QStringLiteral("cloudWorkersSpin"));
    m_workers->setRange(1, 64);
    m_workers->setToolTip(tr("A grind fans out to this many workers, each from its own random start; the first "
                             "match cancels the others"));
    m_max_minutes = new QDoubleSpinBox(this);
    m_max_minutes->setObjectName(QStringLiteral("cloudMaxMinutesSpin"));
    m_max_minutes->setRange(1, 7 * 24 * 60);
    m_max_minutes->setDecimals(0);
    m_max_minutes->setSuffix(tr(" min"));
    m_max_minutes->setToolTip(tr("Every cloud search stops after this long, found or not: it bounds the cost"));
    m_poll = new QDoubleSpinBox(this);
    m_poll->setObjectName(QStringLiteral("cloudPollSpin"));
    m_poll->setRange(0.1, 60);
    m_poll->setSuffix(tr(" s"));
    m_progress = new QDoubleSpinBox(this);
    m_progress->setObjectName(QStringLiteral("cloudProgressSpin"));
    m_progress->setRange(0.1, 60);
    m_progress->setSuffix(tr(" s"));

    m_secrets_note = new QLabel(this);
    m_secrets_note->setObjectName(QStringLiteral("secretsNoteLabel"));
    m_secrets_note->setWordWrap(true);
    m_files = new QCheckBox(tr("Keep API keys and split-key secrets in files only I can read (mode 0600)"), this);
    m_files->setObjectName(QStringLiteral("secretFilesCheck"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cloudSettingsStatus"));
    m_status->setWordWrap(true);

    auto* runpod = new QGroupBox(tr("RunPod Serverless"), this);
    auto* runpod_form = new QFormLayout(runpod);
    runpod_form->addRow(tr("API key"), m_runpod_key);
    runpod_form->addRow(tr("Endpoint id"), m_runpod_endpoint);
    runpod_form->addRow(tr("Runs on (pricing)"), m_runpod_platform);
    runpod_form->addRow(tr("API base (testing)"), m_runpod_base);
    auto* modal = new QGroupBox(tr("Modal"), this);
    auto* modal_form = new QFormLayout(modal);
    modal_form->addRow(tr("App URL"), m_modal_url);
    modal_form->addRow(tr("Key"), m_modal_key);
    modal_form->addRow(tr("Secret"), m_modal_secret);
    modal_form->addRow(tr("Runs on (pricing)"), m_modal_platform);
    modal_form->addRow(tr("API base (testing)"), m_modal_base);
    auto* searches = new QGroupBox(tr("Cloud searches"), this);
    auto* search_form = new QFormLayout(searches);
    search_form->addRow(tr("Workers per grind"), m_workers);
    search_form->addRow(tr("Time limit per search"), m_max_minutes);
    search_form->addRow(tr("Ask for news every"), m_poll);
    search_form->addRow(tr("Workers report every"), m_progress);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(runpod);
    layout->addWidget(modal);
    layout->addWidget(searches);
    layout->addWidget(m_secrets_note);
    layout->addWidget(m_files);
    layout->addWidget(m_status);
    layout->addStretch(1);

    for (QLineEdit* e : {m_runpod_key, m_runpod_endpoint, m_modal_url, m_modal_key, m_modal_secret, m_modal_base})
        connect(e, &QLineEdit::textChanged, this, &CloudSettingsWidget::update_status);
    load();
}

QLineEdit* CloudSettingsWidget::secret_edit(const char* name) {
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setEchoMode(QLineEdit::Password);
    // A key is checked by eye more often than typed: let the user look at it.
    QAction* show = edit->addAction(QIcon::fromTheme(QStringLiteral("view-visible")), QLineEdit::TrailingPosition);
    show->setCheckable(true);
    show->setToolTip(tr("Show"));
    connect(show, &QAction::toggled, edit,
            [edit](bool on) { edit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    return edit;
}

QComboBox* CloudSettingsWidget::platform_combo(const char* name, const QString& provider) {
    auto* combo = new QComboBox(this);
    combo->setObjectName(QString::fromLatin1(name));
    UserCatalog catalog = load_user_catalog(*m_cloud->context().settings());
    bool first = true;
    if (catalog.catalog) {
        for (const cost::Platform& p : catalog.catalog->platforms) {
            if (qs(p.provider) != provider) continue;
            combo->addItem(first ? tr("%1 (default)").arg(qs(p.name)) : qs(p.name), first ? QString() : qs(p.id));
            first = false;
        }
    }
    combo->setToolTip(tr("The pricing-catalog platform your endpoint runs on: the costs and the time estimates use it"));
    return combo;
}

void CloudSettingsWidget::load() {
    const CloudConfig& c = m_cloud->config();
    const CloudPreferences& p = c.preferences;
    m_runpod_key->setText(c.runpod_api_key);
    m_runpod_endpoint->setText(p.runpod_endpoint_id);
    m_runpod_base->setText(p.runpod_api_base);
    m_runpod_platform->setCurrentIndex(std::max(0, m_runpod_platform->findData(p.runpod_platform)));
    m_modal_url->setText(p.modal_url);
    m_modal_key->setText(c.modal_key);
    m_modal_secret->setText(c.modal_secret);
    m_modal_base->setText(p.modal_api_base);
    m_modal_platform->setCurrentIndex(std::max(0, m_modal_platform->findData(p.modal_platform)));
    m_workers->setValue(p.workers);
    m_max_minutes->setValue(p.max_seconds / 60);
    m_poll->setValue(p.poll_seconds);
    m_progress->setValue(p.progress_seconds);
    AppContext& ctx = m_cloud->context();
    m_secrets_note->setText(ctx.secrets_note());
    m_files->setVisible(!ctx.has_keychain());
    m_files->setChecked(ctx.settings()->secret_files_allowed());
    update_status();
}

CloudConfig CloudSettingsWidget::config() const {
    CloudConfig c;
    CloudPreferences& p = c.preferences;
    c.runpod_api_key = m_runpod_key->text().trimmed();
    p.runpod_endpoint_id = m_runpod_endpoint->text().trimmed();
    p.runpod_api_base = m_runpod_base->text().trimmed();
    p.runpod_platform = m_runpod_platform->currentData().toString();
    p.modal_url = m_modal_url->text().trimmed();
    c.modal_key = m_modal_key->text().trimmed();
    c.modal_secret = m_modal_secret->text().trimmed();
    p.modal_api_base = m_modal_base->text().trimmed();
    p.modal_platform = m_modal_platform->currentData().toString();
    p.workers = m_workers->value();
    p.max_seconds = m_max_minutes->value() * 60;
    p.poll_seconds = m_poll->value();
    p.progress_seconds = m_progress->value();
    p.ca_file = m_cloud->config().preferences.ca_file;  // not in the dialog: tests and advanced use
    return c;
}

bool CloudSettingsWidget::files_allowed() const { return m_files->isChecked(); }

void CloudSettingsWidget::update_status() {
    const CloudConfig c = config();
    QStringList lines;
    for (const QString& provider : {QStringLiteral("runpod"), QStringLiteral("modal")}) {
        const QString title = provider_title(provider);
        const QStringList missing = c.missing(provider);
        lines << (missing.isEmpty() ? tr("%1: ready.").arg(title)
                                    : tr("%1: needs %2.").arg(title, missing.join(QStringLiteral(", "))));
    }
    lines << tr("See docs/CLOUD.md for deploying the workers.");
    m_status->setText(lines.join(QLatin1Char(' ')));
}

Result<bool> CloudSettingsWidget::apply() {
    auto saved = m_cloud->save(config(), files_allowed());
    load();
    if (!saved) m_status->setText(tr("The keys could not be saved: %1").arg(qs(saved.error().message)));
    return saved;
}

} // namespace vanikeys::ui
