// FoundKeyRecord: one verified key as the results store keeps it and the Found keys page shows
// it. The private key is never in here in the clear: `sealed_key` is KeyCipher output, and a
// key found while storing is off lives only in `session_key` (process memory, self-wiping).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <QMetaType>

#include "engine/core/secret_key.h"
#include "engine/format/format_info.h"

namespace vanikeys::ui {

struct FoundKeyRecord {
    std::int64_t id = 0;            // store row id; 0 when not stored
    std::string found_at;           // ISO 8601, UTC
    KeyFormat format = KeyFormat::DidKey;
    std::string address;
    std::string public_key_hex;
    std::string pattern;            // as typed
    std::string mode;               // "prefix", "suffix", "contains", "sequence"
    bool case_sensitive = false;
    bool fuzzy = false;
    int matched_chars = 0;
    int total_chars = 0;
    int words_matched = 0;
    bool exact = false;
    std::vector<std::pair<int, int>> matches;  // [start, end) in the address
    std::uint64_t attempts = 0;
    double seconds = 0;
    std::vector<std::uint8_t> sealed_key;           // stored keys
    std::shared_ptr<const SecretKey> session_key;   // keys found while storing is off
};

} // namespace vanikeys::ui

Q_DECLARE_METATYPE(vanikeys::ui::FoundKeyRecord)
