#include "app/app_options.h"

namespace vanikeys::app {

std::optional<AppOptions> parse_app_options(const QStringList& arguments, QString& error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("VaniKeys: vanity secp256k1 keys"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption pattern(QStringLiteral("pattern"), QStringLiteral("Prefill the pattern."), QStringLiteral("TEXT"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("didkey, p2pkh, eth or npub."), QStringLiteral("F"));
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("prefix, suffix, contains or sequence."), QStringLiteral("M"));
    const QCommandLineOption fuzzy(QStringLiteral("fuzzy"), QStringLiteral("Look-alike characters match."));
    const QCommandLineOption case_sensitive(QStringLiteral("case-sensitive"), QStringLiteral("Match case exactly."));
    const QCommandLineOption engine(QStringLiteral("engine"), QStringLiteral("auto, cpu, cuda:N."), QStringLiteral("ID"));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("CPU threads (0: one per core)."), QStringLiteral("N"));
    const QCommandLineOption grind(QStringLiteral("grind"), QStringLiteral("Start a grind once the pattern is checked."));
    const QCommandLineOption print_found(QStringLiteral("print-found"),
                                         QStringLiteral("Print 'found ADDRESS stored' on stdout once a key is saved."));
    const QCommandLineOption quit_found(QStringLiteral("quit-after-found"), QStringLiteral("Close after the first found key."));
    const QCommandLineOption screenshots(QStringLiteral("screenshots"),
                                         QStringLiteral("Take a screenshot of each view into DIR and quit."), QStringLiteral("DIR"));
    parser.addOptions({pattern, format, mode, fuzzy, case_sensitive, engine, threads, grind, print_found, quit_found, screenshots});
    if (!parser.parse(arguments)) {
        error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help"))) parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version"))) parser.showVersion();

    AppOptions o;
    if (parser.isSet(pattern)) {
        ui::PatternInput in;
        in.text = parser.value(pattern);
        if (parser.isSet(format)) {
            auto f = parse_format_name(parser.value(format).toStdString());
            if (!f) {
                error = QStringLiteral("--format must be didkey, p2pkh, eth or npub");
                return std::nullopt;
            }
            in.format = *f;
        }
        if (parser.isSet(mode)) {
            auto m = parse_match_mode(parser.value(mode).toStdString());
            if (!m) {
                error = QStringLiteral("--mode must be prefix, suffix, contains or sequence");
                return std::nullopt;
            }
            in.options.mode = *m;
        }
        in.options.fuzzy = parser.isSet(fuzzy);
        in.options.case_sensitive = parser.isSet(case_sensitive);
        o.automation.pattern = in;
    }
    o.automation.engine_id = parser.value(engine);
    if (parser.isSet(threads)) {
        bool ok = false;
        o.automation.cpu_threads = parser.value(threads).toInt(&ok);
        if (!ok || o.automation.cpu_threads < 0) {
            error = QStringLiteral("--threads expects a number >= 0");
            return std::nullopt;
        }
    }
    o.automation.start_grind = parser.isSet(grind);
    o.automation.print_found = parser.isSet(print_found);
    o.automation.quit_after_found = parser.isSet(quit_found);
    o.screenshots_dir = parser.value(screenshots);
    return o;
}

} // namespace vanikeys::app
