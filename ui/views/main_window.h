// MainWindow: the app. Pattern entry and engine picker on top, the live estimate on the left,
// and the Pull, Grind, Found keys and Costs pages. It wires the models to the views and owns
// nothing slow: engine work, estimates and store writes all run on other threads.
#pragma once

#include <QMainWindow>

#include <optional>
#include <vector>

#include "ui/models/app_context.h"
#include "ui/models/calibration_model.h"
#include "ui/models/cost_chart_model.h"
#include "ui/models/found_keys_model.h"
#include "ui/models/pattern_model.h"
#include "ui/models/pull_model.h"
#include "ui/models/search_model.h"

class QLabel;
class QSplitter;
class QTabWidget;

namespace vanikeys::ui {

class CostPage;
class EstimateWidget;
class FoundKeysPage;
class GrindPage;
class PatternWidget;
class PullPage;
class SettingsDialog;

// What the command line may ask of the window (tests, automation, screenshots).
struct Automation {
    std::optional<PatternInput> pattern;
    QString engine_id;           // empty: the settings' default
    int cpu_threads = -1;        // -1: the settings'
    bool start_grind = false;    // once the pattern's estimate is ready
    bool print_found = false;    // "found ADDRESS" on stdout once a key is stored
    bool quit_after_found = false;
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(AppContext& context, QWidget* parent = nullptr);
    ~MainWindow() override;

    void apply_automation(const Automation& automation);
    // "pull", "grind", "found", "costs"
    void show_page(const QString& name);

    [[nodiscard]] PatternModel* pattern_model() { return &m_pattern_model; }
    [[nodiscard]] SearchModel* search_model() { return &m_search; }
    [[nodiscard]] PullModel* pull_model() { return &m_pull; }
    [[nodiscard]] FoundKeysModel* found_keys_model() { return &m_found; }
    [[nodiscard]] CostChartModel* cost_model() { return &m_costs; }
    [[nodiscard]] CalibrationModel* calibration_model() { return &m_calibration; }
    [[nodiscard]] GrindPage* grind_page() const { return m_grind_page; }
    [[nodiscard]] CostPage* cost_page() const { return m_cost_page; }
    [[nodiscard]] FoundKeysPage* found_keys_page() const { return m_found_page; }
    [[nodiscard]] double current_rate() const;

    void open_settings();
    // A settings dialog for this window's settings (the caller shows and owns it).
    [[nodiscard]] SettingsDialog* make_settings_dialog();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_menus();
    void on_input_changed(const PatternInput& input);
    void on_analysis(const PatternAnalysisPtr& analysis);
    void on_engine_changed(const QString& id);
    void refresh_rate();
    void ensure_calibrated();
    void on_calibrated(const QString& engine_id, KeyFormat format, double keys_per_second);
    void start_grind();
    void start_pull();
    void on_found(const FoundKeyRecord& record);
    void on_grind_state(GrindState state);
    void offer_checkpoint();
    void resume_checkpoint();
    void refresh_store_note();
    [[nodiscard]] EngineEntry selected_engine() const;
    [[nodiscard]] int cpu_threads() const;
    [[nodiscard]] bool analysis_ready() const;

    AppContext& m_ctx;
    std::vector<EngineEntry> m_engines;
    PatternModel m_pattern_model;
    CalibrationModel m_calibration;
    SearchModel m_search;
    PullModel m_pull;
    FoundKeysModel m_found;
    CostChartModel m_costs;

    PatternWidget* m_pattern_widget;
    EstimateWidget* m_estimate;
    QTabWidget* m_tabs;
    PullPage* m_pull_page;
    GrindPage* m_grind_page;
    FoundKeysPage* m_found_page;
    CostPage* m_cost_page;
    QSplitter* m_splitter;
    QLabel* m_banner;

    Automation m_automation;
    bool m_auto_grind_pending = false;
    std::optional<GrindCheckpoint> m_checkpoint;
    bool m_resume_pending = false;
};

} // namespace vanikeys::ui
