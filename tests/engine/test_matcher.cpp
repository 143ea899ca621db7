// The compiled matcher: table structure and invariants, the state cap, eth case detection,
// packing for the GPU, a differential test against the reference scorer on random patterns and
// free parts of every format, mode and option, and a throughput measurement.
#include <QtTest>

#include <chrono>
#include <random>

#include "engine/pattern/char_class.h"
#include "engine/pattern/matcher.h"
#include "engine/pattern/score.h"
#include "tests/engine/pattern_test_support.h"

using namespace vanikeys;

namespace {

MatcherTables compiled(const std::string& text, KeyFormat format, PatternOptions options = {}) {
    const auto p = parse_pattern(text, format, options);
    if (!p) qFatal("test pattern rejected: %s", p.error().message.c_str());
    auto t = compile_matcher(*p);
    if (!t) qFatal("test pattern not compiled: %s", t.error().message.c_str());
    return std::move(t).value();
}

MatchOutcome match_text(const MatcherTables& t, const std::string& free_part) {
    const auto symbols = symbols_of_text(t.format, free_part);
    if (!symbols) qFatal("test free part not in the alphabet: %s", free_part.c_str());
    return match_symbols(view_of(t), symbols->data(), static_cast<int>(symbols->size()));
}

// Checks the documented invariants of the DFA tables; returns "" or what is wrong.
QString invariant_violation(const MatcherTables& t) {
    if (t.mode == MatchMode::Prefix || t.mode == MatchMode::Suffix)
        return t.state_count == 0 && static_cast<int>(t.position_sets.size()) == t.total_chars ? QString()
                                                                                               : QStringLiteral("position tables");
    const auto n = static_cast<std::size_t>(t.state_count);
    if (t.state_count < 1 || t.state_count > kMaxMatcherStates) return QStringLiteral("state count");
    if (t.next.size() != n * static_cast<std::size_t>(t.alphabet_size) || t.run_score.size() != n ||
        t.end_score.size() != n || t.end_words.size() != n || t.end_exact.size() != n)
        return QStringLiteral("table sizes");
    if (t.start_state != 0 || t.run_score[0] != 0) return QStringLiteral("start state");
    for (std::uint16_t q : t.next)
        if (q >= t.state_count) return QStringLiteral("transition out of range");
    for (std::size_t q = 0; q < n; ++q) {
        if (t.end_score[q] < t.run_score[q] || t.end_score[q] > t.total_chars) return QStringLiteral("end_score");
        if (t.end_words[q] > t.word_count) return QStringLiteral("end_words");
        if (t.end_exact[q] && (t.end_score[q] != t.total_chars || t.end_words[q] != t.word_count))
            return QStringLiteral("end_exact");
    }
    const std::size_t row = std::size_t{1} << t.step_shift;
    if (row < static_cast<std::size_t>(t.alphabet_size) || t.step.size() != n * row) return QStringLiteral("step size");
    for (std::size_t q = 0; q < n; ++q) {
        for (std::size_t s = 0; s < static_cast<std::size_t>(t.alphabet_size); ++s) {
            const std::uint16_t to = t.next[q * static_cast<std::size_t>(t.alphabet_size) + s];
            if (t.step[q * row + s] != (((static_cast<std::uint32_t>(to) << t.step_shift) << 8) | t.run_score[to]))
                return QStringLiteral("step entry");
        }
    }
    return {};
}

// Random patterns and free parts for the differential test.
class CaseGenerator {
public:
    explicit CaseGenerator(std::uint64_t seed) : rng_(seed) {}

    int below(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }

    // Pattern text for `format` and `options` (may still be rejected by parse_pattern). A third
    // of the patterns and their free parts draw on 2-3 characters only, so that words overlap
    // themselves and each other (the failure transitions a DFA can get wrong).
    std::string pattern_text(KeyFormat format, const PatternOptions& options) {
        const int free_length = format_info(format).free_max_length;
        const std::string_view symbols = format_info(format).symbols;
        focus_.clear();
        if (chance(35))
            for (int i = 0, n = 2 + below(2); i < n; ++i)
                focus_ += symbols[below(static_cast<int>(symbols.size()))];
        const int words = options.mode == MatchMode::Sequence ? 1 + below(4) : 1;
        std::string text;
        for (int w = 0; w < words; ++w) {
            if (w) text += ' ';
            if (w == 0 && options.mode == MatchMode::Sequence && chance(20)) text += '^';
            int length = 1 + below(chance(80) ? 5 : 12);
            if (options.mode != MatchMode::Sequence && chance(10)) length = 1 + below(free_length);
            for (int i = 0; i < length; ++i) text += pattern_char(format);
            if (w == words - 1 && options.mode == MatchMode::Sequence && chance(20)) text += '$';
        }
        return text;
    }

