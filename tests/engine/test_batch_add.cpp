// Montgomery batch inversion and the batched walk step (centre ± j*G sharing one inversion),
// on both field types, against one-by-one inversion and libsecp256k1: random walks and walks
// that cross infinity or start on a table point.
#include <QtTest>

#include "engine/secp/batch_add.h"
#include "engine/secp/batch_inverse.h"
#include "engine/secp/ecmult_gen.h"
#include "engine/secp/field.h"
#include "libsecp_reference.h"

using namespace vanikeys::secp;
using namespace vanikeys::secp::test;

namespace {

Bytes32 bytes_of(const Scalar& s) {
    Bytes32 b;
    s.to_bytes_be(b.data());
    return b;
}

} // namespace

class TestBatchAdd : public QObject {
    Q_OBJECT

    LibSecp lib_;


    // k * G by libsecp256k1, infinity for k = 0 (mod n).
    template <class F>
    Affine<F> reference_point(const Scalar& k) const {
        const auto pk = lib_.pubkey(bytes_of(k));
        return pk ? lib_.to_affine<F>(*pk) : Affine<F>::at_infinity();
    }

private Q_SLOTS:
    void initTestCase() { test_seed(); }

    void batchInverseMatchesOneByOne_data() { add_field_column(); }
    void batchInverseMatchesOneByOne() {
        QFETCH(int, limbBits);
        EdgeRandom rng(41);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int count : {0, 1, 2, 3, 64, 1000}) {
                std::vector<F> values(count), scratch(count);
                for (F& v : values) {
                    do v = F::from_bytes_be(rng.next().data());
                    while (v.is_zero());
                }
                const std::vector<F> original = values;
                QVERIFY(batch_inverse_var(values.data(), count, scratch.data()));
                for (int i = 0; i < count; ++i) {
                    QVERIFY(values[i] == original[i].inv_var());
                    QVERIFY(values[i] * original[i] == F::one());
                }
            }
            // A zero anywhere (written as 0 or as p) makes it fail and leave the values alone.
            for (int zero_at : {0, 1, 17, 99}) {
                std::vector<F> values(100), scratch(100);
                for (F& v : values) v = F::from_bytes_be(rng.next().data()) + F::one();
                values[zero_at] = zero_at % 2 ? F::from_bytes_be(kP.data()) : F::zero();
                std::vector<Bytes32> before(100);
                for (int i = 0; i < 100; ++i) values[i].to_bytes_be(before[i].data());
                QVERIFY(!batch_inverse_var(values.data(), 100, scratch.data()));
                for (int i = 0; i < 100; ++i) {
                    Bytes32 after;
                    values[i].to_bytes_be(after.data());
                    QCOMPARE(qhex(after), qhex(before[i]));
                }
            }
        });
    }

    void addWithInverseMatchesLibsecp_data() { add_field_column(); }
    void addWithInverseMatchesLibsecp() {
        QFETCH(int, limbBits);
        EdgeRandom rng(42);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            for (int i = 0; i < 300; ++i) {
                const Bytes32 ka = random_key(rng), kb = random_key(rng);
                const secp256k1_pubkey pa = *lib_.pubkey(ka), pb = *lib_.pubkey(kb);
                const Affine<F> a = lib_.to_affine<F>(pa), b = lib_.to_affine<F>(pb);
                const F inv = (b.x - a.x).inv_var();
                Affine<F> sum, difference;
                affine_add_with_inverse(a, b, inv, sum);
                affine_sub_with_inverse(a, b, inv, difference);
                const QByteArray inputs = "a=" + qhex(ka) + " b=" + qhex(kb);
                QVERIFY2(qhex(encode(sum)) == qhex(encode(lib_, lib_.combine(pa, pb))), inputs.constData());
                QVERIFY2(qhex(encode(difference)) == qhex(encode(lib_, lib_.combine(pa, lib_.negate(pb)))), inputs.constData());
                // The output may alias an input.
                Affine<F> aliased = a;
                affine_add_with_inverse(aliased, b, inv, aliased);
                QVERIFY(aliased == sum);
            }
        });
    }

    // One walk step around centre k*G with the table j*G (j = 1..H), checked entry by entry
    // against libsecp256k1's (k ± j) * G. The rows cover the cases where a neighbour is the point
    // at infinity or a doubling, and where the centre itself is infinity.
    void walkMatchesLibsecp_data() {
        QTest::addColumn<int>("limbBits");
        QTest::addColumn<QByteArray>("centreKey");
        QTest::addColumn<int>("halfWidth");
        const struct {
            const char* name;
            const char* key;
            int h;
        } rows[] = {
            {"random", "c0ffee1234567890abcdef0123456789fedcba9876543210deadbeefcafef00d", 512},
            {"n-3 walking up through infinity", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413e", 8},
            {"1 both ways (doubling, infinity)", "0000000000000000000000000000000000000000000000000000000000000001", 8},
            {"2", "0000000000000000000000000000000000000000000000000000000000000002", 8},
            {"centre equals table[4]", "0000000000000000000000000000000000000000000000000000000000000005", 16},
            {"centre is minus table[4]", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd036413c", 16},
            {"centre at infinity", "0000000000000000000000000000000000000000000000000000000000000000", 8},
            {"n-1", "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", 3},
        };
        for (int bits : {64, 32}) {
            for (const auto& row : rows) {
                QTest::addRow("%s %s", bits == 64 ? "Fe64" : "Fe32", row.name) << bits << QByteArray(row.key) << row.h;
            }
        }
    }
    void walkMatchesLibsecp() {
        QFETCH(int, limbBits);
        QFETCH(QByteArray, centreKey);
        QFETCH(int, halfWidth);
        const Scalar k = Scalar::from_bytes_be(from_hex(centreKey.constData()).data());
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const Affine<F> centre = reference_point<F>(k);
            std::vector<Affine<F>> table(halfWidth), plus(halfWidth), minus(halfWidth);
            for (int j = 0; j < halfWidth; ++j) table[j] = reference_point<F>(Scalar::from_u64(j + 1));
            std::vector<F> scratch(2 * halfWidth);
            batch_add_sub_var(centre, table.data(), halfWidth, plus.data(), minus.data(), scratch.data());
            for (int j = 0; j < halfWidth; ++j) {
                const Scalar offset = Scalar::from_u64(j + 1);
                const QByteArray where = "j=" + QByteArray::number(j + 1);
                QVERIFY2(qhex(encode(plus[j])) == qhex(encode(reference_point<F>(k + offset))), where.constData());
                QVERIFY2(qhex(encode(minus[j])) == qhex(encode(reference_point<F>(k - offset))), where.constData());
            }
        });
    }

    // A table entry at infinity (0 * G) leaves the centre as both neighbours.
    void tableEntryAtInfinity_data() { add_field_column(); }
    void tableEntryAtInfinity() {
        QFETCH(int, limbBits);
        for_field(limbBits, [&](auto zero) {
            using F = decltype(zero);
            const Affine<F> centre = mul_gen_var<F>(Scalar::from_u64(100));
            const Affine<F> table[3] = {generator<F>(), Affine<F>::at_infinity(), mul_gen_var<F>(Scalar::from_u64(3))};
            Affine<F> plus[3], minus[3];
            F scratch[6];
            batch_add_sub_var(centre, table, 3, plus, minus, scratch);
            QVERIFY(plus[0] == mul_gen_var<F>(Scalar::from_u64(101)));
            QVERIFY(minus[0] == mul_gen_var<F>(Scalar::from_u64(99)));
            QVERIFY(plus[1] == centre && minus[1] == centre);
            QVERIFY(plus[2] == mul_gen_var<F>(Scalar::from_u64(103)));
            QVERIFY(minus[2] == mul_gen_var<F>(Scalar::from_u64(97)));
        });
    }

    // The walk as the search runs it: centres spaced 2H+1 apart, so that centre ± table covers
    // every key of a contiguous range exactly once. Checked against mul_gen_var.
    void consecutiveWalkStepsCoverARange() {
        constexpr int kHalf = 32;
        EdgeRandom rng(43);
        const Scalar start = Scalar::from_bytes_be(random_key(rng).data());
        std::vector<Affine<Fe64>> table(kHalf), plus(kHalf), minus(kHalf);
        for (int j = 0; j < kHalf; ++j) table[j] = mul_gen_var<Fe64>(Scalar::from_u64(j + 1));
        const Affine<Fe64> step = mul_gen_var<Fe64>(Scalar::from_u64(2 * kHalf + 1));
        std::vector<Fe64> scratch(2 * kHalf);
        Affine<Fe64> centre = mul_gen_var<Fe64>(start);
        for (int s = 0; s < 20; ++s) {
            batch_add_sub_var(centre, table.data(), kHalf, plus.data(), minus.data(), scratch.data());
            const Scalar base = start + Scalar::from_u64(static_cast<std::uint64_t>(s) * (2 * kHalf + 1));
            for (int j = 0; j < kHalf; ++j) {
                QVERIFY(plus[j] == mul_gen_var<Fe64>(base + Scalar::from_u64(j + 1)));
                QVERIFY(minus[j] == mul_gen_var<Fe64>(base - Scalar::from_u64(j + 1)));
            }
            centre = to_affine_var(point_add_var(Jacobian<Fe64>::from_affine(centre), step));
        }
    }
};

QTEST_GUILESS_MAIN(TestBatchAdd)
#include "test_batch_add.moc"
