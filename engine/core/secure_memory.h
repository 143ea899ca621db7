// Wiping secrets from memory in a way the optimiser cannot remove.
#pragma once

#include <cstddef>

namespace vanikeys {

// Overwrites `size` bytes at `data` with zeros. Unlike memset, the compiler may not elide it
// even when the memory is about to be freed or go out of scope.
void secure_wipe(void* data, std::size_t size) noexcept;

// Constant-time comparison of two buffers of equal length; true when they are equal.
bool constant_time_equal(const void* a, const void* b, std::size_t size) noexcept;

} // namespace vanikeys