    // A free part of a realistic length, uniform or with the pattern's words planted in it.
    std::vector<std::uint8_t> free_part(const Pattern& p) {
        std::vector<std::uint8_t> s(static_cast<std::size_t>(free_length(p.format)));
        for (auto& symbol : s)
            symbol = !focus_.empty() && chance(85)
                         ? static_cast<std::uint8_t>(symbol_index(p.format, focus_[below(static_cast<int>(focus_.size()))]))
                         : random_symbol(p.format);
        if (chance(25)) return s;
        planted_.clear();
        plant(p, s);
        if (!planted_.empty() && chance(60))  // a near miss: one planted character changed
            s[planted_[below(static_cast<int>(planted_.size()))]] =
                random_symbol(p.format);
        return s;
    }

private:
    char pattern_char(KeyFormat format) {
        static constexpr std::string_view kLookalikes = "O0oI1LlE3eA4aS5sT7tB8bG6gZ2z";
        if (!focus_.empty() && chance(70)) return focus_[below(static_cast<int>(focus_.size()))];
        const int r = below(100);
        if (r < 12) return '?';
        if (r < 30) return kLookalikes[below(static_cast<int>(kLookalikes.size()))];
        const std::string_view symbols = format_info(format).symbols;
        char c = symbols[below(static_cast<int>(symbols.size()))];
        if (chance(30) && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        else if (chance(30) && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return c;
    }

    int free_length(KeyFormat format) {
        if (format != KeyFormat::P2pkh) return format_info(format).free_max_length;
        const int r = below(100);
        return r < 75 ? 33 : r < 95 ? 32 : 24 + below(8);
    }

    // eth: a letter nibble is shown in either case, as the EIP-55 checksum would.
    std::uint8_t random_symbol(KeyFormat format) {
        if (format == KeyFormat::Eth) {
            const int nibble = below(16);
            return static_cast<std::uint8_t>(nibble >= 10 && chance(50) ? nibble + 6 : nibble);
        }
        return static_cast<std::uint8_t>(below(static_cast<int>(format_info(format).symbols.size())));
    }

    std::uint8_t member_of(SymbolSet set) {
        const int count = std::popcount(set);
        int pick = below(count);
        for (int s = 0; s < 64; ++s)
            if (((set >> s) & 1u) && pick-- == 0) return static_cast<std::uint8_t>(s);
        return 0;
    }

    // Writes the words in order at random gaps (anchored ones where they belong); sometimes the
    // last word planted is cut off by the end of the free part.
    void plant(const Pattern& p, std::vector<std::uint8_t>& s) {
        const int n = static_cast<int>(s.size());
        int cursor = 0;
        for (const PatternWord& word : p.words) {
            const int len = word.length();
            int start = cursor + (chance(50) ? 0 : below(4));
            if (p.options.mode == MatchMode::Prefix || word.anchored_start) start = 0;
            if (p.options.mode == MatchMode::Suffix || word.anchored_end) start = n - len;
            if (p.options.mode == MatchMode::Contains) start = below(n + 1);
            if (chance(10)) start = below(n + 1);
            for (int j = 0; j < len && start + j < n; ++j)
                if (start + j >= 0) {
                    s[start + j] = member_of(word.classes[j]);
                    planted_.push_back(start + j);
                }
            cursor = start + len;
            if (cursor >= n) return;
        }
    }

    std::mt19937_64 rng_;
    std::string focus_;         // the few characters this pattern draws on, or empty
    std::vector<int> planted_;  // positions written by plant()
};

QString describe_case(const Pattern& p, const std::vector<std::uint8_t>& s) {
    QString hex;
    for (std::uint8_t v : s) hex += QStringLiteral("%1 ").arg(v, 2, 16, QLatin1Char('0'));
    return QStringLiteral("format %1, mode %2, case-sensitive %3, fuzzy %4, pattern \"%5\", free part \"%6\" "
                          "(symbols %7)")
        .arg(QString::fromUtf8(format_info(p.format).name.data(), static_cast<int>(format_info(p.format).name.size())))
        .arg(QString::fromUtf8(match_mode_name(p.options.mode).data(), static_cast<int>(match_mode_name(p.options.mode).size())))
        .arg(p.options.case_sensitive)
        .arg(p.options.fuzzy)
        .arg(QString::fromStdString(p.text))
        .arg(QString::fromStdString(text_of_symbols(p.format, s)))
        .arg(hex.trimmed());
}

} // namespace

class TestMatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prefixAndSuffixUsePositionSets() {
        const MatcherTables t = compiled("Ab?", KeyFormat::Eth, PatternOptions{MatchMode::Prefix, true, false});
        QCOMPARE(t.mode, MatchMode::Prefix);
        QCOMPARE(t.state_count, 0);
        QCOMPARE(t.total_chars, 3);
        QCOMPARE(t.word_count, 1);
        QCOMPARE(t.alphabet_size, 22);
        QCOMPARE(t.free_length_max, 40);
        QCOMPARE(t.position_sets, (std::vector<SymbolSet>{SymbolSet{1} << 16, SymbolSet{1} << 11, (SymbolSet{1} << 22) - 1}));
        QCOMPARE(match_text(t, "Ab7").exact, true);
        QCOMPARE(match_text(t, "ab7").matched_chars, std::uint16_t{0});
        QCOMPARE(match_text(t, "AB7").matched_chars, std::uint16_t{1});

