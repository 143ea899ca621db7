// The hashes and hot-path encodings on the GPU against the same code on the CPU (which the
// other hash and encoding tests check against vectors and independent implementations).
// Skipped where no CUDA device is usable.
#include <QtTest>

#include <string>
#include <vector>

#include "hash_test_support.h"
#include "test_hd_record.h"

namespace vanikeys::test {
bool compute_records_on_gpu(const std::vector<std::uint8_t>& in, const std::vector<std::uint32_t>& lens,
                            std::vector<std::uint8_t>& out, std::string& error);
}

class TestHashGpu : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gpuMatchesCpu() {
        using namespace vanikeys::test;
        auto rng = make_rng("gpuMatchesCpu");
        constexpr int kRecords = 4096;
        std::vector<std::uint8_t> in;
        std::vector<std::uint32_t> lens;
        for (int i = 0; i < kRecords; ++i) {
            const auto bytes = edgy_bytes(rng, kRecordInputBytes);
            in.insert(in.end(), bytes.begin(), bytes.end());
            lens.push_back(static_cast<std::uint32_t>(i % (kRecordInputBytes + 1)));  // 0..300
        }
        std::vector<std::uint8_t> gpu;
        std::string error;
        if (!compute_records_on_gpu(in, lens, gpu, error)) QSKIP(("no GPU run: " + error).c_str());
        for (int i = 0; i < kRecords; ++i) {
            std::uint8_t cpu[kRecordOutputBytes];
            const std::uint8_t* record = &in[static_cast<std::size_t>(i) * kRecordInputBytes];
            compute_record(record, lens[static_cast<std::size_t>(i)], cpu);
            const std::uint8_t* dev = &gpu[static_cast<std::size_t>(i) * kRecordOutputBytes];
            if (hex(cpu, kRecordOutputBytes) != hex(dev, kRecordOutputBytes))
                QFAIL(("GPU and CPU differ for record " + std::to_string(i) + ", length " +
                       std::to_string(lens[static_cast<std::size_t>(i)]) + ", input " +
                       hex(record, kRecordInputBytes) + "\n cpu " + hex(cpu, kRecordOutputBytes) +
                       "\n gpu " + hex(dev, kRecordOutputBytes)).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestHashGpu)
#include "test_hash_gpu.moc"
