// Where the cloud client's settings come from: the providers' credentials (the environment for
// the CLI; the app fills the same struct from its keychain) and the directory that holds the job
// list and the split-key secrets.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace vanikeys::cloud {

struct ProviderCredentials {
    std::string runpod_api_key;      // RUNPOD_API_KEY
    std::string runpod_endpoint_id;  // RUNPOD_ENDPOINT_ID
    std::string modal_url;           // MODAL_URL
    std::string modal_key;           // MODAL_KEY
    std::string modal_secret;        // MODAL_SECRET
};

// Looks a variable up; empty when unset. Tests pass their own.
using EnvironmentLookup = std::function<std::string(const char* name)>;
std::string process_environment(const char* name);

ProviderCredentials credentials_from_environment(const EnvironmentLookup& env = process_environment);

// The providers a job may go to ("runpod", "modal"): those whose credentials are complete.
std::vector<std::string> configured_providers(const ProviderCredentials& credentials);

// The variables `provider` still needs, by name ({"RUNPOD_ENDPOINT_ID"}); empty when it is set
// up. `modal_url_given`: MODAL_URL is not needed when --api-base names the app.
std::vector<std::string> missing_credentials(const ProviderCredentials& credentials, std::string_view provider,
                                             bool modal_url_given = false);

// "runpod" and "modal"; anything else is not a provider.
bool is_provider_name(std::string_view name);

// The cloud client's directory: $VANIKEYS_DATA_DIR/cloud, else $XDG_DATA_HOME/vanikeys/cloud,
// else ~/.local/share/vanikeys/cloud. The job list lives there, the secrets in secrets/.
std::filesystem::path default_cloud_directory(const EnvironmentLookup& env = process_environment);

} // namespace vanikeys::cloud
