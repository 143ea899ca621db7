// Command-line options for vanikeys-cli: declared per command, parsed strictly (an unknown or
// malformed option is a clear error with exit code 2, never silently ignored).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"

namespace vanikeys::cli {

struct OptionSpec {
    std::string name;        // without the leading "--"
    std::string value_name;  // empty for a flag
    std::string help;
};

class ParsedArguments {
public:
    [[nodiscard]] bool flag(std::string_view name) const;
    [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view name) const { return flag(name) || value(name).has_value(); }

    // Typed accessors: absent -> fallback; present but malformed or out of range -> Error 2
    // naming the option and what it expects.
    [[nodiscard]] Result<double> number(std::string_view name, double fallback, double min, double max) const;
    [[nodiscard]] Result<long long> integer(std::string_view name, long long fallback, long long min, long long max) const;

    void set_flag(const std::string& name) { flags_.push_back(name); }
    void set_value(const std::string& name, std::string value) { values_[name] = std::move(value); }

private:
    std::vector<std::string> flags_;
    std::map<std::string, std::string, std::less<>> values_;
};

// Parses `args` (the words after the command name) against `specs`. "--help" is always
// accepted and reported as the flag "help".
Result<ParsedArguments> parse_arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

// The option list as help text, one option per line, aligned.
std::string describe_options(const std::vector<OptionSpec>& specs);

} // namespace vanikeys::cli
