// Independent verification of a key before anyone sees it: the public key comes from
// libsecp256k1 and, separately, from our own arithmetic (they must agree), the address is
// recomputed from it, and a pattern is re-scored with the readable reference scorer.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/core/result.h"
#include "engine/core/secret_key.h"
#include "engine/format/format_info.h"
#include "engine/pattern/pattern.h"
#include "engine/verify/libsecp.h"

namespace vanikeys {

// How an address fares against a pattern, with positions in the ADDRESS text (lead included).
struct AddressMatch {
    double score = 0;
    int matched_chars = 0;
    int total_chars = 0;
    int words_matched = 0;
    bool exact = false;
    std::vector<std::pair<int, int>> matches;  // [start, end) in the address
};

struct VerifiedKey {
    KeyFormat format = KeyFormat::DidKey;
    std::string address;
    PublicKey public_key;
    std::optional<AddressMatch> match;  // when verified against a pattern
};

// Scores `address` (a full address of pattern.format) with the reference scorer. Error 2 if the
// text is not an address of that format.
Result<AddressMatch> match_address(const Pattern& pattern, std::string_view address);

// Derives and cross-checks the public key (libsecp256k1 vs. our own mul_gen), computes the
// address, and scores it when `pattern` is given. Error 3 if the two derivations disagree (a
// broken build or CPU: nothing derived here may then be trusted).
Result<VerifiedKey> verify_secret(KeyFormat format, const SecretKey& secret, const Pattern* pattern = nullptr);

} // namespace vanikeys
