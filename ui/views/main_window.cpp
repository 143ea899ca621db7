#include "ui/views/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cstdio>

#include "engine/core/humanize.h"
#include "ui/views/cost_page.h"
#include "ui/views/estimate_widget.h"
#include "ui/views/found_keys_page.h"
#include "ui/views/grind_page.h"
#include "ui/views/pattern_widget.h"
#include "ui/views/pull_page.h"
#include "ui/views/qt_text.h"
#include "ui/views/settings_dialog.h"

namespace vanikeys::ui {
namespace {

// The catalog's platform a local engine's measurement stands for.
QString platform_for(const EngineEntry& e) {
    return e.choice == EngineChoice::Cuda ? QStringLiteral("own-gpu") : QStringLiteral("own-cpu");
}

} // namespace

MainWindow::MainWindow(AppContext& context, QWidget* parent)
    : QMainWindow(parent), m_ctx(context), m_calibration(context.settings()), m_costs(context.settings()) {
    setWindowTitle(tr("VaniKeys"));
    setObjectName(QStringLiteral("mainWindow"));
    m_engines = local_engine_entries();

    m_search.set_store(m_ctx.writer(), m_ctx.cipher());
    m_search.set_checkpoint_path(m_ctx.checkpoint_path());
    m_pull.set_store(m_ctx.writer());
    m_found.set_cipher(m_ctx.cipher());
    m_found.set_records(m_ctx.stored_records());

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("storeBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("background:#fff3c4; color:#5d4037; padding:6px; border-radius:4px;"));
    m_pattern_widget = new PatternWidget(this);
    m_estimate = new EstimateWidget(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("pageTabs"));
    m_pull_page = new PullPage(this);
    m_grind_page = new GrindPage(this);
    m_found_page = new FoundKeysPage(&m_found, this);
    m_cost_page = new CostPage(&m_costs, this);
    m_tabs->addTab(m_pull_page, tr("Gacha &pull"));
    m_tabs->addTab(m_grind_page, tr("&Guaranteed grind"));
    m_tabs->addTab(m_found_page, tr("&Found keys"));
    m_tabs->addTab(m_cost_page, tr("&Costs"));
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(m_estimate);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({360, 900});
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->addWidget(m_banner);
    layout->addWidget(m_pattern_widget);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    build_menus();

    m_pattern_widget->set_engines(m_engines, m_ctx.settings()->engine_id());
    connect(m_pattern_widget, &PatternWidget::input_changed, this, &MainWindow::on_input_changed);
    connect(m_pattern_widget, &PatternWidget::engine_changed, this, &MainWindow::on_engine_changed);
    connect(m_pattern_widget, &PatternWidget::recalibrate_requested, this, [this] {
        m_calibration.calibrate(selected_engine(), m_pattern_widget->input().format);
    });
    connect(&m_pattern_model, &PatternModel::analysis_ready, this, &MainWindow::on_analysis);
    connect(&m_calibration, &CalibrationModel::calibrated, this, &MainWindow::on_calibrated);
    connect(&m_calibration, &CalibrationModel::calibration_failed, this,
            [this](const QString& m) { statusBar()->showMessage(tr("Calibration failed: %1").arg(m), 10000); });
    connect(m_pull_page, &PullPage::pull_requested, this, &MainWindow::start_pull);
    connect(&m_pull, &PullModel::pull_started, m_pull_page, &PullPage::show_busy);
    connect(&m_pull, &PullModel::pulled, m_pull_page, &PullPage::show_result);
    connect(&m_pull, &PullModel::found, this, &MainWindow::on_found);
    connect(&m_pull, &PullModel::failed, this, [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    connect(m_grind_page, &GrindPage::start_requested, this, &MainWindow::start_grind);
    connect(m_grind_page, &GrindPage::pause_requested, &m_search, &SearchModel::pause);
    connect(m_grind_page, &GrindPage::resume_requested, &m_search, &SearchModel::resume);
    connect(m_grind_page, &GrindPage::stop_requested, &m_search, &SearchModel::stop);
    connect(m_grind_page, &GrindPage::resume_checkpoint_requested, this, &MainWindow::resume_checkpoint);
    connect(m_grind_page, &GrindPage::discard_checkpoint_requested, this, [this] {
        remove_checkpoint(m_ctx.checkpoint_path());
        m_checkpoint.reset();
        m_grind_page->show_checkpoint_offer(nullptr);
    });
    connect(&m_search, &SearchModel::progressed, m_grind_page, &GrindPage::add_sample);
    connect(&m_search, &SearchModel::best_improved, this, [this](const CheckpointBest& best) {
        if (m_search.analysis() && m_search.analysis()->pattern)
            m_grind_page->set_best(best, m_search.analysis()->pattern->format);
    });
    connect(&m_search, &SearchModel::state_changed, this, &MainWindow::on_grind_state);
    connect(&m_search, &SearchModel::found, this, &MainWindow::on_found);
    connect(&m_search, &SearchModel::failed, this, [this](const QString& m) { m_grind_page->show_message(m, true); });
    connect(m_ctx.settings(), &AppSettings::storing_changed, this, [this](bool on) {
        m_ctx.set_storing(on);
        m_search.set_store(m_ctx.writer(), m_ctx.cipher());
        m_pull.set_store(m_ctx.writer());
        refresh_store_note();
    });
    connect(m_ctx.settings(), &AppSettings::engine_defaults_changed, this, [this] {
        m_pattern_widget->set_engine_id(m_ctx.settings()->engine_id());
        refresh_rate();
    });

    refresh_store_note();
    const QByteArray geometry = m_ctx.settings()->window_geometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) resize(1320, 860);
    const QByteArray state = m_ctx.settings()->window_state();
    if (!state.isEmpty()) m_splitter->restoreState(state);

    const LastPattern last = m_ctx.settings()->last_pattern();
    PatternInput input;
    input.text = last.text;
    input.format = last.format;
    input.options.mode = parse_match_mode(last.mode.toStdString()).value_or(MatchMode::Sequence);
    input.options.case_sensitive = last.case_sensitive;
    input.options.fuzzy = last.fuzzy;
    m_pattern_widget->set_input(input);
    m_pattern_model.analyse_now(m_pattern_widget->input());
    refresh_rate();
    offer_checkpoint();
}

MainWindow::~MainWindow() = default;

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* settings = file->addAction(tr("&Settings…"), this, &MainWindow::open_settings);
    settings->setShortcut(QKeySequence::Preferences);
    settings->setObjectName(QStringLiteral("settingsAction"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* search = menuBar()->addMenu(tr("&Search"));
    QAction* focus = search->addAction(tr("Edit &pattern"), this, [this] { m_pattern_widget->focus_pattern(); });
    focus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction* pull = search->addAction(tr("P&ull"), this, &MainWindow::start_pull);
    pull->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    pull->setObjectName(QStringLiteral("pullAction"));
    QAction* grind = search->addAction(tr("Start &grind"), this, &MainWindow::start_grind);
    grind->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    grind->setObjectName(QStringLiteral("grindAction"));
    QAction* pause = search->addAction(tr("Pause / &resume grind"), this, [this] {
        if (m_search.state() == GrindState::Paused) m_search.resume();
        else m_search.pause();
    });
    pause->setShortcut(QKeySequence(Qt::Key_F5));
    QAction* stop = search->addAction(tr("&Stop grind"), &m_search, &SearchModel::stop);
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList pages = {tr("Gacha pull"), tr("Guaranteed grind"), tr("Found keys"), tr("Costs")};
    for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
        QAction* a = view->addAction(pages[i], this, [this, i] { m_tabs->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About VaniKeys"), this, [this] {
        QMessageBox::about(
            this, tr("About VaniKeys"),
            tr("<h3>VaniKeys %1</h3><p>Vanity secp256k1 keys for did:key, Bitcoin, Ethereum and Nostr.</p>"
               "<p>Every key starts from the operating system's random generator, is verified with "
               "libsecp256k1 before it is shown, and is stored encrypted.</p>"
               "<p>Shortcuts: Ctrl+L pattern, Ctrl+P pull, Ctrl+G grind, F5 pause/resume, Ctrl+. stop, "
               "Ctrl+1…4 pages, Ctrl+, settings.</p>")
                .arg(QStringLiteral(VANIKEYS_VERSION)));
    });
}

void MainWindow::show_page(const QString& name) {
    const QStringList names = {QStringLiteral("pull"), QStringLiteral("grind"), QStringLiteral("found"),
                               QStringLiteral("costs")};
    const int index = static_cast<int>(names.indexOf(name));
    if (index >= 0) m_tabs->setCurrentIndex(index);
}

EngineEntry MainWindow::selected_engine() const {
    const QString id = m_pattern_widget->engine_id();
    for (const EngineEntry& e : m_engines)
        if (e.id == id) return resolve_engine(e, m_engines);
    return resolve_engine(m_engines.front(), m_engines);
}

int MainWindow::cpu_threads() const {
    return m_automation.cpu_threads >= 0 ? m_automation.cpu_threads : m_ctx.settings()->cpu_threads();
}

double MainWindow::current_rate() const {
    const auto rate = m_ctx.settings()->calibrated_rate(selected_engine().id, m_pattern_widget->input().format);
    return rate ? rate->keys_per_second : 0;
}

bool MainWindow::analysis_ready() const {
    const PatternAnalysisPtr a = m_pattern_model.current();
    return a && a->ok && !m_pattern_model.pending();
}

void MainWindow::on_input_changed(const PatternInput& input) {
    m_pattern_model.set_input(input);
    m_pattern_widget->show_pending();
    m_estimate->show_pending();
    LastPattern last{input.text, input.format, qs(match_mode_name(input.options.mode)), input.options.case_sensitive,
                     input.options.fuzzy};
    m_ctx.settings()->set_last_pattern(last);
    refresh_rate();
}

void MainWindow::on_analysis(const PatternAnalysisPtr& a) {
    m_pattern_widget->show_analysis(a);
    m_estimate->set_analysis(a);
    const GrindState s = m_search.state();
    const bool grinding = s == GrindState::Running || s == GrindState::Pausing || s == GrindState::Paused ||
                          s == GrindState::Stopping;
    if (!grinding) m_grind_page->set_analysis(a);
    m_grind_page->set_state(s, a && a->ok);
    if (a && a->ok) m_costs.set_job(a->pattern->format, a->estimate, a->input.text);
    else m_costs.clear_job();
    refresh_rate();
    if (m_resume_pending && m_checkpoint && a && a->ok && a->pattern->text == m_checkpoint->pattern) {
        m_resume_pending = false;
        m_grind_page->set_analysis(a);
        m_search.resume_from(*m_checkpoint, a, selected_engine(), cpu_threads());
        m_checkpoint.reset();
        m_grind_page->show_checkpoint_offer(nullptr);
    }
    if (m_auto_grind_pending && a && a->ok) {
        m_auto_grind_pending = false;
        start_grind();
    }
}

void MainWindow::on_engine_changed(const QString& id) {
    Q_UNUSED(id);
    refresh_rate();
}

void MainWindow::refresh_rate() {
    const EngineEntry engine = selected_engine();
    const KeyFormat format = m_pattern_widget->input().format;
    const auto rate = m_ctx.settings()->calibrated_rate(engine.id, format);
    if (rate) {
        m_pattern_widget->set_rate_text(tr("%1 — %2 on %3 (measured %4)")
                                            .arg(engine.device, qs(human_rate(rate->keys_per_second)),
                                                 format_name(format), rate->date));
        m_estimate->set_rate(rate->keys_per_second, engine.label);
        m_costs.set_local_rate(platform_for(engine), format, rate->keys_per_second,
                               tr("calibration bench on this computer (%1)").arg(engine.device));
    } else {
        m_pattern_widget->set_rate_text(tr("%1 — measuring…").arg(engine.device));
        m_estimate->set_rate(0, engine.label);
        ensure_calibrated();
    }
    const PatternAnalysisPtr a = m_pattern_model.current();
    const bool ok = a && a->ok;
    const double keys_per_second = rate ? rate->keys_per_second : 0;
    m_pull_page->set_ready(ok && !m_pull.busy(), ok ? QString() : tr("Type a valid pattern to pull."));
    if (ok) {
        const std::uint64_t keys = pull_batch_size(keys_per_second > 0 ? keys_per_second : 100000);
        m_pull_page->set_batch(keys, chance_after(a->estimate.probability, static_cast<double>(keys)),
                               keys_per_second > 0 ? static_cast<double>(keys) / keys_per_second : 1.0);
    }
}

void MainWindow::ensure_calibrated() {
    const EngineEntry engine = selected_engine();
    const KeyFormat format = m_pattern_widget->input().format;
    if (!m_ctx.settings()->calibrated_rate(engine.id, format)) m_calibration.calibrate(engine, format);
}

void MainWindow::on_calibrated(const QString& engine_id, KeyFormat format, double keys_per_second) {
    statusBar()->showMessage(
        tr("Measured %1 on %2 for %3.").arg(qs(human_rate(keys_per_second)), engine_id, format_name(format)), 8000);
    refresh_rate();
}

void MainWindow::start_pull() {
    const PatternAnalysisPtr a = m_pattern_model.current();
    if (!a || !a->ok || m_pull.busy()) return;
    const double rate = current_rate();
    m_tabs->setCurrentWidget(m_pull_page);
    m_pull.pull(a, selected_engine(), cpu_threads(), pull_batch_size(rate > 0 ? rate : 100000));
}

void MainWindow::start_grind() {
    const PatternAnalysisPtr a = m_pattern_model.current();
    if (!a || !a->ok) return;
    if (m_search.state() == GrindState::Paused) {
        m_search.resume();
        return;
    }
    m_tabs->setCurrentWidget(m_grind_page);
    m_grind_page->set_analysis(a);
    m_grind_page->show_message(QString(), false);
    m_checkpoint.reset();
    m_grind_page->show_checkpoint_offer(nullptr);
    m_search.start(a, selected_engine(), cpu_threads());
}

void MainWindow::on_grind_state(GrindState state) {
    const PatternAnalysisPtr a = m_pattern_model.current();
    m_grind_page->set_state(state, a && a->ok);
    if (state == GrindState::Found) m_grind_page->show_message(tr("Found and verified! See Found keys."), false);
}

void MainWindow::on_found(const FoundKeyRecord& record) {
    m_found.add(record);
    const int row = m_found.find_address(record.address);
    if (row >= 0) m_found_page->select_row(row);
    statusBar()->showMessage(tr("Found %1 (verified%2)").arg(qs(record.address),
                                                             record.id > 0 ? tr(", saved") : tr(", not stored")));
    if (m_automation.print_found) {
        std::printf("found %s %s\n", record.address.c_str(), record.id > 0 ? "stored" : "memory");
        std::fflush(stdout);
    }
    if (m_automation.quit_after_found) QTimer::singleShot(0, this, &QWidget::close);
}

void MainWindow::offer_checkpoint() {
    auto loaded = load_checkpoint(m_ctx.checkpoint_path());
    if (!loaded) {
        statusBar()->showMessage(qs(loaded.error().message), 10000);
        return;
    }
    m_checkpoint = std::move(loaded.value());
    m_grind_page->show_checkpoint_offer(m_checkpoint ? &*m_checkpoint : nullptr);
}

void MainWindow::resume_checkpoint() {
    if (!m_checkpoint) return;
    PatternInput input;
    input.text = qs(m_checkpoint->pattern);
    input.format = m_checkpoint->format;
    input.options = m_checkpoint->options;
    m_resume_pending = true;
    m_tabs->setCurrentWidget(m_grind_page);
    m_pattern_widget->set_input(input);
    m_pattern_model.analyse_now(input);
}

void MainWindow::refresh_store_note() {
    const QString note = m_ctx.store_note();
    m_banner->setText(note);
    m_banner->setVisible(m_ctx.store_warning());
    m_found_page->set_store_note(note);
}

void MainWindow::apply_automation(const Automation& automation) {
    m_automation = automation;
    if (!automation.engine_id.isEmpty()) m_pattern_widget->set_engine_id(automation.engine_id);
    if (automation.pattern) {
        m_pattern_widget->set_input(*automation.pattern);
        m_pattern_model.analyse_now(*automation.pattern);
    }
    if (automation.start_grind) {
        if (analysis_ready() && (!automation.pattern || m_pattern_model.current()->input.text == automation.pattern->text))
            start_grind();
        else m_auto_grind_pending = true;
    }
}

void MainWindow::open_settings() {
    SettingsDialog dialog(m_ctx.settings(), m_engines, this);
    dialog.exec();
}

SettingsDialog* MainWindow::make_settings_dialog() { return new SettingsDialog(m_ctx.settings(), m_engines, this); }

void MainWindow::closeEvent(QCloseEvent* event) {
    m_search.shut_down();  // keeps a running grind's checkpoint for the next start
    m_ctx.settings()->set_window_layout(saveGeometry(), m_splitter->saveState());
    m_ctx.settings()->sync();
    event->accept();
}

} // namespace vanikeys::ui
