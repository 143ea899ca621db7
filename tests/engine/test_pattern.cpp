// Patterns: character classes (case, look-alikes, '?', eth case, npub), word structure and
// anchors, every rejection path and its message, and the free-part support of each format
// checked against independent encoders of random keys.
#include <QtTest>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "engine/pattern/char_class.h"
#include "engine/pattern/free_part_support.h"
#include "engine/pattern/pattern.h"
#include "tests/engine/pattern_test_support.h"

using namespace vanikeys;

Q_DECLARE_METATYPE(vanikeys::KeyFormat)
Q_DECLARE_METATYPE(vanikeys::MatchMode)

namespace {

// The set of the given address characters (eth: 'A'-'F' are the upper-case symbols).
SymbolSet set_of(KeyFormat format, const std::string& chars) {
    SymbolSet set = 0;
    for (char c : chars) {
        const int i = symbol_index(format, c);
        if (i < 0) qFatal("test data: '%c' is not in the alphabet", c);
        set |= SymbolSet{1} << i;
    }
    return set;
}

PatternOptions options(MatchMode mode, bool case_sensitive = false, bool fuzzy = false) {
    return PatternOptions{mode, case_sensitive, fuzzy};
}

// Independent base58 of a big-endian byte string (schoolbook long division, leading zero
// bytes as '1'), to check free_position_support against real encodings.
std::string base58(std::vector<std::uint8_t> bytes) {
    static constexpr std::string_view alphabet = kBase58Symbols;
    std::string out;
    std::size_t zeros = 0;
    while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
    std::size_t start = zeros;
    while (start < bytes.size()) {
        unsigned remainder = 0;
        for (std::size_t i = start; i < bytes.size(); ++i) {
            const unsigned cur = remainder * 256 + bytes[i];
            bytes[i] = static_cast<std::uint8_t>(cur / 58);
            remainder = cur % 58;
        }
        out.insert(out.begin(), alphabet[remainder]);
        while (start < bytes.size() && bytes[start] == 0) ++start;
    }
    return std::string(zeros, '1') + out;
}

constexpr std::array<std::uint8_t, 32> kPrimeMinusOne = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFC, 0x2E};

std::string didkey_free_part(std::uint8_t parity_byte, const std::array<std::uint8_t, 32>& x) {
    std::vector<std::uint8_t> v = {0xE7, 0x01, parity_byte};
    v.insert(v.end(), x.begin(), x.end());
    const std::string encoded = base58(v);
    if (encoded.size() != 48 || encoded.substr(0, 4) != "Q3sh") qFatal("did:key lead is not Q3sh");
    return encoded.substr(4);
}

// The 52 data characters of an npub for x: 16x as 52 groups of 5 bits.
std::string npub_data(const std::array<std::uint8_t, 32>& x) {
    std::string out;
    for (int group = 0; group < 52; ++group) {
        unsigned value = 0;
        for (int b = 0; b < 5; ++b) {
            const int bit = group * 5 + b;  // from the top of the 260-bit number 16x
            const unsigned v = bit < 256 ? (x[bit / 8] >> (7 - bit % 8)) & 1u : 0u;
            value = value * 2 + v;
        }
        out += kBech32Symbols[value];
    }
    return out;
}

void check_supported(KeyFormat format, const std::string& free_part, const char* what) {
    const int length = static_cast<int>(free_part.size());
    QVERIFY2(free_length_possible(format, length), what);
    for (int i = 0; i < length; ++i) {
        const int symbol = symbol_index(format, free_part[i]);
        if (((free_position_support(format, i, length) >> symbol) & 1u) == 0)
            QFAIL(qPrintable(QStringLiteral("%1: '%2' at %3 of %4 (length %5) is marked impossible")
                                 .arg(QLatin1String(what))
                                 .arg(QLatin1Char(free_part[i]))
                                 .arg(i)
                                 .arg(QString::fromStdString(free_part))
                                 .arg(length)));
    }
}

} // namespace

