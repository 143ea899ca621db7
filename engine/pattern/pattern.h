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

    [[nodiscard]] int length() const { return static_cast<int>(classes.size()); }
};

struct Pattern {
    KeyFormat format = KeyFormat::DidKey;
    PatternOptions options;
    std::string text;  // the pattern as the user typed it
    std::vector<PatternWord> words;

    [[nodiscard]] int char_count() const;  // all pattern characters: the score's denominator
};

// Parses and validates `text` (UTF-8) for `format`. Words are separated by ASCII white space;
// prefix, suffix and contains take exactly one word; in sequence mode the first word may start
// with '^' and the last may end with '$'. Each character becomes the SymbolSet of
// char_symbol_set(); '?' matches any symbol.
// Rejected (Error code 2, nothing else done): an empty pattern, a wrong word count, a misplaced
// or lone anchor, a character that matches no symbol (non-ASCII, punctuation, '0' in base58,
// upper case in npub with case_sensitive, ...), more characters than the longest free part, and
// a pattern no key of the format can match given free_position_support() (a did:key prefix
// must start with 'M'..'w'; an npub suffix of 7+ characters must allow 'q' or 's' at the last
// data character; '^...$' must fill the whole free part). The message names the character,
// "word W, position P" (1-based; positions count the word's characters, not its anchors), the
// format's alphabet and a remedy, e.g.
//   "'0' (word 1, position 3) never occurs in base58 addresses; --fuzzy lets it match 'o'".
// Placement is checked word by word (each word somewhere in its possible range), which is
// necessary for a match; the estimate gives the exact odds.
Result<Pattern> parse_pattern(std::string_view text, KeyFormat format, PatternOptions options);

}  // namespace vanikeys
