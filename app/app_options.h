// The app's command line: what a user or a test may preset (pattern, engine), start (a grind)
// or ask for (screenshots). Documented in docs/APP.md under "Automation".
#pragma once

#include <QCommandLineParser>
#include <QString>

#include <optional>

#include "ui/views/main_window.h"

namespace vanikeys::app {

struct AppOptions {
    ui::Automation automation;
    QString screenshots_dir;  // non-empty: take the tour, save PNGs there, quit
};

// Parses QApplication's arguments; on a bad value returns nullopt and sets `error`.
std::optional<AppOptions> parse_app_options(const QStringList& arguments, QString& error);

} // namespace vanikeys::app
