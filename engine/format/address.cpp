#include "engine/format/address.h"

#include <array>
#include <cctype>

#include "engine/encoding/base58.h"
#include "engine/encoding/bech32.h"
#include "engine/encoding/hex.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/ripemd160.h"
#include "engine/hash/sha256.h"

namespace vanikeys {
namespace {

using encoding::base58_encode;
using encoding::base58check_decode;
using encoding::base58check_encode;
using encoding::eth_checksum_address;
using encoding::hex_decode;
using encoding::hex_encode;
using encoding::npub_encode;
using encoding::nsec_decode;
using encoding::nsec_encode;

// did:key multicodec prefix for secp256k1-pub (varint 0xe7 = 0xe7 0x01).
constexpr std::uint8_t kDidKeyMulticodec[2] = {0xE7, 0x01};

std::array<std::uint8_t, 20> hash160(const std::uint8_t* data, std::size_t size) {
    std::array<std::uint8_t, 32> sha{};
    hash::sha256(data, size, sha.data());
    std::array<std::uint8_t, 20> out{};
    hash::ripemd160(sha.data(), sha.size(), out.data());
    return out;
}

std::array<std::uint8_t, 20> eth_address_bytes(const PublicKey& key) {
    std::array<std::uint8_t, 32> digest{};
    hash::keccak256(key.xy.data(), key.xy.size(), digest.data());
    std::array<std::uint8_t, 20> out{};
    std::copy(digest.begin() + 12, digest.end(), out.begin());
    return out;
}

} // namespace

std::string address_of(KeyFormat format, const PublicKey& key) {
    switch (format) {
    case KeyFormat::DidKey: {
        std::array<std::uint8_t, 35> payload{};
        payload[0] = kDidKeyMulticodec[0];
        payload[1] = kDidKeyMulticodec[1];
        std::copy(key.compressed.begin(), key.compressed.end(), payload.begin() + 2);
        return "did:key:z" + base58_encode(payload);
    }
    case KeyFormat::P2pkh: {
        std::array<std::uint8_t, 21> payload{};
        const auto h = hash160(key.compressed.data(), key.compressed.size());
        std::copy(h.begin(), h.end(), payload.begin() + 1);  // version byte 0x00: mainnet
        return base58check_encode(payload);
    }
    case KeyFormat::Eth:
        return eth_checksum_address(eth_address_bytes(key).data());
    case KeyFormat::Npub:
        return npub_encode(key.compressed.data() + 1);
    }
    return {};
}

std::optional<std::vector<std::uint8_t>> free_part_symbols(KeyFormat format, std::string_view address) {
    const FormatInfo& info = format_info(format);
    if (!address.starts_with(info.fixed_lead)) return std::nullopt;
    const std::string_view free = address.substr(info.fixed_lead.size());
    if (static_cast<int>(free.size()) > info.free_max_length || free.empty()) return std::nullopt;
    std::vector<std::uint8_t> symbols;
    symbols.reserve(free.size());
    for (char c : free) {
        const int index = symbol_index(format, c);
        if (index < 0) return std::nullopt;
        symbols.push_back(static_cast<std::uint8_t>(index));
    }
    return symbols;
}

std::string secret_hex(const SecretKey& secret) {
    return hex_encode(secret.bytes());
}

std::string secret_wif(const SecretKey& secret) {
    // 0x80 (mainnet) || key || 0x01 (compressed public key).
    std::array<std::uint8_t, 34> payload{};
    payload[0] = 0x80;
    std::copy(secret.bytes().begin(), secret.bytes().end(), payload.begin() + 1);
    payload[33] = 0x01;
    std::string wif = base58check_encode(payload);
    secure_wipe(payload.data(), payload.size());
    return wif;
}

std::string secret_nsec(const SecretKey& secret) {
    return nsec_encode(secret.data());
}

Result<SecretKey> parse_secret(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty()) return bad_input("the private key is empty");

    std::optional<SecretKey> key;
    if (text.starts_with("nsec1")) {
        auto decoded = nsec_decode(text);
        if (!decoded) return bad_input("the private key looks like an nsec but is not a valid one (bech32 checksum or length)");
        key.emplace(std::move(*decoded));
    } else if ((text.size() == 51 || text.size() == 52) && (text[0] == 'K' || text[0] == 'L' || text[0] == '5')) {
        auto bytes = base58check_decode(text);
        if (!bytes) return bad_input("the private key looks like a WIF but its base58 checksum is wrong");
        if (bytes->size() == 33 && (*bytes)[0] == 0x80)
            return bad_input("this WIF is for an uncompressed key; VaniKeys uses compressed keys (WIF starting with K or L)");
        if (bytes->size() != 34 || (*bytes)[0] != 0x80 || (*bytes)[33] != 0x01) {
            secure_wipe(bytes->data(), bytes->size());
            return bad_input("the WIF is not a compressed mainnet private key (K... or L...)");
        }
        key.emplace(std::span<const std::uint8_t, 32>(bytes->data() + 1, 32));
        secure_wipe(bytes->data(), bytes->size());
    } else {
        std::string_view hex = text;
        if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
        if (hex.size() != 64)
            return bad_input("a private key is 64 hex digits (or a WIF starting with K/L, or an nsec1...); got " +
                             std::to_string(hex.size()) + " characters");
        auto bytes = hex_decode(hex);
        if (!bytes) return bad_input("the private key has characters that are not hex digits");
        key.emplace(std::span<const std::uint8_t, 32>(bytes->data(), 32));
        secure_wipe(bytes->data(), bytes->size());
    }
    if (!libsecp_secret_valid(*key))
        return bad_input("that is not a valid secp256k1 private key (it must be between 1 and n-1)");
    return std::move(*key);
}

Result<PublicKey> parse_public_key_hex(std::string_view hex) {
    if (hex.starts_with("0x")) hex.remove_prefix(2);
    auto bytes = hex_decode(hex);
    if (!bytes || (bytes->size() != 33 && bytes->size() != 65))
        return bad_input("a public key is 66 hex digits (compressed, 02/03...) or 130 (uncompressed, 04...)");
    auto key = libsecp_parse_public_key(bytes->data(), bytes->size());
    if (!key) return bad_input("those bytes are not a point on secp256k1");
    return *key;
}

std::string public_key_hex(const PublicKey& key) {
    return hex_encode(key.compressed);
}

} // namespace vanikeys
