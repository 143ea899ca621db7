// The search's walk (engine/search/group_walk.h), with both field types: every emitted point is
// (start + index)*G as libsecp256k1 computes it, every index of a group comes exactly once, and
// the slow path is right where the batch product is zero (centre = +-j*G, +-step, infinity).
#include <QtTest>

#include <map>
#include <optional>

#include "engine/core/os_random.h"
#include "engine/search/group_walk.h"
#include "engine/search/walk_table.h"
#include "engine/secp/field.h"

using namespace vanikeys;

namespace {

std::array<std::uint8_t, 32> u64_be(std::uint64_t v) {
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
}

SecretKey small_key(std::uint64_t v) {
    SecretKey k;
    for (int i = 0; i < 8; ++i) k.mutable_bytes()[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return k;
}

// n - k as a key.
SecretKey n_minus(std::uint64_t k) {
    SecretKey out = small_key(k);
    (void)libsecp_secret_negate(out);
    return out;
}

// (s + index)*G by libsecp256k1, or nullopt for the point at infinity (s + index = 0 mod n).
std::optional<PublicKey> expected_point(const SecretKey& s, std::uint64_t index) {
    SecretKey k = s.clone();
    if (index != 0 && !libsecp_secret_add(k, u64_be(index))) return std::nullopt;
    return libsecp_public_key(k);
}

template <class F>
std::string point_hex(const secp::Affine<F>& p) {
    if (p.infinity) return "infinity";
    std::uint8_t b[64];
    p.x.to_bytes_be(b);
    p.y.to_bytes_be(b + 32);
    return QByteArray(reinterpret_cast<const char*>(b), 64).toHex().toStdString();
}

std::string point_hex(const std::optional<PublicKey>& p) {
    if (!p) return "infinity";
    return QByteArray(reinterpret_cast<const char*>(p->xy.data()), 64).toHex().toStdString();
}

// Walks `groups` groups of a walk of half-width h from start s and checks every point, with the
// streaming form (walk_group, the GPU's) or the array form (walk_group_into, the CPU's).
template <class F>
void check_walk(const SecretKey& s, int h, int groups, bool into_arrays = false) {
    const WalkTableStorage<F> storage(h);
    const WalkTable<F> table = storage.view();
    WalkState<F> state;
    const auto first_centre = expected_point(s, static_cast<std::uint64_t>(h));
    state.centre = first_centre ? affine_from_public_key<F>(*first_centre) : secp::Affine<F>::at_infinity();
    state.centre_index = static_cast<std::uint64_t>(h);
    std::vector<F> prefix(static_cast<std::size_t>(h) + 1);
    for (int g = 0; g < groups; ++g) {
        const std::uint64_t centre = state.centre_index;
        std::map<int, int> seen;
        bool ok = true;
        auto sink = [&](int offset, const secp::Affine<F>& p) {
            ++seen[offset];
            const std::uint64_t index = centre + static_cast<std::uint64_t>(static_cast<std::int64_t>(offset));
            const std::string want = point_hex(expected_point(s, index));
            const std::string got = point_hex(p);
            if (want != got && ok) {
                ok = false;
                qWarning("group %d offset %d: want %s got %s", g, offset, want.c_str(), got.c_str());
            }
        };
        if (into_arrays) {
            std::vector<secp::Affine<F>> points(static_cast<std::size_t>(2 * h + 1));
            std::vector<std::int32_t> offsets(static_cast<std::size_t>(2 * h + 1));
            const int count = walk_group_into(state, table, prefix.data(), points.data(), offsets.data());
            QCOMPARE(count, 2 * h + 1);
            for (int i = 0; i < count; ++i) sink(offsets[static_cast<std::size_t>(i)], points[static_cast<std::size_t>(i)]);
        } else {
            walk_group(state, table, prefix.data(), sink);
        }
        QVERIFY2(ok, "a walk point differs from libsecp256k1");
        QCOMPARE(int(seen.size()), 2 * h + 1);
        for (auto [offset, count] : seen) {
            QVERIFY(offset >= -h && offset <= h);
            QCOMPARE(count, 1);
        }
        QCOMPARE(state.centre_index, centre + static_cast<std::uint64_t>(2 * h + 1));
    }
}

} // namespace

class TestGroupWalk : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void randomStartsFe64() {
        for (int i = 0; i < 4; ++i) check_walk<secp::Fe64>(random_secret_key(), 8, 3);
        check_walk<secp::Fe64>(random_secret_key(), kCpuWalkHalfWidth, 2);
        for (int i = 0; i < 4; ++i) check_walk<secp::Fe64>(random_secret_key(), 8, 3, true);
        check_walk<secp::Fe64>(random_secret_key(), kCpuWalkHalfWidth, 2, true);
    }
    void randomStartsFe32() {
        // Fe32 is the GPU's field: the same walk on it must give the same points.
        for (int i = 0; i < 4; ++i) check_walk<secp::Fe32>(random_secret_key(), 8, 3);
        check_walk<secp::Fe32>(random_secret_key(), 64, 2);
    }

    void edgeStarts_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("centre is 3G (dx = 0 for j = 3)") << 0;
        QTest::newRow("centre is -8G (centre + 8G is infinity)") << 1;
        QTest::newRow("centre is the step 17G") << 2;
        QTest::newRow("walk crosses infinity inside a group") << 3;
        QTest::newRow("centre is infinity") << 4;
        QTest::newRow("start is 1") << 5;
        QTest::newRow("start near n, several groups") << 6;
    }
    void edgeStarts() {
        QFETCH(int, which);
        const int h = 8;  // centre = s + 8, step = 17
        SecretKey s;
        switch (which) {
        case 0: s = n_minus(5); break;     // centre index 8 -> n + 3 = 3
        case 1: s = n_minus(16); break;    // centre -> n - 8
        case 2: s = small_key(9); break;   // centre -> 17
        case 3: s = n_minus(12); break;    // centre n - 4, the group covers n - 12 .. n + 4
        case 4: s = n_minus(8); break;     // centre = n = infinity
        case 5: s = small_key(1); break;
        case 6: s = n_minus(40); break;
        }
        check_walk<secp::Fe64>(s, h, 5);
        check_walk<secp::Fe32>(s, h, 5);
        check_walk<secp::Fe64>(s, h, 5, true);
    }
};

QTEST_GUILESS_MAIN(TestGroupWalk)
#include "test_group_walk.moc"
