// vanikeys: the desktop app's entry point. Builds the app context (settings, data folder, store
// key, results store), shows the main window, and applies the command line's automation.
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QTimer>

#include <sys/stat.h>

#include "app/app_options.h"
#include "app/screenshot_tour.h"
#include "ui/models/app_context.h"
#include "ui/views/main_window.h"

int main(int argc, char** argv) {
    ::umask(077);  // everything the app creates is its user's alone
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("VaniKeys"));
    QApplication::setApplicationName(QStringLiteral("VaniKeys"));
    QApplication::setApplicationVersion(QStringLiteral(VANIKEYS_VERSION));

    QString error;
    auto options = vanikeys::app::parse_app_options(QApplication::arguments(), error);
    if (!options) {
        std::fprintf(stderr, "vanikeys: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    qRegisterMetaType<vanikeys::ui::PatternAnalysisPtr>();
    qRegisterMetaType<vanikeys::ui::GrindSample>();
    qRegisterMetaType<vanikeys::ui::FoundKeyRecord>();
    qRegisterMetaType<vanikeys::ui::PullResult>();

    auto context = vanikeys::ui::AppContext::create(vanikeys::ui::AppSettings::create_default(),
                                                    vanikeys::ui::app_data_dir());
    vanikeys::ui::MainWindow window(*context);
    window.show();
    window.apply_automation(options->automation);
    if (!options->screenshots_dir.isEmpty()) vanikeys::app::start_screenshot_tour(window, options->screenshots_dir);
    return QApplication::exec();
}
