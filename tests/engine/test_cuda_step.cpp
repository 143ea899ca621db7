// The CUDA kernel's per-thread code, run on the CPU with the GPU's field (Fe32): thread starts
// against libsecp256k1, and every candidate of a few simulated threads against the CPU pipeline
// (which test_cpu_pipeline holds to libsecp256k1 and the reference scorer), for every format
// and match mode; the p2pkh prefix shortcut against the full computation; a launch's hits,
// best candidate, count and stop flag against the candidates it saw.
#include <QtTest>

#include "cuda_test_support.h"
#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/search/key_derivation.h"

using namespace vanikeys;
using namespace vanikeys::test;
using gpu::MatchKind;
using secp::Fe32;

namespace {

// Short words, so that scores vary a lot; every mode of every format, both p2pkh prefix paths
// (a long prefix defeats the checksum shortcut), npub prefixes around the 52 data symbols.
const Case kCases[] = {
    {KeyFormat::DidKey, "a b c", MatchMode::Sequence, false, false},
    {KeyFormat::DidKey, "Q", MatchMode::Prefix, false, true},
    {KeyFormat::DidKey, "zz", MatchMode::Suffix, true, false},
    {KeyFormat::DidKey, "xy", MatchMode::Contains, false, false},
    {KeyFormat::P2pkh, "1a", MatchMode::Prefix, false, false},
    {KeyFormat::P2pkh, "?????????????????????????????????", MatchMode::Prefix, false, false},
    {KeyFormat::P2pkh, "e ?x", MatchMode::Sequence, false, true},
    {KeyFormat::P2pkh, "zz", MatchMode::Suffix, false, false},
    {KeyFormat::Eth, "Ab", MatchMode::Contains, true, false},
    {KeyFormat::Eth, "0 0 0", MatchMode::Sequence, false, false},
    {KeyFormat::Eth, "aB", MatchMode::Prefix, true, false},
    {KeyFormat::Eth, "ee", MatchMode::Suffix, false, false},
    {KeyFormat::Npub, "qq", MatchMode::Contains, false, false},
    {KeyFormat::Npub, "^x y$", MatchMode::Sequence, false, true},
    {KeyFormat::Npub, "q", MatchMode::Prefix, false, false},
    {KeyFormat::Npub, "?????????????????????????????????????????????????????q", MatchMode::Prefix, false, false},
    {KeyFormat::Npub, "s", MatchMode::Suffix, false, false},
};

// gpu_thread_step for the format and mode known only at run time.
template <class Sink>
std::uint64_t step_any(KeyFormat format, MatchKind kind, WalkState<Fe32>& state, const gpu::StepParams<Fe32>& params,
                       Fe32* prefix, Sink& sink) {
    return gpu::dispatch_kernel_kind(format, kind, [&]<KeyFormat kFormat, MatchKind kKind>() {
        return gpu::gpu_thread_step<kFormat, kKind>(state, params, prefix, sink);
    });
}

} // namespace

// The payload 0x00 || HASH160 || 00000000 of a number whose base58 digits (34, most
// significant first) from index `run` to 33 are all 57: digits 1..run-1 random, digit 1
// small enough for the version byte to be zero. Clearing the low 32 bits takes less than
// 58^6 - 2^32 off the six lowest digits, so digits run..27 stay 57.
template <class Rng>
static void payload_with_carry_run(Rng& rng, int run, std::uint8_t payload[25]) {
    std::uint8_t number[25] = {0};  // big-endian
    for (int d = 0; d < 34; ++d) {
        int digit = 57;
        if (d == 0) digit = 0;
        else if (d == 1) digit = 1 + static_cast<int>(rng() % 22);  // 23 * 58^32 < 2^192
        else if (d < run) digit = static_cast<int>(rng() % 58);
        unsigned carry = static_cast<unsigned>(digit);
        for (int i = 24; i >= 0; --i) {
            const unsigned v = number[i] * 58u + carry;
            number[i] = static_cast<std::uint8_t>(v & 0xFF);
            carry = v >> 8;
        }
    }
    std::copy(number, number + 21, payload);
    std::fill(payload + 21, payload + 25, std::uint8_t{0});
}

