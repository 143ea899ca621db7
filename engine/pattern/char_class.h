// Pattern characters as sets of a format's symbols (SPEC §2: case, look-alike classes, '?'),
// and the conversions between address text and symbol indices that the scorer and tests use.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/format/format_info.h"

namespace vanikeys {

// The look-alike classes of --fuzzy, each in canonical case: "O0", "I1L", "E3", "A4", "S5",
// "T7", "B8", "G6", "Z2".
std::span<const std::string_view> lookalike_classes();

// The look-alike class that ASCII character `c` belongs to (letters in either case), or an
// empty view.
std::string_view lookalike_class_of(char c);

// Every symbol of the format's matcher alphabet.
SymbolSet alphabet_set(KeyFormat format);

// The symbols that pattern character `c` (ASCII) may match: '?' matches every symbol;
// otherwise c itself, its other case unless `case_sensitive`, and with `fuzzy` the members of
// its look-alike class (letters in both cases, or only in c's case when `case_sensitive` and c
// is a letter), intersected with the format's alphabet. For eth, a letter's case is the
// EIP-55 display case ('a' = symbol 10, 'A' = symbol 16); digits have one symbol.
// Returns 0 when nothing can match (e.g. '0' in base58, 'Q' in npub with `case_sensitive`).
SymbolSet char_symbol_set(char c, KeyFormat format, bool case_sensitive, bool fuzzy);

// The address character of each symbol in `set`, described for a message in ASCII order with
// runs of 3+ consecutive characters as ranges: "'o'", "'q' or 's'", "0, 2-9, a, c-h".
std::string describe_symbol_set(KeyFormat format, SymbolSet set);

// The free part `text` as symbol indices of the format (eth: upper-case letters are 16-21),
// or nullopt if some character is not in the format's alphabet.
std::optional<std::vector<std::uint8_t>> symbols_of_text(KeyFormat format, std::string_view text);

// The inverse of symbols_of_text. On input every symbol is below the alphabet's size.
std::string text_of_symbols(KeyFormat format, std::span<const std::uint8_t> symbols);

}  // namespace vanikeys
