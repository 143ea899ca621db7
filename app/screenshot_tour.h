// The screenshot tour (--screenshots DIR): drives the real window through each view and saves a
// PNG of it, for docs/screenshots. Run under Xvfb by scripts/screenshots.sh.
#pragma once

#include <QString>

namespace vanikeys::ui {
class MainWindow;
}

namespace vanikeys::app {

void start_screenshot_tour(ui::MainWindow& window, const QString& dir);

} // namespace vanikeys::app
