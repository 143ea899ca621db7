#include "engine/pattern/pattern.h"

#include <array>
#include <bit>
#include <cstdio>

#include "engine/pattern/char_class.h"
#include "engine/pattern/free_part_support.h"

namespace vanikeys {

namespace {

constexpr std::array<std::string_view, 4> kModeNames = {"prefix", "suffix", "contains", "sequence"};

// One character as typed: its UTF-8 bytes (a lone invalid byte counts as one character).
struct TypedChar {
    std::string bytes;
    [[nodiscard]] bool ascii() const {
        return bytes.size() == 1 && static_cast<unsigned char>(bytes[0]) < 0x80;
    }
    [[nodiscard]] char c() const { return bytes[0]; }
};
using TypedWord = std::vector<TypedChar>;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Bytes of the UTF-8 sequence at `at`, or 1 for a byte that starts no valid sequence.
std::size_t utf8_length(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const std::size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
    if (n == 1 || at + n > text.size()) return 1;
    for (std::size_t i = 1; i < n; ++i)
        if ((static_cast<unsigned char>(text[at + i]) & 0xC0) != 0x80) return 1;
    return n;
}

std::vector<TypedWord> split_words(std::string_view text) {
    std::vector<TypedWord> words;
    bool in_word = false;
    for (std::size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            in_word = false;
            ++i;
            continue;
        }
        if (!in_word) words.emplace_back();
        in_word = true;
        const std::size_t n = utf8_length(text, i);
        words.back().push_back(TypedChar{std::string(text.substr(i, n))});
        i += n;
    }
    return words;
}

// Joins message pieces (appending avoids GCC 12's false -Wrestrict on "literal" + string&&).
template <class... Parts>
std::string cat(const Parts&... parts) {
    std::string out;
    (out.append(std::string_view(parts)), ...);
    return out;
}

std::string quoted(const TypedChar& ch) {
    if (ch.bytes.size() == 1) {
        const auto b = static_cast<unsigned char>(ch.bytes[0]);
        if (b < 0x20 || b >= 0x7F) {
            std::array<char, 8> hex{};
            std::snprintf(hex.data(), hex.size(), "\\x%02X", b);
            return cat("'", hex.data(), "'");
        }
    }
    return cat("'", ch.bytes, "'");
}

std::string where(int word, int position) {
    return cat("(word ", std::to_string(word + 1), ", position ", std::to_string(position + 1), ")");
}

std::string spelled(const TypedWord& word) {
    std::string s;
    for (const TypedChar& ch : word) s += ch.bytes;
    return s;
}

// What messages call one key of the format ("did:key", "npub"), and with its article.
std::string_view format_noun(KeyFormat format) {
    switch (format) {
    case KeyFormat::DidKey: return "did:key";
    case KeyFormat::P2pkh: return "Bitcoin (P2PKH) address";
    case KeyFormat::Eth: return "Ethereum address";
    case KeyFormat::Npub: return "npub";
    }
    return "address";
}

std::string with_article(KeyFormat format) {
    return cat(format == KeyFormat::Eth || format == KeyFormat::Npub ? "an " : "a ", format_noun(format));
}

std::string free_length_text(KeyFormat format) {
    const FormatInfo& info = format_info(format);
    std::string s = cat(std::to_string(info.free_max_length), " ", info.alphabet_name, " characters");
    if (info.free_min_length != info.free_max_length)
        s += cat(" (", std::to_string(info.free_min_length), " for about 4 % of keys)");
    return cat(s, " after its fixed lead '", info.fixed_lead, "'");
}

std::string ordinal(int position) {
    return position == 0 ? std::string("first free character")
                         : cat("free character ", std::to_string(position + 1));
}

Error rejection(std::string message) { return bad_input(std::move(message)); }

// The option change that would let character `c` match something, or "".
std::string option_remedy(char c, KeyFormat format, const PatternOptions& options) {
    if (options.case_sensitive) {
        if (const SymbolSet s = char_symbol_set(c, format, false, options.fuzzy))
            return cat("without --case-sensitive it matches ", describe_symbol_set(format, s));
    }
    if (!options.fuzzy) {
        if (const SymbolSet s = char_symbol_set(c, format, options.case_sensitive, true))
            return cat("--fuzzy lets it match ", describe_symbol_set(format, s));
        if (const SymbolSet s = char_symbol_set(c, format, false, true))
            return cat("without --case-sensitive, --fuzzy lets it match ", describe_symbol_set(format, s));
    }
    return {};
}

// Why a character with no symbols cannot match, and what would let it.
std::string empty_set_message(const TypedChar& ch, int word, int position, KeyFormat format,
                              const PatternOptions& options) {
    const FormatInfo& info = format_info(format);
    const bool npub_upper = ch.ascii() && format == KeyFormat::Npub && ch.c() >= 'A' && ch.c() <= 'Z';
    std::string remedy = ch.ascii() ? option_remedy(ch.c(), format, options) : std::string();
    if (remedy.empty())
        remedy =
            cat("use '?' for any character, or one of ", describe_symbol_set(format, alphabet_set(format)));
    return cat(quoted(ch), " ", where(word, position),
               ch.ascii() ? " never occurs in " : " is not ASCII and never occurs in ", info.alphabet_name,
               " addresses", npub_upper ? " (npub is all lower case)" : "", "; ", remedy);
}

Error misplaced_anchor(const TypedChar& ch, int word, int position, MatchMode mode) {
    const bool caret = ch.c() == '^';
    const std::string head = cat(quoted(ch), " ", where(word, position));
    const std::string_view side = caret ? "start" : "end";
    if (mode == MatchMode::Sequence)
        return rejection(cat(head, " may only ", caret ? "begin the first" : "end the last",
                             " word (it pins that word to the ", side, "); move it there or drop it"));
    if ((caret && mode == MatchMode::Prefix) || (!caret && mode == MatchMode::Suffix))
        return rejection(cat(head, " is not needed: ", match_mode_name(mode),
                             " mode already pins the word to the ", side, "; drop the '", ch.bytes, "'"));
    return rejection(cat(head, " pins a word to the ", side, " only in sequence mode; use --mode sequence",
                         " (the default) or --mode ", caret ? "prefix" : "suffix", ", or drop the '",
                         ch.bytes, "'"));
}

// Checks the word count, strips valid anchors (into the returned words' flags) and rejects
// misplaced ones. On output `bare` holds each word's characters without anchors.
Result<std::vector<PatternWord>> read_structure(const std::vector<TypedWord>& typed, KeyFormat format,
                                                const PatternOptions& options, std::vector<TypedWord>& bare) {
    if (typed.empty())
        return rejection(cat("the pattern is empty; type one or more words of ",
                             format_info(format).alphabet_name, " characters (",
                             describe_symbol_set(format, alphabet_set(format)), ")"));
    const int count = static_cast<int>(typed.size());
    if (options.mode != MatchMode::Sequence && count != 1) {
        std::string list;
        for (const TypedWord& word : typed) list += cat(list.empty() ? "'" : ", '", spelled(word), "'");
        return rejection(cat(match_mode_name(options.mode),
                             " mode takes exactly one word, but the pattern has ", std::to_string(count),
                             " (", list, "); join them into one word or use --mode sequence"));
    }
    std::vector<PatternWord> words(typed.size());
    bare.assign(typed.size(), {});
    for (int w = 0; w < count; ++w) {
        const TypedWord& word = typed[w];
        PatternWord& out = words[w];
        const int last = static_cast<int>(word.size()) - 1;
        for (int i = 0; i <= last; ++i) {
            const TypedChar& ch = word[i];
            const bool caret = ch.bytes == "^";
            if (!caret && ch.bytes != "$") {
                bare[w].push_back(ch);
                continue;
            }
            const bool allowed = options.mode == MatchMode::Sequence &&
                                 (caret ? (w == 0 && i == 0) : (w == count - 1 && i == last));
            if (!allowed) return misplaced_anchor(ch, w, i, options.mode);
            (caret ? out.anchored_start : out.anchored_end) = true;
        }
        if (bare[w].empty())
            return rejection(cat("'", spelled(word), "' (word ", std::to_string(w + 1),
                                 ") has no characters to match; write the anchor against its word, as in "
                                 "'^GO' or 'SOME$'"));
        out.text = spelled(bare[w]);
    }
    return words;
}

// Each character's symbols; rejects characters that can match nothing.
std::optional<Error> read_classes(const std::vector<TypedWord>& bare, KeyFormat format,
                                  const PatternOptions& options, std::vector<PatternWord>& words) {
    for (std::size_t w = 0; w < bare.size(); ++w) {
        for (std::size_t i = 0; i < bare[w].size(); ++i) {
            const TypedChar& ch = bare[w][i];
            const SymbolSet set =
                ch.ascii() ? char_symbol_set(ch.c(), format, options.case_sensitive, options.fuzzy) : 0;
            if (set == 0)
                return rejection(
                    empty_set_message(ch, static_cast<int>(w), static_cast<int>(i), format, options));
            words[w].classes.push_back(set);
        }
    }
    return std::nullopt;
}

std::optional<Error> check_total_length(const std::vector<TypedWord>& bare, KeyFormat format) {
    const int limit = format_info(format).free_max_length;
    int total = 0;
    for (const TypedWord& word : bare) total += static_cast<int>(word.size());
    if (total <= limit) return std::nullopt;
    int seen = 0;
    for (std::size_t w = 0; w < bare.size(); ++w) {
        const int size = static_cast<int>(bare[w].size());
        if (seen + size > limit) {
            const int i = limit - seen;
            return rejection(cat(quoted(bare[w][i]), " ", where(static_cast<int>(w), i),
                                 " does not fit: the pattern has ", std::to_string(total), " characters but ",
                                 with_article(format), " has only ", free_length_text(format),
                                 "; shorten the pattern to at most ", std::to_string(limit)));
        }
        seen += size;
    }
    return std::nullopt;
}

// Where word `w` may start in a free part of `length` characters: [first, last], empty when
// first > last.
struct Placement {
    int first;
    int last;
};

Placement placement(const Pattern& p, std::size_t w, int length) {
    const PatternWord& word = p.words[w];
    const int end_aligned = length - word.length();
    if (end_aligned < 0) return {0, -1};
    switch (p.options.mode) {
    case MatchMode::Prefix: return {0, 0};
    case MatchMode::Suffix: return {end_aligned, end_aligned};
    case MatchMode::Contains: return {0, end_aligned};
    case MatchMode::Sequence: break;
    }
    int before = 0;
    int after = 0;
    for (std::size_t k = 0; k < p.words.size(); ++k) {
        if (k < w) before += p.words[k].length();
        if (k > w) after += p.words[k].length();
    }
    Placement range{before, end_aligned - after};
    if (word.anchored_start && range.last > 0) range.last = 0;
    if (word.anchored_end && range.first < end_aligned) range.first = end_aligned;
    return range;
}

// The first character of `word` placed at `start` whose class misses what keys have there,
// or -1 when the whole word can stand there.
int first_unsupported(const PatternWord& word, KeyFormat format, int start, int length) {
    for (int i = 0; i < word.length(); ++i)
        if ((word.classes[i] & free_position_support(format, start + i, length)) == 0) return i;
    return -1;
}

bool word_fits(const Pattern& p, std::size_t w, int length) {
    const Placement range = placement(p, w, length);
    for (int start = range.first; start <= range.last; ++start)
        if (first_unsupported(p.words[w], p.format, start, length) < 0) return true;
    return false;
}

bool fits_length(const Pattern& p, int length) {
    if (!free_length_possible(p.format, length)) return false;
    for (std::size_t w = 0; w < p.words.size(); ++w)
        if (!word_fits(p, w, length)) return false;
    return true;
}

// What keys have at one free-part position, for a message: "lies between 'M' and 'w' in
// base58 order (MNP...w)" when that is a run of the alphabet, else "is 'q' or 's'".
std::string describe_support(KeyFormat format, SymbolSet support) {
    const FormatInfo& info = format_info(format);
    const auto low = static_cast<std::size_t>(std::countr_zero(support));
    const auto high = static_cast<std::size_t>(63 - std::countl_zero(support));
    const bool run = static_cast<std::size_t>(std::popcount(support)) == high - low + 1;
    if (run && high - low >= 2)
        return cat("lies between '", info.symbols.substr(low, 1), "' and '", info.symbols.substr(high, 1),
                   "' in ", info.alphabet_name, " order (", info.symbols.substr(low, high - low + 1), ")");
    return cat("is ", describe_symbol_set(format, support));
}

std::string_view placement_remedy(const Pattern& p, const PatternWord& word) {
    switch (p.options.mode) {
    case MatchMode::Prefix: return "start the word differently, or use --mode contains";
    case MatchMode::Suffix: return "change that character, or use --mode contains";
    default: break;
    }
    if (word.anchored_start) return "start the word differently, or drop the '^'";
    if (word.anchored_end) return "change that character, or drop the '$'";
    return "change that character or shorten the word";
}

Error placement_error(const Pattern& p, const std::vector<TypedWord>& bare, int length) {
    for (std::size_t w = 0; w < p.words.size(); ++w) {
        if (word_fits(p, w, length)) continue;
        const PatternWord& word = p.words[w];
        const Placement range = placement(p, w, length);
        const int wi = static_cast<int>(w);
        if (range.first > range.last)  // only '^WORD$' can be too short to fit: total <= length
            return rejection(cat(quoted(bare[w][0]), " ", where(wi, 0), " starts '^", word.text,
                                 "$', pinned to both ends, so it must fill all of ", with_article(p.format),
                                 "'s free part: ", free_length_text(p.format), "; it has ",
                                 std::to_string(word.length()), " characters; drop the '^' or the '$'"));
        const int i = first_unsupported(word, p.format, range.first, length);
        const int at = range.first + i;
        const std::string nowhere = range.first == range.last
                                        ? std::string()
                                        : cat("word ", std::to_string(wi + 1), " fits nowhere in ",
                                              with_article(p.format), "'s free part; placed first, ");
        return rejection(cat(quoted(bare[w][i]), " ", where(wi, i), " cannot match: ", nowhere, "every ",
                             format_noun(p.format), "'s ", ordinal(at),
                             p.format == KeyFormat::Npub && at == 51 ? " (the last data character) " : " ",
                             describe_support(p.format, free_position_support(p.format, at, length)), "; ",
                             placement_remedy(p, word)));
    }
    return rejection(cat("no ", format_noun(p.format), " can match this pattern"));
}

// Rejects patterns that no key of the format can match (SPEC §2), trying every free-part
// length the format has; the message speaks about the usual (longest) length.
std::optional<Error> check_placement(const Pattern& p, const std::vector<TypedWord>& bare) {
    const int longest = format_info(p.format).free_max_length;
    for (int length = longest; length >= 1; --length)
        if (fits_length(p, length)) return std::nullopt;
    return placement_error(p, bare, longest);
}

}  // namespace

std::optional<MatchMode> parse_match_mode(std::string_view name) {
    for (std::size_t i = 0; i < kModeNames.size(); ++i)
        if (kModeNames[i] == name) return static_cast<MatchMode>(i);
    return std::nullopt;
}

std::string_view match_mode_name(MatchMode mode) { return kModeNames[static_cast<int>(mode)]; }

int Pattern::char_count() const {
    int total = 0;
    for (const PatternWord& word : words) total += word.length();
    return total;
}

Result<Pattern> parse_pattern(std::string_view text, KeyFormat format, PatternOptions options) {
    Pattern pattern;
    pattern.format = format;
    pattern.options = options;
    pattern.text = std::string(text);

    std::vector<TypedWord> bare;
    auto structure = read_structure(split_words(text), format, options, bare);
    if (!structure) return structure.error();
    pattern.words = std::move(structure).value();
    if (auto error = read_classes(bare, format, options, pattern.words)) return *error;
    if (auto error = check_total_length(bare, format)) return *error;
    if (auto error = check_placement(pattern, bare)) return *error;
    return pattern;
}

}  // namespace vanikeys
