// FakeTransport: an HttpTransport for tests. It answers from canned replies (matched by method
// and URL, in order; the last match repeats) and records every request, so a test can check
// the exact paths, headers and bodies an adapter sent, and that no body holds a private key.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "cloud/transport/http_transport.h"
#include "cloud/transport/retrying_transport.h"

namespace vanikeys::cloud {

class FakeTransport final : public HttpTransport {
public:
    // Queues `reply` for the next request whose method matches and whose URL ends with
    // `url_suffix` ("" matches any). Replies for one route are used in the order queued; the
    // last one stays and answers every further request.
    void on(HttpMethod method, std::string url_suffix, HttpResult reply);
    void on_json(HttpMethod method, std::string url_suffix, int status, std::string body,
                 HttpHeaders headers = {});

    HttpResult send(const HttpRequest& request) override;

    [[nodiscard]] std::vector<HttpRequest> requests() const;
    [[nodiscard]] std::size_t request_count() const;
    void clear_requests();

private:
    struct Route {
        HttpMethod method;
        std::string url_suffix;
        std::deque<HttpResult> replies;
    };
    mutable std::mutex mutex_;
    std::vector<Route> routes_;
    std::vector<HttpRequest> requests_;
};


// A clock for tests: sleeping only moves time forward and is recorded, so a whole retry or
// polling schedule runs in microseconds.
class FakeClock final : public RetryClock {
public:
    std::chrono::steady_clock::time_point now() override;
    std::chrono::system_clock::time_point wall_now() override;
    void sleep_for(std::chrono::milliseconds duration) override;
    void advance(std::chrono::milliseconds duration);

    [[nodiscard]] std::vector<std::chrono::milliseconds> sleeps() const;
    [[nodiscard]] std::chrono::milliseconds elapsed() const;

private:
    mutable std::mutex mutex_;
    std::chrono::milliseconds elapsed_{0};
    std::vector<std::chrono::milliseconds> sleeps_;
};

} // namespace vanikeys::cloud
