// Host/device portability macros: the arithmetic, hashing, encoding and matching code is
// written once and compiled both by the host C++ compiler (tested on every machine) and by nvcc.
#pragma once

#if defined(__CUDACC__)
#define VANIKEYS_HD __host__ __device__ inline
#define VANIKEYS_HD_HOT __host__ __device__ __forceinline__
#define VANIKEYS_HD_CONSTANT __device__ __constant__
#else
#define VANIKEYS_HD inline
#define VANIKEYS_HD_HOT inline __attribute__((always_inline))
#define VANIKEYS_HD_CONSTANT
#endif

// Keeps a host function out of line where inlining it into a large caller makes GCC spill
// (the field arithmetic's carry chains need every register). No effect in CUDA builds.
#if defined(__CUDACC__)
#define VANIKEYS_HOST_NOINLINE
#else
#define VANIKEYS_HOST_NOINLINE __attribute__((noinline))
#endif

// True while compiling device code (the second pass of nvcc); selects device-only primitives
// such as PTX carry chains behind an interface that also has a portable host body.
#if defined(__CUDA_ARCH__)
#define VANIKEYS_ON_DEVICE 1
#else
#define VANIKEYS_ON_DEVICE 0
#endif

// VERIFY_CHECK-style invariant checks, compiled in only for the VANIKEYS_VERIFY build
// (see CMakePresets.json "verify"); they document contracts without costing the hot path.
#if defined(VANIKEYS_VERIFY) && !VANIKEYS_ON_DEVICE
#include <cstdio>
#include <cstdlib>
#define VANIKEYS_VERIFY_CHECK(cond)                                                           \
    do {                                                                                      \
        if (!(cond)) {                                                                        \
            std::fprintf(stderr, "%s:%d: VANIKEYS_VERIFY_CHECK(%s) failed\n", __FILE__,       \
                         __LINE__, #cond);                                                    \
            std::abort();                                                                     \
        }                                                                                     \
    } while (0)
#else
#define VANIKEYS_VERIFY_CHECK(cond) ((void)0)
#endif
