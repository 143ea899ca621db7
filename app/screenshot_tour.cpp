#include "app/screenshot_tour.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDoubleSpinBox>
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

#include "ui/views/cloud_jobs_page.h"
#include "ui/views/main_window.h"
#include "ui/views/settings_dialog.h"

namespace vanikeys::app {
namespace {

struct Step {
    std::function<bool()> ready;  // polled every 100 ms (gives up after 90 s)
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
        if (!s.ready() && m_step_clock.elapsed() < 90000) return;
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

bool analysed(ui::MainWindow& w, const QString& text) {
    const ui::PatternAnalysisPtr a = w.pattern_model()->current();
    return a && a->input.text == text && !w.pattern_model()->pending();
}

void choose_engine(ui::MainWindow& w, const QString& id) {
    if (auto* combo = w.findChild<QComboBox*>(QStringLiteral("engineCombo"))) combo->setCurrentIndex(combo->findData(id));
}

bool cloud_ready(ui::MainWindow& w) {
    for (const ui::EngineEntry& e : w.engines())
        if (e.id == QLatin1String("cloud:runpod") && e.enabled) return true;
    return false;
}

bool grind_over(ui::MainWindow& w) {
    const ui::GrindState s = w.search_model()->state();
    return s == ui::GrindState::Found || s == ui::GrindState::Failed || s == ui::GrindState::Idle;
}

} // namespace

void start_screenshot_tour(ui::MainWindow& window, const QString& dir) {
    auto* tour = new Tour(window, dir);
    ui::MainWindow* w = &window;
    auto waited = [tour](int ms) { return [tour, ms] { return tour->step_clock().elapsed() >= ms; }; };
    auto pattern_ready = [w](const char* text) { return [w, text] { return analysed(*w, QString::fromUtf8(text)); }; };
    auto type = [w](const char* text) { return [w, text] { type_pattern(*w, QString::fromUtf8(text)); }; };
    auto pulls_done = [w](std::size_t n) {
        return [w, n] { return !w->pull_model()->busy() && w->pull_model()->history().size() >= n; };
    };
    const char* hard = "GO BE AWE SOME";  // where cloud GPUs matter: ~760 billion keys
    // 1. Gacha pulls of a hard pattern: the best key of each, highlighted and ranked.
    tour->add([w, hard] { return analysed(*w, QString::fromUtf8(hard)) && w->current_rate() > 0; },
              [w] { w->show_page(QStringLiteral("pull")); });
    tour->add(waited(300), [w] { click(*w, "pullButton"); });
    tour->add(pulls_done(1), [w] { click(*w, "pullButton"); });
    tour->add(pulls_done(2), [w] { click(*w, "pullButton"); });
    tour->add(pulls_done(3), [tour, w] { tour->shoot(w, QStringLiteral("pull.png")); });
    // 2. What it costs on each platform, at one job a day.
    tour->add(waited(100), [w] {
        w->show_page(QStringLiteral("costs"));
        if (auto* jobs = w->findChild<QDoubleSpinBox*>(QStringLiteral("jobsPerDaySpin"))) jobs->setValue(1);
    });
    tour->add(waited(800), [tour, w] { tour->shoot(w, QStringLiteral("costs.png")); });
    // 3. A grind that takes minutes (3.5 billion keys expected), 20 s into it: the charts' history.
    tour->add(waited(100), type("GO BE SMART"));
    tour->add(pattern_ready("GO BE SMART"), [w] {
        w->show_page(QStringLiteral("grind"));
        click(*w, "startGrindButton");
    });
    tour->add(
        [tour, w] {
            // A lucky early hit would hide the history: start over (each key is a fresh chance).
            if (w->search_model()->state() == ui::GrindState::Found) {
                click(*w, "startGrindButton");
                tour->step_clock().restart();
            }
            return w->search_model()->state() == ui::GrindState::Running && tour->step_clock().elapsed() > 20000;
        },
        [tour, w] {
            tour->shoot(w, QStringLiteral("grind.png"));
            w->search_model()->stop();
        });
    // 4. A grind of a few seconds to a verified key, and the found keys (masked).
    tour->add([w] { return grind_over(*w); }, type("GO BE KEYS"));
    tour->add(pattern_ready("GO BE KEYS"), [w] { click(*w, "startGrindButton"); });
    tour->add([w] { return w->search_model()->state() == ui::GrindState::Found; }, [tour, w] {
        tour->shoot(w, QStringLiteral("grind-found.png"));
        w->show_page(QStringLiteral("found"));
    });
    tour->add(waited(400), [tour, w] { tour->shoot(w, QStringLiteral("found-keys.png")); });
    // 5. The cloud (when --cloud-env named providers, e.g. the emulators): two searches that
    //    find, one still running, and the jobs list.
    // Once the grind before it is over: pick `engine`, type `pattern`, and start once analysed.
    auto cloud_grind = [tour, w](const char* engine, const char* pattern) {
        tour->add([tour, w] { return !cloud_ready(*w) || (grind_over(*w) && tour->step_clock().elapsed() > 500); },
                  [w, engine, pattern] {
                      if (!cloud_ready(*w)) return;
                      choose_engine(*w, QString::fromLatin1(engine));
                      type_pattern(*w, QString::fromLatin1(pattern));
                  });
        tour->add([w, pattern] { return !cloud_ready(*w) || analysed(*w, QString::fromLatin1(pattern)); }, [w] {
            if (cloud_ready(*w)) click(*w, "startGrindButton");
        });
    };
    cloud_grind("cloud:runpod", "GO BE");
    cloud_grind("cloud:modal", "GO BE KEY");
    cloud_grind("cloud:runpod", "GO BE SMART");
    tour->add(
        [tour, w] {
            if (!cloud_ready(*w)) return true;
            if (w->search_model()->state() == ui::GrindState::Found) {  // lucky: show one running
                click(*w, "startGrindButton");
                tour->step_clock().restart();
            }
            return w->search_model()->state() == ui::GrindState::Running && tour->step_clock().elapsed() > 14000;
        },
        [tour, w] {
        if (!cloud_ready(*w)) return;
        tour->shoot(w, QStringLiteral("grind-cloud.png"));
        w->show_page(QStringLiteral("jobs"));
        if (!w->cloud_service()->groups().empty())
            w->cloud_jobs_page()->select(QString::fromStdString(w->cloud_service()->groups().front().name));
    });
    tour->add(waited(1200), [tour, w] {
        if (!cloud_ready(*w)) return;
        tour->shoot(w, QStringLiteral("cloud-jobs.png"));
        w->search_model()->stop();
    });
    // 6. Settings: the general tab and the cloud tab.
    tour->add([w] { return grind_over(*w); }, [tour, w] {
        auto* dialog = w->make_settings_dialog();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
        QTimer::singleShot(500, dialog, [tour, dialog] {
            tour->shoot(dialog, QStringLiteral("settings.png"));
            dialog->show_tab(QStringLiteral("cloud"));
        });
        QTimer::singleShot(1000, dialog, [tour, dialog] {
            tour->shoot(dialog, QStringLiteral("settings-cloud.png"));
            dialog->close();
        });
    });
    tour->add(waited(1500), [] {});
    tour->start();
}

} // namespace vanikeys::app
