// CpuSearcher: the always-available engine. One walker per thread, each from its own random
// start, testing every candidate with the format's CPU pipeline.
#pragma once

#include <string>

#include "engine/search/coordinated_searcher.h"

namespace vanikeys {

class CpuSearcher final : public CoordinatedSearcher {
public:
    CpuSearcher();
    ~CpuSearcher() override;

    [[nodiscard]] std::string name() const override { return "cpu"; }
    [[nodiscard]] std::string device_description() const override;

    Result<bool> start(const SearchSpec& spec) override;

    // Threads a job uses when the spec says 0: one per core.
    static int default_threads();

private:
    void run_worker();
};

} // namespace vanikeys
