// The options every pattern-taking command shares (--format, --pattern, --mode, --fuzzy,
// --case-sensitive), and turning them into a validated Pattern.
#pragma once

#include <vector>

#include "cli/arguments.h"
#include "engine/pattern/pattern.h"

namespace vanikeys::cli {

std::vector<OptionSpec> pattern_option_specs();
Result<KeyFormat> format_from_arguments(const ParsedArguments& args);
Result<Pattern> pattern_from_arguments(const ParsedArguments& args);

// "GO BE AWE SOME (sequence, case-insensitive, fuzzy)" for human output.
std::string describe_pattern(const Pattern& pattern);

} // namespace vanikeys::cli
