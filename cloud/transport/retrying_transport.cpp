#include "cloud/transport/retrying_transport.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

namespace vanikeys::cloud {
namespace {

using std::chrono::milliseconds;

bool retryable_status(int status) {
    return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
}

// A request that creates something is retried only where it cannot have been processed:
// it never reached the server, or the server said so (429 Too Many Requests, 503 Unavailable).
bool may_retry(const HttpRequest& request, const HttpResult& result) {
    if (result.ok()) {
        const int status = result->status;
        if (!retryable_status(status)) return false;
        return request.idempotent || status == 429 || status == 503;
    }
    const CloudErrorKind kind = result.error().kind;
    switch (kind) {
    case CloudErrorKind::Dns:
    case CloudErrorKind::Connect:
        return true;
    case CloudErrorKind::Timeout:
    case CloudErrorKind::Dropped:
        return request.idempotent;
    default:
        return false;
    }
}

std::string describe(const HttpResult& result) {
    if (result.ok()) return "HTTP " + std::to_string(result->status);
    return std::string(cloud_error_kind_name(result.error().kind)) + ": " + result.error().message;
}

std::string body_excerpt(const std::string& body) {
    std::string out = body.substr(0, 200);
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = ' ';
    return out;
}

HttpResult exhausted(const HttpRequest& request, HttpResult last, int attempts, const std::string& why) {
    if (!last.ok()) {
        CloudError error = last.error();
        error.message += " (" + std::to_string(attempts) + " attempt" + (attempts == 1 ? "" : "s") + why + ")";
        return error;
    }
    const int status = last->status;
    if (!retryable_status(status)) return last;
    const std::string where = std::string(http_method_name(request.method)) + " " + request.url;
    const std::string detail = last->body.empty() ? "" : ": " + body_excerpt(last->body);
    if (status == 429)
        return cloud_error(CloudErrorKind::RateLimited,
                           where + " is rate limited (HTTP 429) after " + std::to_string(attempts) +
                               " attempt" + (attempts == 1 ? "" : "s") + why + "; try again later" + detail,
                           status);
    return cloud_error(CloudErrorKind::ServerError,
                       where + " failed with HTTP " + std::to_string(status) + " after " + std::to_string(attempts) +
                           " attempt" + (attempts == 1 ? "" : "s") + why + "; the provider has a problem, try again later" +
                           detail,
                       status);
}

int month_index(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < kMonths.size(); ++i)
        if (kMonths[i] == name) return static_cast<int>(i) + 1;
    return 0;
}

std::optional<int> digits(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

void SystemRetryClock::sleep_for(milliseconds duration) { std::this_thread::sleep_for(duration); }

std::optional<milliseconds> parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (std::optional<int> seconds = digits(value)) return milliseconds(static_cast<long long>(*seconds) * 1000);
    // IMF-fixdate: "Wed, 21 Oct 2015 07:28:00 GMT" (exactly 29 characters).
    if (value.size() != 29 || value.substr(3, 2) != ", " || value.substr(25) != " GMT") return std::nullopt;
    const std::optional<int> day = digits(value.substr(5, 2));
    const int month = month_index(value.substr(8, 3));
    const std::optional<int> year = digits(value.substr(12, 4));
    const std::optional<int> hh = digits(value.substr(17, 2));
    const std::optional<int> mm = digits(value.substr(20, 2));
    const std::optional<int> ss = digits(value.substr(23, 2));
    if (!day || month == 0 || !year || !hh || !mm || !ss || value[19] != ':' || value[22] != ':') return std::nullopt;
    const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(static_cast<unsigned>(month)),
                                           std::chrono::day(static_cast<unsigned>(*day))};
    if (!date.ok() || *hh > 23 || *mm > 59 || *ss > 60) return std::nullopt;
    const auto when = std::chrono::sys_days(date) + std::chrono::hours(*hh) + std::chrono::minutes(*mm) +
                      std::chrono::seconds(*ss);
    if (when <= now) return milliseconds(0);
    return std::chrono::duration_cast<milliseconds>(when - now);
}

RetryingTransport::RetryingTransport(HttpTransport& inner, RetryPolicy policy, RetryClock& clock,
                                     std::function<double()> uniform01)
    : inner_(inner), policy_(policy), clock_(clock), uniform01_(std::move(uniform01)),
      generator_(std::random_device{}()) {}

void RetryingTransport::set_retry_listener(std::function<void(const RetryEvent&)> listener) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
}

double RetryingTransport::next_uniform() {
    if (uniform01_) return std::clamp(uniform01_(), 0.0, 0.999999);
    std::lock_guard lock(mutex_);
    return std::uniform_real_distribution<double>(0.0, 1.0)(generator_);
}

milliseconds RetryingTransport::backoff_delay(int attempt) {
    const double base_ms = std::min(static_cast<double>(policy_.initial_backoff.count()) *
                                        std::pow(policy_.multiplier, std::max(0, attempt - 1)),
                                    static_cast<double>(policy_.max_backoff.count()));
    const double jittered = base_ms / 2.0 + next_uniform() * base_ms / 2.0;
    return milliseconds(std::max<long long>(1, static_cast<long long>(jittered)));
}

HttpResult RetryingTransport::send(const HttpRequest& request) {
    const auto deadline = clock_.now() + policy_.total_budget;
    for (int attempt = 1;; ++attempt) {
        HttpRequest limited = request;
        const auto left = std::chrono::duration_cast<milliseconds>(deadline - clock_.now());
        limited.timeout = std::max(milliseconds(1), std::min(request.timeout, left));

        HttpResult result = inner_.send(limited);
        if (!may_retry(request, result)) return attempt == 1 ? result : exhausted(request, std::move(result), attempt, "");
        if (attempt >= policy_.max_attempts) return exhausted(request, std::move(result), attempt, "");

        milliseconds delay = backoff_delay(attempt);
        if (result.ok() && result->status == 429) {
            if (std::optional<std::string> header = result->header("Retry-After")) {
                if (std::optional<milliseconds> asked = parse_retry_after(*header, clock_.wall_now())) {
                    if (*asked > policy_.max_retry_after)
                        return exhausted(request, std::move(result), attempt,
                                         "; the provider asks to wait " + std::to_string(asked->count() / 1000) + " s");
                    delay = std::max(*asked, milliseconds(1));
                }
            }
        }
        const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - clock_.now());
        if (delay >= remaining)
            return exhausted(request, std::move(result), attempt, ", out of time");

        std::function<void(const RetryEvent&)> listener;
        {
            std::lock_guard lock(mutex_);
            listener = listener_;
        }
        if (listener) listener(RetryEvent{attempt, delay, describe(result)});
        clock_.sleep_for(delay);
    }
}

} // namespace vanikeys::cloud
