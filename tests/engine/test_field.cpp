// The field GF(p): Fe64 and Fe32 against published/independently computed vectors, against a
// bit-serial reference on edge and edge-biased random inputs, and against each other; plus the
// host bodies of the 32-bit carry primitives the GPU field is built on.
#include <QtTest>

#include "engine/secp/field.h"
#include "secp_test_support.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

namespace {

template <class F>
Bytes32 bytes_of(const F& a) {
    Bytes32 b;
    a.to_bytes_be(b.data());
    return b;
}

template <class F>
F field_of(const Bytes32& b) {
    return F::from_bytes_be(b.data());
}

// The raw limbs as big-endian bytes, without normalizing (to check the invariant itself).
template <class F>
Bytes32 bytes_of_raw(const F& a) {
    Bytes32 b{};
    constexpr int kLimbBytes = sizeof(a.n[0]);
    constexpr int kLimbs = 32 / kLimbBytes;
    for (int i = 0; i < kLimbs; ++i) {
        for (int j = 0; j < kLimbBytes; ++j) {
            b[31 - (i * kLimbBytes + j)] = static_cast<std::uint8_t>(a.n[i] >> (8 * j));
        }
    }
    return b;
}

// Every operation on (a, b) against the reference. Returns "" or a description of the first
// mismatch with the inputs in hex.
template <class F>
std::string check_ops(const Modular& ref, const Bytes32& ab, const Bytes32& bb, std::uint32_t small) {
    const F a = field_of<F>(ab);
    const F b = field_of<F>(bb);
    const Big ra = ref.canon(ab);
    const Big rb = ref.canon(bb);
    Big rsmall;
    rsmall.w[0] = small;
    const auto fail = [&](const char* op, const Bytes32& got, const Big& want) {
        return std::string(op) + " a=" + hex(ab) + " b=" + hex(bb) + " k=" + std::to_string(small) +
               " got " + hex(got) + " want " + hex(want.to_bytes());
    };
    const struct {
        const char* name;
        Bytes32 got;
        Big want;
    } cases[] = {
        {"a+b", bytes_of(a + b), ref.add(ra, rb)},
        {"a-b", bytes_of(a - b), ref.sub(ra, rb)},
        {"b-a", bytes_of(b - a), ref.sub(rb, ra)},
        {"-a", bytes_of(-a), ref.neg(ra)},
        {"a*b", bytes_of(a * b), ref.mul(ra, rb)},
        {"a.sqr", bytes_of(a.sqr()), ref.mul(ra, ra)},
        {"a*k", bytes_of(a.mul_small(small)), ref.mul(ra, rsmall)},
        {"a.normalized", bytes_of(a.normalized()), ra},
        // Results feed later operations without normalization: chain two to use them as inputs.
        {"(a+b)*(a-b)", bytes_of((a + b) * (a - b)), ref.mul(ref.add(ra, rb), ref.sub(ra, rb))},
        {"(a*b)^2+b", bytes_of((a * b).sqr() + b), ref.add(ref.mul(ref.mul(ra, rb), ref.mul(ra, rb)), rb)},
    };
    for (const auto& c : cases) {
        if (c.got != c.want.to_bytes()) return fail(c.name, c.got, c.want);
    }
    // The raw (unnormalized) value of normalized() is canonical: below p.
    const F canon = a.normalized();
    const Big raw = Big::from_bytes(bytes_of_raw(canon));
    if (compare(raw, ref.m) >= 0) return "normalized() not below p for a=" + hex(ab);
    if (a.is_zero() != (compare(ra, Big{}) == 0)) return "is_zero a=" + hex(ab);
    if (a.is_odd() != ra.bit(0)) return "is_odd a=" + hex(ab);
    if ((a == b) != (compare(ra, rb) == 0)) return "== a=" + hex(ab) + " b=" + hex(bb);
    if ((a != b) == (a == b)) return "!= a=" + hex(ab);
    return {};
}

template <class F>
std::string check_inverse(const Modular& ref, const Bytes32& ab) {
    const F a = field_of<F>(ab);
    const Big ra = ref.canon(ab);
    const Big inv = Big::from_bytes(bytes_of(a.inv_var()));
    const Big product = ref.mul(ra, inv);
    Big want;
    want.w[0] = compare(ra, Big{}) == 0 ? 0 : 1; // 1/0 is defined as 0
    if (compare(product, want) != 0) return "inv_var a=" + hex(ab) + " got " + hex(inv.to_bytes());
    return {};
}

template <class F>
std::string check_sqrt(const Modular& ref, const Bytes32& ab) {
    const F a = field_of<F>(ab);
    const Big ra = ref.canon(ab);
    // Euler's criterion: a is a square iff a^((p-1)/2) is 0 or 1.
    Big exponent = test::sub(ref.m, Big{{1}});
    for (int i = 0; i < 16; ++i) exponent.w[i] = (exponent.w[i] >> 1) | (exponent.w[i + 1] << 31);
    const Big euler = ref.pow(ra, exponent);
    const bool is_square = compare(euler, Big{{1}}) == 0 || compare(euler, Big{}) == 0;
    F root;
    const bool found = a.sqrt_var(root);
    if (found != is_square) return "sqrt_var existence a=" + hex(ab);
    if (found) {
        const Big r = Big::from_bytes(bytes_of(root));
        if (compare(ref.mul(r, r), ra) != 0) return "sqrt_var root a=" + hex(ab) + " got " + hex(r.to_bytes());
    }
    return {};
}

// Both field types on the same inputs give the same canonical bytes.
std::string check_agree(const Bytes32& ab, const Bytes32& bb) {
    const Fe64 a = field_of<Fe64>(ab), b = field_of<Fe64>(bb);
    const Fe32 c = field_of<Fe32>(ab), d = field_of<Fe32>(bb);
    const std::uint32_t k = static_cast<std::uint32_t>(ab[3]) << 24 | bb[7];
    if (bytes_of(a * b) != bytes_of(c * d) || bytes_of(a.sqr()) != bytes_of(c.sqr()) ||
        bytes_of(a + b) != bytes_of(c + d) || bytes_of(a - b) != bytes_of(c - d) ||
        bytes_of(-a) != bytes_of(-c) || bytes_of(a.mul_small(k)) != bytes_of(c.mul_small(k))) {
        return "Fe64/Fe32 disagree a=" + hex(ab) + " b=" + hex(bb);
    }
    return {};
}

} // namespace