        const MatcherTables s = compiled("xyz", KeyFormat::P2pkh, PatternOptions{MatchMode::Suffix, false, false});
        // Suffix aligns at the end of the actual length (p2pkh varies).
        const MatchOutcome at33 = match_text(s, std::string(30, '2') + "xyz");
        const MatchOutcome at32 = match_text(s, std::string(29, '2') + "xyz");
        QVERIFY(at33.exact && at32.exact);
        QCOMPARE(at32.words_matched, std::uint8_t{1});
        QCOMPARE(match_text(s, std::string(30, '2') + "xya").matched_chars, std::uint16_t{0});
        QCOMPARE(match_text(s, std::string(30, '2') + "ayz").matched_chars, std::uint16_t{2});
    }

    void sequenceDfaShape() {
        // One word of distinct characters: the KMP-like chain {}, {1}, {2}, found.
        const MatcherTables t = compiled("abc", KeyFormat::DidKey);
        QCOMPARE(t.state_count, 4);
        QCOMPARE(t.alphabet_size, 58);
        QCOMPARE(t.run_score, (std::vector<std::uint16_t>{0, 1, 2, 3}));
        QCOMPARE(t.end_exact, (std::vector<std::uint8_t>{0, 0, 0, 1}));
        QCOMPARE(t.end_words, (std::vector<std::uint8_t>{0, 0, 0, 1}));
        QCOMPARE(invariant_violation(t), QString());
        // The SPEC's pinned example compiles and scores like the reference.
        const MatcherTables pinned = compiled("^GO BE SOME$", KeyFormat::DidKey);
        QCOMPARE(invariant_violation(pinned), QString());
        const std::string middle(34, 'x');
        QVERIFY(match_text(pinned, std::string("go").append(middle).append("besome")).exact);
        // '^GO' not at the start: nothing after it counts.
        QCOMPARE(match_text(pinned, std::string("xgo").append(middle).append("besome")).matched_chars, std::uint16_t{0});
        const MatchOutcome capped = match_text(pinned, std::string("go").append(middle).append("besomx"));
        QCOMPARE(capped.matched_chars, std::uint16_t{7});
        QCOMPARE(capped.words_matched, std::uint8_t{2});
        QVERIFY(!capped.exact);
    }

    void ethCaseDetection_data() {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("fuzzy");
        QTest::addColumn<bool>("needsCase");
        QTest::newRow("insensitive letters") << "dead beef" << false << false << false;
        QTest::newRow("sensitive letters") << "dead" << true << false << true;
        QTest::newRow("sensitive digits only") << "1234" << true << false << false;
        QTest::newRow("sensitive ?") << "??" << true << false << false;
        QTest::newRow("sensitive fuzzy B") << "B" << true << true << true;
        QTest::newRow("sensitive fuzzy 8") << "8" << true << true << false;
        QTest::newRow("insensitive fuzzy") << "BEEF" << false << true << false;
    }
    void ethCaseDetection() {
        QFETCH(QString, pattern);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, fuzzy);
        QFETCH(bool, needsCase);
        const MatcherTables t =
            compiled(pattern.toStdString(), KeyFormat::Eth, PatternOptions{MatchMode::Sequence, caseSensitive, fuzzy});
        QCOMPARE(t.needs_eth_case, needsCase);
        QVERIFY(!compiled("ab", KeyFormat::DidKey, PatternOptions{MatchMode::Sequence, true, false}).needs_eth_case);
    }

