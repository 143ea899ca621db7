// Host hex strings and the EIP-55 address text.
#include "engine/encoding/hex.h"

namespace vanikeys::encoding {

namespace {

constexpr std::string_view kLowerDigits = "0123456789abcdef";

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::string hex_encode(std::span<const std::uint8_t> data) {
    std::string text;
    text.reserve(2 * data.size());
    for (std::uint8_t b : data) {
        text += kLowerDigits[b >> 4];
        text += kLowerDigits[b & 15];
    }
    return text;
}

std::optional<std::vector<std::uint8_t>> hex_decode(std::string_view text) {
    if (text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
    if (text.size() % 2 != 0) return std::nullopt;
    std::vector<std::uint8_t> data(text.size() / 2);
    for (std::size_t i = 0; i < data.size(); ++i) {
        const int high = digit_value(text[2 * i]);
        const int low = digit_value(text[2 * i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        data[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return data;
}

std::string eth_checksum_address(const std::uint8_t addr[20]) {
    const std::string lower = hex_encode(std::span<const std::uint8_t>(addr, 20));
    std::uint8_t hash[32];
    hash::keccak256(reinterpret_cast<const std::uint8_t*>(lower.data()), lower.size(), hash);
    std::string text = "0x";
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const int hash_nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 15;
        const char c = lower[i];
        text += (c >= 'a' && hash_nibble >= 8) ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return text;
}

} // namespace vanikeys::encoding
