// The estimate against simulation: for every format and mode, predicted odds are compared with
// the hit rate over 10^6 free parts drawn as SPEC §4 models keys (random x < p and parity,
// random h160 with its real SHA-256d checksum, random 20 bytes with the real EIP-55 case,
// random x with its real bech32 checksum) and encoded by slow test encoders written
// independently of the engine's; plus the odds arithmetic and hand-derived counts.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>

#include "engine/encoding/base58.h"
#include "engine/encoding/bech32.h"
#include "engine/encoding/hex.h"
#include "engine/estimate/estimate.h"
#include "engine/hash/keccak256.h"
#include "engine/hash/sha256.h"
#include "engine/pattern/matcher.h"

using namespace vanikeys;

namespace {

constexpr int kSamples = 1'000'000;

std::uint64_t test_seed() {
    const char* env = std::getenv("VANIKEYS_TEST_SEED");
    return env ? std::strtoull(env, nullptr, 0) : 20240601;
}

// ---- Independent slow encoders (test only) ----

// `count` base58 digits of the big-endian number in `bytes`, most significant first, with
// leading zeros; the number must be below 58^count. Long division by 58^5 on 32-bit limbs.
void base58_fixed(const std::uint8_t* bytes, int byte_count, std::uint8_t* digits, int count) {
    std::uint32_t limbs[16] = {};
    const int limb_count = (byte_count + 3) / 4;
    for (int i = 0; i < byte_count; ++i) {
        const int bit = 8 * (byte_count - 1 - i);
        limbs[limb_count - 1 - bit / 32] |= static_cast<std::uint32_t>(bytes[i]) << (bit % 32);
    }
    constexpr std::uint32_t k58pow5 = 58u * 58 * 58 * 58 * 58;
    for (int end = count; end > 0; end -= 5) {
        std::uint64_t rem = 0;
        for (int i = 0; i < limb_count; ++i) {
            const std::uint64_t cur = (rem << 32) | limbs[i];
            limbs[i] = static_cast<std::uint32_t>(cur / k58pow5);
            rem = cur % k58pow5;
        }
        for (int d = end - 1; d >= std::max(0, end - 5); --d, rem /= 58)
            digits[d] = static_cast<std::uint8_t>(rem % 58);
    }
}

std::uint32_t bech32_polymod(const std::uint8_t* values, int count) {
    constexpr std::uint32_t kGen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    std::uint32_t chk = 1;
    for (int i = 0; i < count; ++i) {
        const std::uint32_t top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ values[i];
        for (int b = 0; b < 5; ++b)
            if ((top >> b) & 1) chk ^= kGen[b];
    }
    return chk;
}

// x uniform in [0, p), big-endian.
void random_x(std::mt19937_64& rng, std::uint8_t* out) {
    std::uint64_t limbs[4];
    do {
        for (std::uint64_t& l : limbs) l = rng();
    } while (limbs[0] == ~0ull && limbs[1] == ~0ull && limbs[2] == ~0ull &&
             limbs[3] >= 0xFFFFFFFEFFFFFC2Full);
    for (int i = 0; i < 32; ++i)
        out[i] = static_cast<std::uint8_t>(limbs[i / 8] >> (56 - 8 * (i % 8)));
}

// What a format encodes, drawn as SPEC §4 models it: did:key 0xE7 0x01 (0x02|0x03) || x;
// p2pkh 0x00 || h160 || its real checksum (the model takes the checksum as uniform); eth the
// 20 address bytes; npub x. Returns the number of bytes written to `value` (at most 35).
int draw_value(KeyFormat format, std::mt19937_64& rng, std::uint8_t* value) {
    switch (format) {
    case KeyFormat::DidKey:
        value[0] = 0xE7, value[1] = 0x01, value[2] = static_cast<std::uint8_t>(2 + (rng() & 1));
        random_x(rng, value + 3);
        return 35;
    case KeyFormat::P2pkh:
        value[0] = 0;
        for (int b = 1; b < 21; ++b) value[b] = static_cast<std::uint8_t>(rng());
        hash::sha256d_checksum(value, 21, value + 21);
        return 25;
    case KeyFormat::Eth:
        for (int b = 0; b < 20; ++b) value[b] = static_cast<std::uint8_t>(rng());
        return 20;
    case KeyFormat::Npub:
        random_x(rng, value);
        return 32;
    }
    return 0;
}

// p2pkh: the free part of base58check's 25 bytes given as 34 fixed-width digits: one '1' per
// leading zero byte after the first, then the digits without leading zeros.
int p2pkh_free_part(const std::uint8_t value[25], const std::uint8_t digits[34],
                    std::uint8_t* out) {
    int zeros = 0;
    while (zeros < 25 && value[zeros] == 0) ++zeros;
    int first = 0;
    while (first < 34 && digits[first] == 0) ++first;
    std::fill(out, out + zeros - 1, std::uint8_t{0});
    std::copy(digits + first, digits + 34, out + zeros - 1);
    return zeros - 1 + 34 - first;
}

// The free part of `value` with the engine's hot-path encoders; returns its length.
int encode_free_part(KeyFormat format, const std::uint8_t* value, std::uint8_t* out) {
    switch (format) {
    case KeyFormat::DidKey: {
        std::uint8_t digits[48];
        encoding::base58_digits<35, 48>(value, digits);
        std::copy(digits + 4, digits + 48, out);
        return 44;
    }
    case KeyFormat::P2pkh: {
        std::uint8_t digits[34];
        encoding::base58_digits<25, 34>(value, digits);
        return p2pkh_free_part(value, digits, out);
    }
    case KeyFormat::Eth: {
        const std::uint64_t upper = encoding::eip55_upper_mask(value);
        for (int n = 0; n < 40; ++n) {
            const int nibble = n % 2 ? value[n / 2] & 15 : value[n / 2] >> 4;
            out[n] = static_cast<std::uint8_t>(nibble + (((upper >> n) & 1) ? 6 : 0));
        }
        return 40;
    }
    case KeyFormat::Npub:
        encoding::npub_symbols(value, out);
        return 58;
    }
    return 0;
}

// The same with the slow encoders above and Keccak-256 of the address text.
int encode_free_part_slowly(KeyFormat format, const std::uint8_t* value, std::uint8_t* out) {
    switch (format) {
    case KeyFormat::DidKey: {
        std::uint8_t digits[48];
        base58_fixed(value, 35, digits, 48);
        std::copy(digits + 4, digits + 48, out);
        return 44;
    }
    case KeyFormat::P2pkh: {
        std::uint8_t digits[34];
        base58_fixed(value, 25, digits, 34);
        return p2pkh_free_part(value, digits, out);
    }
    case KeyFormat::Eth: {
        char text[40];
        for (int n = 0; n < 40; ++n) {
            out[n] = static_cast<std::uint8_t>(n % 2 ? value[n / 2] & 15 : value[n / 2] >> 4);
            text[n] = "0123456789abcdef"[out[n]];
        }
        std::uint8_t digest[32];
        hash::keccak256(reinterpret_cast<const std::uint8_t*>(text), 40, digest);
        for (int n = 0; n < 40; ++n) {
            const int nibble = (digest[n / 2] >> (n % 2 ? 0 : 4)) & 15;
            if (out[n] >= 10 && nibble >= 8) out[n] = static_cast<std::uint8_t>(out[n] + 6);
        }
        return 40;
    }
    case KeyFormat::Npub: {
        // hrp_expand("npub") || 52 data symbols || 6 zeros: the BIP-173 checksum input.
        std::uint8_t full[9 + 52 + 6] = {};
        for (int k = 0; k < 4; ++k) {
            full[k] = static_cast<std::uint8_t>("npub"[k] >> 5);
            full[5 + k] = static_cast<std::uint8_t>("npub"[k] & 31);
        }
        std::uint8_t* data = full + 9;
        int acc = 0, bits = 0, n = 0;
        for (int i = 0; i < 32; ++i) {
            acc = ((acc << 8) | value[i]) & 0xFFF;
            for (bits += 8; bits >= 5; bits -= 5)
                data[n++] = static_cast<std::uint8_t>((acc >> (bits - 5)) & 31);
        }
        data[n] = static_cast<std::uint8_t>((acc << (5 - bits)) & 31);
        const std::uint32_t check = bech32_polymod(full, 67) ^ 1;
        std::copy(data, data + 52, out);
        for (int k = 0; k < 6; ++k)
            out[52 + k] = static_cast<std::uint8_t>((check >> (5 * (5 - k))) & 31);
        return 58;
    }
    }
    return 0;
}

// Free parts of kSamples random keys of one format (p2pkh's lengths vary).
struct Samples {
    KeyFormat format;
    int stride = 0;
    std::vector<std::uint8_t> symbols;
    std::vector<std::uint8_t> lengths;
    const std::uint8_t* at(int i) const {
        return symbols.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(stride);
    }
};

Samples draw_samples(KeyFormat format, std::uint64_t seed) {
    std::mt19937_64 rng(seed * 4 + static_cast<std::uint64_t>(format));
    Samples s{format, format_info(format).free_max_length, {}, {}};
    s.symbols.assign(static_cast<std::size_t>(kSamples) * static_cast<std::size_t>(s.stride), 0);
    s.lengths.assign(kSamples, 0);
    std::uint8_t value[35];
    for (int i = 0; i < kSamples; ++i) {
        draw_value(format, rng, value);
        std::uint8_t* out =
            s.symbols.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(s.stride);
        s.lengths[static_cast<std::size_t>(i)] =
            static_cast<std::uint8_t>(encode_free_part(format, value, out));
    }
    return s;
}

// ---- Patterns ----

Pattern parse(KeyFormat format, MatchMode mode, const std::string& text, bool case_sensitive,
              bool fuzzy = false) {
    Result<Pattern> p = parse_pattern(text, format, {mode, case_sensitive, fuzzy});
    if (!p) qFatal("parse_pattern(%s): %s", text.c_str(), p.error().message.c_str());
    return std::move(p).value();
}

MatcherTables compile(const Pattern& pattern) {
    Result<MatcherTables> m = compile_matcher(pattern);
    if (!m) qFatal("compile_matcher(%s): %s", pattern.text.c_str(), m.error().message.c_str());
    return std::move(m).value();
}

// ---- Reference matcher (SPEC §2/§3 by greedy search, no automaton) ----

struct ReferenceOutcome {
    bool exact;
    int words;
};

bool word_at(const PatternWord& w, const std::uint8_t* symbols, int at) {
    for (std::size_t j = 0; j < w.classes.size(); ++j)
        if (((w.classes[j] >> symbols[at + static_cast<int>(j)]) & 1) == 0) return false;
    return true;
}

// Words in order, each at its earliest-ending occurrence after the previous one; '^' and '$'
// pin the first word to the start and the last to the end.
ReferenceOutcome reference_match(const Pattern& p, const std::uint8_t* symbols, int length) {
    const int k = static_cast<int>(p.words[0].classes.size());
    if (p.options.mode == MatchMode::Prefix) {
        const bool ok = k <= length && word_at(p.words[0], symbols, 0);
        return {ok, ok};
    }
    if (p.options.mode == MatchMode::Suffix) {
        const bool ok = k <= length && word_at(p.words[0], symbols, length - k);
        return {ok, ok};
    }
    int from = 0, found = 0;
    for (std::size_t i = 0; i < p.words.size(); ++i) {
        const PatternWord& w = p.words[i];
        const int len = static_cast<int>(w.classes.size());
        const bool pin_end = w.anchored_end && i + 1 == p.words.size();
        int at = -1;
        if (pin_end) {
            if (length - len >= from && word_at(w, symbols, length - len)) at = length - len;
            if (w.anchored_start && i == 0 && at != 0) at = -1;
        } else if (w.anchored_start && i == 0) {
            if (len <= length && word_at(w, symbols, 0)) at = 0;
        } else {
            for (int s = from; s + len <= length; ++s)
                if (word_at(w, symbols, s)) {
                    at = s;
                    break;
                }
        }
        if (at < 0) break;
        from = at + len;
        ++found;
    }
    return {found == static_cast<int>(p.words.size()), found};
}

} // namespace

