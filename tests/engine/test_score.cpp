// The reference scorer (SPEC §3) against hand-computed answers: every mode, partial words,
// overlapping occurrences, the earliest-ending choice, anchors, '?', look-alikes and case.
#include <QtTest>

#include "engine/pattern/char_class.h"
#include "engine/pattern/score.h"

using namespace vanikeys;

Q_DECLARE_METATYPE(vanikeys::KeyFormat)
Q_DECLARE_METATYPE(vanikeys::MatchMode)

namespace {

QString ranges_text(const std::vector<std::pair<int, int>>& matches) {
    QStringList parts;
    for (const auto& [start, end] : matches) parts << QStringLiteral("%1-%2").arg(start).arg(end);
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestScore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void knownAnswers_data() {
        QTest::addColumn<KeyFormat>("format");
        QTest::addColumn<MatchMode>("mode");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("fuzzy");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("freePart");
        QTest::addColumn<int>("matched");
        QTest::addColumn<int>("words");
        QTest::addColumn<bool>("exact");
        QTest::addColumn<QString>("matches");  // [start, end) ranges in the free part

        const KeyFormat dk = KeyFormat::DidKey;
        const KeyFormat eth = KeyFormat::Eth;
        const MatchMode seq = MatchMode::Sequence;
        const auto row = [](const char* name, KeyFormat f, MatchMode m, const char* pattern, const char* free_part,
                            int matched, int words, bool exact, const char* matches, bool cs = false, bool fz = false) {
            QTest::newRow(name) << f << m << cs << fz << QString::fromLatin1(pattern) << QString::fromLatin1(free_part)
                                << matched << words << exact << QString::fromLatin1(matches);
        };
        // Sequence: words in order, any gap, case-insensitive by default.
        row("GO BE SOME with gaps", dk, seq, "GO BE SOME", "xxGoxxBexxSomexx", 8, 3, true, "2-4 6-8 10-14");
        row("GO BE SOME adjacent", dk, seq, "GO BE SOME", "gobesome", 8, 3, true, "0-2 2-4 4-8");
        // At the first word not found: its longest prefix after the previous word, then stop.
        row("GO BE AWE SOME partial", dk, seq, "GO BE AWE SOME", "gobeaw", 6, 2, false, "0-2 2-4 4-6");
        row("later words not credited", dk, seq, "GO BE AWE SOME", "gobexsome", 4, 2, false, "0-2 2-4");
        row("words out of order", dk, seq, "be go", "gobe", 2, 1, false, "2-4");
        // Non-overlapping: the next word starts after the previous one ends.
        row("no overlap", dk, seq, "ab ba", "aba", 2, 1, false, "0-2");
        row("repeated word", dk, seq, "a a a", "xaxa", 2, 2, false, "1-2 3-4");
        // Earliest-ending occurrence: 'ab' at 0, so 'b' still fits after it.
        row("earliest ending", dk, seq, "ab b", "abab", 3, 2, true, "0-2 3-4");
        row("earliest ending leaves room", dk, seq, "ab bc", "abcbc", 4, 2, true, "0-2 3-5");
        // Overlapping self-prefixes (what naive restart gets wrong).
        row("aab in aaab", dk, MatchMode::Contains, "aab", "aaab", 3, 1, true, "1-4");
        row("aab partial in aaaa", dk, MatchMode::Contains, "aab", "xaaaax", 2, 0, false, "1-3");
        row("abac in ababac", dk, MatchMode::Contains, "abac", "ababac", 4, 1, true, "2-6");
        // A prefix cut off by the end of the free part counts.
        row("cut by the end", dk, seq, "xyz", "abcxy", 2, 0, false, "3-5");
        row("earliest of the longest prefix", dk, seq, "abc", "abxab", 2, 0, false, "0-2");
        row("longest beats earliest", dk, seq, "abc", "axabx", 2, 0, false, "2-4");
        // '?' matches any character.
        row("? whole", dk, seq, "a?c", "xaqc", 3, 1, true, "1-4");
        row("? partial", dk, seq, "a??z", "xxab", 2, 0, false, "2-4");
        row("? word", dk, seq, "go ??", "xgo", 2, 1, false, "1-3");
        // '^': only at position 0; otherwise credit = common prefix with the start.
        row("^ not at start", dk, seq, "^GO BE", "xgobe", 0, 0, false, "");
        row("^ partial", dk, seq, "^GO BE", "gxbe", 1, 0, false, "0-1");
        row("^ found", dk, seq, "^GO BE", "goxbe", 4, 2, true, "0-2 3-5");
        row("^ then partial", dk, seq, "^GO BE", "gob", 3, 1, false, "0-2 2-3");
        // '$': whole only when it ends the free part; else prefix credit capped at length - 1.
        row("$ elsewhere capped", dk, seq, "GO BE$", "gobexx", 3, 1, false, "0-2 2-3");
        row("$ found", dk, seq, "GO BE$", "goxxbe", 4, 2, true, "0-2 4-6");
        row("$ at end and earlier", dk, seq, "GO BE$", "gobebe", 4, 2, true, "0-2 4-6");
        row("$ must follow the previous word", dk, seq, "ab b$", "ab", 2, 1, false, "0-2");
        row("$ single word cut", dk, seq, "abc$", "xxab", 2, 0, false, "2-4");
        row("^GO BE SOME$", dk, seq, "^GO BE SOME$", "goxxxbexxxsome", 8, 3, true, "0-2 5-7 10-14");
        row("^GO BE SOME$ not at end", dk, seq, "^GO BE SOME$", "goxxxbexxxsomex", 7, 2, false, "0-2 5-7 10-13");
        // '^...$' must be the whole free part (eth: 40 characters).
        const std::string whole = "^" + std::string(39, 'a') + "?$";
        const std::string a40(40, 'a');
        const std::string a20b20 = std::string(20, 'a') + std::string(20, 'b');
        const std::string a41(41, 'a');
        QTest::newRow("^...$ exact") << eth << seq << false << false << QString::fromStdString(whole)
                                     << QString::fromStdString(a40) << 40 << 1 << true << QStringLiteral("0-40");
        QTest::newRow("^...$ partial") << eth << seq << false << false << QString::fromStdString(whole)
                                       << QString::fromStdString(a20b20) << 20 << 0 << false << QStringLiteral("0-20");
        QTest::newRow("^...$ too long a part") << eth << seq << false << false << QString::fromStdString(whole)
                                               << QString::fromStdString(a41) << 39 << 0 << false << QStringLiteral("0-39");
        // contains.
        row("contains found", dk, MatchMode::Contains, "abc", "xxabxabcx", 3, 1, true, "5-8");
        row("contains partial", dk, MatchMode::Contains, "abc", "xxabx", 2, 0, false, "2-4");
        // prefix / suffix: longest common prefix / suffix.
        row("prefix partial", eth, MatchMode::Prefix, "abc", "ab0abc", 2, 0, false, "0-2");
        row("prefix exact", eth, MatchMode::Prefix, "abc", "abc123", 3, 1, true, "0-3");
        row("prefix none", eth, MatchMode::Prefix, "abc", "1abc", 0, 0, false, "");
        row("suffix partial", eth, MatchMode::Suffix, "def", "0aef", 2, 0, false, "2-4");
        row("suffix exact", KeyFormat::P2pkh, MatchMode::Suffix, "xyz", "abcxyz", 3, 1, true, "3-6");
        row("suffix longer than the part", eth, MatchMode::Suffix, "abcd", "bcd", 3, 0, false, "0-3");
        // Look-alikes and case.
        row("fuzzy BOSS", dk, seq, "BOSS", "x8o55", 4, 1, true, "1-5", false, true);
        row("no fuzzy BOSS", dk, seq, "BOSS", "x8o55", 0, 0, false, "");
        row("case-sensitive G", dk, seq, "Go", "xgoGo", 2, 1, true, "3-5", true);
        row("eth EIP-55 upper", eth, seq, "Ab", "0Ab", 2, 1, true, "1-3", true);
        row("eth lower is not upper", eth, seq, "Ab", "0ab", 0, 0, false, "", true);
        row("eth insensitive", eth, seq, "Ab", "0aB", 2, 1, true, "1-3");
        row("npub", KeyFormat::Npub, seq, "QP", "xqp", 2, 1, true, "1-3");
        row("empty free part", dk, seq, "ab", "", 0, 0, false, "");
    }
    void knownAnswers() {
        QFETCH(KeyFormat, format);
        QFETCH(MatchMode, mode);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, fuzzy);
        QFETCH(QString, pattern);
        QFETCH(QString, freePart);
        QFETCH(int, matched);
        QFETCH(int, words);
        QFETCH(bool, exact);
        QFETCH(QString, matches);

        const auto p = parse_pattern(pattern.toStdString(), format, PatternOptions{mode, caseSensitive, fuzzy});
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
        const auto symbols = symbols_of_text(format, freePart.toStdString());
        QVERIFY(symbols.has_value());
        const ScoreResult r = score_free_part(*p, *symbols);
        QCOMPARE(r.total_chars, p->char_count());
        QCOMPARE(r.matched_chars, matched);
        QCOMPARE(r.words_matched, words);
        QCOMPARE(r.exact, exact);
        QCOMPARE(ranges_text(r.matches), matches);
        QCOMPARE(r.score(), static_cast<double>(matched) / p->char_count());
        QCOMPARE(r.score() == 1.0, exact);
        int credited = 0;
        for (const auto& [start, end] : r.matches) credited += end - start;
        QCOMPARE(credited, matched);
    }
};

QTEST_GUILESS_MAIN(TestScore)
#include "test_score.moc"
