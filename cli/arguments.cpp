#include "cli/arguments.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

namespace vanikeys::cli {

bool ParsedArguments::flag(std::string_view name) const {
    return std::find(flags_.begin(), flags_.end(), name) != flags_.end();
}

std::optional<std::string> ParsedArguments::value(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

Result<double> ParsedArguments::number(std::string_view name, double fallback, double min, double max) const {
    auto text = value(name);
    if (!text) return fallback;
    double parsed = 0;
    const auto* first = text->data();
    const auto* last = text->data() + text->size();
    auto [ptr, ec] = std::from_chars(first, last, parsed);
    if (ec != std::errc() || ptr != last || !std::isfinite(parsed))
        return bad_input("--" + std::string(name) + " expects a number, got '" + *text + "'");
    if (parsed < min || parsed > max) {
        std::ostringstream msg;
        msg << "--" << name << " must be between " << min << " and " << max << ", got " << *text;
        return bad_input(msg.str());
    }
    return parsed;
}

Result<long long> ParsedArguments::integer(std::string_view name, long long fallback, long long min, long long max) const {
    auto text = value(name);
    if (!text) return fallback;
    long long parsed = 0;
    const auto* first = text->data();
    const auto* last = text->data() + text->size();
    // Accept 1e6-style counts too: people write them for key budgets.
    auto [ptr, ec] = std::from_chars(first, last, parsed);
    if (ec != std::errc() || ptr != last) {
        double as_double = 0;
        auto [p2, ec2] = std::from_chars(first, last, as_double);
        if (ec2 != std::errc() || p2 != last || as_double != std::floor(as_double) || as_double > 9.2e18)
            return bad_input("--" + std::string(name) + " expects a whole number, got '" + *text + "'");
        parsed = static_cast<long long>(as_double);
    }
    if (parsed < min || parsed > max)
        return bad_input("--" + std::string(name) + " must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + *text);
    return parsed;
}

Result<ParsedArguments> parse_arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
    ParsedArguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            parsed.set_flag("help");
            continue;
        }
        if (!arg.starts_with("--"))
            return bad_input("unexpected argument '" + arg + "' (options start with --; quote a pattern "
                             "with spaces: --pattern \"GO BE\")");
        std::string name = arg.substr(2);
        std::optional<std::string> inline_value;
        if (auto eq = name.find('='); eq != std::string::npos) {
            inline_value = name.substr(eq + 1);
            name.resize(eq);
        }
        auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end()) return bad_input("unknown option --" + name + " (see --help)");
        if (spec->value_name.empty()) {
            if (inline_value) return bad_input("--" + name + " takes no value");
            parsed.set_flag(name);
            continue;
        }
        if (inline_value) {
            parsed.set_value(name, *inline_value);
        } else if (i + 1 < args.size()) {
            parsed.set_value(name, args[++i]);
        } else {
            return bad_input("--" + name + " needs a value (" + spec->value_name + ")");
        }
    }
    return parsed;
}

std::string describe_options(const std::vector<OptionSpec>& specs) {
    std::size_t width = 0;
    std::vector<std::string> left;
    for (const OptionSpec& s : specs) {
        left.push_back("--" + s.name + (s.value_name.empty() ? "" : " " + s.value_name));
        width = std::max(width, left.back().size());
    }
    std::string out;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        out += "  " + left[i] + std::string(width - left[i].size() + 2, ' ') + specs[i].help + "\n";
    }
    return out;
}

} // namespace vanikeys::cli
