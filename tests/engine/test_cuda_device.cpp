// The CUDA device against the CPU-emulated one (the same per-thread code, which test_cuda_step
// holds to the CPU pipeline): every recorded candidate, the hits and the count of a launch, for
// every format and match kind; and the device's field arithmetic against the host's. Skipped
// where no CUDA device is usable.
#include <QtTest>

#include "cuda_test_support.h"
#include "engine/cuda/cuda_searcher.h"
#include "engine/secp/field_4x64.h"
#include "engine/secp/field_8x32.h"
#include "engine/secp/selftest.h"

using namespace vanikeys;
using namespace vanikeys::test;

class TestCudaDevice : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fieldDigestsMatchTheHost() {
        // The PTX carry chains of carry32.h run only here: every field and point operation on
        // the device against the host's Fe64.
        std::string why;
        auto devices = make_cuda_devices(why);
        if (devices.empty()) QSKIP(("no usable CUDA GPU: " + why).c_str());
        const std::uint64_t seed = test_seed();
        auto got = devices.front()->field_digests(seed, 512, 300);
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
        for (int i = 0; i < 512; ++i) {
            std::array<std::uint8_t, 32> want{};
            secp::selftest_digest(secp::gen_table<secp::Fe64>(), seed + std::uint64_t(i), 300, want.data());
            QVERIFY2((*got)[std::size_t(i)] == want, ("seed " + std::to_string(seed + std::uint64_t(i))).c_str());
        }
    }

    void deviceMatchesEmulation_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<int>("mode");
        for (int f = 0; f < kFormatCount; ++f) {
            const auto format = static_cast<KeyFormat>(f);
            const char* word = format == KeyFormat::Npub ? "qq" : (format == KeyFormat::Eth ? "ab" : "Ab");
            for (MatchMode mode : {MatchMode::Prefix, MatchMode::Suffix, MatchMode::Contains})
                QTest::newRow((std::string(format_info(format).name) + " " + match_mode_name(mode).data()).c_str())
                    << f << QString::fromLatin1(word) << int(mode);
        }
    }
    void deviceMatchesEmulation() {
        QFETCH(int, format);
        QFETCH(QString, pattern);
        QFETCH(int, mode);
        std::string why;
        auto devices = make_cuda_devices(why);
        if (devices.empty()) QSKIP(("no usable CUDA GPU: " + why).c_str());
        auto parsed = parse_pattern(pattern.toStdString(), static_cast<KeyFormat>(format),
                                    PatternOptions{static_cast<MatchMode>(mode), false, false});
        QVERIFY(parsed.ok());
        const MatcherTables matcher = *compile_matcher(*parsed);
        auto rng = make_rng("deviceMatchesEmulation");
        const SecretKey s = secret_from(rng);
        const int h = gpu::default_half_width(static_cast<KeyFormat>(format));
        const PublicKey base = point_at(s, static_cast<std::uint64_t>(h));

        GpuDevice& gpu_device = *devices.front();
        QVERIFY(gpu_device.prepare(matcher, h).ok());
        QVERIFY(gpu_device.start_walk(base, std::uint64_t{1} << 40).ok());
        EmulatedGpuDevice emulated(0, 3);
        QVERIFY(emulated.prepare(matcher, h).ok());
        QVERIFY(emulated.start_walk(base, std::uint64_t{1} << 40).ok());

        GpuLaunchRequest request;
        request.groups = 2;
        request.active_threads = 3;
        request.record_threads = 3;
        auto got = gpu_device.launch(request, nullptr);
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().message.c_str());
        auto want = emulated.launch(request, nullptr);
        QVERIFY(want.ok());
        QCOMPARE(got->tested, want->tested);
        QCOMPARE(got->hits.size(), want->hits.size());
        std::vector<CandidateReport> g, w;
        for (const auto& r : got->records) g.push_back(report_of(r));
        for (const auto& r : want->records) w.push_back(report_of(r));
        const std::string mismatch = compare_candidates(g, w, s);
        QVERIFY2(mismatch.empty(), mismatch.c_str());

        // A full launch on every thread, then the walk continues where the GPU left it.
        request.active_threads = gpu_device.thread_count();
        request.record_threads = 0;
        request.groups = 1;
        auto full = gpu_device.launch(request, nullptr);
        QVERIFY(full.ok());
        QCOMPARE(full->tested, std::uint64_t(gpu_device.thread_count()) * std::uint64_t(2 * h + 1) *
                                   std::uint64_t(candidates_per_point(static_cast<KeyFormat>(format))));
    }
};

QTEST_GUILESS_MAIN(TestCudaDevice)
#include "test_cuda_device.moc"
