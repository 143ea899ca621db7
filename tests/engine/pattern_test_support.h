// Shared by the pattern tests: the random seed, fixed by default, printed, and taken from
// VANIKEYS_TEST_SEED when set so that a failure can be reproduced.
#pragma once

#include <QtGlobal>

#include <cstdint>
#include <cstdlib>

namespace vanikeys::testing {

inline std::uint64_t test_seed(std::uint64_t fixed_default) {
    const char* env = std::getenv("VANIKEYS_TEST_SEED");
    const std::uint64_t seed = env ? std::strtoull(env, nullptr, 0) : fixed_default;
    qInfo("seed 0x%llx (set VANIKEYS_TEST_SEED to repeat)", static_cast<unsigned long long>(seed));
    return seed;
}

} // namespace vanikeys::testing
