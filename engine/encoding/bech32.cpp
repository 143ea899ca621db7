// Host bech32 strings (BIP-173) and NIP-19 npub/nsec.
#include "engine/encoding/bech32.h"

#include <algorithm>

#include "engine/core/secure_memory.h"

namespace vanikeys::encoding {

namespace {

constexpr std::size_t kMaxLength = 90;
constexpr std::size_t kChecksumLength = 6;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int charset_value(char c) {
    const std::size_t i = kBech32Charset.find(c);
    return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// The polymod state after the expanded hrp and the given values.
std::uint32_t checksum_state(std::string_view hrp, std::span<const std::uint8_t> values) {
    std::uint32_t chk = bech32_detail::hrp_state(hrp);
    for (std::uint8_t v : values) chk = bech32_detail::polymod_step(chk, v);
    return chk;
}

// Wipes a byte vector that held secret material before it is freed.
struct WipeOnExit {
    std::vector<std::uint8_t>& bytes;
    ~WipeOnExit() { secure_wipe(bytes.data(), bytes.size()); }
};

std::optional<std::array<std::uint8_t, 32>> decode_32(std::string_view text, std::string_view hrp) {
    auto decoded = bech32_decode(text);
    if (!decoded || decoded->hrp != hrp) return std::nullopt;
    WipeOnExit wipe_data{decoded->data};
    auto bytes = convert_bits(decoded->data, 5, 8, false);
    if (!bytes) return std::nullopt;
    WipeOnExit wipe_bytes{*bytes};
    if (bytes->size() != 32) return std::nullopt;
    std::array<std::uint8_t, 32> out;
    std::copy(bytes->begin(), bytes->end(), out.begin());
    return out;
}

} // namespace

std::string bech32_encode(std::string_view hrp, std::span<const std::uint8_t> data5) {
    if (hrp.empty() || hrp.size() > 83) return {};
    std::string text;
    text.reserve(hrp.size() + 1 + data5.size() + kChecksumLength);
    for (char c : hrp) {
        if (c < 33 || c > 126) return {};
        text += lower(c);
    }
    const std::string_view lower_hrp(text);
    std::uint32_t chk = checksum_state(lower_hrp, data5);
    for (std::size_t i = 0; i < kChecksumLength; ++i) chk = bech32_detail::polymod_step(chk, 0);
    chk ^= 1;
    text += '1';
    for (std::uint8_t v : data5) {
        if (v >= 32) return {};
        text += kBech32Charset[v];
    }
    for (std::size_t i = 0; i < kChecksumLength; ++i) text += kBech32Charset[(chk >> (5 * (5 - i))) & 31];
    return text;
}

std::optional<Bech32Decoded> bech32_decode(std::string_view text) {
    if (text.size() > kMaxLength) return std::nullopt;
    bool has_lower = false, has_upper = false;
    for (char c : text) {
        if (c < 33 || c > 126) return std::nullopt;
        has_lower |= c >= 'a' && c <= 'z';
        has_upper |= c >= 'A' && c <= 'Z';
    }
    if (has_lower && has_upper) return std::nullopt;
    const std::size_t separator = text.rfind('1');
    if (separator == std::string_view::npos || separator == 0 ||
        separator + 1 + kChecksumLength > text.size())
        return std::nullopt;
    Bech32Decoded decoded;
    for (char c : text.substr(0, separator)) decoded.hrp += lower(c);
    std::vector<std::uint8_t> values;
    for (char c : text.substr(separator + 1)) {
        const int v = charset_value(lower(c));
        if (v < 0) return std::nullopt;
        values.push_back(static_cast<std::uint8_t>(v));
    }
    if (checksum_state(decoded.hrp, values) != 1) return std::nullopt;
    values.resize(values.size() - kChecksumLength);
    decoded.data = std::move(values);
    return decoded;
}

std::optional<std::vector<std::uint8_t>> convert_bits(std::span<const std::uint8_t> in, int from,
                                                      int to, bool pad) {
    if (from < 1 || from > 8 || to < 1 || to > 8) return std::nullopt;
    const std::uint32_t out_mask = (1u << to) - 1;
    std::uint32_t acc = 0;
    int bits = 0;
    std::vector<std::uint8_t> out;
    out.reserve((in.size() * static_cast<std::size_t>(from) + static_cast<std::size_t>(to) - 1) /
                static_cast<std::size_t>(to));
    for (std::uint8_t v : in) {
        if ((v >> from) != 0) return std::nullopt;
        acc = (acc << from) | v;
        bits += from;
        while (bits >= to) {
            bits -= to;
            out.push_back(static_cast<std::uint8_t>((acc >> bits) & out_mask));
        }
        acc &= (1u << bits) - 1;  // keep only the bits not yet written
    }
    if (pad) {
        if (bits > 0) out.push_back(static_cast<std::uint8_t>((acc << (to - bits)) & out_mask));
    } else if (bits >= from || acc != 0) {
        return std::nullopt;
    }
    return out;
}

std::string npub_encode(const std::uint8_t x[32]) {
    const auto data = convert_bits(std::span<const std::uint8_t>(x, 32), 8, 5, true);
    return bech32_encode("npub", *data);
}

std::string nsec_encode(const SecretKey& key) {
    auto data = convert_bits(key.bytes(), 8, 5, true);
    WipeOnExit wipe{*data};
    return bech32_encode("nsec", *data);
}

std::optional<std::array<std::uint8_t, 32>> npub_decode(std::string_view text) {
    return decode_32(text, "npub");
}

std::optional<SecretKey> nsec_decode(std::string_view text) {
    auto bytes = decode_32(text, "nsec");
    if (!bytes) return std::nullopt;
    SecretKey key{std::span<const std::uint8_t, 32>(*bytes)};
    secure_wipe(bytes->data(), bytes->size());
    return key;
}

} // namespace vanikeys::encoding
