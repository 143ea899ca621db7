// Gacha rarity tiers: the chance that a pull of the same size does at least as well, on a
// pattern whose score law is known by hand (eth prefix "ab": 1, 1/16, 1/256).
#include <QtTest>

#include <cmath>

#include "engine/estimate/estimate.h"
#include "engine/estimate/rarity.h"
#include "engine/pattern/matcher.h"

using namespace vanikeys;

class TestRarity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scoreLawOfAnEthPrefix() {
        auto pattern = parse_pattern("ab", KeyFormat::Eth, PatternOptions{MatchMode::Prefix, false, false});
        auto matcher = compile_matcher(*pattern);
        auto tail = score_tail_odds(*pattern, *matcher);
        QVERIFY(tail.ok());
        QCOMPARE(tail->size(), std::size_t(3));
        QCOMPARE((*tail)[0], 1.0);
        QCOMPARE((*tail)[1], 1.0 / 16);
        QCOMPARE((*tail)[2], 1.0 / 256);
    }

    void tiers_data() {
        QTest::addColumn<int>("matched");
        QTest::addColumn<double>("keys");
        QTest::addColumn<QString>("tier");
        QTest::addColumn<double>("chance");
        QTest::newRow("nothing matched") << 0 << 16.0 << QStringLiteral("Common") << 1.0;
        QTest::newRow("one char in 16 keys") << 1 << 16.0 << QStringLiteral("Common") << 1 - std::pow(15.0 / 16, 16);
        QTest::newRow("two chars in 16 keys") << 2 << 16.0 << QStringLiteral("Rare") << 1 - std::pow(255.0 / 256, 16);
        QTest::newRow("two chars in one key") << 2 << 1.0 << QStringLiteral("Epic") << 1.0 / 256;
        QTest::newRow("two chars in 40 keys") << 2 << 40.0 << QStringLiteral("Uncommon") << 1 - std::pow(255.0 / 256, 40);
    }
    void tiers() {
        QFETCH(int, matched);
        QFETCH(double, keys);
        QFETCH(QString, tier);
        QFETCH(double, chance);
        const std::vector<double> tail = {1.0, 1.0 / 16, 1.0 / 256};
        const RarityTier t = rarity_of(tail, matched, keys);
        QCOMPARE(QString::fromLatin1(t.name.data(), int(t.name.size())), tier);
        QVERIFY(std::abs(t.chance - chance) < 1e-12);
    }

    void rareBeyondEpic() {
        // 1e-5 chance: Mythic; 5e-4: Legendary (0.01 % to 0.1 %).
        QCOMPARE(int(rarity_of({1.0, 1e-5}, 1, 1).rarity), int(Rarity::Mythic));
        QCOMPARE(int(rarity_of({1.0, 5e-4}, 1, 1).rarity), int(Rarity::Legendary));
    }

    void explanation() {
        const RarityTier t = rarity_of({1.0, 1.0 / 16, 1.0 / 256}, 2, 16);
        const std::string text = rarity_explanation(t, 16);
        QVERIFY2(text.find("A pull of 16 keys does at least this well 6.1 % of the time: Rare (1 % to 10 %)") !=
                     std::string::npos,
                 text.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRarity)
#include "test_rarity.moc"
