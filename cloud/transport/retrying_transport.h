// RetryingTransport: a time limit on every request and retries with exponential backoff and
// jitter on 429 (honouring Retry-After), 5xx and connection faults, around any HttpTransport.
// 401/403 and other 4xx are returned at once: retrying a wrong API key only burns time and,
// with some providers, gets the key locked. The clock and the jitter are injectable so that
// tests run the whole schedule without sleeping.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "cloud/transport/http_transport.h"

namespace vanikeys::cloud {

class RetryClock {
public:
    virtual ~RetryClock() = default;
    virtual std::chrono::steady_clock::time_point now() = 0;
    virtual std::chrono::system_clock::time_point wall_now() = 0;  // for Retry-After dates
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemRetryClock final : public RetryClock {
public:
    std::chrono::steady_clock::time_point now() override { return std::chrono::steady_clock::now(); }
    std::chrono::system_clock::time_point wall_now() override { return std::chrono::system_clock::now(); }
    void sleep_for(std::chrono::milliseconds duration) override;
};

struct RetryPolicy {
    int max_attempts = 5;                              // first try included
    std::chrono::milliseconds initial_backoff{500};
    double multiplier = 2.0;
    std::chrono::milliseconds max_backoff{20'000};
    // A Retry-After longer than this (or than what is left of total_budget) ends the retries.
    std::chrono::milliseconds max_retry_after{60'000};
    // Everything one send() may take: attempts and waits together. Each attempt's own time
    // limit is the request's timeout, cut to what is left of this budget.
    std::chrono::milliseconds total_budget{120'000};
};

// What the caller may show while it waits ("RunPod answered 429; retrying in 2.0 s").
struct RetryEvent {
    int attempt = 0;                        // the attempt that just failed, from 1
    std::chrono::milliseconds delay{0};     // the wait before the next one
    std::string reason;                     // "HTTP 503", "connection dropped", ...
};

class RetryingTransport final : public HttpTransport {
public:
    // `inner` and `clock` must outlive this object. `uniform01` returns numbers in [0, 1) for
    // the jitter; by default a generator seeded from std::random_device.
    RetryingTransport(HttpTransport& inner, RetryPolicy policy, RetryClock& clock,
                      std::function<double()> uniform01 = {});

    void set_retry_listener(std::function<void(const RetryEvent&)> listener);

    // On exhausted retries of a 429 or 5xx the result is a RateLimited or ServerError
    // CloudError; any other reply (2xx, 401, 404, ...) is returned as it is.
    HttpResult send(const HttpRequest& request) override;

    // The wait before attempt `attempt + 1` (attempt counts from 1) without Retry-After:
    // base = initial * multiplier^(attempt-1) capped at max_backoff; the result lies in
    // [base/2, base) ("equal jitter": never zero, never in lock-step with other clients).
    [[nodiscard]] std::chrono::milliseconds backoff_delay(int attempt);

private:
    double next_uniform();

    HttpTransport& inner_;
    RetryPolicy policy_;
    RetryClock& clock_;
    std::function<double()> uniform01_;
    std::mutex mutex_;  // guards the default generator and the listener
    std::mt19937_64 generator_;
    std::function<void(const RetryEvent&)> listener_;
};

// Parses a Retry-After value: delta-seconds ("120") or an IMF-fixdate
// ("Wed, 21 Oct 2015 07:28:00 GMT", relative to `now`). nullopt if it is neither; a date in
// the past gives zero.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now);

} // namespace vanikeys::cloud
