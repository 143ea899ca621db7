// CurlTransport: HttpTransport on libcurl (only this .cpp includes curl). TLS peers and host
// names are always verified, redirects are never followed (a redirect could downgrade to plain
// http or leak the API key to another host), and plain http is refused unless the host is this
// machine.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "cloud/transport/http_transport.h"

namespace vanikeys::cloud {

struct CurlTransportOptions {
    std::chrono::milliseconds connect_timeout{10'000};  // capped by each request's own timeout
    std::size_t max_response_bytes = 16u << 20;          // larger replies fail with TooLarge
    std::string ca_file;      // extra trust anchors (PEM), e.g. a test server's; empty: system's
    std::string user_agent = "vanikeys-cloud/1";
};

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(CurlTransportOptions options = {});
    HttpResult send(const HttpRequest& request) override;

private:
    CurlTransportOptions options_;
};

} // namespace vanikeys::cloud
