#include "cloud/client/cloud_settings.h"

#include <cstdlib>

namespace vanikeys::cloud {

std::string process_environment(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string();
}

ProviderCredentials credentials_from_environment(const EnvironmentLookup& env) {
    return ProviderCredentials{env("RUNPOD_API_KEY"), env("RUNPOD_ENDPOINT_ID"), env("MODAL_URL"), env("MODAL_KEY"),
                               env("MODAL_SECRET")};
}

bool is_provider_name(std::string_view name) { return name == "runpod" || name == "modal"; }

std::vector<std::string> missing_credentials(const ProviderCredentials& c, std::string_view provider, bool modal_url_given) {
    std::vector<std::string> missing;
    auto need = [&](const std::string& value, const char* name) {
        if (value.empty()) missing.emplace_back(name);
    };
    if (provider == "runpod") {
        need(c.runpod_api_key, "RUNPOD_API_KEY");
        need(c.runpod_endpoint_id, "RUNPOD_ENDPOINT_ID");
    } else if (provider == "modal") {
        if (!modal_url_given) need(c.modal_url, "MODAL_URL");
        need(c.modal_key, "MODAL_KEY");
        need(c.modal_secret, "MODAL_SECRET");
    }
    return missing;
}

std::vector<std::string> configured_providers(const ProviderCredentials& credentials) {
    std::vector<std::string> out;
    for (const char* provider : {"runpod", "modal"})
        if (missing_credentials(credentials, provider).empty()) out.emplace_back(provider);
    return out;
}

std::filesystem::path default_cloud_directory(const EnvironmentLookup& env) {
    if (const std::string own = env("VANIKEYS_DATA_DIR"); !own.empty()) return std::filesystem::path(own) / "cloud";
    if (const std::string xdg = env("XDG_DATA_HOME"); !xdg.empty()) return std::filesystem::path(xdg) / "vanikeys" / "cloud";
    const std::string home = env("HOME");
    return std::filesystem::path(home.empty() ? "." : home) / ".local" / "share" / "vanikeys" / "cloud";
}

} // namespace vanikeys::cloud