class TestField : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test_seed(); }

    void knownVectors_data() { add_field_column(); }
    void knownVectors() {
        QFETCH(int, limbBits);
        for_field(limbBits, [](auto zero) {
            using F = decltype(zero);
            const F gx = F::from_words_be(0x79BE667EF9DCBBAC, 0x55A06295CE870B07, 0x029BFCDB2DCE28D9, 0x59F2815B16F81798);
            const F gy = field_of<F>(from_hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"));
            // Computed independently (Python integers).
            QCOMPARE(qhex(bytes_of(gx * gy)), QByteArray("fd3dc529c6eb60fb9d166034cf3c1a5a72324aa9dfd3428a56d7e1ce0179fd9b"));
            QCOMPARE(qhex(bytes_of(gx.sqr())), QByteArray("8550e7d238fcf3086ba9adcf0fb52a9de3652194d06cb5bb38d50229b854fc49"));
            QCOMPARE(qhex(bytes_of(gx.inv_var())), QByteArray("237afdf1d2938d86870aaeb8ad77626a67b8e794abfb076be61d003687ca9ef6"));
            QCOMPARE(qhex(bytes_of(F::from_u64(2).inv_var())), QByteArray("7fffffffffffffffffffffffffffffffffffffffffffffffffffffff7ffffe18"));
            QCOMPARE(qhex(bytes_of(gx + gy)), QByteArray("c1f940f620808011b3455e91dc9813afffb3b123d4537cf2f63a51eb1208ec50"));
            QCOMPARE(qhex(bytes_of(gx - gy)), QByteArray("31838c07d338f746f7fb6699c076025e058448928748d4bfbdaab0cb1be742e0"));
            QCOMPARE(qhex(bytes_of(gy - gx)), QByteArray("ce7c73f82cc708b9080499663f89fda1fa7bb76d78b72b4042554f33e418b94f"));
            QCOMPARE(qhex(bytes_of(gx.mul_small(977))), QByteArray("9fa52a9793683cb2c9183db9316115c0f5500079cfc9e580467fae72a8d8f5e8"));
            const F all_ones = F::from_words_be(~0ULL, ~0ULL, ~0ULL, ~0ULL);
            QCOMPARE(qhex(bytes_of(all_ones.sqr())), QByteArray("000000000000000000000000000000000000000000000001000007a0000e8900"));
            F root;
            QVERIFY(F::from_u64(2).sqrt_var(root));
            QCOMPARE(qhex(bytes_of(root)), QByteArray("210c790573632359b1edb4302c117d8a132654692c3feeb7de3a86ac3f3b53f7"));
            // SEC 2: G is on y^2 = x^3 + 7.
            QVERIFY(gy.sqr() == gx.sqr() * gx + F::from_u64(7));
            // p itself and 2^256 - 1 = p + 2^32 + 976 are valid non-canonical inputs.
            QVERIFY(field_of<F>(kP).is_zero());
            QCOMPARE(qhex(bytes_of(all_ones)), qhex(bytes_of(F::from_u64(0x1000003D0ULL))));
            QVERIFY(F::zero().is_zero() && !F::one().is_zero() && F::one().is_odd());
            // -1 is not a square (p = 3 mod 4).
            QVERIFY(!(-F::one()).sqrt_var(root));
        });
    }

    void edgeValuesMatchReference_data() { add_field_column(); }
    void edgeValuesMatchReference() {
        QFETCH(int, limbBits);
        const Modular ref = mod_p();
        const auto edges = edge_values();
        const std::uint32_t smalls[] = {0, 1, 2, 3, 8, 977, 0x7fffffff, 0xffffffff};
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            int k = 0;
            for (const Bytes32& a : edges) {
                for (const Bytes32& b : edges) {
                    const std::string err = check_ops<F>(ref, a, b, smalls[k++ % 8]);
                    QVERIFY2(err.empty(), err.c_str());
                }
            }
        });
    }

    void randomValuesMatchReference_data() { add_field_column(); }
    void randomValuesMatchReference() {
        QFETCH(int, limbBits);
        const Modular ref = mod_p();
        EdgeRandom rng(1);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int i = 0; i < 2000; ++i) {
                const Bytes32 a = rng.next();
                const Bytes32 b = rng.next();
                const auto small = static_cast<std::uint32_t>(rng.next64());
                const std::string err = check_ops<F>(ref, a, b, small);
                QVERIFY2(err.empty(), err.c_str());
            }
        });
    }

    void inverseMatchesReference_data() { add_field_column(); }
    void inverseMatchesReference() {
        QFETCH(int, limbBits);
        const Modular ref = mod_p();
        EdgeRandom rng(2);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (const Bytes32& a : edge_values()) {
                const std::string err = check_inverse<F>(ref, a);
                QVERIFY2(err.empty(), err.c_str());
            }
            for (int i = 0; i < 300; ++i) {
                const std::string err = check_inverse<F>(ref, rng.next());
                QVERIFY2(err.empty(), err.c_str());
            }
        });
    }

    void squareRootMatchesEulerCriterion_data() { add_field_column(); }
    void squareRootMatchesEulerCriterion() {
        QFETCH(int, limbBits);
        const Modular ref = mod_p();
        EdgeRandom rng(3);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (const Bytes32& a : edge_values()) {
                const std::string err = check_sqrt<F>(ref, a);
                QVERIFY2(err.empty(), err.c_str());
            }
            for (int i = 0; i < 60; ++i) {
                const std::string err = check_sqrt<F>(ref, rng.next());
                QVERIFY2(err.empty(), err.c_str());
            }
            // Squares always have a root, and it is ±the original.
            for (int i = 0; i < 200; ++i) {
                const F b = field_of<F>(rng.next());
                F root;
                QVERIFY(b.sqr().sqrt_var(root));
                QVERIFY2(root == b || root == -b, hex(bytes_of(b)).c_str());
            }
        });
    }

    void byteEncodingIsCanonical_data() { add_field_column(); }
    void byteEncodingIsCanonical() {
        QFETCH(int, limbBits);
        const Modular ref = mod_p();
        EdgeRandom rng(4);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int i = 0; i < 2000; ++i) {
                const Bytes32 a = i < 25 ? edge_values()[i] : rng.next();
                const F x = field_of<F>(a);
                QCOMPARE(qhex(bytes_of(x)), qhex(ref.canon(a).to_bytes()));
                // from_words_be reads the same number.
                std::uint64_t w[4];
                for (int k = 0; k < 4; ++k) {
                    w[k] = 0;
                    for (int j = 0; j < 8; ++j) w[k] = (w[k] << 8) | a[k * 8 + j];
                }
                QVERIFY(F::from_words_be(w[0], w[1], w[2], w[3]) == x);
                QCOMPARE(qhex(bytes_of_raw(F::from_bytes_be(a.data()))), qhex(a)); // loading keeps the value
            }
            QCOMPARE(qhex(bytes_of(F::from_u64(0x0123456789abcdefULL))),
                     QByteArray("0000000000000000000000000000000000000000000000000123456789abcdef"));
        });
    }

    // Fe64 and Fe32 agree op by op, and along long chains where each result (never normalized)
    // is the next input, so every reachable non-canonical representation gets exercised.
    void representationsAgree() {
        EdgeRandom rng(5);
        for (int i = 0; i < 20000; ++i) {
            const std::string err = check_agree(rng.next(), rng.next());
            QVERIFY2(err.empty(), err.c_str());
        }
        for (int chain = 0; chain < 20; ++chain) {
            const Bytes32 start = rng.next();
            Fe64 a = field_of<Fe64>(start);
            Fe32 b = field_of<Fe32>(start);
            for (int step = 0; step < 5000; ++step) {
                const Bytes32 operand_bytes = rng.next();
                const Fe64 c = field_of<Fe64>(operand_bytes);
                const Fe32 d = field_of<Fe32>(operand_bytes);
                switch (rng.next64() % 6) {
                case 0: a = a * c; b = b * d; break;
                case 1: a = a.sqr(); b = b.sqr(); break;
                case 2: a = a + c; b = b + d; break;
                case 3: a = a - c; b = b - d; break;
                case 4: a = -a; b = -b; break;
                default: a = a.mul_small(operand_bytes[0]); b = b.mul_small(operand_bytes[0]); break;
                }
                if (bytes_of(a) != bytes_of(b)) {
                    QFAIL(("chain " + std::to_string(chain) + " step " + std::to_string(step) + " start " +
                           hex(start) + " operand " + hex(operand_bytes))
                              .c_str());
                }
            }
        }
    }

    // The host bodies of carry32.h against 64-bit arithmetic (their device twins are single PTX
    // instructions with the same contracts).
    void carryPrimitivesMatchWideArithmetic() {
        using namespace carry32;
        EdgeRandom rng(6);
        const std::uint32_t specials[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff};
        for (int i = 0; i < 20000; ++i) {
            const auto pick = [&] {
                const std::uint64_t r = rng.next64();
                return (r & 1) ? specials[(r >> 1) % 7] : static_cast<std::uint32_t>(r >> 32);
            };
            const std::uint32_t a = pick(), b = pick(), c = pick(), flag = rng.next64() & 1;
            const std::uint64_t wa = a, wb = b, wc = c;
            CarryChain cc{flag};
            QCOMPARE(addc_cc(a, b, cc), static_cast<std::uint32_t>(wa + wb + flag));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>((wa + wb + flag) >> 32));
            cc.flag = flag;
            QCOMPARE(subc_cc(a, b, cc), static_cast<std::uint32_t>(wa - wb - flag));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>(wa < wb + flag));
            cc.flag = flag;
            QCOMPARE(madc_lo_cc(a, b, c, cc), static_cast<std::uint32_t>(static_cast<std::uint32_t>(wa * wb) + wc + flag));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>((static_cast<std::uint32_t>(wa * wb) + wc + flag) >> 32));
            cc.flag = flag;
            const std::uint64_t hi = (wa * wb) >> 32;
            QCOMPARE(madc_hi_cc(a, b, c, cc), static_cast<std::uint32_t>(hi + wc + flag));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>((hi + wc + flag) >> 32));
            // Functions without _cc leave the flag alone.
            cc.flag = flag;
            QCOMPARE(addc(a, b, cc), static_cast<std::uint32_t>(wa + wb + flag));
            QCOMPARE(madc_hi(a, b, c, cc), static_cast<std::uint32_t>(hi + wc + flag));
            QCOMPARE(subc(a, b, cc), static_cast<std::uint32_t>(wa - wb - flag));
            QCOMPARE(cc.flag, flag);
            QCOMPARE(add_cc(a, b, cc), static_cast<std::uint32_t>(wa + wb));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>((wa + wb) >> 32));
            QCOMPARE(sub_cc(a, b, cc), static_cast<std::uint32_t>(wa - wb));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>(wa < wb));
            QCOMPARE(mad_lo_cc(a, b, c, cc), static_cast<std::uint32_t>(static_cast<std::uint32_t>(wa * wb) + wc));
            QCOMPARE(mad_hi_cc(a, b, c, cc), static_cast<std::uint32_t>(hi + wc));
            QCOMPARE(cc.flag, static_cast<std::uint32_t>((hi + wc) >> 32));
            QCOMPARE(mul_hi(a, b), static_cast<std::uint32_t>(hi));
            QCOMPARE(mul_lo(a, b), static_cast<std::uint32_t>(wa * wb));
        }
    }
};

QTEST_GUILESS_MAIN(TestField)
#include "test_field.moc"
