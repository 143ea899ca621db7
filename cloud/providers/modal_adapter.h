// ModalAdapter: ICloudProvider over the web endpoint of the Modal app we ship
// (packaging/modal/app.py), protected by Modal's proxy auth (Modal-Key / Modal-Secret):
//   POST /jobs                       {"job": job}  -> {"id", "status"}; idempotent per job_id
//   GET  /jobs/{id}                  state, timings, latest progress, result or error
//   GET  /jobs/{id}/stream?after=N   {"status", "items": [...], "next": M} items after N
//   POST /jobs/{id}/cancel
//   GET  /health                     {"ok": true, "protocol": 1}
// The GPU function checkpoints its count to a Modal Volume, so a restarted call resumes it.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "cloud/providers/cloud_provider.h"
#include "cloud/transport/http_transport.h"

namespace vanikeys::cloud {

struct ModalConfig {
    std::string url;        // MODAL_URL: https://<workspace>--vanikeys-web.modal.run
    std::string key;        // MODAL_KEY: the proxy auth token id (wk-...)
    std::string secret;     // MODAL_SECRET: the proxy auth token secret (ws-...)
    std::chrono::milliseconds request_timeout{30'000};
};

class ModalAdapter final : public ICloudProvider {
public:
    ModalAdapter(HttpTransport& transport, ModalConfig config);

    [[nodiscard]] std::string name() const override { return "modal"; }
    CloudResult<JobHandle> submit(const WorkerJob& job) override;
    CloudResult<JobUpdate> status(const JobHandle& handle, const WorkerJob& job) override;
    CloudResult<JobUpdate> stream(const JobHandle& handle, const WorkerJob& job) override;
    CloudResult<JobState> cancel(const JobHandle& handle) override;
    CloudResult<ProviderHealth> health() override;

    [[nodiscard]] std::optional<CloudError> check_config() const;

private:
    HttpRequest request(HttpMethod method, const std::string& path, std::string body = {}) const;
    std::optional<CloudError> check_handle(const JobHandle& handle) const;

    HttpTransport& transport_;
    ModalConfig config_;
    std::mutex mutex_;
    std::map<std::string, std::uint64_t> stream_cursor_;  // job id -> items already seen
};

} // namespace vanikeys::cloud
