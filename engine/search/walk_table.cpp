#include "engine/search/walk_table.h"

#include <stdexcept>

namespace vanikeys {

PublicKey generator_multiple(std::uint64_t j) {
    SecretKey k;
    for (int i = 0; i < 8; ++i) k.mutable_bytes()[31 - i] = static_cast<std::uint8_t>(j >> (8 * i));
    auto point = libsecp_public_key(k);
    if (!point) throw std::invalid_argument("generator_multiple: j must be positive");
    return *point;
}

} // namespace vanikeys
