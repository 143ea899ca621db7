// 32-bit add/subtract/multiply-add with carry chains: the only device-specific part of the
// 8x32 field. On the GPU each function is one PTX instruction using the hardware carry flag;
// on the host the same function keeps the flag in a CarryChain, with identical results.
#pragma once

#include <cstdint>

#include "engine/core/hd.h"

// Fully unrolls the fixed-length limb loops that follow it (nvcc does not always do so alone;
// on the GPU an un-unrolled loop would move the limb arrays to local memory).
#if VANIKEYS_ON_DEVICE
#define VANIKEYS_SECP_UNROLL _Pragma("unroll")
#elif defined(__CUDACC__) // nvcc's host pass: its front end knows neither spelling below
#define VANIKEYS_SECP_UNROLL
#elif defined(__clang__)
#define VANIKEYS_SECP_UNROLL _Pragma("clang loop unroll(full)")
#else
#define VANIKEYS_SECP_UNROLL _Pragma("GCC unroll 16")
#endif

namespace vanikeys::secp::carry32 {

// The carry (or borrow) flag of one chain. Naming mirrors PTX: "_cc" writes the flag, "c"
// (addc, madc...) reads it; a function without "_cc" leaves the flag as it was.
//
// On the device the flag lives in the hardware condition-code register, so `flag` is unused
// there; callers must therefore never interleave two chains: finish one (with a non-_cc
// function or by not reading its flag again) before the next starts.
struct CarryChain {
    std::uint32_t flag = 0;
};

#if VANIKEYS_ON_DEVICE

VANIKEYS_HD_HOT std::uint32_t add_cc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("add.cc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t addc_cc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("addc.cc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t addc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("addc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t sub_cc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("sub.cc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t subc_cc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("subc.cc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t subc(std::uint32_t a, std::uint32_t b, CarryChain&) {
    std::uint32_t r;
    asm volatile("subc.u32 %0, %1, %2;" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t mad_lo_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain&) {
    std::uint32_t r;
    asm volatile("mad.lo.cc.u32 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t madc_lo_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain&) {
    std::uint32_t r;
    asm volatile("madc.lo.cc.u32 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t mad_hi_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain&) {
    std::uint32_t r;
    asm volatile("mad.hi.cc.u32 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t madc_hi_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain&) {
    std::uint32_t r;
    asm volatile("madc.hi.cc.u32 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}
VANIKEYS_HD_HOT std::uint32_t madc_hi(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain&) {
    std::uint32_t r;
    asm volatile("madc.hi.u32 %0, %1, %2, %3;" : "=r"(r) : "r"(a), "r"(b), "r"(c));
    return r;
}

#else // host: the same contracts in portable C++, flag carried explicitly

VANIKEYS_HD_HOT std::uint32_t add_cc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    const std::uint64_t s = std::uint64_t{a} + b;
    cc.flag = static_cast<std::uint32_t>(s >> 32);
    return static_cast<std::uint32_t>(s);
}
VANIKEYS_HD_HOT std::uint32_t addc_cc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    const std::uint64_t s = std::uint64_t{a} + b + cc.flag;
    cc.flag = static_cast<std::uint32_t>(s >> 32);
    return static_cast<std::uint32_t>(s);
}
VANIKEYS_HD_HOT std::uint32_t addc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    return a + b + cc.flag;
}
VANIKEYS_HD_HOT std::uint32_t sub_cc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    const std::uint64_t d = std::uint64_t{a} - b;
    cc.flag = static_cast<std::uint32_t>(d >> 63);
    return static_cast<std::uint32_t>(d);
}
VANIKEYS_HD_HOT std::uint32_t subc_cc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    const std::uint64_t d = std::uint64_t{a} - b - cc.flag;
    cc.flag = static_cast<std::uint32_t>(d >> 63);
    return static_cast<std::uint32_t>(d);
}
VANIKEYS_HD_HOT std::uint32_t subc(std::uint32_t a, std::uint32_t b, CarryChain& cc) {
    return a - b - cc.flag;
}
VANIKEYS_HD_HOT std::uint32_t mad_lo_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain& cc) {
    return add_cc(a * b, c, cc);
}
VANIKEYS_HD_HOT std::uint32_t madc_lo_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain& cc) {
    return addc_cc(a * b, c, cc);
}
VANIKEYS_HD_HOT std::uint32_t mad_hi_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain& cc) {
    return add_cc(static_cast<std::uint32_t>((std::uint64_t{a} * b) >> 32), c, cc);
}
VANIKEYS_HD_HOT std::uint32_t madc_hi_cc(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain& cc) {
    return addc_cc(static_cast<std::uint32_t>((std::uint64_t{a} * b) >> 32), c, cc);
}
VANIKEYS_HD_HOT std::uint32_t madc_hi(std::uint32_t a, std::uint32_t b, std::uint32_t c, CarryChain& cc) {
    return addc(static_cast<std::uint32_t>((std::uint64_t{a} * b) >> 32), c, cc);
}

#endif

// Plain (chain-free) helpers, identical on both sides.
VANIKEYS_HD_HOT std::uint32_t mul_lo(std::uint32_t a, std::uint32_t b) { return a * b; }
VANIKEYS_HD_HOT std::uint32_t mul_hi(std::uint32_t a, std::uint32_t b) {
    return static_cast<std::uint32_t>((std::uint64_t{a} * b) >> 32);
}

} // namespace vanikeys::secp::carry32