class TestEstimate : public QObject {
    Q_OBJECT
private:
    std::map<KeyFormat, Samples> samples_;
    QStringList table_;

    const Samples& samples(KeyFormat f) {
        auto it = samples_.find(f);
        if (it == samples_.end()) it = samples_.emplace(f, draw_samples(f, test_seed())).first;
        return it->second;
    }

private Q_SLOTS:
    void initTestCase() {
        qInfo("VANIKEYS_TEST_SEED=%llu", static_cast<unsigned long long>(test_seed()));
    }

    void cleanupTestCase() {
        for (const QString& line : table_) qInfo("%s", qPrintable(line));
    }

    // The samples come from the engine's hot-path encoders; they must agree with the slow ones
    // (independent code) on random values and on edge values.
    void hotPathEncodersAgreeWithSlowOnes() {
        std::mt19937_64 rng(test_seed() + 7);
        for (KeyFormat f : {KeyFormat::DidKey, KeyFormat::P2pkh, KeyFormat::Eth, KeyFormat::Npub}) {
            for (int i = 0; i < 20000; ++i) {
                std::uint8_t value[35];
                const int bytes = draw_value(f, rng, value);
                if (f == KeyFormat::P2pkh && i < 64) std::fill(value + 1, value + 1 + i % 24, 0);
                if (f != KeyFormat::P2pkh && i < 2)
                    std::fill(value + std::max(0, bytes - 32), value + bytes, i ? 0xFF : 0);
                std::uint8_t fast[kMaxFreeLength], slow[kMaxFreeLength];
                const int n = encode_free_part(f, value, fast);
                if (n != encode_free_part_slowly(f, value, slow) ||
                    !std::equal(fast, fast + n, slow)) {
                    QString hex;
                    for (int b = 0; b < bytes; ++b) hex += QString::asprintf("%02x", value[b]);
                    QFAIL(qPrintable(QStringLiteral("%1: encoders differ on %2")
                                         .arg(QLatin1String(format_info(f).name.data()))
                                         .arg(hex)));
                }
            }
        }
    }

