// Micro-benchmark of the secp256k1 core on this machine (not a test: run it by hand,
// `build/tests/engine/bench_secp`). Prints ns per operation for both field types, one point of
// the batched walk, and multiplication by G, with libsecp256k1's key generation for scale.
//
// Times are per-thread CPU time (CLOCK_THREAD_CPUTIME_ID), so other processes competing for the
// cores do not inflate them. "latency" runs each operation on the previous result (a dependent chain); "throughput" runs
// four independent chains interleaved, as out-of-order cores overlap them in real loops.
#include <secp256k1.h>

#include <ctime>
#include <cstdio>
#include <vector>

#include "engine/secp/batch_add.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/field.h"

using namespace vanikeys::secp;

namespace {

double thread_cpu_ns() {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Makes the compiler treat value as used. Taking a copy keeps the caller's variable out of
// memory (an escaped address would add a store and a load to every iteration of its loop).
template <class T>
inline void keep(T value) {
    asm volatile("" : : "g"(&value) : "memory");
}

// ns per iteration of body(iterations): the count is grown until one run takes 20 ms, then the
// best of 7 runs is kept (on a shared or virtual machine, interference only ever adds time).
template <class Body>
double time_per_iteration(Body body) {
    long n = 1;
    for (;; n *= 2) {
        const double start = thread_cpu_ns();
        body(n);
        if (thread_cpu_ns() - start > 2e7) break;
    }
    double best = 1e300;
    for (int run = 0; run < 7; ++run) {
        const double start = thread_cpu_ns();
        body(n);
        const double ns = (thread_cpu_ns() - start) / static_cast<double>(n);
        if (ns < best) best = ns;
    }
    return best;
}

template <class F>
F sample(int i) {
    std::uint8_t b[32];
    for (int k = 0; k < 32; ++k) b[k] = static_cast<std::uint8_t>(0x9e * (k + 1) + 0x37 * i);
    return F::from_bytes_be(b);
}

// The timed loops live in their own functions with everything passed by value, so the
// compiler keeps the chains in registers as it would in real code (flatten: GCC otherwise
// declines to inline some of the lambdas and passes every value through memory).
template <class F, class Op>
[[gnu::noinline, gnu::flatten]] F dependent_chain(F x, F y, Op op, long n) {
    for (long i = 0; i < n; ++i) x = op(x, y);
    return x;
}

template <class F, class Op>
[[gnu::noinline, gnu::flatten]] F four_chains(F a, F b, F c, F d, F y, Op op, long n) {
    for (long i = 0; i < n; ++i) {
        a = op(a, y);
        b = op(b, y);
        c = op(c, y);
        d = op(d, y);
    }
    return a + b + c + d;
}

template <class F, class Op>
void bench_field_op(const char* field, const char* name, Op op) {
    const F y = sample<F>(99);
    const double latency = time_per_iteration([&](long n) { keep(dependent_chain(sample<F>(1), y, op, n)); });
    const double throughput = time_per_iteration([&](long n) {
        keep(four_chains(sample<F>(1), sample<F>(2), sample<F>(3), sample<F>(4), y, op, n));
    }) / 4;
    std::printf("%-5s %-10s latency %9.1f ns   throughput %9.1f ns\n", field, name, latency, throughput);
}

template <class F>
void bench_field(const char* field) {
    bench_field_op<F>(field, "mul", [](const F& a, const F& b) { return a * b; });
    bench_field_op<F>(field, "sqr", [](const F& a, const F&) { return a.sqr(); });
    bench_field_op<F>(field, "add", [](const F& a, const F& b) { return a + b; });
    bench_field_op<F>(field, "sub", [](const F& a, const F& b) { return a - b; });
    bench_field_op<F>(field, "mul_small", [](const F& a, const F&) { return a.mul_small(977); });
    bench_field_op<F>(field, "normalize", [](const F& a, const F& b) { return (a + b).normalized(); });
    bench_field_op<F>(field, "inv_var", [](const F& a, const F&) { return a.inv_var(); });
    bench_field_op<F>(field, "sqrt_var", [](const F& a, const F&) {
        F r;
        return a.sqrt_var(r) ? r : a + F::one();
    });
}

// One step of the walk with H table entries: 2H points per batch_add_sub_var call.
template <class F>
void bench_walk(const char* field, int half_width) {
    std::vector<Affine<F>> table(half_width), plus(half_width), minus(half_width);
    for (int j = 0; j < half_width; ++j) table[j] = mul_gen_var<F>(Scalar::from_u64(j + 1));
    std::vector<F> scratch(2 * half_width);
    Affine<F> centre = mul_gen_var<F>(Scalar::from_u64(0x123456789abcdefULL));
    const double per_call = time_per_iteration([&](long n) {
        for (long i = 0; i < n; ++i) {
            batch_add_sub_var(centre, table.data(), half_width, plus.data(), minus.data(), scratch.data());
            centre.x = plus[i % half_width].x; // keep the calls dependent; any x works
            centre.y = plus[i % half_width].y;
        }
        keep(plus[0]);
    });
    std::printf("%-5s walk H=%-4d %9.1f ns per point (%d points per inversion)\n", field, half_width,
                per_call / (2 * half_width), 2 * half_width);
}

template <class F>
void bench_points(const char* field) {
    const double table_ms = time_per_iteration([](long n) {
        std::vector<Affine<F>> table(kGenTableSize);
        for (long i = 0; i < n; ++i) build_gen_table(table.data());
        keep(table[0]);
    }) / 1e6;
    std::printf("%-5s build_gen_table %.2f ms (%zu bytes)\n", field, table_ms, sizeof(Affine<F>) * kGenTableSize);
    const Affine<F>* table = gen_table<F>();
    Scalar k = Scalar::from_words_be(0x0123456789abcdefULL, 0xfedcba9876543210ULL, 0x0f1e2d3c4b5a6978ULL, 0x8796a5b4c3d2e1f0ULL);
    // ns per k -> point(k) call, each k depending on the previous result.
    const auto time_scalar_op = [&k](auto point_of) {
        return time_per_iteration([&](long n) {
            for (long i = 0; i < n; ++i) k.n[0] ^= point_of(k).x.n[0];
            keep(k);
        });
    };
    const double gen = time_scalar_op([table](const Scalar& s) { return mul_gen_var(table, s); });
    const double gen_jacobian = time_scalar_op([table](const Scalar& s) { return mul_gen_jacobian_var(table, s); });
    const Affine<F> base = mul_gen_var(table, k);
    const double general = time_scalar_op([&base](const Scalar& s) { return mul_var(base, s); });
    const Jacobian<F> j = mul_gen_jacobian_var(table, k);
    const double dbl = time_per_iteration([&](long n) {
        Jacobian<F> acc = j;
        for (long i = 0; i < n; ++i) acc = point_double(acc);
        keep(acc);
    });
    const double add_mixed = time_per_iteration([&](long n) {
        Jacobian<F> acc = j;
        for (long i = 0; i < n; ++i) acc = point_add_var(acc, base);
        keep(acc);
    });
    std::printf("%-5s mul_gen_var %.0f ns (Jacobian result: %.0f ns), mul_var %.0f ns, double %.0f ns, mixed add %.0f ns\n",
                field, gen, gen_jacobian, general, dbl, add_mixed);
}

void bench_libsecp() {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    std::uint8_t key[32];
    for (int i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(i * 7 + 1);
    const double create = time_per_iteration([&](long n) {
        secp256k1_pubkey pk;
        for (long i = 0; i < n; ++i) {
            if (!secp256k1_ec_pubkey_create(ctx, &pk, key)) std::abort();
            key[31] ^= pk.data[0] | 1;
        }
        keep(pk);
    });
    std::printf("libsecp256k1 %s: ec_pubkey_create %.0f ns\n", "0.2", create);
    secp256k1_context_destroy(ctx);
}

} // namespace

int main() {
    bench_field<Fe64>("Fe64");
    bench_field<Fe32>("Fe32");
    for (int h : {64, 512, 2048}) {
        bench_walk<Fe64>("Fe64", h);
        bench_walk<Fe32>("Fe32", h);
    }
    bench_points<Fe64>("Fe64");
    bench_points<Fe32>("Fe32");
    bench_libsecp();
    return 0;
}
