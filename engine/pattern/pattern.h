// Patterns (SPEC §2): the words a user wants to see in an address, parsed and validated for
// one key format into per-character symbol sets that the matcher and the estimate share.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/result.h"
#include "engine/format/format_info.h"

namespace vanikeys {

enum class MatchMode : std::uint8_t { Prefix = 0, Suffix = 1, Contains = 2, Sequence = 3 };

std::optional<MatchMode> parse_match_mode(std::string_view name);  // "prefix", ...
std::string_view match_mode_name(MatchMode mode);

struct PatternOptions {
    MatchMode mode = MatchMode::Sequence;
    bool case_sensitive = false;
    bool fuzzy = false;
};

struct PatternWord {
    std::string text;                // as typed, without the '^' / '$' anchors
    std::vector<SymbolSet> classes;  // per character: the symbols of the format it may match
    bool anchored_start = false;     // sequence mode: '^WORD' must start the free part
    bool anchored_end = false;       // sequence mode: 'WORD$' must end the free part
};

struct Pattern {
    KeyFormat format = KeyFormat::DidKey;
    PatternOptions options;
    std::string text;                // the pattern as the user typed it
    std::vector<PatternWord> words;

    [[nodiscard]] int char_count() const;  // all pattern characters: the score's denominator
};

// Parses and validates `text` for `format`. On failure the Error (code 2) names the offending
// character, its word and position, the format's alphabet and what would make it possible,
// e.g. "'0' (word 1, position 3) never occurs in base58 addresses; --fuzzy lets it match 'o'".
Result<Pattern> parse_pattern(std::string_view text, KeyFormat format, PatternOptions options);

} // namespace vanikeys
