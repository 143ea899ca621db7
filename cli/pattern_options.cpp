#include "cli/pattern_options.h"

namespace vanikeys::cli {

std::vector<OptionSpec> pattern_option_specs() {
    return {
        {"format", "F", "didkey, p2pkh, eth or npub"},
        {"pattern", "P", "the words to find, e.g. \"GO BE AWE SOME\" (quote it)"},
        {"mode", "M", "sequence (default), prefix, suffix or contains"},
        {"fuzzy", "", "let look-alikes match: O=0 I=1=L E=3 A=4 S=5 T=7 B=8 G=6 Z=2"},
        {"case-sensitive", "", "match letter case exactly (default: either case)"},
    };
}

Result<KeyFormat> format_from_arguments(const ParsedArguments& args) {
    auto name = args.value("format");
    if (!name) return bad_input("--format is required: didkey, p2pkh, eth or npub");
    auto format = parse_format_name(*name);
    if (!format) return bad_input("unknown format '" + *name + "': use didkey, p2pkh, eth or npub");
    return *format;
}

Result<Pattern> pattern_from_arguments(const ParsedArguments& args) {
    auto format = format_from_arguments(args);
    if (!format) return format.error();
    auto text = args.value("pattern");
    if (!text) return bad_input("--pattern is required, e.g. --pattern \"GO BE\"");
    PatternOptions options;
    if (auto mode_name = args.value("mode")) {
        auto mode = parse_match_mode(*mode_name);
        if (!mode) return bad_input("unknown mode '" + *mode_name + "': use sequence, prefix, suffix or contains");
        options.mode = *mode;
    }
    options.fuzzy = args.flag("fuzzy");
    options.case_sensitive = args.flag("case-sensitive");
    return parse_pattern(*text, *format, options);
}

std::string describe_pattern(const Pattern& pattern) {
    std::string s = "\"" + pattern.text + "\" (" + std::string(match_mode_name(pattern.options.mode));
    s += pattern.options.case_sensitive ? ", case-sensitive" : ", either case";
    if (pattern.options.fuzzy) s += ", fuzzy";
    s += ")";
    return s;
}

} // namespace vanikeys::cli
