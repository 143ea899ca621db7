// PatternWidget: the pattern entry (text, format, mode, case, fuzzy) with the validator's
// message beside it, and the engine picker with the device and its measured rate.
#pragma once

#include <QWidget>

#include <vector>

#include "ui/models/engine_catalog.h"
#include "ui/models/pattern_model.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace vanikeys::ui {

class PatternWidget : public QWidget {
    Q_OBJECT
public:
    explicit PatternWidget(QWidget* parent = nullptr);

    [[nodiscard]] PatternInput input() const;
    void set_input(const PatternInput& input);
    // Shows the outcome of the latest analysis (message beside the field).
    void show_analysis(const PatternAnalysisPtr& analysis);
    void show_pending();

    void set_engines(const std::vector<EngineEntry>& engines, const QString& selected_id);
    [[nodiscard]] QString engine_id() const;
    void set_engine_id(const QString& id);
    // "GPU 0: NVIDIA ... — 48.2 million keys/s (measured 2026-11-28)" or "measuring…".
    void set_rate_text(const QString& text);
    void focus_pattern();

Q_SIGNALS:
    void input_changed(const vanikeys::ui::PatternInput& input);
    void engine_changed(const QString& engine_id);
    void recalibrate_requested();

private:
    void emit_input();

    QLineEdit* m_pattern;
    QComboBox* m_format;
    QComboBox* m_mode;
    QCheckBox* m_case;
    QCheckBox* m_fuzzy;
    QLabel* m_message;
    QComboBox* m_engine;
    QLabel* m_rate;
    QPushButton* m_recalibrate;
    bool m_updating = false;
};

} // namespace vanikeys::ui
