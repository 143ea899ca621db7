// Loop-unrolling hint shared by the host/device hash and encoding code: loops over small
// constant ranges must unroll so that local arrays stay in registers (on the GPU above all).
#pragma once

#if defined(__CUDACC__)
#define VANIKEYS_UNROLL _Pragma("unroll")
#elif defined(__clang__)
#define VANIKEYS_UNROLL _Pragma("unroll")
#else
#define VANIKEYS_UNROLL _Pragma("GCC unroll 64")
#endif
