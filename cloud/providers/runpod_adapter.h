// RunPodAdapter: ICloudProvider over RunPod Serverless's queue API (api.runpod.ai/v2):
//   POST /{endpoint}/run            {"input": job, "policy": {"executionTimeout": ms}}
//   GET  /{endpoint}/status/{id}    state, delayTime, executionTime, output (the aggregated
//                                   stream of our generator handler: progress..., result)
//   GET  /{endpoint}/stream/{id}    {"status", "stream": [{"output": item}, ...]} new items
//   POST /{endpoint}/cancel/{id}
//   GET  /{endpoint}/health         {"jobs": {...}, "workers": {...}}
// with "authorization: Bearer KEY". See docs/CLOUD.md for the sources of these shapes.
#pragma once

#include <chrono>
#include <string>

#include "cloud/providers/cloud_provider.h"
#include "cloud/transport/http_transport.h"

namespace vanikeys::cloud {

inline constexpr const char* kRunPodApiBase = "https://api.runpod.ai/v2";

struct RunPodConfig {
    std::string api_key;       // RUNPOD_API_KEY
    std::string endpoint_id;   // RUNPOD_ENDPOINT_ID
    std::string api_base = kRunPodApiBase;  // --api-base: an emulator on 127.0.0.1 in tests
    std::chrono::milliseconds request_timeout{30'000};
    // Added to the job's own time budget for RunPod's executionTimeout, so that the worker can
    // finish and report before RunPod kills it.
    std::chrono::seconds execution_margin{120};
};

class RunPodAdapter final : public ICloudProvider {
public:
    // `transport` must outlive the adapter (normally a RetryingTransport over CurlTransport).
    RunPodAdapter(HttpTransport& transport, RunPodConfig config);

    [[nodiscard]] std::string name() const override { return "runpod"; }
    CloudResult<JobHandle> submit(const WorkerJob& job) override;
    CloudResult<JobUpdate> status(const JobHandle& handle, const WorkerJob& job) override;
    CloudResult<JobUpdate> stream(const JobHandle& handle, const WorkerJob& job) override;
    CloudResult<JobState> cancel(const JobHandle& handle) override;
    CloudResult<ProviderHealth> health() override;

    // nullopt when the settings can be used: a key, an endpoint id of [A-Za-z0-9_-], a base
    // URL the transport policy allows.
    [[nodiscard]] std::optional<CloudError> check_config() const;

private:
    HttpRequest request(HttpMethod method, const std::string& path, std::string body = {}) const;
    std::optional<CloudError> check_handle(const JobHandle& handle) const;

    HttpTransport& transport_;
    RunPodConfig config_;
};

} // namespace vanikeys::cloud
