#include "cloud/transport/url_policy.h"

#include <algorithm>
#include <cctype>

namespace vanikeys::cloud {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// A decimal octet 0..255 without leading zeros (so "0127" cannot pose as 127).
bool is_octet(std::string_view s) {
    if (s.empty() || s.size() > 3) return false;
    if (s.size() > 1 && s[0] == '0') return false;
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    return value <= 255;
}

bool is_ipv4_loopback(std::string_view host) {
    int parts = 0;
    std::string_view first;
    while (true) {
        const std::size_t dot = host.find('.');
        const std::string_view part = host.substr(0, dot);
        if (!is_octet(part)) return false;
        if (parts == 0) first = part;
        ++parts;
        if (dot == std::string_view::npos) break;
        host.remove_prefix(dot + 1);
    }
    return parts == 4 && first == "127";
}

} // namespace

bool is_loopback_host(std::string_view host) {
    const std::string h = lower(host);
    if (h == "localhost" || h == "localhost.") return true;
    if (h == "::1" || h == "[::1]") return true;
    return is_ipv4_loopback(h);
}

std::optional<UrlParts> split_url(std::string_view url) {
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    UrlParts parts;
    parts.scheme = lower(url.substr(0, colon));
    for (char c : parts.scheme)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return std::nullopt;
    std::string_view rest = url.substr(colon + 3);
    const std::size_t end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, end);
    // User info is never needed here and is a classic way to disguise the real host.
    if (authority.find('@') != std::string_view::npos) return std::nullopt;
    if (authority.empty()) return std::nullopt;
    if (authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        parts.host = std::string(authority.substr(1, close - 1));
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty() && after.front() != ':') return std::nullopt;
    } else {
        const std::size_t port = authority.find(':');
        parts.host = std::string(authority.substr(0, port));
    }
    if (parts.host.empty()) return std::nullopt;
    return parts;
}

std::optional<CloudError> check_url_policy(std::string_view url) {
    const std::optional<UrlParts> parts = split_url(url);
    if (!parts)
        return cloud_error(CloudErrorKind::InsecureUrl,
                           "'" + std::string(url) + "' is not an absolute http(s) URL with a plain host name");
    if (parts->scheme == "https") return std::nullopt;
    if (parts->scheme == "http") {
        if (is_loopback_host(parts->host)) return std::nullopt;
        return cloud_error(CloudErrorKind::InsecureUrl,
                           "refusing plain http to '" + parts->host +
                               "': API keys and jobs are only sent over https (plain http is allowed "
                               "only to this machine: localhost, 127.0.0.0/8, ::1); use an https:// URL");
    }
    return cloud_error(CloudErrorKind::InsecureUrl,
                       "unsupported URL scheme '" + parts->scheme + "' in '" + std::string(url) + "' (use https://)");
}

std::string join_url(std::string_view base, std::string_view path) {
    std::string out(base);
    while (!out.empty() && out.back() == '/') out.pop_back();
    out += path;
    return out;
}

} // namespace vanikeys::cloud
