// CloudError and CloudResult<T>: what went wrong talking to a cloud provider, typed so that the
// caller can tell "retry later" (network, 5xx) from "fix your settings" (401) from "the reply was
// a lie or garbage" (Malformed), and always with a message a user can act on.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "engine/core/result.h"

namespace vanikeys::cloud {

enum class CloudErrorKind {
    // The request never got a complete reply.
    Dns,            // the host name did not resolve
    Connect,        // nothing answered on that address and port
    Tls,            // the TLS handshake or the certificate check failed (never retried)
    Timeout,        // the request's time limit ran out
    Dropped,        // the connection broke mid-request or the reply was cut short
    InsecureUrl,    // plain http to a non-loopback host, or a scheme we do not speak
    TooLarge,       // the reply exceeded the size we accept
    // The provider replied with an error status (after any retries).
    Unauthorized,   // 401/403: wrong API key, endpoint id or proxy token
    NotFound,       // 404: no such endpoint or job (RunPod forgets jobs 30 min after they end)
    RateLimited,    // 429 and the retries ran out
    ServerError,    // 5xx and the retries ran out
    Rejected,       // any other 4xx: the provider refused the request itself
    // The reply arrived but cannot be trusted.
    Malformed,      // not JSON, wrong shape, or values that break the protocol
    // Local problems.
    Config,         // missing or invalid settings (credentials, URLs, ids)
    Storage,        // the job store could not read or write its files
};

std::string_view cloud_error_kind_name(CloudErrorKind kind);

// True for faults that may go away by themselves (the retry policy and the job pollers use it).
bool is_transient(CloudErrorKind kind);

struct CloudError {
    CloudErrorKind kind = CloudErrorKind::Malformed;
    std::string message;
    int http_status = 0;  // the reply's status where there was one

    // For the CLI's exit codes (SPEC §5): settings problems are bad input (2), the rest runtime (3).
    [[nodiscard]] Error to_error() const;
};

inline CloudError cloud_error(CloudErrorKind kind, std::string message, int http_status = 0) {
    return CloudError{kind, std::move(message), http_status};
}

// A value or a CloudError (the cloud layer's counterpart of Result<T>).
template <class T>
using CloudResult = BasicResult<T, CloudError>;

} // namespace vanikeys::cloud
