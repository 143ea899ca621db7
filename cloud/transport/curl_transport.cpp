#include "cloud/transport/curl_transport.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "cloud/transport/url_policy.h"

namespace vanikeys::cloud {
namespace {

void global_init_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
    void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct UrlDeleter {
    void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

struct Exchange {
    HttpResponse response;
    std::size_t max_bytes = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* ex = static_cast<Exchange*>(user);
    const std::size_t n = size * count;
    if (ex->response.body.size() + n > ex->max_bytes) {
        ex->too_large = true;
        return 0;  // makes curl abort with CURLE_WRITE_ERROR
    }
    ex->response.body.append(data, n);
    return n;
}

// Header lines arrive one at a time; a new status line (after a 100 Continue, say) starts over.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* ex = static_cast<Exchange*>(user);
    const std::size_t n = size * count;
    std::string_view line(data, n);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    if (line.rfind("HTTP/", 0) == 0) {
        ex->response.headers.clear();
        return n;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return n;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    ex->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    return n;
}

CloudError classify(CURLcode code, const std::string& url, const char* detail) {
    std::string what = std::string(curl_easy_strerror(code));
    if (detail != nullptr && *detail != '\0') what += " (" + std::string(detail) + ")";
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return cloud_error(CloudErrorKind::Dns, "cannot resolve the host of " + url + ": " + what +
                                                    "; check the URL and your network");
    case CURLE_COULDNT_CONNECT:
        return cloud_error(CloudErrorKind::Connect, "cannot connect to " + url + ": " + what);
    case CURLE_OPERATION_TIMEDOUT:
        return cloud_error(CloudErrorKind::Timeout, "no complete reply from " + url + " in time: " + what);
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return cloud_error(CloudErrorKind::Tls, "TLS with " + url + " failed: " + what +
                                                    " (certificates are always verified; a proxy or "
                                                    "a wrong URL can cause this)");
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_WEIRD_SERVER_REPLY:
        return cloud_error(CloudErrorKind::Dropped, "the connection to " + url + " broke: " + what);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return cloud_error(CloudErrorKind::InsecureUrl, "cannot use the URL " + url + ": " + what);
    default:
        return cloud_error(CloudErrorKind::Dropped, "request to " + url + " failed: " + what);
    }
}

// Re-checks the policy on curl's own reading of the URL, so that no difference between our
// parser and curl's can smuggle plain http to a remote host.
std::optional<CloudError> check_with_curl_parser(CURLU* parsed, const std::string& url) {
    char* scheme = nullptr;
    char* host = nullptr;
    std::optional<CloudError> refusal;
    if (curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(parsed, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        refusal = cloud_error(CloudErrorKind::InsecureUrl, "cannot read the scheme and host of " + url);
    } else if (std::string_view(scheme) != "https" &&
               !(std::string_view(scheme) == "http" && is_loopback_host(host))) {
        refusal = cloud_error(CloudErrorKind::InsecureUrl,
                              "refusing " + std::string(scheme) + "://" + host +
                                  ": only https, or plain http to this machine, is allowed");
    }
    curl_free(scheme);
    curl_free(host);
    return refusal;
}

} // namespace

CurlTransport::CurlTransport(CurlTransportOptions options) : options_(std::move(options)) {
    global_init_once();
}

HttpResult CurlTransport::send(const HttpRequest& request) {
    if (std::optional<CloudError> refusal = check_url_policy(request.url)) return *refusal;

    std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, request.url.c_str(), 0) != CURLUE_OK)
        return cloud_error(CloudErrorKind::InsecureUrl, "cannot parse the URL " + request.url);
    if (std::optional<CloudError> refusal = check_with_curl_parser(parsed.get(), request.url)) return *refusal;

    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    if (!easy) return cloud_error(CloudErrorKind::Connect, "libcurl could not start a request");
    CURL* h = easy.get();

    std::unique_ptr<curl_slist, SlistDeleter> headers;
    for (const auto& [name, value] : request.headers) {
        const std::string line = name + ": " + value;
        curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
        if (grown == nullptr) return cloud_error(CloudErrorKind::Connect, "out of memory building headers");
        headers.release();
        headers.reset(grown);
    }
    // libcurl would otherwise add "Expect: 100-continue" to large POSTs and wait for it.
    if (curl_slist* grown = curl_slist_append(headers.get(), "Expect:")) {
        headers.release();
        headers.reset(grown);
    }

    Exchange ex;
    ex.max_bytes = options_.max_response_bytes;
    char error_detail[CURL_ERROR_SIZE] = {};
    const long total_ms = static_cast<long>(request.timeout.count());
    const long connect_ms = static_cast<long>(std::min(request.timeout, options_.connect_timeout).count());

    curl_easy_setopt(h, CURLOPT_CURLU, parsed.get());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_NOPROXY, "localhost,127.0.0.0/8,::1");
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, total_ms);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, connect_ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_detail);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
    if (request.method == HttpMethod::Post) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    }

    const CURLcode code = curl_easy_perform(h);
    if (ex.too_large)
        return cloud_error(CloudErrorKind::TooLarge, "the reply from " + request.url + " is larger than " +
                                                         std::to_string(options_.max_response_bytes) + " bytes");
    if (code != CURLE_OK) return classify(code, request.url, error_detail);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    ex.response.status = static_cast<int>(status);
    return std::move(ex.response);
}

} // namespace vanikeys::cloud
