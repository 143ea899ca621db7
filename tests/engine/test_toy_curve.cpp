// Exhaustive tests of the field-generic point code on a toy curve: y^2 = x^3 + 7 over GF(211)
// has 199 points (a prime, like libsecp256k1's exhaustive group), so every sum, double,
// multiple and walk step can be checked against group[(i + j) % 199], computed by a textbook
// affine reference that shares nothing with the code under test.
#include <QtTest>

#include "engine/secp/batch_add.h"
#include "engine/secp/batch_inverse.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/group.h"
#include "engine/secp/scalar.h"
#include "secp_test_support.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

namespace {

constexpr std::uint32_t kToyP = 211;
constexpr int kOrder = 199;

std::uint32_t pow_mod(std::uint32_t base, std::uint32_t exponent, std::uint32_t m) {
    std::uint64_t acc = 1, b = base % m;
    for (; exponent != 0; exponent >>= 1, b = b * b % m) {
        if (exponent & 1) acc = acc * b % m;
    }
    return static_cast<std::uint32_t>(acc);
}

// GF(P) with the field interface of field.h (always canonical), for P = 3 mod 4.
template <std::uint32_t P>
struct ToyFe {
    static_assert(P % 4 == 3, "sqrt_var uses the (P+1)/4 exponent");
    std::uint32_t v;

    static ToyFe zero() { return {0}; }
    static ToyFe one() { return {1}; }
    static ToyFe from_u64(std::uint64_t x) { return {static_cast<std::uint32_t>(x % P)}; }
    static ToyFe from_words_be(std::uint64_t w3, std::uint64_t w2, std::uint64_t w1, std::uint64_t w0) {
        const std::uint64_t base = pow_mod(2, 64, P);
        std::uint64_t acc = 0;
        for (std::uint64_t w : {w3, w2, w1, w0}) acc = (acc * base + w % P) % P;
        return {static_cast<std::uint32_t>(acc)};
    }
    static ToyFe from_bytes_be(const std::uint8_t* b) {
        std::uint64_t acc = 0;
        for (int i = 0; i < 32; ++i) acc = (acc * 256 + b[i]) % P;
        return {static_cast<std::uint32_t>(acc)};
    }
    void to_bytes_be(std::uint8_t* b) const {
        for (int i = 0; i < 32; ++i) b[i] = 0;
        b[30] = static_cast<std::uint8_t>(v >> 8);
        b[31] = static_cast<std::uint8_t>(v);
    }
    ToyFe sqr() const { return {v * v % P}; }
    ToyFe mul_small(std::uint32_t k) const { return {static_cast<std::uint32_t>(std::uint64_t{v} * k % P)}; }
    ToyFe normalized() const { return *this; }
    bool is_zero() const { return v == 0; }
    bool is_odd() const { return v & 1; }
    ToyFe inv_var() const { return {pow_mod(v, P - 2, P)}; }
    bool sqrt_var(ToyFe& out) const {
        out = {pow_mod(v, (P + 1) / 4, P)};
        return out.v * out.v % P == v;
    }
};
template <std::uint32_t P> ToyFe<P> operator+(ToyFe<P> a, ToyFe<P> b) { return {(a.v + b.v) % P}; }
template <std::uint32_t P> ToyFe<P> operator-(ToyFe<P> a, ToyFe<P> b) { return {(a.v + P - b.v) % P}; }
template <std::uint32_t P> ToyFe<P> operator-(ToyFe<P> a) { return {(P - a.v) % P}; }
template <std::uint32_t P> ToyFe<P> operator*(ToyFe<P> a, ToyFe<P> b) { return {a.v * b.v % P}; }
template <std::uint32_t P> bool operator==(ToyFe<P> a, ToyFe<P> b) { return a.v == b.v; }
template <std::uint32_t P> bool operator!=(ToyFe<P> a, ToyFe<P> b) { return a.v != b.v; }

using Fe = ToyFe<kToyP>;
using Point = Affine<Fe>;

// The textbook affine group law on plain integers: the independent reference.
struct RefPoint {
    int x = 0, y = 0;
    bool infinity = true;
};
RefPoint ref_add(const RefPoint& a, const RefPoint& b) {
    if (a.infinity) return b;
    if (b.infinity) return a;
    const int p = kToyP;
    std::uint32_t slope;
    if (a.x == b.x) {
        if ((a.y + b.y) % p == 0) return RefPoint{};
        slope = 3u * a.x * a.x % p * pow_mod(2u * a.y % p, p - 2, p) % p;
    } else {
        slope = static_cast<std::uint32_t>((b.y - a.y + p) % p) * pow_mod(static_cast<std::uint32_t>((b.x - a.x + p) % p), p - 2, p) % p;
    }
    const int x3 = static_cast<int>((slope * slope % p + 2u * p - a.x - b.x) % p);
    const int y3 = static_cast<int>((slope * static_cast<std::uint32_t>((a.x - x3 + p) % p) % p + p - a.y) % p);
    return RefPoint{x3, y3, false};
}

Point to_point(const RefPoint& r) {
    return r.infinity ? Point::at_infinity() : Point::from_xy(Fe{static_cast<std::uint32_t>(r.x)}, Fe{static_cast<std::uint32_t>(r.y)});
}

// The Jacobian form of p with Z = z (1 <= z < P).
Jacobian<Fe> with_z(const Point& p, std::uint32_t z) {
    if (p.infinity) return Jacobian<Fe>::at_infinity();
    const Fe zz{z};
    return Jacobian<Fe>{p.x * zz.sqr(), p.y * zz.sqr() * zz, zz, false};
}

QByteArray describe(const Point& p) {
    if (p.infinity) return "infinity";
    return "(" + QByteArray::number(p.x.v) + ", " + QByteArray::number(p.y.v) + ")";
}

int mod_order(long long v) { return static_cast<int>(((v % kOrder) + kOrder) % kOrder); }

} // namespace

