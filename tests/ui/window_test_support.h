// What the window tests share: typing a pattern as a user does and waiting for its analysis, and
// measuring how long the event loop ever stalls.
#pragma once

#include <QComboBox>
#include <QElapsedTimer>
#include <QTimer>
#include <QLineEdit>
#include <QtTest>

#include "ui/views/main_window.h"

namespace vanikeys::ui::testing {

// Picks `mode` ("contains", …), types `text` into the pattern field key by key, and returns once
// the window's analysis of exactly that text is in (false after 5 s).
inline bool type_pattern(MainWindow& window, const QString& text, const char* mode) {
    auto* combo = window.findChild<QComboBox*>(QStringLiteral("modeCombo"));
    auto* edit = window.findChild<QLineEdit*>(QStringLiteral("patternEdit"));
    if (!combo || !edit) return false;
    combo->setCurrentIndex(combo->findData(QString::fromLatin1(mode)));
    edit->clear();
    QTest::keyClicks(edit, text);
    auto ready = [&] {
        const PatternAnalysisPtr a = window.pattern_model()->current();
        return a && a->input.text == text && !window.pattern_model()->pending();
    };
    return QTest::qWaitFor(ready, 5000);
}

// Runs the event loop for `ms` with a 10 ms timer and returns the longest gap between its ticks:
// what a user would feel as the window freezing.
inline qint64 longest_stall(int ms) {
    QElapsedTimer clock;
    qint64 last = -1, worst = 0;
    QTimer tick;
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        if (last >= 0) worst = std::max(worst, now - last);
        last = now;
    });
    clock.start();
    tick.start();
    QTest::qWait(ms);
    tick.stop();
    return worst;
}

} // namespace vanikeys::ui::testing
