// Which URLs the cloud layer may talk to: https anywhere (certificates always verified), plain
// http only to this machine (the emulators and RunPod's local test server), nothing else.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cloud/transport/cloud_error.h"

namespace vanikeys::cloud {

// True for "localhost", any 127.x.y.z (127.0.0.0/8, dotted quad) and "::1" (with or without
// brackets). Case-insensitive; a trailing dot on "localhost." is accepted too.
bool is_loopback_host(std::string_view host);

struct UrlParts {
    std::string scheme;  // lower case
    std::string host;    // without brackets for IPv6 literals
};

// The scheme and host of an absolute URL, or nullopt when it is not one we can judge safely
// (no scheme, no host, or user info such as "http://127.0.0.1@example.com/").
std::optional<UrlParts> split_url(std::string_view url);

// nullopt when `url` may be used; otherwise an InsecureUrl error that says why and what to do.
std::optional<CloudError> check_url_policy(std::string_view url);

// Joins a base URL (with or without a trailing slash) and a path that starts with '/'.
std::string join_url(std::string_view base, std::string_view path);

} // namespace vanikeys::cloud