class TestCudaStep : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void threadStartsAreTheRightPoints() {
        auto rng = make_rng("threadStartsAreTheRightPoints");
        const SecretKey s = secret_from(rng);
        const int h = gpu::kMaxHalfWidth;
        const auto base = affine_from_public_key<Fe32>(point_at(s, h));
        const std::uint64_t stride = std::uint64_t{1} << 40;
        for (std::uint64_t t : {0ull, 1ull, 2ull, 255ull, 65535ull, 1048575ull}) {
            const WalkState<Fe32> state = gpu::thread_start(base, secp::gen_table<Fe32>(), t * stride, h);
            QCOMPARE(state.centre_index, t * stride + h);
            const PublicKey want = point_at(s, t * stride + h);
            std::uint8_t xy[64];
            state.centre.x.to_bytes_be(xy);
            state.centre.y.to_bytes_be(xy + 32);
            QVERIFY2(!state.centre.infinity && std::equal(xy, xy + 64, want.xy.begin()),
                     ("thread " + std::to_string(t) + ": " + hex(xy, 64) + " != " + hex(want.xy.data(), 64) +
                      ", s = " + hex(s.bytes().data(), 32)).c_str());
        }
    }

    void walkStatesRoundTripThroughDeviceLayout() {
        auto rng = make_rng("walkStatesRoundTripThroughDeviceLayout");
        constexpr int kCount = 5;
        std::vector<std::uint32_t> x(8 * kCount), y(8 * kCount);
        std::vector<std::uint64_t> index(kCount);
        std::vector<std::uint8_t> infinity(kCount);
        const gpu::WalkStateArrays arrays{x.data(), y.data(), index.data(), infinity.data(), kCount};
        std::vector<WalkState<Fe32>> states(kCount);
        for (int t = 0; t < kCount; ++t) {
            for (int i = 0; i < 8; ++i) {
                states[t].centre.x.n[i] = static_cast<std::uint32_t>(rng());
                states[t].centre.y.n[i] = static_cast<std::uint32_t>(rng());
            }
            states[t].centre.infinity = t == 3;
            states[t].centre_index = rng();
            gpu::store_walk_state(arrays, t, states[t]);
        }
        QCOMPARE(x[1 * kCount + 2], states[2].centre.x.n[1]);  // limb-major: coalesced on the GPU
        for (int t = 0; t < kCount; ++t) {
            const WalkState<Fe32> back = gpu::load_walk_state(arrays, t);
            QVERIFY(std::equal(back.centre.x.n, back.centre.x.n + 8, states[t].centre.x.n));
            QVERIFY(std::equal(back.centre.y.n, back.centre.y.n + 8, states[t].centre.y.n));
            QCOMPARE(back.centre.infinity, states[t].centre.infinity);
            QCOMPARE(back.centre_index, states[t].centre_index);
        }
    }

    void everyCandidateMatchesTheCpuPipeline_data() {
        QTest::addColumn<int>("which");
        for (int i = 0; i < int(std::size(kCases)); ++i)
            QTest::newRow((std::string(format_info(kCases[i].format).name) + " " + match_mode_name(kCases[i].mode).data() +
                           " " + kCases[i].pattern)
                              .c_str())
                << i;
    }
    void everyCandidateMatchesTheCpuPipeline() {
        QFETCH(int, which);
        const Case& c = kCases[which];
        Pattern pattern;
        const MatcherTables matcher = matcher_for(c, &pattern);
        auto rng = make_rng(c.pattern);
        const SecretKey s = secret_from(rng);

        // A few simulated threads of a small walk, two groups each.
        constexpr int kThreads = 3;
        constexpr int kGroups = 3;
        const int h = 20;
        const std::uint64_t stride = std::uint64_t{1} << 40;
        const WalkTableStorage<Fe32> table(h);
        gpu::StepParams<Fe32> params{table.view(), view_of(matcher), matcher.needs_eth_case};
        const auto base = affine_from_public_key<Fe32>(point_at(s, h));
        std::vector<Fe32> prefix(h + 1);
        int partial = 0;
        int exact = 0;
        for (int t = 0; t < kThreads; ++t) {
            WalkState<Fe32> state = gpu::thread_start(base, secp::gen_table<Fe32>(), t * stride, h);
            std::vector<gpu::CandidateRecord> records;
            RecordingSink sink{&records};
            std::uint64_t tested = 0;
            for (int g = 0; g < kGroups; ++g)
                tested += step_any(c.format, gpu::match_kind_of(c.mode), state, params, prefix.data(), sink);
            QCOMPARE(tested, std::uint64_t(records.size()));
            QCOMPARE(state.centre_index, t * stride + h + std::uint64_t(kGroups * (2 * h + 1)));

            std::vector<CandidateReport> got;
            for (const gpu::CandidateRecord& r : records) {
                got.push_back(report_of(r));
                partial += r.matched_chars > 0 ? 1 : 0;
                exact += r.exact;
            }
            const auto want = cpu_candidates(matcher, s, t * stride + h, h, kGroups);
            const std::string mismatch = compare_candidates(got, want, s);
            QVERIFY2(mismatch.empty(), mismatch.c_str());

            // The free part the device scored is the address's (as far as it was computed).
            for (std::size_t i = 0; i < records.size(); i += 13) {
                const gpu::CandidateRecord& r = records[i];
                auto key = derive_candidate_secret(s, SplitKeyPartial{u64_be(r.index), r.endo, r.negate != 0});
                QVERIFY(key.ok());
                const std::string address = address_of(c.format, *libsecp_public_key(*key));
                auto symbols = free_part_symbols(c.format, address);
                QVERIFY(symbols && int(symbols->size()) >= r.known);
                if (c.format == KeyFormat::Eth && !matcher.needs_eth_case)  // letters left lower case
                    for (auto& v : *symbols) v = v >= 16 ? static_cast<std::uint8_t>(v - 6) : v;
                QVERIFY2(std::equal(r.symbols, r.symbols + r.known, symbols->begin()),
                         (address + ": device symbols " + hex(r.symbols, r.known)).c_str());
                if (c.mode == MatchMode::Prefix || c.mode == MatchMode::Suffix || c.format == KeyFormat::DidKey)
                    continue;
                QCOMPARE(int(r.known), int(symbols->size()));  // the whole free part outside shortcuts
            }
        }
        QVERIFY2(partial > 0, "the pattern should partially match some candidates");
        if (std::string(c.pattern).starts_with("???")) QVERIFY2(exact > 0, "the long ? prefix should match");
    }

    void walkThroughInfinitySkipsThatPoint() {
        // s = n - 5: key s + 5 is 0 mod n, the point at infinity, in the first group. The walk
        // takes its slow path; that point is no candidate, every other one is as on the CPU.
        SecretKey s;
        const std::uint8_t n_minus_5[32] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                            0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48,
                                            0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x3C};
        std::copy(n_minus_5, n_minus_5 + 32, s.mutable_bytes().begin());
        const Case c{KeyFormat::P2pkh, "a", MatchMode::Contains, false, false};
        const MatcherTables matcher = matcher_for(c);
        const int h = 8;
        const WalkTableStorage<Fe32> table(h);
        const gpu::StepParams<Fe32> params{table.view(), view_of(matcher), false};
        const auto base = affine_from_public_key<Fe32>(point_at(s, h));
        std::vector<Fe32> prefix(h + 1);
        WalkState<Fe32> state = gpu::thread_start(base, secp::gen_table<Fe32>(), 0, h);
        std::vector<gpu::CandidateRecord> records;
        RecordingSink sink{&records};
        const std::uint64_t tested = gpu::gpu_thread_step<KeyFormat::P2pkh, MatchKind::Automaton>(
            state, params, prefix.data(), sink);
        QCOMPARE(tested, std::uint64_t(2 * h * 6));
        QCOMPARE(records.size(), std::size_t(tested));
        for (const auto& r : records) QVERIFY(r.index != 5);
        std::vector<CandidateReport> got;
        for (const auto& r : records) got.push_back(report_of(r));
        const std::string mismatch = compare_candidates(got, cpu_candidates(matcher, s, h, h, 1), s);
        QVERIFY2(mismatch.empty(), mismatch.c_str());
    }

    void p2pkhPrefixShortcutIsExact() {
        // Both paths of the shortcut (the checksum cannot reach the prefix, or it might),
        // pattern lengths from 1 to 33, random, all-zero and carry-run HASH160s.
        auto rng = make_rng("p2pkhPrefixShortcutIsExact");
        int shortcuts = 0;
        int full = 0;
        for (int length = 1; length <= 33; ++length) {
            const std::string text(static_cast<std::size_t>(length), '?');
            auto pattern = parse_pattern(text, KeyFormat::P2pkh, PatternOptions{MatchMode::Prefix, false, false});
            QVERIFY(pattern.ok());
            const MatcherTables matcher = *compile_matcher(*pattern);
            const MatcherView view = view_of(matcher);
            for (int trial = 0; trial < 300; ++trial) {
                std::uint8_t payload[25] = {0};
                if (trial >= 200) {
                    // Digits from `run` down are all 57, so a checksum's carry climbs into them.
                    payload_with_carry_run(rng, 1 + trial % 27, payload);
                } else if (trial > 0) {
                    for (int i = 1; i < 21; ++i) payload[i] = static_cast<std::uint8_t>(rng());
                }
                if (trial % 7 == 1) payload[1] = payload[2] = 0;  // extra leading '1's
                std::uint8_t want_payload[25];
                std::copy(payload, payload + 21, want_payload);
                p2pkh_checksum(want_payload);
                std::uint8_t want_symbols[33];
                const int want_length = p2pkh_free_symbols_from_payload(want_payload, want_symbols);
                const MatchOutcome want = matcher_detail::match_prefix(view, want_symbols, want_length);

                std::uint8_t symbols[kMaxFreeLength];
                int known = 0;
                const int got_length = p2pkh_prefix_free_symbols(payload, symbols, view.position_count, known);
                const MatchOutcome got = matcher_detail::match_prefix(view, symbols, got_length);
                QCOMPARE(got.matched_chars, want.matched_chars);
                QCOMPARE(got.exact, want.exact);
                QVERIFY(known <= want_length);
                QVERIFY2(std::equal(symbols, symbols + known, want_symbols), hex(want_payload, 25).c_str());
                (known == want_length ? full : shortcuts) += 1;
            }
        }
        QVERIFY(shortcuts > 1000);
        QVERIFY(full > 100);
    }

    void p2pkhPrefixWithoutChecksumKnowsWhenItCannotTell() {
        auto rng = make_rng("p2pkhPrefixWithoutChecksumKnowsWhenItCannotTell");
        int refused = 0;
        for (int trial = 0; trial < 2000; ++trial) {
            std::uint8_t payload[25];
            const int run = 2 + trial % 26;
            payload_with_carry_run(rng, run, payload);
            QCOMPARE(int(payload[0]), 0);
            std::uint8_t real[25];
            std::copy(payload, payload + 21, real);
            p2pkh_checksum(real);
            std::uint8_t want[33];
            const int want_length = p2pkh_free_symbols_from_payload(real, want);
            for (int needed = 1; needed <= 33; ++needed) {
                std::uint8_t got[33];
                const int length = p2pkh_free_prefix_without_checksum(payload, got, needed);
                if (length < 0) {
                    ++refused;
                    continue;
                }
                QCOMPARE(length, want_length);
                const int checked = std::min(needed, length);
                QVERIFY2(std::equal(got, got + checked, want),
                         (hex(real, 25) + " needed " + std::to_string(needed)).c_str());
                // A prefix that reaches the run of 57s can always be changed by some checksum.
                QVERIFY(needed < run);
            }
        }
        QVERIFY(refused > 10'000);
    }

    void launchReportsHitsBestAndCount() {
        // An easy contains pattern: many exact hits and partial scores in one launch.
        const Case c{KeyFormat::DidKey, "a", MatchMode::Contains, true, false};
        const MatcherTables matcher = matcher_for(c);
        auto rng = make_rng("launchReportsHitsBestAndCount");
        const SecretKey s = secret_from(rng);
        const int h = 8;
        const WalkTableStorage<Fe32> table(h);
        const gpu::StepParams<Fe32> params{table.view(), view_of(matcher), false};
        const auto base = affine_from_public_key<Fe32>(point_at(s, h));
        std::vector<Fe32> prefix(h + 1);

        const WalkState<Fe32> start = gpu::thread_start(base, secp::gen_table<Fe32>(), 0, h);
        // What the thread sees, candidate by candidate.
        WalkState<Fe32> state = start;
        std::vector<gpu::CandidateRecord> records;
        RecordingSink recorder{&records};
        struct Hits {
            std::vector<gpu::CandidateId> ids;
            void operator()(const gpu::CandidateId& id, const MatchOutcome& m) {
                QVERIFY(m.exact);
                ids.push_back(id);
            }
        } hits;
        const gpu::ThreadOutcome outcome = gpu::run_thread_launch<KeyFormat::DidKey, MatchKind::Automaton>(
            state, params, prefix.data(), 3, -1, nullptr, hits, recorder);
        QCOMPARE(outcome.tested, std::uint64_t(records.size()));
        QCOMPARE(outcome.tested, std::uint64_t(3 * (2 * h + 1) * 6));
        std::size_t want_hits = 0;
        for (const auto& r : records) want_hits += r.exact;
        QVERIFY(want_hits > 0);
        QCOMPARE(hits.ids.size(), want_hits);
        // "a" has one character: the best non-exact candidate has 0 matched characters, which
        // does not beat the floor of -1 only if none was tested; with floor 0 there is none.
        QCOMPARE(outcome.best_matched, 0);

        // A floor at the best possible non-exact score: nothing to report.
        state = start;
        auto noop = [](const gpu::CandidateId&, const MatchOutcome&, const std::uint8_t*, int) {};
        Hits again;
        const gpu::ThreadOutcome floored = gpu::run_thread_launch<KeyFormat::DidKey, MatchKind::Automaton>(
            state, params, prefix.data(), 3, 0, nullptr, again, noop);
        QCOMPARE(floored.best_matched, -1);
        QCOMPARE(again.ids.size(), want_hits);

        // The stop flag ends a launch before its next group.
        state = start;
        const volatile std::int32_t stop = 1;
        Hits none;
        const gpu::ThreadOutcome stopped = gpu::run_thread_launch<KeyFormat::DidKey, MatchKind::Automaton>(
            state, params, prefix.data(), 3, -1, &stop, none, noop);
        QCOMPARE(stopped.tested, std::uint64_t(0));
        QCOMPARE(state.centre_index, start.centre_index);
    }

    void launchTracksTheBestPartialCandidate() {
        const Case c{KeyFormat::Npub, "qqqq pp", MatchMode::Sequence, false, false};
        const MatcherTables matcher = matcher_for(c);
        auto rng = make_rng("launchTracksTheBestPartialCandidate");
        const SecretKey s = secret_from(rng);
        const int h = 16;
        const WalkTableStorage<Fe32> table(h);
        const gpu::StepParams<Fe32> params{table.view(), view_of(matcher), false};
        const auto base = affine_from_public_key<Fe32>(point_at(s, h));
        std::vector<Fe32> prefix(h + 1);
        WalkState<Fe32> state = gpu::thread_start(base, secp::gen_table<Fe32>(), 7, h);
        std::vector<gpu::CandidateRecord> records;
        RecordingSink recorder{&records};
        auto ignore_hits = [](const gpu::CandidateId&, const MatchOutcome&) {};
        const gpu::ThreadOutcome outcome = gpu::run_thread_launch<KeyFormat::Npub, MatchKind::Automaton>(
            state, params, prefix.data(), 2, 1, nullptr, ignore_hits, recorder);
        int best = -1;
        for (const auto& r : records)
            if (!r.exact) best = std::max(best, int(r.matched_chars));
        QVERIFY(best > 1);
        QCOMPARE(outcome.best_matched, best);
        const auto it = std::find_if(records.begin(), records.end(), [&](const gpu::CandidateRecord& r) {
            return r.index == outcome.best.index && r.endo == outcome.best.endo && (r.negate != 0) == outcome.best.negate;
        });
        QVERIFY(it != records.end());
        QCOMPARE(int(it->matched_chars), best);
    }
};

QTEST_GUILESS_MAIN(TestCudaStep)
#include "test_cuda_step.moc"
