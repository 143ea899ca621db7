#include "app/screenshot_tour.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "ui/views/main_window.h"
#include "ui/views/settings_dialog.h"

namespace vanikeys::app {
namespace {

struct Step {
    std::function<bool()> ready;  // polled every 100 ms (gives up after 60 s)
    std::function<void()> act;
};

class Tour : public QObject {
public:
    Tour(ui::MainWindow& window, QString dir) : QObject(&window), m_window(window), m_dir(std::move(dir)) {}

    void add(std::function<bool()> ready, std::function<void()> act) { m_steps.push_back({std::move(ready), std::move(act)}); }

    void start() {
        QDir().mkpath(m_dir);
        m_clock.start();
        m_timer.setInterval(100);
        connect(&m_timer, &QTimer::timeout, this, [this] { tick(); });
        m_timer.start();
    }

    void shoot(QWidget* widget, const QString& name) {
        const QString path = QDir(m_dir).filePath(name);
        widget->grab().save(path, "PNG");
        std::printf("screenshot %s\n", path.toLocal8Bit().constData());
        std::fflush(stdout);
    }

    QElapsedTimer& step_clock() { return m_step_clock; }

private:
    void tick() {
        if (m_index >= m_steps.size()) {
            m_timer.stop();
            m_window.close();
            return;
        }
        if (!m_step_clock.isValid()) m_step_clock.start();
        Step& s = m_steps[m_index];
        if (!s.ready() && m_step_clock.elapsed() < 60000) return;
        s.act();
        ++m_index;
        m_step_clock.restart();
    }

    ui::MainWindow& m_window;
    QString m_dir;
    std::vector<Step> m_steps;
    std::size_t m_index = 0;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QElapsedTimer m_step_clock;
};

void click(ui::MainWindow& w, const char* name) {
    if (auto* b = w.findChild<QAbstractButton*>(QString::fromLatin1(name))) b->click();
}

void type_pattern(ui::MainWindow& w, const QString& text) {
    if (auto* edit = w.findChild<QLineEdit*>(QStringLiteral("patternEdit"))) edit->setText(text);
}

} // namespace

void start_screenshot_tour(ui::MainWindow& window, const QString& dir) {
    auto* tour = new Tour(window, dir);
    ui::MainWindow* w = &window;
    auto waited = [tour](int ms) { return [tour, ms] { return tour->step_clock().elapsed() >= ms; }; };
    auto estimate_ready = [w] { return w->pattern_model()->current() && !w->pattern_model()->pending() && w->current_rate() > 0; };
    // 1. The estimate of "GO BE" and the pull page.
    tour->add(estimate_ready, [w] { w->show_page(QStringLiteral("pull")); });
    tour->add(waited(500), [w] { click(*w, "pullButton"); });
    tour->add([w] { return !w->pull_model()->busy() && !w->pull_model()->history().empty(); },
              [w] { click(*w, "pullButton"); });
    tour->add([w] { return !w->pull_model()->busy() && w->pull_model()->history().size() >= 2; },
              [tour, w] { tour->shoot(w, QStringLiteral("pull.png")); });
    // 2. A grind of "GO BE" for a few seconds: the charts move.
    tour->add(waited(200), [w] { type_pattern(*w, QStringLiteral("GO BE KEY")); });
    tour->add([w] { return w->pattern_model()->current() && w->pattern_model()->current()->input.text == QStringLiteral("GO BE KEY") &&
                           !w->pattern_model()->pending(); },
              [w] {
                  w->show_page(QStringLiteral("grind"));
                  click(*w, "startGrindButton");
              });
    tour->add([tour, w] { return w->search_model()->state() == ui::GrindState::Found || tour->step_clock().elapsed() > 8000; },
              [tour, w] { tour->shoot(w, QStringLiteral("grind.png")); w->search_model()->stop(); });
    // 3. A quick grind of a 3-character pattern to have a found key to show.
    tour->add([w] { return w->search_model()->state() == ui::GrindState::Idle; }, [w] { type_pattern(*w, QStringLiteral("GOB")); });
    tour->add([w] { return w->pattern_model()->current() && w->pattern_model()->current()->input.text == QStringLiteral("GOB") &&
                           !w->pattern_model()->pending(); },
              [w] { click(*w, "startGrindButton"); });
    tour->add([w] { return w->search_model()->state() == ui::GrindState::Found; },
              [tour, w] { tour->shoot(w, QStringLiteral("grind-found.png")); w->show_page(QStringLiteral("found")); });
    tour->add(waited(400), [tour, w] { tour->shoot(w, QStringLiteral("found-keys.png")); type_pattern(*w, QStringLiteral("GO BE")); });
    // 4. Costs of "GO BE" on every platform.
    tour->add([w] { return w->pattern_model()->current() && w->pattern_model()->current()->input.text == QStringLiteral("GO BE") &&
                           !w->pattern_model()->pending(); },
              [w] { w->show_page(QStringLiteral("costs")); });
    tour->add(waited(600), [tour, w] { tour->shoot(w, QStringLiteral("costs.png")); });
    // 5. Settings.
    tour->add(waited(100), [tour, w] {
        auto* dialog = w->make_settings_dialog();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        QTimer::singleShot(500, dialog, [tour, dialog] {
            tour->shoot(dialog, QStringLiteral("settings.png"));
            dialog->close();
        });
    });
    tour->add(waited(1000), [] {});
    tour->start();
}

} // namespace vanikeys::app
