#include "cloud/transport/fake_transport.h"

namespace vanikeys::cloud {

void FakeTransport::on(HttpMethod method, std::string url_suffix, HttpResult reply) {
    std::lock_guard lock(mutex_);
    for (Route& route : routes_) {
        if (route.method == method && route.url_suffix == url_suffix) {
            route.replies.push_back(std::move(reply));
            return;
        }
    }
    routes_.push_back(Route{method, std::move(url_suffix), {}});
    routes_.back().replies.push_back(std::move(reply));
}

void FakeTransport::on_json(HttpMethod method, std::string url_suffix, int status, std::string body,
                            HttpHeaders headers) {
    headers.emplace_back("Content-Type", "application/json");
    on(method, std::move(url_suffix), HttpResponse{status, std::move(headers), std::move(body)});
}

HttpResult FakeTransport::send(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
    // The longest matching suffix wins, so "/status/job-1" can override a catch-all "".
    Route* best = nullptr;
    for (Route& route : routes_) {
        const std::string& s = route.url_suffix;
        const bool matches = route.method == request.method && request.url.size() >= s.size() &&
                             request.url.compare(request.url.size() - s.size(), s.size(), s) == 0;
        if (matches && (best == nullptr || s.size() > best->url_suffix.size())) best = &route;
    }
    if (best == nullptr)
        return HttpResponse{404, {}, "{\"error\":\"FakeTransport: no canned reply for " + request.url + "\"}"};
    HttpResult reply = best->replies.front();
    if (best->replies.size() > 1) best->replies.pop_front();
    return reply;
}

std::vector<HttpRequest> FakeTransport::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

std::size_t FakeTransport::request_count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
}

void FakeTransport::clear_requests() {
    std::lock_guard lock(mutex_);
    requests_.clear();
}

std::chrono::steady_clock::time_point FakeClock::now() {
    std::lock_guard lock(mutex_);
    return std::chrono::steady_clock::time_point(elapsed_);
}

std::chrono::system_clock::time_point FakeClock::wall_now() {
    std::lock_guard lock(mutex_);
    // A fixed epoch (2030-01-01T00:00:00Z) keeps Retry-After dates in tests reproducible.
    return std::chrono::system_clock::time_point(std::chrono::seconds(1'893'456'000)) + elapsed_;
}

void FakeClock::sleep_for(std::chrono::milliseconds duration) {
    std::lock_guard lock(mutex_);
    sleeps_.push_back(duration);
    elapsed_ += duration;
}

void FakeClock::advance(std::chrono::milliseconds duration) {
    std::lock_guard lock(mutex_);
    elapsed_ += duration;
}

std::vector<std::chrono::milliseconds> FakeClock::sleeps() const {
    std::lock_guard lock(mutex_);
    return sleeps_;
}

std::chrono::milliseconds FakeClock::elapsed() const {
    std::lock_guard lock(mutex_);
    return elapsed_;
}

} // namespace vanikeys::cloud