class TestPattern : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void modeNames() {
        for (MatchMode mode : {MatchMode::Prefix, MatchMode::Suffix, MatchMode::Contains, MatchMode::Sequence})
            QCOMPARE(parse_match_mode(match_mode_name(mode)), std::optional<MatchMode>(mode));
        QCOMPARE(match_mode_name(MatchMode::Sequence), std::string_view("sequence"));
        QVERIFY(!parse_match_mode("Prefix").has_value());
        QVERIFY(!parse_match_mode("").has_value());
    }

    void charSets_data() {
        QTest::addColumn<KeyFormat>("format");
        QTest::addColumn<QString>("c");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("fuzzy");
        QTest::addColumn<QString>("expected");  // address characters; "" = empty set

        const auto row = [](const char* name, KeyFormat f, char c, bool cs, bool fz, const char* expected) {
            QTest::newRow(name) << f << QString(QLatin1Char(c)) << cs << fz << QString::fromLatin1(expected);
        };
        const KeyFormat b58 = KeyFormat::DidKey;
        // Case (SPEC: "G matches G and g"), intersected with base58 (no 0 O I l).
        row("b58 G", b58, 'G', false, false, "Gg");
        row("b58 g cs", b58, 'g', true, false, "g");
        row("b58 G cs", b58, 'G', true, false, "G");
        row("b58 O", b58, 'O', false, false, "o");
        row("b58 O cs", b58, 'O', true, false, "");
        row("b58 0", b58, '0', false, false, "");
        row("b58 l", b58, 'l', false, false, "L");
        row("b58 I", b58, 'I', false, false, "i");
        row("b58 7", b58, '7', false, false, "7");
        // Every look-alike class, case-insensitive: both cases of its letters.
        row("b58 O fuzzy", b58, 'O', false, true, "o");
        row("b58 0 fuzzy", b58, '0', false, true, "o");
        row("b58 I fuzzy", b58, 'I', false, true, "i1L");
        row("b58 1 fuzzy", b58, '1', false, true, "i1L");
        row("b58 L fuzzy", b58, 'L', false, true, "i1L");
        row("b58 E fuzzy", b58, 'E', false, true, "Ee3");
        row("b58 3 fuzzy", b58, '3', false, true, "Ee3");
        row("b58 A fuzzy", b58, 'a', false, true, "Aa4");
        row("b58 4 fuzzy", b58, '4', false, true, "Aa4");
        row("b58 S fuzzy", b58, 's', false, true, "Ss5");
        row("b58 5 fuzzy", b58, '5', false, true, "Ss5");
        row("b58 T fuzzy", b58, 'T', false, true, "Tt7");
        row("b58 7 fuzzy", b58, '7', false, true, "Tt7");
        row("b58 B fuzzy", b58, 'b', false, true, "Bb8");
        row("b58 8 fuzzy", b58, '8', false, true, "Bb8");
        row("b58 G fuzzy", b58, 'G', false, true, "Gg6");
        row("b58 6 fuzzy", b58, '6', false, true, "Gg6");
        row("b58 Z fuzzy", b58, 'z', false, true, "Zz2");
        row("b58 2 fuzzy", b58, '2', false, true, "Zz2");
        row("b58 K fuzzy (no class)", b58, 'K', false, true, "Kk");
        // Case-sensitive fuzzy: class letters take the pattern letter's case (SPEC: o -> o 0).
        row("b58 o cs fuzzy", b58, 'o', true, true, "o");
        row("b58 e cs fuzzy", b58, 'e', true, true, "e3");
        row("b58 E cs fuzzy", b58, 'E', true, true, "E3");
        row("b58 l cs fuzzy", b58, 'l', true, true, "i1");
        row("b58 L cs fuzzy", b58, 'L', true, true, "1L");
        // ... and a digit has no case to impose: its class's letters match both cases.
        row("b58 3 cs fuzzy", b58, '3', true, true, "Ee3");
        row("b58 0 cs fuzzy", b58, '0', true, true, "o");
        // eth: letters have an EIP-55 case (a = 10, A = 16); digits one symbol.
        const KeyFormat eth = KeyFormat::Eth;
        row("eth a", eth, 'a', false, false, "aA");
        row("eth A", eth, 'A', false, false, "aA");
        row("eth a cs", eth, 'a', true, false, "a");
        row("eth A cs", eth, 'A', true, false, "A");
        row("eth 9", eth, '9', true, false, "9");
        row("eth g", eth, 'g', false, false, "");
        row("eth g fuzzy", eth, 'g', false, true, "6");
        row("eth O fuzzy", eth, 'O', false, true, "0");
        row("eth B fuzzy", eth, 'B', false, true, "bB8");
        row("eth B cs fuzzy", eth, 'B', true, true, "B8");
        row("eth 8 cs fuzzy", eth, '8', true, true, "bB8");
        row("eth E cs fuzzy", eth, 'e', true, true, "e3");
        row("eth S fuzzy", eth, 'S', false, true, "5");
        // npub: bech32 is lower case only and lacks 1 b i o.
        const KeyFormat npub = KeyFormat::Npub;
        row("npub Q", npub, 'Q', false, false, "q");
        row("npub Q cs", npub, 'Q', true, false, "");
        row("npub q cs", npub, 'q', true, false, "q");
        row("npub b", npub, 'b', false, false, "");
        row("npub b fuzzy", npub, 'b', false, true, "8");
        row("npub o fuzzy", npub, 'o', false, true, "0");
        row("npub I fuzzy", npub, 'I', false, true, "l");
        row("npub L cs fuzzy", npub, 'L', true, true, "");
        row("npub l cs fuzzy", npub, 'l', true, true, "l");
        row("npub S cs fuzzy", npub, 'S', true, true, "5");
        // p2pkh shares base58.
        row("p2pkh o", KeyFormat::P2pkh, 'o', false, false, "o");
    }
    void charSets() {
        QFETCH(KeyFormat, format);
        QFETCH(QString, c);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, fuzzy);
        QFETCH(QString, expected);
        const SymbolSet got = char_symbol_set(c.toLatin1()[0], format, caseSensitive, fuzzy);
        const SymbolSet want = set_of(format, expected.toStdString());
        if (got != want)
            qWarning("got %s, want %s", describe_symbol_set(format, got).c_str(),
                     describe_symbol_set(format, want).c_str());
        QCOMPARE(got, want);
    }

    void questionMarkMatchesEverySymbol() {
        for (const FormatInfo& info : kFormats) {
            for (bool cs : {false, true}) {
                for (bool fz : {false, true}) {
                    const SymbolSet all = char_symbol_set('?', info.id, cs, fz);
                    QCOMPARE(std::popcount(all), static_cast<int>(info.symbols.size()));
                    QCOMPARE(all, alphabet_set(info.id));
                }
            }
        }
    }

    void lookalikeClassesAreTheSpecs() {
        std::string all;
        for (std::string_view cls : lookalike_classes()) all += std::string(cls) + " ";
        QCOMPARE(QString::fromStdString(all), QStringLiteral("O0 I1L E3 A4 S5 T7 B8 G6 Z2 "));
        QCOMPARE(lookalike_class_of('l'), std::string_view("I1L"));
        QCOMPARE(lookalike_class_of('x'), std::string_view());
    }

    void describesSets() {
        QCOMPARE(describe_symbol_set(KeyFormat::DidKey, set_of(KeyFormat::DidKey, "o")), std::string("'o'"));
        QCOMPARE(describe_symbol_set(KeyFormat::Npub, set_of(KeyFormat::Npub, "sq")), std::string("'q' or 's'"));
        QCOMPARE(describe_symbol_set(KeyFormat::DidKey, set_of(KeyFormat::DidKey, "1Li")),
                 std::string("'1', 'L' or 'i'"));
        QCOMPARE(describe_symbol_set(KeyFormat::DidKey, alphabet_set(KeyFormat::DidKey)),
                 std::string("1-9, A-H, J-N, P-Z, a-k, m-z"));
        QCOMPARE(describe_symbol_set(KeyFormat::Npub, alphabet_set(KeyFormat::Npub)),
                 std::string("0, 2-9, a, c-h, j-n, p-z"));
    }

    void textSymbolRoundTrip() {
        const auto eth = symbols_of_text(KeyFormat::Eth, "09afAF");
        QVERIFY(eth.has_value());
        QCOMPARE(*eth, (std::vector<std::uint8_t>{0, 9, 10, 15, 16, 21}));
        QCOMPARE(text_of_symbols(KeyFormat::Eth, *eth), std::string("09afAF"));
        QVERIFY(!symbols_of_text(KeyFormat::DidKey, "abc0").has_value());
        const auto npub = symbols_of_text(KeyFormat::Npub, "qpzl");
        QCOMPARE(*npub, (std::vector<std::uint8_t>{0, 1, 2, 31}));
    }

    void wordsAndAnchors() {
        const auto p = parse_pattern("  ^GO\tBE \n SOME$ ", KeyFormat::DidKey, options(MatchMode::Sequence));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
        QCOMPARE(p->words.size(), std::size_t{3});
        QCOMPARE(p->words[0].text, std::string("GO"));
        QVERIFY(p->words[0].anchored_start && !p->words[0].anchored_end);
        QCOMPARE(p->words[1].text, std::string("BE"));
        QVERIFY(!p->words[1].anchored_start && !p->words[1].anchored_end);
        QCOMPARE(p->words[2].text, std::string("SOME"));
        QVERIFY(p->words[2].anchored_end && !p->words[2].anchored_start);
        QCOMPARE(p->char_count(), 8);
        QCOMPARE(p->text, std::string("  ^GO\tBE \n SOME$ "));
        QCOMPARE(p->words[0].classes[1], set_of(KeyFormat::DidKey, "o"));
        QCOMPARE(p->format, KeyFormat::DidKey);

        const auto q = parse_pattern("GO BE AWE SOME", KeyFormat::DidKey, PatternOptions{});
        QVERIFY(q.ok());
        QCOMPARE(q->options.mode, MatchMode::Sequence);
        QCOMPARE(q->words.size(), std::size_t{4});
        QCOMPARE(q->char_count(), 11);

        const auto both = parse_pattern("^a?c$", KeyFormat::Eth, options(MatchMode::Sequence));
        QVERIFY(!both.ok());  // 3 characters cannot fill 40
        const auto whole = parse_pattern("^" + std::string(40, '?') + "$", KeyFormat::Eth, options(MatchMode::Sequence));
        QVERIFY(whole.ok());
        QVERIFY(whole->words[0].anchored_start && whole->words[0].anchored_end);
    }

    void acceptsWhatKeysCanHave_data() {
        QTest::addColumn<KeyFormat>("format");
        QTest::addColumn<MatchMode>("mode");
        QTest::addColumn<QString>("text");
        QTest::newRow("didkey LAB42 contains") << KeyFormat::DidKey << MatchMode::Contains << "LAB42";
        QTest::newRow("didkey LAB42 sequence") << KeyFormat::DidKey << MatchMode::Sequence << "LAB42";
        QTest::newRow("didkey LAB42 suffix") << KeyFormat::DidKey << MatchMode::Suffix << "LAB42";
        QTest::newRow("didkey a prefix (A or a: a is in range)") << KeyFormat::DidKey << MatchMode::Prefix << "ab";
        QTest::newRow("didkey M prefix") << KeyFormat::DidKey << MatchMode::Prefix << "M";
        QTest::newRow("didkey w prefix") << KeyFormat::DidKey << MatchMode::Prefix << "w";
        QTest::newRow("didkey 44 chars") << KeyFormat::DidKey << MatchMode::Sequence << QString(44, QLatin1Char('z'));
        QTest::newRow("npub suffix s at 52") << KeyFormat::Npub << MatchMode::Suffix << "xsxxxxxx";
        QTest::newRow("npub suffix ? at 52") << KeyFormat::Npub << MatchMode::Suffix << "x?xxxxxx";
        QTest::newRow("npub suffix 6 chars") << KeyFormat::Npub << MatchMode::Suffix << "xxxxxx";
        QTest::newRow("npub contains 7 x") << KeyFormat::Npub << MatchMode::Contains << "xxxxxxx";
        QTest::newRow("p2pkh prefix 1z (needs a zero byte)") << KeyFormat::P2pkh << MatchMode::Prefix << "1z";
        QTest::newRow("p2pkh prefix z") << KeyFormat::P2pkh << MatchMode::Prefix << "z";
        QTest::newRow("p2pkh 33 chars") << KeyFormat::P2pkh << MatchMode::Prefix << QString(33, QLatin1Char('2'));
        QTest::newRow("eth 40 chars") << KeyFormat::Eth << MatchMode::Suffix << QString(40, QLatin1Char('f'));
        QTest::newRow("sequence ^GO BE SOME$") << KeyFormat::DidKey << MatchMode::Sequence << "^GO BE SOME$";
    }
    void acceptsWhatKeysCanHave() {
        QFETCH(KeyFormat, format);
        QFETCH(MatchMode, mode);
        QFETCH(QString, text);
        const auto p = parse_pattern(text.toStdString(), format, options(mode));
        QVERIFY2(p.ok(), p.ok() ? "" : p.error().message.c_str());
    }

    void rejects_data() {
        QTest::addColumn<KeyFormat>("format");
        QTest::addColumn<MatchMode>("mode");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<bool>("fuzzy");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("mentions");  // substrings the message must contain

        const KeyFormat dk = KeyFormat::DidKey;
        const MatchMode seq = MatchMode::Sequence;
        // Characters that match nothing: character, word, position, alphabet and remedy.
        QTest::newRow("SPEC '0'") << dk << seq << false << false << "ab0c"
                                  << QStringList{QStringLiteral("'0' (word 1, position 3) never occurs in base58 "
                                                                "addresses; --fuzzy lets it match 'o'")};
        QTest::newRow("O case-sensitive")
            << dk << seq << true << false << "GO ZOO"
            << QStringList{QStringLiteral("'O' (word 1, position 2)"), QStringLiteral("base58"),
                           QStringLiteral("without --case-sensitive it matches 'o'")};
        QTest::newRow("O case-sensitive fuzzy")
            << dk << seq << true << true << "gO"
            << QStringList{QStringLiteral("'O' (word 1, position 2)"), QStringLiteral("base58"),
                           QStringLiteral("without --case-sensitive it matches 'o'")};
        QTest::newRow("l case-sensitive")
            << dk << seq << true << false << "ab xl"
            << QStringList{QStringLiteral("'l' (word 2, position 2)"), QStringLiteral("without --case-sensitive it matches 'L'")};
        QTest::newRow("eth g") << KeyFormat::Eth << seq << false << false << "deg"
                               << QStringList{QStringLiteral("'g' (word 1, position 3) never occurs in hex addresses"),
                                              QStringLiteral("--fuzzy lets it match '6'")};
        QTest::newRow("eth x no remedy")
            << KeyFormat::Eth << MatchMode::Contains << false << true << "box"
            << QStringList{QStringLiteral("'x' (word 1, position 3)"), QStringLiteral("hex"),
                           QStringLiteral("use '?' for any character, or one of 0-9, A-F, a-f")};
        QTest::newRow("npub upper case-sensitive")
            << KeyFormat::Npub << seq << true << false << "xQ"
            << QStringList{QStringLiteral("'Q' (word 1, position 2) never occurs in bech32 addresses (npub is all lower case)"),
                           QStringLiteral("without --case-sensitive it matches 'q'")};
        QTest::newRow("npub b") << KeyFormat::Npub << seq << false << false << "bad"
                                << QStringList{QStringLiteral("'b' (word 1, position 1)"), QStringLiteral("bech32"),
                                               QStringLiteral("--fuzzy lets it match '8'")};
        QTest::newRow("npub L case-sensitive fuzzy")
            << KeyFormat::Npub << seq << true << true << "aL"
            << QStringList{QStringLiteral("'L' (word 1, position 2)"), QStringLiteral("bech32"),
                           QStringLiteral("without --case-sensitive it matches 'l'")};
        QTest::newRow("npub I case-sensitive no fuzzy")
            << KeyFormat::Npub << seq << true << false << "aI"
            << QStringList{QStringLiteral("'I' (word 1, position 2)"),
                           QStringLiteral("without --case-sensitive, --fuzzy lets it match 'l'")};
        QTest::newRow("non-ASCII") << dk << seq << false << false << QStringLiteral("ab h\u00e9llo")
                                   << QStringList{QStringLiteral("'\u00e9' (word 2, position 2) is not ASCII"),
                                                  QStringLiteral("base58"), QStringLiteral("use '?' for any character")};
        QTest::newRow("punctuation") << dk << seq << false << true << "a-b"
                                     << QStringList{QStringLiteral("'-' (word 1, position 2) never occurs in base58"),
                                                    QStringLiteral("1-9, A-H, J-N, P-Z, a-k, m-z")};
        QTest::newRow("control char") << dk << seq << false << false << QStringLiteral("a\u0001b")
                                      << QStringList{QStringLiteral("'\\x01' (word 1, position 2)")};
        // A did:key prefix must begin with 'M'..'w' (SPEC §2).
        const QString m_to_w = QStringLiteral("every did:key's first free character lies between 'M' and 'w'");
        QTest::newRow("did:key prefix LAB42")
            << dk << MatchMode::Prefix << false << false << "LAB42"
            << QStringList{QStringLiteral("'L' (word 1, position 1)"), m_to_w, QStringLiteral("base58"),
                           QStringLiteral("--mode contains")};
        QTest::newRow("did:key ^LAB42")
            << dk << seq << false << false << "^LAB42 x"
            << QStringList{QStringLiteral("'L' (word 1, position 1)"), m_to_w, QStringLiteral("drop the '^'")};
        QTest::newRow("did:key prefix lab (l = L)")
            << dk << MatchMode::Prefix << false << false << "lab" << QStringList{QStringLiteral("'l' (word 1, position 1)"), m_to_w};
        QTest::newRow("did:key prefix A case-sensitive")
            << dk << MatchMode::Prefix << true << false << "Ab" << QStringList{QStringLiteral("'A' (word 1, position 1)"), m_to_w};
        QTest::newRow("did:key prefix x case-sensitive") << dk << MatchMode::Prefix << true << false << "x"
                                          << QStringList{QStringLiteral("'x' (word 1, position 1)"), m_to_w};
        QTest::newRow("did:key prefix 9") << dk << MatchMode::Prefix << false << false << "9z"
                                          << QStringList{QStringLiteral("'9' (word 1, position 1)"), m_to_w};
        QTest::newRow("did:key whole-free-part suffix")
            << dk << MatchMode::Suffix << false << false << QStringLiteral("2") + QString(43, QLatin1Char('z'))
            << QStringList{QStringLiteral("'2' (word 1, position 1)"), m_to_w, QStringLiteral("--mode contains")};
        // npub: the last data character (free position 52) is 'q' or 's'.
        QTest::newRow("npub suffix") << KeyFormat::Npub << MatchMode::Suffix << false << false << "xyzxyzx"
                                     << QStringList{QStringLiteral("'x' (word 1, position 1)"),
                                                    QStringLiteral("free character 52 (the last data character) is 'q' or 's'"),
                                                    QStringLiteral("--mode contains")};
        QTest::newRow("npub suffix$") << KeyFormat::Npub << seq << false << false << "a zzzzzzzzz$"
                                      << QStringList{QStringLiteral("'z' (word 2, position 3)"),
                                                     QStringLiteral("is 'q' or 's'"), QStringLiteral("drop the '$'")};
        QTest::newRow("npub contains, fits nowhere")
            << KeyFormat::Npub << MatchMode::Contains << false << false << QString(58, QLatin1Char('x'))
            << QStringList{QStringLiteral("(word 1, position 52)"), QStringLiteral("is 'q' or 's'")};
        // Lengths.
        QTest::newRow("too long did:key") << dk << seq << false << false
                                          << QString(20, QLatin1Char('a')) + QStringLiteral(" ") + QString(25, QLatin1Char('b'))
                                          << QStringList{QStringLiteral("'b' (word 2, position 25) does not fit"),
                                                         QStringLiteral("45 characters"),
                                                         QStringLiteral("44 base58 characters"),
                                                         QStringLiteral("at most 44")};
        QTest::newRow("too long p2pkh") << KeyFormat::P2pkh << MatchMode::Prefix << false << false << QString(34, QLatin1Char('a'))
                                        << QStringList{QStringLiteral("(word 1, position 34) does not fit"),
                                                       QStringLiteral("33 base58 characters (32 for about 4 % of keys)")};
        QTest::newRow("too long eth") << KeyFormat::Eth << MatchMode::Contains << false << false << QString(41, QLatin1Char('a'))
                                      << QStringList{QStringLiteral("(word 1, position 41)"), QStringLiteral("40 hex characters")};
        QTest::newRow("too long npub") << KeyFormat::Npub << seq << false << false << QString(59, QLatin1Char('?'))
                                       << QStringList{QStringLiteral("'?' (word 1, position 59)"), QStringLiteral("58 bech32")};
        QTest::newRow("^word$ too short")
            << KeyFormat::Eth << seq << false << false << "^abc$"
            << QStringList{QStringLiteral("'a' (word 1, position 1)"), QStringLiteral("pinned to both ends"),
                           QStringLiteral("40 hex characters"), QStringLiteral("drop the '^' or the '$'")};
        // Structure.
        QTest::newRow("empty") << dk << seq << false << false << "" << QStringList{QStringLiteral("empty"), QStringLiteral("base58")};
        QTest::newRow("blank") << dk << seq << false << false << " \t\n" << QStringList{QStringLiteral("empty")};
        QTest::newRow("prefix two words")
            << dk << MatchMode::Prefix << false << false << "ab cd"
            << QStringList{QStringLiteral("prefix mode takes exactly one word"), QStringLiteral("'ab', 'cd'"),
                           QStringLiteral("--mode sequence")};
        QTest::newRow("suffix two words") << dk << MatchMode::Suffix << false << false << "ab cd"
                                          << QStringList{QStringLiteral("suffix mode takes exactly one word")};
        QTest::newRow("contains three words") << dk << MatchMode::Contains << false << false << "a b c"
                                              << QStringList{QStringLiteral("contains mode takes exactly one word"),
                                                             QStringLiteral("has 3")};
        QTest::newRow("^ on second word")
            << dk << seq << false << false << "ab ^cd"
            << QStringList{QStringLiteral("'^' (word 2, position 1) may only begin the first word")};
        QTest::newRow("^ inside a word") << dk << seq << false << false << "a^b"
                                         << QStringList{QStringLiteral("'^' (word 1, position 2)")};
        QTest::newRow("$ on first of two")
            << dk << seq << false << false << "ab$ cd"
            << QStringList{QStringLiteral("'$' (word 1, position 3) may only end the last word")};
        QTest::newRow("$ inside a word") << dk << seq << false << false << "a$b"
                                         << QStringList{QStringLiteral("'$' (word 1, position 2)")};
        QTest::newRow("^ in prefix mode") << dk << MatchMode::Prefix << false << false << "^ab"
                                          << QStringList{QStringLiteral("'^' (word 1, position 1) is not needed"),
                                                         QStringLiteral("drop the '^'")};
        QTest::newRow("$ in suffix mode") << dk << MatchMode::Suffix << false << false << "ab$"
                                          << QStringList{QStringLiteral("'$' (word 1, position 3) is not needed")};
        QTest::newRow("^ in contains mode")
            << dk << MatchMode::Contains << false << false << "^ab"
            << QStringList{QStringLiteral("'^' (word 1, position 1) pins a word to the start only in sequence mode"),
                           QStringLiteral("--mode prefix")};
        QTest::newRow("$ in prefix mode") << dk << MatchMode::Prefix << false << false << "ab$"
                                          << QStringList{QStringLiteral("--mode suffix")};
        QTest::newRow("lone ^") << dk << seq << false << false << "^ ab"
                                << QStringList{QStringLiteral("'^' (word 1) has no characters"), QStringLiteral("'^GO'")};
        QTest::newRow("lone $") << dk << seq << false << false << "ab $"
                                << QStringList{QStringLiteral("'$' (word 2) has no characters")};
        QTest::newRow("^$") << dk << seq << false << false << "^$" << QStringList{QStringLiteral("'^$' (word 1)")};
    }
    void rejects() {
        QFETCH(KeyFormat, format);
        QFETCH(MatchMode, mode);
        QFETCH(bool, caseSensitive);
        QFETCH(bool, fuzzy);
        QFETCH(QString, text);
        QFETCH(QStringList, mentions);
        const auto p = parse_pattern(text.toStdString(), format, options(mode, caseSensitive, fuzzy));
        QVERIFY(!p.ok());
        QCOMPARE(p.error().code, 2);
        const QString message = QString::fromStdString(p.error().message);
        for (const QString& m : mentions)
            if (!message.contains(m))
                QFAIL(qPrintable(QStringLiteral("message \"%1\" lacks \"%2\"").arg(message, m)));
    }

    // The support's boundaries are exact: the smallest and largest encoded values give them.
    void supportKnownAnswers() {
        const std::array<std::uint8_t, 32> zero{};
        QCOMPARE(didkey_free_part(0x02, zero)[0], 'M');
        QCOMPARE(didkey_free_part(0x03, kPrimeMinusOne)[0], 'w');
        QCOMPARE(free_position_support(KeyFormat::DidKey, 0, 44),
                 set_of(KeyFormat::DidKey, "MNPQRSTUVWXYZabcdefghijkmnopqrstuvw"));
        for (int i = 1; i < 44; ++i) QCOMPARE(free_position_support(KeyFormat::DidKey, i, 44), alphabet_set(KeyFormat::DidKey));
        QCOMPARE(free_position_support(KeyFormat::DidKey, 0, 43), SymbolSet{0});
        QCOMPARE(free_position_support(KeyFormat::DidKey, 44, 44), SymbolSet{0});

        QCOMPARE(free_position_support(KeyFormat::Npub, 51, 58), set_of(KeyFormat::Npub, "qs"));
        for (int i = 0; i < 58; ++i)
            if (i != 51) QCOMPARE(free_position_support(KeyFormat::Npub, i, 58), alphabet_set(KeyFormat::Npub));
        for (int i = 0; i < 40; ++i) QCOMPARE(free_position_support(KeyFormat::Eth, i, 40), alphabet_set(KeyFormat::Eth));
        QVERIFY(!free_length_possible(KeyFormat::Eth, 39));

        // p2pkh: base58 of N = h160 || checksum; 2^192 - 1 is "QLbz...", 58^32 is "2111..."
        // (33 digits); 2^184 is "6HgC..." (32 digits); a leading zero byte adds a '1'.
        QCOMPARE(base58(std::vector<std::uint8_t>(24, 0xFF))[0], 'Q');
        QCOMPARE(free_position_support(KeyFormat::P2pkh, 0, 33),
                 set_of(KeyFormat::P2pkh, "123456789ABCDEFGHJKLMNPQ"));
        QCOMPARE(free_position_support(KeyFormat::P2pkh, 0, 32),
                 set_of(KeyFormat::P2pkh, "16789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"));
        for (int length = 1; length <= 40; ++length)
            QCOMPARE(free_length_possible(KeyFormat::P2pkh, length), length >= 24 && length <= 33);
        QCOMPARE(free_position_support(KeyFormat::P2pkh, 0, 31), set_of(KeyFormat::P2pkh, "1"));
        QCOMPARE(free_position_support(KeyFormat::P2pkh, 1, 33), alphabet_set(KeyFormat::P2pkh));
    }

    // Soundness: nothing a real key produces is marked impossible (a false mark would reject a
    // pattern some keys match). Random values, encoded independently of the engine.
    void supportCoversRandomKeys() {
        std::mt19937_64 rng(testing::test_seed(0x5EED0001ull));
        const auto random_bytes = [&rng](std::size_t n) {
            std::vector<std::uint8_t> v(n);
            for (auto& b : v) b = static_cast<std::uint8_t>(rng());
            return v;
        };
        for (int i = 0; i < 20000; ++i) {
            std::array<std::uint8_t, 32> x{};
            const auto bytes = random_bytes(32);
            std::copy(bytes.begin(), bytes.end(), x.begin());
            // Edge-biased: runs of 0xFF and 0x00 at the top reach the ends of the ranges.
            if (i % 3 == 1) std::fill(x.begin(), x.begin() + 1 + i % 20, 0xFF);
            if (i % 3 == 2) std::fill(x.begin(), x.begin() + 1 + i % 20, 0x00);
            if (x > kPrimeMinusOne || (i % 3 == 1 && i % 20 >= 19)) x = kPrimeMinusOne;
            check_supported(KeyFormat::DidKey, didkey_free_part(i % 2 ? 0x03 : 0x02, x), "didkey");
            check_supported(KeyFormat::Npub, npub_data(x) + "qqqqqq", "npub");
            std::vector<std::uint8_t> n = random_bytes(24);
            const int zeros = i % 7 == 0 ? i % 5 : 0;  // leading zero bytes of h160
            std::fill(n.begin(), n.begin() + zeros, 0);
            if (i % 11 == 0) std::fill(n.begin() + zeros, n.begin() + zeros + 3, 0xFF);
            check_supported(KeyFormat::P2pkh, base58(n), "p2pkh");
        }
    }
};

QTEST_GUILESS_MAIN(TestPattern)
#include "test_pattern.moc"
