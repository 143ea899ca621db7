// CudaSearcher's host logic on CPU-emulated GPUs (the same per-thread code as the kernel):
// verified hits, split-key partials, device choice (--gpus), per-device rates, the key budget,
// restarts of the walk, a prompt stop, and a device failure ending the job as Failed.
#include <QtTest>

#include <chrono>
#include <mutex>

#include "cuda_test_support.h"
#include "search_test_support.h"
#include "engine/cuda/cuda_searcher.h"
#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/search/key_derivation.h"

using namespace vanikeys;
using namespace vanikeys::test;
using Clock = std::chrono::steady_clock;

namespace {

// Emulated devices 0..count-1; `fail_device` fails on its second launch.
std::unique_ptr<CudaSearcher> make_searcher(int count, int threads = 4, int fail_device = -1) {
    std::vector<std::unique_ptr<GpuDevice>> devices;
    for (int i = 0; i < count; ++i)
        devices.push_back(std::make_unique<EmulatedGpuDevice>(i, threads, i == fail_device ? 1 : -1));
    auto searcher = std::make_unique<CudaSearcher>(std::move(devices));
    CudaSearcher::Tuning tuning;
    tuning.half_width = 8;
    tuning.target_launch_seconds = 0.02;
    searcher->set_tuning(tuning);
    return searcher;
}

const EmulatedGpuDevice& emulated(const CudaSearcher& s, int i) {
    return static_cast<const EmulatedGpuDevice&>(*s.devices()[static_cast<std::size_t>(i)]);
}

} // namespace

class TestCudaSearcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void grindFindsVerifiedKeys_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("mode");
        QTest::newRow("didkey sequence") << int(KeyFormat::DidKey) << QStringLiteral("G B") << int(MatchMode::Sequence);
        QTest::newRow("p2pkh prefix") << int(KeyFormat::P2pkh) << QStringLiteral("Ab") << int(MatchMode::Prefix);
        QTest::newRow("eth suffix") << int(KeyFormat::Eth) << QStringLiteral("bee") << int(MatchMode::Suffix);
        QTest::newRow("npub contains") << int(KeyFormat::Npub) << QStringLiteral("xyz") << int(MatchMode::Contains);
    }
    void grindFindsVerifiedKeys() {
        QFETCH(int, format);
        QFETCH(QString, pattern);
        QFETCH(int, mode);
        const Pattern p = make_pattern(static_cast<KeyFormat>(format), qPrintable(pattern), static_cast<MatchMode>(mode));
        auto searcher = make_searcher(2);
        QCOMPARE(QString::fromStdString(searcher->name()), QStringLiteral("cuda"));
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 60;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QVERIFY2(!s.error, s.error ? s.error->message.c_str() : "");
        QCOMPARE(int(s.reason), int(StopReason::Found));
        QVERIFY(!s.hits.empty());
        verify_local_hit(s.hits.front(), p);
        QVERIFY(s.attempts > 0);
        QCOMPARE(s.devices.size(), std::size_t(2));
    }

    void splitKeyHitsRebuildOnlyWithTheSecret() {
        auto rng = make_rng("splitKeyHitsRebuildOnlyWithTheSecret");
        const SecretKey d = secret_from(rng);
        const Pattern p = make_pattern(KeyFormat::Npub, "qq", MatchMode::Contains);
        auto searcher = make_searcher(1);
        SearchSpec spec;
        spec.pattern = p;
        spec.split_key = *libsecp_public_key(d);
        spec.max_seconds = 60;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QCOMPARE(int(s.reason), int(StopReason::Found));
        const SearchHit& hit = s.hits.front();
        QVERIFY(!hit.private_key);
        QVERIFY(hit.partial);
        auto key = derive_candidate_secret(d, *hit.partial);
        QVERIFY(key.ok());
        QCOMPARE(QString::fromStdString(address_of(KeyFormat::Npub, *libsecp_public_key(*key))),
                 QString::fromStdString(hit.address));
    }

    void gpuIdsChooseDevices() {
        const Pattern p = make_pattern(KeyFormat::DidKey, "abcdefgh", MatchMode::Contains);
        auto searcher = make_searcher(3);
        SearchSpec spec;
        spec.pattern = p;
        spec.max_keys = 2000;
        spec.stop_at_first_hit = false;
        spec.gpu_ids = {2};
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QVERIFY2(!s.error, s.error ? s.error->message.c_str() : "");
        QCOMPARE(emulated(*searcher, 0).launches(), 0);
        QCOMPARE(emulated(*searcher, 1).launches(), 0);
        QVERIFY(emulated(*searcher, 2).launches() > 0);
        QCOMPARE(s.devices.size(), std::size_t(1));
        QVERIFY(s.devices.front().device.starts_with("GPU 2:"));

        spec.gpu_ids = {0, 5};
        const auto refused = searcher->start(spec);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, 2);
        QVERIFY(refused.error().message.find("GPU 5") != std::string::npos);
    }

    void budgetSizesTheLastLaunches() {
        // 4 threads x (2*8+1) points x 6 candidates = 408 keys per group of all threads; the
        // launches near a budget of 1000 keys shrink (groups, then threads) so that the job
        // ends less than one thread-group (102 keys) past it.
        const Pattern p = make_pattern(KeyFormat::DidKey, "abcdefgh", MatchMode::Contains);
        auto searcher = make_searcher(1);
        SearchSpec spec;
        spec.pattern = p;
        spec.max_keys = 1000;
        spec.stop_at_first_hit = false;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QCOMPARE(int(s.reason), int(StopReason::Budget));
        QVERIFY(s.attempts >= 1000);
        QVERIFY2(s.attempts < 1000 + 17 * 6, qPrintable(QString::number(s.attempts)));
        QVERIFY(emulated(*searcher, 0).last_request().active_threads < 4);
    }

    void progressReportsEachDevice() {
        const Pattern p = make_pattern(KeyFormat::Eth, "abcdef12", MatchMode::Contains);
        auto searcher = make_searcher(2);
        std::mutex m;
        std::vector<DeviceRate> last;
        auto sub = searcher->subscribe(SearchObserver{[&](const SearchProgress& progress) {
                                                          std::lock_guard lock(m);
                                                          last = progress.devices;
                                                      },
                                                      nullptr, nullptr});
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 1.0;
        spec.progress_interval_seconds = 0.05;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QCOMPARE(int(s.reason), int(StopReason::Budget));
        std::lock_guard lock(m);
        QCOMPARE(last.size(), std::size_t(2));
        for (const DeviceRate& r : last) QVERIFY2(r.keys_per_second > 0, r.device.c_str());
        QVERIFY(last[0].device.starts_with("GPU 0:"));
        QVERIFY(last[1].device.starts_with("GPU 1:"));
    }

    void walksRestartBeforeThreadsOverlap() {
        // A stride of 40 keys: every launch of 2 groups (34 points) would reach the next
        // thread's range, so each device restarts from a fresh start after every launch.
        const Pattern p = make_pattern(KeyFormat::P2pkh, "ab", MatchMode::Contains);
        auto searcher = make_searcher(1);
        CudaSearcher::Tuning tuning;
        tuning.half_width = 8;
        tuning.stride = 40;
        tuning.max_groups = 2;
        searcher->set_tuning(tuning);
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 60;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QVERIFY2(!s.error, s.error ? s.error->message.c_str() : "");
        QCOMPARE(int(s.reason), int(StopReason::Found));
        verify_local_hit(s.hits.front(), p);
    }

    void stopIsPrompt() {
        const Pattern p = make_pattern(KeyFormat::DidKey, "abcdefgh", MatchMode::Contains);
        auto searcher = make_searcher(2);
        SearchSpec spec;
        spec.pattern = p;
        QVERIFY(searcher->start(spec).ok());
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QVERIFY(searcher->running());
        const auto asked = Clock::now();
        searcher->request_stop();
        const SearchSummary s = searcher->wait();
        const double seconds = std::chrono::duration<double>(Clock::now() - asked).count();
        QCOMPARE(int(s.reason), int(StopReason::Requested));
        QVERIFY2(seconds < 0.5, qPrintable(QString::number(seconds)));
    }

    void deviceFailureFailsTheJob() {
        const Pattern p = make_pattern(KeyFormat::DidKey, "abcdefgh", MatchMode::Contains);
        auto searcher = make_searcher(2, 4, 1);
        SearchSpec spec;
        spec.pattern = p;
        spec.max_seconds = 30;
        QVERIFY(searcher->start(spec).ok());
        const SearchSummary s = searcher->wait();
        QCOMPARE(int(s.reason), int(StopReason::Failed));
        QVERIFY(s.error);
        QCOMPARE(s.error->code, 3);
        QVERIFY2(s.error->message.find("GPU 1") != std::string::npos, s.error->message.c_str());
    }
};

QTEST_GUILESS_MAIN(TestCudaSearcher)
#include "test_cuda_searcher.moc"
