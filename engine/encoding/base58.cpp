// Host base58 and base58check strings. Quadratic in the length, which is fine for the short
// strings (addresses, keys) this is for; the search loop uses base58_digits instead.
#include "engine/encoding/base58.h"

#include <algorithm>
#include <array>

#include "engine/hash/sha256.h"

namespace vanikeys::encoding {

namespace {

// Digit value of each ASCII character, -1 outside the alphabet.
constexpr std::array<std::int8_t, 128> make_digit_values() {
    std::array<std::int8_t, 128> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < kBase58Alphabet.size(); ++i)
        values[static_cast<unsigned char>(kBase58Alphabet[i])] = static_cast<std::int8_t>(i);
    return values;
}

constexpr std::array<std::int8_t, 128> kDigitValues = make_digit_values();

} // namespace

std::string base58_encode(std::span<const std::uint8_t> data) {
    const std::size_t zeros = static_cast<std::size_t>(
        std::find_if(data.begin(), data.end(), [](std::uint8_t b) { return b != 0; }) - data.begin());
    // Base 58 digits of the number, least significant first: for each byte, digits = digits *
    // 256 + byte.
    std::vector<std::uint8_t> digits;
    digits.reserve(data.size() * 138 / 100 + 1);  // log(256) / log(58) < 1.38
    for (std::size_t i = zeros; i < data.size(); ++i) {
        std::uint32_t carry = data[i];
        for (std::uint8_t& digit : digits) {
            carry += std::uint32_t{digit} << 8;
            digit = static_cast<std::uint8_t>(carry % 58);
            carry /= 58;
        }
        for (; carry != 0; carry /= 58) digits.push_back(static_cast<std::uint8_t>(carry % 58));
    }
    std::string text(zeros, kBase58Alphabet[0]);
    text.reserve(zeros + digits.size());
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) text += kBase58Alphabet[*it];
    return text;
}

std::optional<std::vector<std::uint8_t>> base58_decode(std::string_view text) {
    const std::size_t ones = text.find_first_not_of(kBase58Alphabet[0]) == std::string_view::npos
                                 ? text.size()
                                 : text.find_first_not_of(kBase58Alphabet[0]);
    // Bytes of the number, least significant first: for each digit, bytes = bytes * 58 + digit.
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() * 733 / 1000 + 1);  // log(58) / log(256) < 0.733
    for (std::size_t i = ones; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= kDigitValues.size() || kDigitValues[c] < 0) return std::nullopt;
        std::uint32_t carry = static_cast<std::uint32_t>(kDigitValues[c]);
        for (std::uint8_t& byte : bytes) {
            carry += std::uint32_t{byte} * 58;
            byte = static_cast<std::uint8_t>(carry);
            carry >>= 8;
        }
        for (; carry != 0; carry >>= 8) bytes.push_back(static_cast<std::uint8_t>(carry));
    }
    std::vector<std::uint8_t> data(ones, 0);
    data.insert(data.end(), bytes.rbegin(), bytes.rend());
    return data;
}

std::string base58check_encode(std::span<const std::uint8_t> payload) {
    std::vector<std::uint8_t> data(payload.begin(), payload.end());
    std::uint8_t checksum[4];
    hash::sha256d_checksum(payload.data(), payload.size(), checksum);
    data.insert(data.end(), checksum, checksum + 4);
    return base58_encode(data);
}

std::optional<std::vector<std::uint8_t>> base58check_decode(std::string_view text) {
    auto data = base58_decode(text);
    if (!data || data->size() < 4) return std::nullopt;
    const std::size_t payload_size = data->size() - 4;
    std::uint8_t checksum[4];
    hash::sha256d_checksum(data->data(), payload_size, checksum);
    if (!std::equal(checksum, checksum + 4, data->begin() + static_cast<std::ptrdiff_t>(payload_size)))
        return std::nullopt;
    data->resize(payload_size);
    return data;
}

} // namespace vanikeys::encoding
