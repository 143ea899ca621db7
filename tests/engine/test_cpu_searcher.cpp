// CpuSearcher end to end: it finds and verifies keys in every format, split-key results rebuild
// into matching keys only with the secret, it stops promptly, reports progress on time, keeps
// to its budget, and the number of keys a grind takes agrees with the estimate.
#include <QtTest>

#include <chrono>
#include <cmath>
#include <mutex>

#include "engine/core/os_random.h"
#include "engine/estimate/estimate.h"
#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/search/cpu_searcher.h"
#include "engine/search/key_derivation.h"
#include "search_test_support.h"

using namespace vanikeys;
using vanikeys::test::make_pattern;
using vanikeys::test::verify_local_hit;
using Clock = std::chrono::steady_clock;

namespace {

double probability_of(const Pattern& pattern) {
    auto matcher = compile_matcher(pattern);
    auto e = estimate_pattern(pattern, *matcher);
    return e->probability;
}

} // namespace

class TestCpuSearcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grindFindsAVerifiedKey_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("mode");
        QTest::newRow("didkey prefix") << int(KeyFormat::DidKey) << QStringLiteral("ZEN") << int(MatchMode::Prefix);
        QTest::newRow("didkey sequence") << int(KeyFormat::DidKey) << QStringLiteral("GO BE") << int(MatchMode::Sequence);
        QTest::newRow("p2pkh prefix") << int(KeyFormat::P2pkh) << QStringLiteral("Ab") << int(MatchMode::Prefix);
        QTest::newRow("p2pkh suffix") << int(KeyFormat::P2pkh) << QStringLiteral("xy") << int(MatchMode::Suffix);
        QTest::newRow("eth contains") << int(KeyFormat::Eth) << QStringLiteral("beef") << int(MatchMode::Contains);
        QTest::newRow("npub prefix") << int(KeyFormat::Npub) << QStringLiteral("xyz") << int(MatchMode::Prefix);
    }
    void grindFindsAVerifiedKey() {
        QFETCH(int, format);
        QFETCH(QString, pattern);
        QFETCH(int, mode);
        const Pattern p = make_pattern(static_cast<KeyFormat>(format), qPrintable(pattern), static_cast<MatchMode>(mode));
        CpuSearcher searcher;
        std::vector<SearchHit> hits;
        std::mutex m;
        auto sub = searcher.subscribe(SearchObserver{nullptr, [&](const SearchHit& h) {
                                                         std::lock_guard lock(m);
                                                         hits.push_back(h);
                                                     },
                                                     nullptr});
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 60;
        QVERIFY(searcher.start(spec).ok());
        const SearchSummary s = searcher.wait();
        QCOMPARE(int(s.reason), int(StopReason::Found));
        QVERIFY(!s.error);
        // The group in flight when the first hit turned up is finished, so an easy pattern can
        // yield a few more exact keys: all are verified and kept, none is dropped.
        QVERIFY(!s.hits.empty());
        QCOMPARE(hits.size(), s.hits.size());
        QVERIFY(s.best && s.best->match.exact);
        for (const SearchHit& hit : s.hits) verify_local_hit(hit, p);
        QVERIFY(s.attempts >= s.hits.front().attempts);
    }

    void splitKeyRebuildsOnlyWithTheSecret() {
        // 100 rebuilt keys over the four formats all match; the searcher never had a key.
        const SecretKey secret = random_secret_key();
        const PublicKey q = *libsecp_public_key(secret);
        const SecretKey other = random_secret_key();
        int rebuilt = 0;
        for (KeyFormat format : {KeyFormat::DidKey, KeyFormat::P2pkh, KeyFormat::Eth, KeyFormat::Npub}) {
            const Pattern p = make_pattern(format, format == KeyFormat::Eth ? "a1" : "a", MatchMode::Prefix);
            CpuSearcher searcher;
            SearchSpec spec;
            spec.pattern = p;
            spec.split_key = q;
            spec.stop_at_first_hit = false;
            spec.max_keys = static_cast<std::uint64_t>(40 / probability_of(p));
            QVERIFY(searcher.start(spec).ok());
            const SearchSummary s = searcher.wait();
            QVERIFY(!s.error);
            QVERIFY2(s.hits.size() >= 25, qPrintable(QString::number(s.hits.size())));
            for (std::size_t i = 0; i < 25; ++i) {
                const SearchHit& hit = s.hits[i];
                QVERIFY(!hit.private_key);  // nothing secret ever left the searcher
                QVERIFY(hit.partial.has_value());
                auto key = derive_candidate_secret(secret, *hit.partial);
                QVERIFY(key.ok());
                SearchHit as_local = hit;
                as_local.private_key = std::make_shared<const SecretKey>(std::move(key.value()));
                as_local.partial.reset();
                verify_local_hit(as_local, p);
                // With another secret the same partial gives an unrelated key: the partial and Q
                // alone do not determine the final key.
                auto wrong = derive_candidate_secret(other, *hit.partial);
                QVERIFY(wrong.ok());
                QVERIFY(address_of(format, *libsecp_public_key(*wrong)) != hit.address);
                // And the partial's offset itself is not the key.
                SecretKey offset_as_key(std::span<const std::uint8_t, 32>(hit.partial->offset));
                QVERIFY(address_of(format, *libsecp_public_key(offset_as_key)) != hit.address);
                ++rebuilt;
            }
        }
        QCOMPARE(rebuilt, 100);
    }

    void stopsWithin100ms() {
        const Pattern p = make_pattern(KeyFormat::DidKey, "ZZZZZZZZZZ", MatchMode::Prefix);
        CpuSearcher searcher;
        SearchSpec spec;
        spec.pattern = p;
        QVERIFY(searcher.start(spec).ok());
        QTest::qWait(300);
        QVERIFY(searcher.running());
        const auto asked = Clock::now();
        searcher.request_stop();
        while (searcher.running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - asked).count();
        const SearchSummary s = searcher.wait();
        QCOMPARE(int(s.reason), int(StopReason::Requested));
        qInfo("stopped %.1f ms after the request", ms);
        QVERIFY2(ms < 100, qPrintable(QString::number(ms)));
    }

    void progressArrivesEvery250ms() {
        const Pattern p = make_pattern(KeyFormat::Npub, "qqqqqqqqqq", MatchMode::Prefix);
        CpuSearcher searcher;
        std::vector<Clock::time_point> times;
        std::vector<SearchProgress> progress;
        std::mutex m;
        auto sub = searcher.subscribe(SearchObserver{[&](const SearchProgress& pr) {
                                                         std::lock_guard lock(m);
                                                         times.push_back(Clock::now());
                                                         progress.push_back(pr);
                                                     },
                                                     nullptr, nullptr});
        SearchSpec spec;
        spec.pattern = p;
        spec.cpu_threads = 1;  // leave a core for the coordinator even when tests run in parallel
        spec.max_seconds = 2;
        const auto started = Clock::now();
        QVERIFY(searcher.start(spec).ok());
        const SearchSummary s = searcher.wait();
        QCOMPARE(int(s.reason), int(StopReason::Budget));
        QVERIFY(s.seconds >= 2 && s.seconds < 2.5);
        QVERIFY(progress.size() >= 7);
        double worst = std::chrono::duration<double, std::milli>(times.front() - started).count();
        for (std::size_t i = 1; i < times.size(); ++i)
            worst = std::max(worst, std::chrono::duration<double, std::milli>(times[i] - times[i - 1]).count());
        qInfo("%zu progress reports, longest gap %.0f ms", times.size(), worst);
        QVERIFY2(worst < 320, qPrintable(QString::number(worst)));
        for (std::size_t i = 1; i < progress.size(); ++i) QVERIFY(progress[i].attempts >= progress[i - 1].attempts);
        QVERIFY(progress.back().keys_per_second > 0);
        QVERIFY(progress.back().best.has_value());  // some partial match is always seen
    }

    void keepsToItsKeyBudget() {
        const Pattern p = make_pattern(KeyFormat::Eth, "ffffffffffff", MatchMode::Prefix);
        CpuSearcher searcher;
        SearchSpec spec;
        spec.pattern = p;
        spec.max_keys = 1'000'000;
        QVERIFY(searcher.start(spec).ok());
        const SearchSummary s = searcher.wait();
        QCOMPARE(int(s.reason), int(StopReason::Budget));
        QVERIFY(s.attempts >= spec.max_keys);
        // Overshoot is at most one group (1025 points x 6 candidates) per thread.
        QVERIFY(s.attempts < spec.max_keys + std::uint64_t(CpuSearcher::default_threads()) * 1025 * 6);
    }

    void refusesASecondJob() {
        const Pattern p = make_pattern(KeyFormat::DidKey, "ZZZZZZZZZZ", MatchMode::Prefix);
        CpuSearcher searcher;
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 1;
        QVERIFY(searcher.start(spec).ok());
        auto second = searcher.start(spec);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, 2);
        searcher.request_stop();
        searcher.wait();
        QVERIFY(searcher.start(spec).ok());  // and takes one again once done
        searcher.request_stop();
        searcher.wait();
    }

    void attemptsAgreeWithTheEstimate_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("mode");
        QTest::newRow("npub prefix qqq") << int(KeyFormat::Npub) << QStringLiteral("qqq") << int(MatchMode::Prefix);
        QTest::newRow("didkey sequence abc de") << int(KeyFormat::DidKey) << QStringLiteral("abc de") << int(MatchMode::Sequence);
    }
    void attemptsAgreeWithTheEstimate() {
        // Keys to the first hit are geometric with mean 1/p; with one thread the engine counts
        // them exactly. 400 grinds put the sample mean within 5 standard errors (25 %) with
        // probability 1 - 6e-7, so this test does not flake; a biased walk or estimate fails it.
        QFETCH(int, format);
        QFETCH(QString, pattern);
        QFETCH(int, mode);
        const Pattern p = make_pattern(static_cast<KeyFormat>(format), qPrintable(pattern), static_cast<MatchMode>(mode));
        const double probability = probability_of(p);
        const double expected = 1 / probability;
        QVERIFY(expected > 5e3 && expected < 1e5);
        const int runs = 400;
        double total = 0;
        CpuSearcher searcher;
        for (int i = 0; i < runs; ++i) {
            SearchSpec spec;
            spec.pattern = p;
            spec.cpu_threads = 1;
            QVERIFY(searcher.start(spec).ok());
            const SearchSummary s = searcher.wait();
            QCOMPARE(int(s.reason), int(StopReason::Found));
            total += static_cast<double>(s.hits.front().attempts);
        }
        const double mean = total / runs;
        const double standard_error = std::sqrt(1 - probability) / probability / std::sqrt(double(runs));
        const double z = (mean - expected) / standard_error;
        qInfo("expected %.0f keys, measured mean %.0f over %d grinds (%.2f standard errors)", expected, mean, runs, z);
        QVERIFY2(std::abs(z) < 5, qPrintable(QString::number(z)));
    }
};

QTEST_GUILESS_MAIN(TestCpuSearcher)
#include "test_cpu_searcher.moc"