    // 'a', k characters, 'b': whether the word completes depends on every 'a' among the last
    // k + 1 symbols, so the minimal DFA has about 2^k states. ('a' followed by '?' only needs
    // the oldest 'a', and minimises to a chain.)
    void stateCap() {
        const auto chain = compile_matcher(*parse_pattern(std::string("a").append(12, '?'), KeyFormat::DidKey, {}));
        QVERIFY(chain.ok());
        QCOMPARE(chain->state_count, 14);
        const auto p = parse_pattern(std::string("a").append(8, '?').append("b"), KeyFormat::DidKey, PatternOptions{});
        QVERIFY(p.ok());
        const auto ok = compile_matcher(*p);
        QVERIFY(ok.ok());
        QVERIFY2(ok->state_count > 256 && ok->state_count <= kMaxMatcherStates,
                 qPrintable(QString::number(ok->state_count)));
        QCOMPARE(invariant_violation(*ok), QString());
        for (std::size_t k : {12, 20}) {
            const auto big = parse_pattern(std::string("a").append(k, '?').append("b"), KeyFormat::DidKey, PatternOptions{});
            QVERIFY(big.ok());
            const auto rejected = compile_matcher(*big);
            QVERIFY(!rejected.ok());
            QCOMPARE(rejected.error().code, 2);
            QVERIFY(QString::fromStdString(rejected.error().message).contains(QStringLiteral("4096 states")));
        }
    }

    // match_symbols == score_free_part (matched characters, exactness, whole words) on random
    // free parts, uniform and with planted words and near misses, for random patterns of every
    // format, mode and option; plus the packed view and eth's case independence.
    void agreesWithReferenceScorer() {
        CaseGenerator gen(testing::test_seed(0x5EED0002ull));
        long long parts = 0, exact = 0, partial = 0, rejected = 0, patterns = 0;
        constexpr int kPatternsPerFormat = 260;
        constexpr int kPartsPerPattern = 100;
        for (const FormatInfo& info : kFormats) {
            for (int i = 0; i < kPatternsPerFormat; ++i) {
                const PatternOptions options{static_cast<MatchMode>(gen.below(4)), gen.chance(30), gen.chance(40)};
                const std::string text = gen.pattern_text(info.id, options);
                const auto p = parse_pattern(text, info.id, options);
                if (!p) {
                    ++rejected;
                    --i;
                    continue;
                }
                const auto t = compile_matcher(*p);
                if (!t) {
                    ++rejected;
                    --i;
                    continue;
                }
                ++patterns;
                const QString broken = invariant_violation(*t);
                if (!broken.isEmpty()) QFAIL(qPrintable(broken + QStringLiteral(" for ") + QString::fromStdString(text)));
                const MatcherView view = view_of(*t);
                std::vector<std::uint64_t> packed((packed_matcher_size(*t) + 7) / 8);
                const MatcherView packed_view = pack_matcher(*t, packed.data(), packed.data());

                std::vector<std::vector<std::uint8_t>> group;
                std::vector<MatchOutcome> group_outcomes;
                for (int k = 0; k < kPartsPerPattern; ++k) {
                    std::vector<std::uint8_t> s = gen.free_part(*p);
                    const int n = static_cast<int>(s.size());
                    const ScoreResult want = score_free_part(*p, s);
                    const MatchOutcome got = match_symbols(view, s.data(), n);
                    const MatchOutcome from_pack = match_symbols(packed_view, s.data(), n);
                    ++parts;
                    exact += want.exact;
                    partial += !want.exact && want.matched_chars > 0;
                    if (got.matched_chars != want.matched_chars || got.exact != want.exact ||
                        got.words_matched != want.words_matched)
                        QFAIL(qPrintable(QStringLiteral("matcher %1/%2/%3 words, reference %4/%5/%6 words: %7")
                                             .arg(got.matched_chars).arg(got.exact).arg(got.words_matched)
                                             .arg(want.matched_chars).arg(want.exact).arg(want.words_matched)
                                             .arg(describe_case(*p, s))));
                    if (from_pack.matched_chars != got.matched_chars || from_pack.exact != got.exact ||
                        from_pack.words_matched != got.words_matched)
                        QFAIL(qPrintable(QStringLiteral("packed view differs: ") + describe_case(*p, s)));
                    group.push_back(s);
                    group_outcomes.push_back(got);
                    if (group.size() == 4) {
                        const std::uint8_t* const parts4[4] = {group[0].data(), group[1].data(), group[2].data(), group[3].data()};
                        const int lengths4[4] = {static_cast<int>(group[0].size()), static_cast<int>(group[1].size()),
                                                 static_cast<int>(group[2].size()), static_cast<int>(group[3].size())};
                        MatchOutcome out4[4];
                        match_symbols_x4(view, parts4, lengths4, out4);
                        for (std::size_t g = 0; g < 4; ++g)
                            if (out4[g].matched_chars != group_outcomes[g].matched_chars ||
                                out4[g].exact != group_outcomes[g].exact ||
                                out4[g].words_matched != group_outcomes[g].words_matched)
                                QFAIL(qPrintable(QStringLiteral("match_symbols_x4 differs: ") + describe_case(*p, group[g])));
                        group.clear();
                        group_outcomes.clear();
                    }
                    if (info.id == KeyFormat::Eth && !t->needs_eth_case) {
                        for (auto& v : s)
                            if (v >= 16) v = static_cast<std::uint8_t>(v - 6);  // EIP-55 case dropped
                        const MatchOutcome lower = match_symbols(view, s.data(), n);
                        if (lower.matched_chars != got.matched_chars || lower.exact != got.exact)
                            QFAIL(qPrintable(QStringLiteral("case matters though needs_eth_case is false: ") +
                                             describe_case(*p, s)));
                    }
                }
            }
        }
        qInfo("%lld patterns (%lld random ones rejected), %lld free parts: %lld exact, %lld partial", patterns,
              rejected, parts, exact, partial);
        QVERIFY(parts >= 100000);
        QVERIFY(exact > parts / 50);    // planted words really match ...
        QVERIFY(partial > parts / 10);  // ... and near misses give partial credit
    }

