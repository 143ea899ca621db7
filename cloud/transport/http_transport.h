// HttpTransport: the one seam between the cloud adapters and the network. CurlTransport talks to
// real servers, RetryingTransport adds time limits and retries around any transport, and tests
// plug in FakeTransport (canned replies) or point CurlTransport at an emulator on 127.0.0.1.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloud/transport/cloud_error.h"

namespace vanikeys::cloud {

enum class HttpMethod { Get, Post };

std::string_view http_method_name(HttpMethod method);

// Header names are compared case-insensitively (HTTP/1.1 and HTTP/2 alike).
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    std::string url;                    // absolute: https://host/path, or http:// to loopback only
    HttpHeaders headers;
    std::string body;                   // sent as is (JSON for every provider call)
    std::chrono::milliseconds timeout{30'000};  // the whole exchange, connect included
    // False for requests that create something (job submissions): a retry after the request may
    // have reached the server could create it twice, so RetryingTransport retries those only
    // when the request provably was not processed (see RetryPolicy).
    bool idempotent = true;
};

struct HttpResponse {
    int status = 0;
    HttpHeaders headers;
    std::string body;

    [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
        return find_header(headers, name);
    }
};

// A reply of any status, or a CloudError of a transport kind (Dns, Connect, Tls, Timeout,
// Dropped, InsecureUrl, TooLarge). Status codes are not errors at this level.
using HttpResult = CloudResult<HttpResponse>;

class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // Performs one exchange. Thread-safe: the fan-out polls several jobs from several threads.
    virtual HttpResult send(const HttpRequest& request) = 0;
};

} // namespace vanikeys::cloud