class TestToyCurve : public QObject {
    Q_OBJECT

    std::vector<Point> group_; // group_[i] = i * G

private Q_SLOTS:
    void initTestCase() {
        test_seed();
        // Enumerate the curve by brute force; every finite point generates the prime-order group.
        int count = 1;
        RefPoint g;
        for (int x = 0; x < static_cast<int>(kToyP); ++x) {
            for (int y = 0; y < static_cast<int>(kToyP); ++y) {
                if ((y * y) % kToyP == (x * x * x + 7) % kToyP) {
                    ++count;
                    if (g.infinity) g = RefPoint{x, y, false};
                }
            }
        }
        QCOMPARE(count, kOrder);
        RefPoint acc;
        for (int i = 0; i < kOrder; ++i) {
            group_.push_back(to_point(acc));
            acc = ref_add(acc, g);
        }
        QVERIFY(acc.infinity); // 199 * G = infinity
        for (int i = 1; i < kOrder; ++i) QVERIFY(!group_[i].infinity && group_[i].on_curve_var());
    }

    void everySumAndDouble() {
        std::uint32_t z = 1;
        const auto next_z = [&z] { z = z % (kToyP - 1) + 1; return z; }; // cycles through 1..210
        for (int i = 0; i < kOrder; ++i) {
            const Point expected_double = group_[mod_order(2 * i)];
            QVERIFY2(to_affine_var(point_double(with_z(group_[i], next_z()))) == expected_double, describe(group_[i]).constData());
            QVERIFY(group_[i].negated() == group_[mod_order(-i)]);
            for (int j = 0; j < kOrder; ++j) {
                const Point& want = group_[mod_order(i + j)];
                const Point full = to_affine_var(point_add_var(with_z(group_[i], next_z()), with_z(group_[j], next_z())));
                const Point mixed = to_affine_var(point_add_var(with_z(group_[i], next_z()), group_[j]));
                if (full != want || mixed != want) {
                    QFAIL(("i=" + QByteArray::number(i) + " j=" + QByteArray::number(j) + " got " + describe(full) + " / " +
                           describe(mixed) + " want " + describe(want))
                              .constData());
                }
            }
        }
    }