    // The chain is exact for the model, so a prefix written as "^WORD" and a suffix as "WORD$"
    // must come out of it as the exact counts, up to rounding; the rows include windows that
    // straddle the ends of did:key's ranges ("MQ", "wsR", "eE7") and p2pkh's lengths.
    void chainAgreesWithExactCounts_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("suffix");
        QTest::addColumn<double>("tolerance");
        auto row = [](KeyFormat f, const char* word, bool suffix, double tolerance) {
            QTest::addRow("%s %s%s", format_info(f).name.data(), word, suffix ? " (suffix)" : "")
                << static_cast<int>(f) << QString::fromLatin1(word) << suffix << tolerance;
        };
        row(KeyFormat::DidKey, "Z", false, 1e-12);
        row(KeyFormat::DidKey, "w", false, 1e-12);
        row(KeyFormat::DidKey, "MQ", false, 1e-12);
        row(KeyFormat::DidKey, "wsR", false, 1e-12); // straddles the end of the range
        row(KeyFormat::DidKey, "eE7", false, 1e-12);
        row(KeyFormat::DidKey, "zz", true, 1e-12);
        row(KeyFormat::P2pkh, "1", false, 1e-12);
        row(KeyFormat::P2pkh, "11", false, 1e-12);
        row(KeyFormat::P2pkh, "R", false, 1e-12);
        row(KeyFormat::P2pkh, "Qz", false, 1e-12);
        row(KeyFormat::P2pkh, "ab", true, 1e-12);
        row(KeyFormat::Eth, "dEad", false, 1e-12);
        row(KeyFormat::Eth, "fF", true, 1e-12);
        row(KeyFormat::Npub, "l", false, 1e-12);
        row(KeyFormat::Npub, "x9s??????", true, 1e-12);
    }

    void chainAgreesWithExactCounts() {
        QFETCH(int, format);
        QFETCH(QString, word);
        QFETCH(bool, suffix);
        QFETCH(double, tolerance);
        const KeyFormat f = static_cast<KeyFormat>(format);
        const std::string text = word.toStdString();
        const Pattern exact = parse(f, suffix ? MatchMode::Suffix : MatchMode::Prefix, text, true);
        const Pattern chained =
            parse(f, MatchMode::Sequence, suffix ? text + "$" : "^" + text, true);
        const Result<Estimate> a = estimate_pattern(exact, compile(exact));
        const Result<Estimate> b = estimate_pattern(chained, compile(chained));
        QVERIFY(a.ok() && b.ok() && a->exact && !b->exact);
        QVERIFY2(std::abs(b->probability / a->probability - 1) < tolerance,
                 qPrintable(QStringLiteral("exact %1 chain %2")
                                .arg(a->probability, 0, 'g', 17)
                                .arg(b->probability, 0, 'g', 17)));
    }

    // The exact law of the first symbol (non-uniform for did:key and p2pkh) and of npub's last
    // data symbol against the samples.
    void symbolLawsAgainstSimulation_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("position");
        QTest::newRow("didkey 0") << static_cast<int>(KeyFormat::DidKey) << 0;
        QTest::newRow("didkey 1") << static_cast<int>(KeyFormat::DidKey) << 1;
        QTest::newRow("p2pkh 0") << static_cast<int>(KeyFormat::P2pkh) << 0;
        QTest::newRow("npub 51") << static_cast<int>(KeyFormat::Npub) << 51;
    }

    void symbolLawsAgainstSimulation() {
        QFETCH(int, format);
        QFETCH(int, position);
        const KeyFormat f = static_cast<KeyFormat>(format);
        const std::vector<double> law = free_symbol_distribution(f, position);
        std::vector<long> counts(law.size(), 0);
        const Samples& s = samples(f);
        for (int i = 0; i < kSamples; ++i) ++counts[s.at(i)[position]];
        for (std::size_t sym = 0; sym < law.size(); ++sym) {
            const double sigma = std::sqrt(std::max(law[sym] * (1 - law[sym]), 1e-12) / kSamples);
            const double measured = static_cast<double>(counts[sym]) / kSamples;
            QVERIFY2(std::abs(measured - law[sym]) <= 5 * sigma,
                     qPrintable(QStringLiteral("symbol %1: law %2 measured %3")
                                    .arg(sym)
                                    .arg(law[sym])
                                    .arg(measured)));
        }
    }

    void oddsArithmetic() {
        QCOMPARE(attempts_for_chance(1e-6, 0.5), std::log(2.0) * 1e6);
        QCOMPARE(attempts_for_chance(1e-6, 0.99), std::log(100.0) * 1e6);
        QVERIFY(std::isinf(attempts_for_chance(0, 0.5)));
        // Tiny p: 1 - (1-p)^n computed naively rounds to 0; the stable form keeps ~n*p.
        QVERIFY(std::abs(chance_after(1e-30, 1e10) / 1e-20 - 1) < 1e-12);
        for (double p : {1e-3, 1e-9, 1e-25})
            for (double q : {0.5, 0.9, 0.99})
                QVERIFY(std::abs(chance_after(p, attempts_for_chance(p, q)) - q) < 2 * p + 1e-14);
        QCOMPARE(chance_after(0.5, 2), 0.75);
        QCOMPARE(chance_after(0, 1e30), 0.0);
        QCOMPARE(chance_after(1, 1), 1.0);
        const Estimate none = estimate_from_probability(0, {{1, 0}}, true);
        QVERIFY(std::isinf(none.expected_attempts) && std::isinf(none.attempts_99));
        const Estimate e = estimate_from_probability(1.0 / 1024, {{1, 1.0 / 1024}}, true);
        QCOMPARE(e.expected_attempts, 1024.0);
        QCOMPARE(e.attempts_90, std::log(10.0) * 1024);
        QCOMPARE(seconds_for_attempts(1e9, 2e6), 500.0);
        QCOMPARE(cost_usd(7200, 0.5), 1.0);
    }

    // SPEC's example: a did:key prefix "ZEN42" is one full window of 58^39 free parts of the
    // 2p possible (every "Z..." lies inside the y-even range, format_info.h), and a did:key
    // free part never starts with 'L'.
    void didkeyHandCounts() {
        const Pattern zen = parse(KeyFormat::DidKey, MatchMode::Prefix, "ZEN42", true);
        const Result<Estimate> e = estimate_pattern(zen, compile(zen));
        QVERIFY(e.ok() && e->exact);
        const double expected = std::pow(58.0, 39) / std::ldexp(2.0, 256);
        QVERIFY(std::abs(e->probability / expected - 1) < 1e-12);
        QCOMPARE(e->partial.size(), std::size_t{1});
        QCOMPARE(e->partial[0].probability, e->probability);
        // Case-insensitive: 'z' never starts a free part; 'e'/'E' and 'n'/'N' double twice.
        const Pattern any_case = parse(KeyFormat::DidKey, MatchMode::Prefix, "zen42", false);
        QVERIFY(
            std::abs(estimate_pattern(any_case, compile(any_case))->probability / (4 * expected) -
                     1) < 1e-12);
        // parse_pattern rejects a did:key prefix starting with 'L'; its odds are exactly 0.
        Pattern l = zen;
        l.words[0].classes[0] = SymbolSet{1} << symbol_index(KeyFormat::DidKey, 'L');
        const Result<Estimate> zero = estimate_pattern(l, compile(l));
        QCOMPARE(zero->probability, 0.0);
        QVERIFY(std::isinf(zero->expected_attempts));
    }

    void rejectsInconsistentInput() {
        const Pattern prefix = parse(KeyFormat::DidKey, MatchMode::Prefix, "ab", false);
        Pattern two = prefix;
        two.words.push_back(two.words[0]);
        QCOMPARE(estimate_pattern(two, compile(prefix)).error().code, 2);
        Pattern empty = prefix;
        empty.words.clear();
        QCOMPARE(estimate_pattern(empty, compile(prefix)).error().code, 2);
        const Pattern contains = parse(KeyFormat::DidKey, MatchMode::Contains, "ab", false);
        QCOMPARE(estimate_pattern(contains, compile(prefix)).error().code, 2); // another mode
        // Malformed tables are an internal failure.
        MatcherTables broken = compile(contains);
        broken.next.pop_back();
        QCOMPARE(estimate_pattern(contains, broken).error().code, 3);
        // An eth automaton over lowercase only cannot take the EIP-55 upper-case symbols.
        const Pattern eth = parse(KeyFormat::Eth, MatchMode::Contains, "A", true);
        const MatcherTables tables = compile(eth);
        QVERIFY(tables.needs_eth_case);
        std::vector<std::uint16_t> next16;
        for (int s = 0; s < tables.state_count; ++s)
            for (int c = 0; c < 16; ++c)
                next16.push_back(tables.next[static_cast<std::size_t>(s * 22 + c)]);
        AutomatonView view = automaton_of(tables);
        view.alphabet_size = 16;
        view.next = next16;
        QCOMPARE(estimate_pattern(eth, view, true).error().code, 3);
        QVERIFY(estimate_pattern(eth, view, false).ok());
    }

    void againstSimulation_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("fuzzy");
        auto row = [](KeyFormat f, MatchMode m, const char* text, bool cs, bool fuzzy = false) {
            QTest::addRow("%s %s '%s'%s%s", format_info(f).name.data(), match_mode_name(m).data(),
                          text, cs ? " cs" : "", fuzzy ? " fuzzy" : "")
                << static_cast<int>(f) << static_cast<int>(m) << QString::fromLatin1(text) << cs
                << fuzzy;
        };
        using F = KeyFormat;
        using M = MatchMode;
        row(F::DidKey, M::Prefix, "Z", false);
        row(F::DidKey, M::Prefix, "M", true);
        row(F::DidKey, M::Prefix, "w", true);
        row(F::DidKey, M::Prefix, "e?", false);
        row(F::DidKey, M::Prefix, "S", false, true);
        row(F::DidKey, M::Suffix, "z", false);
        row(F::DidKey, M::Suffix, "a?", true);
        row(F::DidKey, M::Suffix, "T", false, true);
        row(F::DidKey, M::Contains, "ab", false);
        row(F::DidKey, M::Contains, "xYz", false);
        row(F::DidKey, M::Contains, "GO", false, true);
        row(F::DidKey, M::Sequence, "^M x$", false);
        row(F::DidKey, M::Sequence, "ab cd", false);
        row(F::DidKey, M::Sequence, "be s?", true, true);
        row(F::P2pkh, M::Prefix, "1", false);
        row(F::P2pkh, M::Prefix, "2", false);
        row(F::P2pkh, M::Prefix, "z", true);
        row(F::P2pkh, M::Prefix, "R", true);
        row(F::P2pkh, M::Prefix, "1", false, true);
        row(F::P2pkh, M::Suffix, "b", true);
        row(F::P2pkh, M::Suffix, "zz", false, true);
        row(F::P2pkh, M::Contains, "11", false);
        row(F::P2pkh, M::Contains, "a?c", false);
        row(F::P2pkh, M::Contains, "1L", true, true);
        row(F::P2pkh, M::Sequence, "^3 ab", false);
        row(F::P2pkh, M::Sequence, "^1 a", false);
        row(F::Eth, M::Prefix, "a", false);
        row(F::Eth, M::Prefix, "Ab", true);
        row(F::Eth, M::Prefix, "b", false, true);
        row(F::Eth, M::Suffix, "0f", false);
        row(F::Eth, M::Suffix, "E", true, true);
        row(F::Eth, M::Contains, "abc", false);
        row(F::Eth, M::Contains, "ABC", true);
        row(F::Eth, M::Contains, "BEEF", false, true);
        row(F::Eth, M::Sequence, "de ad", false);
        row(F::Eth, M::Sequence, "E a$", true);
        row(F::Eth, M::Sequence, "^A b? 5$", true, true);
        row(F::Npub, M::Prefix, "l", false);
        row(F::Npub, M::Prefix, "S", false, true);
        row(F::Npub, M::Suffix, "s??????", false);
        row(F::Npub, M::Suffix, "qq", false);
        row(F::Npub, M::Contains, "qq", false);
        row(F::Npub, M::Contains, "x?s", false);
        row(F::Npub, M::Contains, "zz2", false, true);
        row(F::Npub, M::Sequence, "ac d$", false);
        row(F::Npub, M::Sequence, "^q q q", false);
    }

    // Predicted odds against the hit rate of match_symbols on the samples; the independent
    // reference_match must agree with match_symbols on every sample.
    void againstSimulation() {
        QFETCH(int, format);
        QFETCH(int, mode);
        QFETCH(QString, text);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, fuzzy);
        const KeyFormat f = static_cast<KeyFormat>(format);
        const Pattern pattern =
            parse(f, static_cast<MatchMode>(mode), text.toStdString(), caseSensitive, fuzzy);
        const MatcherTables tables = compile(pattern);
        const MatcherView view = view_of(tables);
        const int words = static_cast<int>(pattern.words.size());
        const Result<Estimate> estimate = estimate_pattern(pattern, tables);
        QVERIFY(estimate.ok());

        const Samples& s = samples(f);
        std::vector<long> at_least(static_cast<std::size_t>(words) + 1, 0);
        std::vector<long> scored_at_least(static_cast<std::size_t>(tables.total_chars) + 1, 0);
        long exact = 0;
        for (int i = 0; i < kSamples; ++i) {
            const std::uint8_t* symbols = s.at(i);
            const int length = s.lengths[static_cast<std::size_t>(i)];
            const MatchOutcome outcome = match_symbols(view, symbols, length);
            exact += outcome.exact;
            ++at_least[outcome.words_matched];
            ++scored_at_least[outcome.matched_chars];
            const ReferenceOutcome ref = reference_match(pattern, symbols, length);
            if (outcome.exact != ref.exact || outcome.words_matched != ref.words) {
                QString hex;
                for (int j = 0; j < length; ++j) hex += QString::asprintf("%02x", symbols[j]);
                QFAIL(qPrintable(QStringLiteral("match_symbols (exact %1, %2 words) and the "
                                                "reference (%3, %4) differ on %5")
                                     .arg(outcome.exact)
                                     .arg(outcome.words_matched)
                                     .arg(ref.exact)
                                     .arg(ref.words)
                                     .arg(hex)));
            }
        }
        for (int k = words - 1; k >= 0; --k)
            at_least[static_cast<std::size_t>(k)] += at_least[static_cast<std::size_t>(k) + 1];
        for (int k = tables.total_chars - 1; k >= 0; --k)
            scored_at_least[static_cast<std::size_t>(k)] += scored_at_least[static_cast<std::size_t>(k) + 1];

        const bool exact_mode = estimate->exact;
        auto check = [&](const char* what, double predicted, long hits) {
            const double measured = static_cast<double>(hits) / kSamples;
            const double sigma = std::sqrt(std::max(predicted * (1 - predicted), 1e-12) / kSamples);
            const double allowed = exact_mode ? 5 * sigma : std::max(0.03 * predicted, 5 * sigma);
            const double deviation = measured - predicted;
            table_ << QStringLiteral("%1 %2 %3: predicted %4 measured %5 deviation %6 (%7 sigma)")
                          .arg(QString::fromLatin1(QTest::currentDataTag()), -34)
                          .arg(QString::fromLatin1(what))
                          .arg(exact_mode ? QStringLiteral("exact") : QStringLiteral("chain"))
                          .arg(predicted, 0, 'e', 4)
                          .arg(measured, 0, 'e', 4)
                          .arg(predicted > 0 ? QStringLiteral("%1%").arg(
                                                   100 * deviation / predicted, 0, 'f', 2)
                                             : QStringLiteral("-"))
                          .arg(deviation / sigma, 0, 'f', 2);
            QVERIFY2(std::abs(deviation) <= allowed, qPrintable(table_.last()));
        };
        check("p", estimate->probability, exact);
        QCOMPARE(estimate->partial.size(), static_cast<std::size_t>(words));
        for (int k = 1; k <= words && words > 1; ++k)
            check(qPrintable(QStringLiteral(">=%1w").arg(k)),
                  estimate->partial[static_cast<std::size_t>(k - 1)].probability,
                  at_least[static_cast<std::size_t>(k)]);

        // The score law behind the rarity tiers, level by level.
        const Result<std::vector<double>> tail = score_tail_odds(pattern, tables);
        QVERIFY(tail.ok());
        QCOMPARE(tail->size(), static_cast<std::size_t>(tables.total_chars) + 1);
        QCOMPARE(tail->front(), 1.0);
        QVERIFY(std::abs(tail->back() - estimate->probability) <= 1e-9 * estimate->probability + 1e-300);
        for (int c = 1; c <= tables.total_chars; ++c) {
            QVERIFY((*tail)[static_cast<std::size_t>(c)] <= (*tail)[static_cast<std::size_t>(c) - 1] + 1e-15);
            check(qPrintable(QStringLiteral(">=%1c").arg(c)), (*tail)[static_cast<std::size_t>(c)],
                  scored_at_least[static_cast<std::size_t>(c)]);
        }
    }
};

QTEST_GUILESS_MAIN(TestEstimate)
#include "test_estimate.moc"
