// The estimate's exact counting: BigUint against 128-bit arithmetic, exact_position_odds against
// brute-force enumeration of small hand-made models, and the real formats against
// probabilities derived by hand (the derivations are in the comments).
#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <random>

#include "engine/estimate/free_part_model.h"
#include "engine/pattern/free_part_support.h"

using namespace vanikeys;

namespace {

__extension__ typedef unsigned __int128 U128;

std::uint64_t test_seed() {
    const char* env = std::getenv("VANIKEYS_TEST_SEED");
    const std::uint64_t seed = env ? std::strtoull(env, nullptr, 0) : 20240601;
    return seed;
}

ExactCount from_u128(U128 v) {
    ExactCount r(static_cast<std::uint64_t>(v >> 64));
    r *= std::uint64_t{1} << 32;
    r *= std::uint64_t{1} << 32;
    r += ExactCount(static_cast<std::uint64_t>(v));
    return r;
}

U128 to_u128(const ExactCount& v) { return (U128{v.limb(1)} << 64) | v.limb(0); }

QString hex128(U128 v) {
    return QString::asprintf("%016llx%016llx", static_cast<unsigned long long>(v >> 64),
                             static_cast<unsigned long long>(v));
}

// The symbol set of `text`'s characters in `format`'s alphabet, '?' matching anything.
std::vector<SymbolSet> sets_of(KeyFormat format, const char* text) {
    std::vector<SymbolSet> sets;
    for (const char* c = text; *c; ++c)
        sets.push_back(*c == '?' ? ~SymbolSet{0} : SymbolSet{1} << symbol_index(format, *c));
    return sets;
}

double odds(KeyFormat format, const char* text, FreePartEnd end, bool eth_case = false) {
    return exact_position_odds(free_part_model(format, eth_case), sets_of(format, text), end)
        .probability();
}

// Brute force over every value and every uniform tuple of a small model.
ExactOdds brute_force_odds(const FreePartModel& model, const std::vector<SymbolSet>& sets,
                           FreePartEnd end) {
    std::uint64_t matching = 0, total = 0;
    const int k = static_cast<int>(sets.size());
    std::uint64_t tuples = 1;
    for (int i = 0; i < model.uniform_count; ++i)
        tuples *= static_cast<std::uint64_t>(model.alphabet_size);
    for (const FreePartPiece& piece : model.pieces) {
        const int length = model.length(piece);
        for (std::uint64_t v = piece.lo.limb(0); v < piece.hi.limb(0); ++v) {
            for (std::uint64_t t = 0; t < tuples; ++t) {
                std::vector<int> symbols(static_cast<std::size_t>(piece.lead_count),
                                         model.lead_symbol);
                std::vector<int> digits;
                for (std::uint64_t rest = v, i = 0; i < static_cast<std::uint64_t>(piece.digits);
                     ++i, rest /= static_cast<std::uint64_t>(model.radix))
                    digits.insert(digits.begin(),
                                  static_cast<int>(rest % static_cast<std::uint64_t>(model.radix)));
                symbols.insert(symbols.end(), digits.begin(), digits.end());
                symbols.insert(symbols.end(), piece.trailing.begin(), piece.trailing.end());
                std::uint64_t weight = 1;
                for (std::uint64_t rest = t, i = 0;
                     i < static_cast<std::uint64_t>(model.uniform_count);
                     ++i, rest /= static_cast<std::uint64_t>(model.alphabet_size)) {
                    const int s =
                        static_cast<int>(rest % static_cast<std::uint64_t>(model.alphabet_size));
                    symbols.push_back(s);
                    weight *= model.uniform_weight[static_cast<std::size_t>(s)];
                }
                total += weight;
                if (k > length) continue;
                const int offset = end == FreePartEnd::Start ? 0 : length - k;
                bool ok = true;
                for (int i = 0; i < k && ok; ++i)
                    ok = ((sets[static_cast<std::size_t>(i)] >>
                           symbols[static_cast<std::size_t>(offset + i)]) &
                          1) != 0;
                if (ok) matching += weight;
            }
        }
    }
    return {ExactCount(matching), ExactCount(total)};
}

FreePartModel random_small_model(std::mt19937_64& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    FreePartModel model;
    model.radix = model.alphabet_size = pick(2, 7);
    model.lead_symbol = static_cast<std::uint8_t>(pick(0, model.radix - 1));
    model.uniform_count = pick(0, 2);
    model.uniform_weight.resize(static_cast<std::size_t>(model.alphabet_size));
    model.uniform_unit = 0;
    for (std::uint32_t& w : model.uniform_weight)
        model.uniform_unit += (w = static_cast<std::uint32_t>(pick(0, 3)));
    if (model.uniform_unit == 0) model.uniform_unit = model.uniform_weight[0] = 1;
    for (int pieces = pick(1, 3); pieces > 0; --pieces) {
        FreePartPiece piece;
        piece.lead_count = pick(0, 2);
        piece.digits = pick(0, 4);
        const int limit = static_cast<int>(std::pow(model.radix, piece.digits));
        const int a = pick(0, limit), b = pick(0, limit);
        piece.lo = ExactCount(static_cast<std::uint64_t>(std::min(a, b)));
        piece.hi = ExactCount(static_cast<std::uint64_t>(std::max(a, b) + (a == b && a < limit)));
        for (int t = pick(0, 1); t > 0; --t)
            piece.trailing.push_back(static_cast<std::uint8_t>(pick(0, model.radix - 1)));
        model.value_count += piece.hi - piece.lo;
        model.pieces.push_back(piece);
    }
    return model;
}

} // namespace

class TestFreePartModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        qInfo("VANIKEYS_TEST_SEED=%llu", static_cast<unsigned long long>(test_seed()));
    }

    void bigUintMatches128BitArithmetic() {
        std::mt19937_64 rng(test_seed());
        for (int i = 0; i < 20000; ++i) {
            const U128 a = (U128{rng() >> 2} << 64) | rng(), b = (U128{rng() >> 2} << 64) | rng();
            const std::uint64_t small = (rng() >> (rng() % 64)) | 1;
            const std::uint64_t tiny = rng() >> 34;  // a * tiny must fit in 128 bits
            ExactCount q = from_u128(a);
            const std::uint64_t rem = q.divide_small(small);
            const U128 lo = a < b ? a : b, hi = a < b ? b : a;
            if (to_u128(from_u128(a) + from_u128(b)) != a + b ||
                to_u128(from_u128(hi) - from_u128(lo)) != hi - lo ||
                to_u128(from_u128(a >> 32) * tiny) != (a >> 32) * tiny || to_u128(q) != a / small ||
                rem != a % small || (from_u128(a) < from_u128(b)) != (a < b) ||
                from_u128(a).bit_length() !=
                    128 - (a >> 64 ? std::countl_zero(static_cast<std::uint64_t>(a >> 64))
                                   : 64 + std::countl_zero(static_cast<std::uint64_t>(a))))
                QFAIL(qPrintable(
                    QStringLiteral("a=%1 b=%2 small=%3").arg(hex128(a), hex128(b)).arg(small)));
        }
    }

    void bigUintWideValues() {
        const ExactCount p = ExactCount::from_hex(
            "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE FFFFFC2F");
        // 2^256 - p = 2^32 + 977.
        QCOMPARE(ExactCount::power_of_two(256) - p, ExactCount(0x1000003D1));
        QCOMPARE(p.bit_length(), 256);
        QCOMPARE(p.to_double(), std::ldexp(1.0, 256));
        // 58^44 = 58^22 * 58^22, and dividing by 58 44 times gives exactly 1 back.
        const ExactCount w = ExactCount::power(58, 44);
        QCOMPARE(ExactCount::power(58, 22) * ExactCount::power(58, 22), w);
        QCOMPARE(w.divided_by_power(58, 44), ExactCount(1));
        QCOMPARE((w - ExactCount(1)).divided_by_power(58, 44), ExactCount(0));
        QVERIFY(std::abs(w.to_double() / std::pow(58.0, 44) - 1) < 1e-15);
        QCOMPARE(ExactCount::power_of_two(300).to_double(), std::ldexp(1.0, 300));
        QCOMPARE((ExactCount::power_of_two(300) + ExactCount::power_of_two(200)).to_double(),
                 std::ldexp(1.0, 300));
    }

    // Every piece shape (leading symbols, digits, trailing symbols, uniform symbols with
    // unequal weights) against enumeration.
    void exactOddsMatchBruteForceOnSmallModels() {
        std::mt19937_64 rng(test_seed() + 1);
        for (int round = 0; round < 3000; ++round) {
            const FreePartModel model = random_small_model(rng);
            int max_length = 0;
            for (const FreePartPiece& piece : model.pieces)
                max_length = std::max(max_length, model.length(piece));
            std::vector<SymbolSet> sets(
                static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(max_length + 2)));
            for (SymbolSet& s : sets)
                s = rng() % 4 == 0 ? ~SymbolSet{0} : rng() & ((SymbolSet{1} << model.radix) - 1);
            const FreePartEnd end = rng() % 2 ? FreePartEnd::Start : FreePartEnd::End;
            const ExactOdds got = exact_position_odds(model, sets, end);
            const ExactOdds want = brute_force_odds(model, sets, end);
            if (got.matching != want.matching || got.total != want.total) {
                QString sets_hex;
                for (SymbolSet s : sets)
                    sets_hex += QString::asprintf(" %llx", static_cast<unsigned long long>(s));
                QFAIL(qPrintable(QStringLiteral("round %1 radix %2 sets%3: got %4/%5 want %6/%7")
                                     .arg(round)
                                     .arg(model.radix)
                                     .arg(sets_hex)
                                     .arg(got.matching.limb(0))
                                     .arg(got.total.limb(0))
                                     .arg(want.matching.limb(0))
                                     .arg(want.total.limb(0))));
            }
        }
    }

    void handDerivedOdds_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("suffix");
        QTest::addColumn<bool>("ethCase");
        QTest::addColumn<double>("expected");
        const double p = std::ldexp(1.0, 256);  // 2^256 - p is invisible in a double ratio
        auto row = [](const char* name, KeyFormat f, const char* text, bool suffix, bool eth_case,
                      double expected) {
            QTest::newRow(name) << static_cast<int>(f) << QString::fromLatin1(text) << suffix
                                << eth_case << expected;
        };
        // did:key free parts lie in [MQn..., ee7...] (y even) and [ee7..., wsR...] (y odd);
        // every "Z..." value is inside the first range, so "ZEN42" is one full window of
        // 58^39 values out of 2p.
        row("didkey ZEN42", KeyFormat::DidKey, "ZEN42", false, false, std::pow(58.0, 39) / (2 * p));
        row("didkey Z", KeyFormat::DidKey, "Z", false, false, std::pow(58.0, 43) / (2 * p));
        row("didkey L (below M)", KeyFormat::DidKey, "L", false, false, 0.0);
        row("didkey x (above w)", KeyFormat::DidKey, "x", false, false, 0.0);
        row("didkey ML (below MQn)", KeyFormat::DidKey, "ML", false, false, 0.0);
        // Leading zero bytes of h160 are the only way to a '1' after the fixed lead.
        row("p2pkh 1", KeyFormat::P2pkh, "1", false, false, 1.0 / 256);
        row("p2pkh 11", KeyFormat::P2pkh, "11", false, false, 1.0 / 65536);
        // '2' is the top digit 1 of N in [58^32, 2 * 58^32), a full window below 2^192.
        row("p2pkh 2", KeyFormat::P2pkh, "2", false, false,
            std::pow(58.0, 32) / std::ldexp(1.0, 192));
        // 'A' (digit 9) is a full window for both lengths: (58^32 + 58^31) / 2^192.
        row("p2pkh A", KeyFormat::P2pkh, "A", false, false,
            (std::pow(58.0, 32) + std::pow(58.0, 31)) / std::ldexp(1.0, 192));
        // The top digit of N >= 58^32 is below 2^192 / 58^32 ~ 23.3: 'R' (24) never starts a
        // length-33 free part.
        row("p2pkh R", KeyFormat::P2pkh, "R", false, false,
            std::pow(58.0, 31) / std::ldexp(1.0, 192));
        row("eth dead", KeyFormat::Eth, "dead", false, false, std::pow(16.0, -4));
        row("eth DEAD case", KeyFormat::Eth, "DEAD", false, true, std::pow(32.0, -4));
        row("eth 0dA9 case", KeyFormat::Eth, "0dA9", true, true, 1.0 / (16 * 32 * 32 * 16));
        row("eth ?? case", KeyFormat::Eth, "??", true, true, 1.0);
        // npub: 'q' is x < 2^251; the checksum symbols are uniform; the last data symbol is
        // 'q' or 's' (x's low bit), never 'p'.
        row("npub q", KeyFormat::Npub, "q", false, false, 1.0 / 32);
        row("npub l", KeyFormat::Npub, "l", false, false, 1.0 / 32);
        row("npub suffix qq", KeyFormat::Npub, "qq", true, false, 1.0 / 1024);
        row("npub suffix p??????", KeyFormat::Npub, "p??????", true, false, 0.0);
        row("npub suffix s??????", KeyFormat::Npub, "s??????", true, false, 0.5);
        row("npub suffix 9s??????", KeyFormat::Npub, "9s??????", true, false, 1.0 / 64);
    }

    void handDerivedOdds() {
        QFETCH(int, format);
        QFETCH(QString, text);
        QFETCH(bool, suffix);
        QFETCH(bool, ethCase);
        QFETCH(double, expected);
        const double got = odds(static_cast<KeyFormat>(format), qPrintable(text),
                                suffix ? FreePartEnd::End : FreePartEnd::Start, ethCase);
        if (expected == 0)
            QCOMPARE(got, 0.0);
        else
            QVERIFY2(std::abs(got / expected - 1) < 1e-12,
                     qPrintable(QStringLiteral("got %1 want %2")
                                    .arg(got, 0, 'g', 17)
                                    .arg(expected, 0, 'g', 17)));
    }

    void zeroOddsAreExactlyZero() {
        // Exact zero, not a rounding residue: the matching count itself is 0.
        const FreePartModel didkey = free_part_model(KeyFormat::DidKey, false);
        QVERIFY(exact_position_odds(didkey, sets_of(KeyFormat::DidKey, "L"), FreePartEnd::Start)
                    .matching.is_zero());
        QVERIFY(!exact_position_odds(didkey, sets_of(KeyFormat::DidKey, "M"), FreePartEnd::Start)
                     .matching.is_zero());
        // A pattern longer than every free part cannot match.
        const std::vector<SymbolSet> too_long(45, ~SymbolSet{0});
        QVERIFY(exact_position_odds(didkey, too_long, FreePartEnd::End).matching.is_zero());
    }

    void p2pkhLengths() {
        const std::vector<LengthShare> shares = free_length_distribution(KeyFormat::P2pkh);
        QCOMPARE(shares.front().length, 24);  // h160 == 0 and a zero checksum
        QCOMPARE(shares.back().length, 33);
        double sum = 0;
        for (const LengthShare& s : shares) sum += s.probability;
        QVERIFY(std::abs(sum - 1) < 1e-15);
        // Length 33: N >= 58^32 with no zero byte, or N in [58^31, 2^184) after one '1', or
        // N in [58^30, 2^176) after two (58^30 < 2^176 < 58^31).
        const double two192 = std::ldexp(1.0, 192);
        const double p33 = 1 - std::pow(58.0, 32) / two192 +
                           (std::ldexp(1.0, 184) - std::pow(58.0, 31)) / two192 +
                           (std::ldexp(1.0, 176) - std::pow(58.0, 30)) / two192;
        QVERIFY(std::abs(shares.back().probability - p33) < 1e-15);
        QVERIFY(std::abs(shares[shares.size() - 2].probability - 0.03967843292596582) < 1e-15);
        for (KeyFormat f : {KeyFormat::DidKey, KeyFormat::Eth, KeyFormat::Npub}) {
            const std::vector<LengthShare> one = free_length_distribution(f);
            QCOMPARE(one.size(), std::size_t{1});
            QCOMPARE(one[0].length, format_info(f).free_max_length);
            QCOMPARE(one[0].probability, 1.0);
        }
    }

    void firstSymbolLaws() {
        const std::vector<double> didkey = free_symbol_distribution(KeyFormat::DidKey, 0);
        double sum = 0;
        for (int s = 0; s < 58; ++s) {
            const bool possible = s >= symbol_index(KeyFormat::DidKey, 'M') &&
                                  s <= symbol_index(KeyFormat::DidKey, 'w');
            QCOMPARE(didkey[static_cast<std::size_t>(s)] > 0, possible);
            sum += didkey[static_cast<std::size_t>(s)];
        }
        QVERIFY(std::abs(sum - 1) < 1e-14);
        const std::vector<double> p2pkh = free_symbol_distribution(KeyFormat::P2pkh, 0);
        QVERIFY(std::abs(p2pkh[0] - 1.0 / 256) < 1e-17);
        QVERIFY(std::abs(p2pkh[static_cast<std::size_t>(symbol_index(KeyFormat::P2pkh, 'Z'))] -
                         0.0007387689482005202) < 1e-17);
        // Conditioned on length 32, the free part never starts with a digit that makes N >= 58^32.
        const std::vector<double> p2pkh32 = free_symbol_distribution(KeyFormat::P2pkh, 0, 32);
        QVERIFY(p2pkh32[static_cast<std::size_t>(symbol_index(KeyFormat::P2pkh, 'z'))] > 0.01);
        QVERIFY(free_symbol_distribution(KeyFormat::P2pkh, 33).empty());
        const std::vector<double> npub51 = free_symbol_distribution(KeyFormat::Npub, 51);
        QVERIFY(std::abs(npub51[0] - 0.5) < 1e-15 && std::abs(npub51[16] - 0.5) < 1e-15);
        const std::vector<double> eth = free_symbol_distribution(KeyFormat::Eth, 7, 0, true);
        QCOMPARE(eth.size(), std::size_t{22});
        QCOMPARE(eth[3], 1.0 / 16);
        QCOMPARE(eth[12], 1.0 / 32);
        QCOMPARE(eth[18], 1.0 / 32);
    }

    // The pattern validator's free_position_support (its own interval arithmetic) and the exact
    // counts agree on which symbols can occur where: possible <=> a nonzero count.
    void freePositionSupportAgreesWithExactCounts() {
        for (KeyFormat f : {KeyFormat::DidKey, KeyFormat::P2pkh, KeyFormat::Eth, KeyFormat::Npub}) {
            const FreePartModel model = free_part_model(f, true);
            std::vector<int> lengths;
            for (const LengthShare& share : free_length_distribution(f))
                lengths.push_back(share.length);
            for (int length = 1; length <= kMaxFreeLength; ++length) {
                const bool possible =
                    std::find(lengths.begin(), lengths.end(), length) != lengths.end();
                QCOMPARE(free_length_possible(f, length), possible);
                if (!possible) continue;
                for (int position = 0; position < length; ++position) {
                    std::vector<SymbolSet> sets(static_cast<std::size_t>(position) + 1,
                                                ~SymbolSet{0});
                    SymbolSet counted = 0;
                    for (int s = 0; s < model.alphabet_size; ++s) {
                        sets.back() = SymbolSet{1} << s;
                        if (!exact_position_odds(model, sets, FreePartEnd::Start, length)
                                 .matching.is_zero())
                            counted |= SymbolSet{1} << s;
                    }
                    const SymbolSet support = free_position_support(f, position, length);
                    if (support != counted)
                        QFAIL(qPrintable(
                            QStringLiteral("%1 length %2 position %3: support %4, exact counts %5")
                                .arg(QString::fromLatin1(format_info(f).name.data()))
                                .arg(length)
                                .arg(position)
                                .arg(support, 0, 16)
                                .arg(counted, 0, 16)));
                }
            }
        }
    }

    // The chain's heads are the exact joint law of the first symbols; its tails are laws.
    void chainIsAProbabilityLaw() {
        for (KeyFormat f : {KeyFormat::DidKey, KeyFormat::P2pkh, KeyFormat::Eth, KeyFormat::Npub}) {
            const FreePartModel model = free_part_model(f, true);
            const FreePartChain chain = free_part_chain(model);
            double sum = 0;
            std::vector<double> first(static_cast<std::size_t>(chain.alphabet_size), 0.0);
            for (const ChainHead& head : chain.heads) {
                sum += head.probability;
                if (!head.symbols.empty()) first[head.symbols[0]] += head.probability;
            }
            QVERIFY(std::abs(sum - 1) < 1e-12);
            for (std::size_t r = 1; r < chain.tail.size(); ++r) {
                double mass = 0;
                for (double q : chain.tail[r]) mass += q;
                QVERIFY(std::abs(mass - 1) < 1e-12);
            }
            if (f == KeyFormat::DidKey || f == KeyFormat::P2pkh) {
                const std::vector<double> exact = free_symbol_distribution(f, 0);
                for (std::size_t s = 0; s < first.size(); ++s)
                    QVERIFY(std::abs(first[s] - exact[s]) < 1e-14);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestFreePartModel)
#include "test_free_part_model.moc"