    void everyAffineAddWithInverse() {
        for (int i = 1; i < kOrder; ++i) {
            for (int j = 1; j < kOrder; ++j) {
                if (group_[i].x == group_[j].x) continue; // precondition: a != ±b
                const Fe inv = (group_[j].x - group_[i].x).inv_var();
                Point sum, difference;
                affine_add_with_inverse(group_[i], group_[j], inv, sum);
                affine_sub_with_inverse(group_[i], group_[j], inv, difference);
                QVERIFY(sum == group_[mod_order(i + j)]);
                QVERIFY(difference == group_[mod_order(i - j)]);
            }
        }
    }

    // Every centre with the full table 1*G .. 198*G: each walk meets centre == table[j] and
    // centre == -table[j] exactly once, and the centre 0 is the point at infinity.
    void everyWalkStep() {
        constexpr int kTable = kOrder - 1;
        std::vector<Point> table(group_.begin() + 1, group_.end()), plus(kTable), minus(kTable);
        std::vector<Fe> scratch(2 * kTable);
        for (int c = 0; c < kOrder; ++c) {
            batch_add_sub_var(group_[c], table.data(), kTable, plus.data(), minus.data(), scratch.data());
            for (int j = 0; j < kTable; ++j) {
                if (plus[j] != group_[mod_order(c + j + 1)] || minus[j] != group_[mod_order(c - j - 1)]) {
                    QFAIL(("centre " + QByteArray::number(c) + " j=" + QByteArray::number(j + 1)).constData());
                }
            }
        }
    }

    void batchInversionOfTheWholeField() {
        std::vector<Fe> values, scratch(kToyP);
        for (std::uint32_t v = 1; v < kToyP; ++v) values.push_back(Fe{v});
        QVERIFY(batch_inverse_var(values.data(), static_cast<int>(values.size()), scratch.data()));
        for (std::uint32_t v = 1; v < kToyP; ++v) QCOMPARE((values[v - 1] * Fe{v}).v, 1u);
        values.push_back(Fe{0});
        QVERIFY(!batch_inverse_var(values.data(), static_cast<int>(values.size()), scratch.data()));
    }

    void batchToAffineOfTheWholeGroup() {
        std::vector<Jacobian<Fe>> in;
        for (int i = 0; i < kOrder; ++i) in.push_back(with_z(group_[i], static_cast<std::uint32_t>(i % (kToyP - 1) + 1)));
        std::vector<Point> out(kOrder);
        std::vector<Fe> scratch(kOrder);
        QVERIFY(batch_to_affine_var(in.data(), out.data(), kOrder, scratch.data()));
        for (int i = 0; i < kOrder; ++i) QVERIFY(out[i] == group_[i]);
    }

    // k * P for every point and every k < 2 * 199, plus random 256-bit scalars: the windowed
    // multiplication sees every digit pattern and wraps around the order.
    void everyMultiple() {
        for (int i = 0; i < kOrder; ++i) {
            for (int k = 0; k < 2 * kOrder; ++k) {
                QVERIFY(mul_var(group_[i], Scalar::from_u64(static_cast<std::uint64_t>(k))) == group_[mod_order(1LL * i * k)]);
            }
        }
        EdgeRandom rng(61);
        for (int t = 0; t < 300; ++t) {
            const Bytes32 kb = rng.next();
            const Scalar k = Scalar::from_bytes_be(kb.data());
            Bytes32 canon;
            k.to_bytes_be(canon.data());
            long long k_mod = 0;
            for (std::uint8_t byte : canon) k_mod = (k_mod * 256 + byte) % kOrder;
            const int i = 1 + t % (kOrder - 1);
            QVERIFY2(mul_var(group_[i], k) == group_[mod_order(i * k_mod)], hex(kb).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestToyCurve)
#include "test_toy_curve.moc"