    // Not a pass/fail check: the per-free-part cost the searchers pay, printed for the record.
    void throughput() {
        std::mt19937_64 rng(7);
        constexpr int kParts = 4096;
        constexpr int kLength = 44;
        std::vector<std::uint8_t> symbols(static_cast<std::size_t>(kParts * kLength));
        for (auto& s : symbols) s = static_cast<std::uint8_t>(rng() % 58);
        const struct {
            const char* text;
            PatternOptions options;
        } cases[] = {{"GO BE SOME", {}},
                     {"vanikeys", {MatchMode::Contains, false, true}},
                     {"^GO BE SOME$", {}},
                     {"Zeta", {MatchMode::Prefix, false, false}}};
        constexpr int kRounds = 300;
        for (const auto& c : cases) {
            const MatcherTables t = compiled(c.text, KeyFormat::DidKey, c.options);
            const MatcherView view = view_of(t);
            unsigned sink = 0;
            auto begin = std::chrono::steady_clock::now();
            for (int round = 0; round < kRounds; ++round)
                for (int i = 0; i < kParts; ++i)
                    sink += match_symbols(view, symbols.data() + static_cast<std::ptrdiff_t>(i) * kLength, kLength).matched_chars;
            const double single = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - begin).count();
            unsigned sink4 = 0;
            begin = std::chrono::steady_clock::now();
            const int lengths[4] = {kLength, kLength, kLength, kLength};
            for (int round = 0; round < kRounds; ++round) {
                for (int i = 0; i < kParts; i += 4) {
                    const std::uint8_t* base = symbols.data() + static_cast<std::ptrdiff_t>(i) * kLength;
                    const std::uint8_t* const parts[4] = {base, base + kLength, base + 2 * kLength, base + 3 * kLength};
                    MatchOutcome out[4];
                    match_symbols_x4(view, parts, lengths, out);
                    sink4 += out[0].matched_chars + out[1].matched_chars + out[2].matched_chars + out[3].matched_chars;
                }
            }
            const double batched = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - begin).count();
            qInfo("%-14s %-8s %4d states: %.1f ns per 44-symbol free part, %.1f ns with match_symbols_x4", c.text,
                  match_mode_name(c.options.mode).data(), t.state_count, single / (kRounds * kParts),
                  batched / (kRounds * kParts));
            QCOMPARE(sink4, sink);
            QVERIFY(sink > 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestMatcher)
#include "test_matcher.moc"
