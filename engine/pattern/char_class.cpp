#include "engine/pattern/char_class.h"

#include <array>
#include <bit>

namespace vanikeys {

namespace {

constexpr std::array<std::string_view, 9> kLookalikeClasses = {"O0", "I1L", "E3", "A4", "S5",
                                                               "T7", "B8",  "G6", "Z2"};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_upper(c) || is_lower(c); }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

SymbolSet symbol_bit(KeyFormat format, char c) {
    const int index = symbol_index(format, c);
    return index < 0 ? SymbolSet{0} : SymbolSet{1} << index;
}

// c in both cases (a non-letter is itself).
SymbolSet both_cases(KeyFormat format, char c) {
    return symbol_bit(format, to_lower(c)) | symbol_bit(format, to_upper(c));
}

}  // namespace

std::span<const std::string_view> lookalike_classes() { return kLookalikeClasses; }

std::string_view lookalike_class_of(char c) {
    const char upper = to_upper(c);
    for (std::string_view cls : kLookalikeClasses)
        if (cls.find(upper) != std::string_view::npos) return cls;
    return {};
}

SymbolSet alphabet_set(KeyFormat format) {
    const std::size_t size = format_info(format).symbols.size();
    return size >= 64 ? ~SymbolSet{0} : (SymbolSet{1} << size) - 1;
}

SymbolSet char_symbol_set(char c, KeyFormat format, bool case_sensitive, bool fuzzy) {
    if (c == '?') return alphabet_set(format);
    SymbolSet set = case_sensitive ? symbol_bit(format, c) : both_cases(format, c);
    if (!fuzzy) return set;
    // A case-sensitive letter imposes its case on the letters of its class; a digit has no
    // case to impose, so its class's letters match in both cases.
    const bool keep_case = case_sensitive && is_letter(c);
    for (char member : lookalike_class_of(c)) {
        if (!is_letter(member) || !keep_case)
            set |= both_cases(format, member);
        else
            set |= symbol_bit(format, is_upper(c) ? to_upper(member) : to_lower(member));
    }
    return set;
}

std::string describe_symbol_set(KeyFormat format, SymbolSet set) {
    const std::string_view symbols = format_info(format).symbols;
    std::array<bool, 128> present{};
    for (std::size_t i = 0; i < symbols.size(); ++i)
        if ((set >> i) & 1u) present[static_cast<unsigned char>(symbols[i])] = true;

    std::string out;
    if (std::popcount(set) <= 4) {  // a short list reads best quoted: 'i', '1' or 'L'
        int remaining = std::popcount(set);
        for (int c = 0; c < 128; ++c) {
            if (!present[c]) continue;
            out += '\'';
            out += static_cast<char>(c);
            out += '\'';
            --remaining;
            out += remaining > 1 ? ", " : remaining == 1 ? " or " : "";
        }
        return out;
    }
    for (int c = 0; c < 128; ++c) {
        if (!present[c]) continue;
        int last = c;
        while (last + 1 < 128 && present[last + 1]) ++last;
        if (!out.empty()) out += ", ";
        out += static_cast<char>(c);
        if (last - c >= 2) {
            out += '-';
            out += static_cast<char>(last);
        } else if (last == c + 1) {
            out += ", ";
            out += static_cast<char>(last);
        }
        c = last;
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> symbols_of_text(KeyFormat format, std::string_view text) {
    std::vector<std::uint8_t> out;
    out.reserve(text.size());
    for (char c : text) {
        const int index = symbol_index(format, c);
        if (index < 0) return std::nullopt;
        out.push_back(static_cast<std::uint8_t>(index));
    }
    return out;
}

std::string text_of_symbols(KeyFormat format, std::span<const std::uint8_t> symbols) {
    const std::string_view alphabet = format_info(format).symbols;
    std::string out;
    out.reserve(symbols.size());
    for (std::uint8_t s : symbols) out += alphabet[s];
    return out;
}

}  // namespace vanikeys
