#include "cloud/transport/cloud_error.h"

namespace vanikeys::cloud {

std::string_view cloud_error_kind_name(CloudErrorKind kind) {
    switch (kind) {
    case CloudErrorKind::Dns: return "dns";
    case CloudErrorKind::Connect: return "connect";
    case CloudErrorKind::Tls: return "tls";
    case CloudErrorKind::Timeout: return "timeout";
    case CloudErrorKind::Dropped: return "dropped";
    case CloudErrorKind::InsecureUrl: return "insecure_url";
    case CloudErrorKind::TooLarge: return "too_large";
    case CloudErrorKind::Unauthorized: return "unauthorized";
    case CloudErrorKind::NotFound: return "not_found";
    case CloudErrorKind::RateLimited: return "rate_limited";
    case CloudErrorKind::ServerError: return "server_error";
    case CloudErrorKind::Rejected: return "rejected";
    case CloudErrorKind::Malformed: return "malformed";
    case CloudErrorKind::Config: return "config";
    case CloudErrorKind::Storage: return "storage";
    }
    return "unknown";
}

bool is_transient(CloudErrorKind kind) {
    switch (kind) {
    case CloudErrorKind::Dns:
    case CloudErrorKind::Connect:
    case CloudErrorKind::Timeout:
    case CloudErrorKind::Dropped:
    case CloudErrorKind::RateLimited:
    case CloudErrorKind::ServerError:
        return true;
    default:
        return false;
    }
}

Error CloudError::to_error() const {
    switch (kind) {
    case CloudErrorKind::InsecureUrl:
    case CloudErrorKind::Unauthorized:
    case CloudErrorKind::Config:
        return bad_input(message);
    default:
        return runtime_failure(message);
    }
}

} // namespace vanikeys::cloud
