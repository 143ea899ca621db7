#include "cloud/client/cost_quotes.h"

#include <algorithm>
#include <cctype>

namespace vanikeys::cloud {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

} // namespace

const cost::Platform* provider_platform(const cost::PricingCatalog& catalog, const std::string& provider,
                                        const std::map<std::string, std::string>& platforms) {
    if (auto chosen = platforms.find(provider); chosen != platforms.end()) {
        const cost::Platform* p = catalog.find(chosen->second);
        return p != nullptr && lower(p->provider) == provider ? p : nullptr;
    }
    for (const cost::Platform& p : catalog.platforms)
        if (lower(p.provider) == provider) return &p;
    return nullptr;
}

QuoteFunction make_cost_quotes(std::shared_ptr<const cost::CostModel> model, QuoteSettings settings) {
    return [model = std::move(model), settings = std::move(settings)](const RouteRequest& request) {
        std::vector<ProviderQuote> quotes;
        const int workers = std::max(1, settings.workers);
        const cost::Quantile quantile = request.objective == RouteObjective::CheapestWithinDeadline ? cost::Quantile::P90
                                                                                                    : cost::Quantile::Expected;
        if (!(request.expected_attempts > 0)) return quotes;
        cost::CostQuery query;
        query.format = settings.format;
        query.job = cost::JobSize::from_expected_attempts(request.expected_attempts / workers);
        for (const char* provider : {"runpod", "modal"}) {
            const cost::Platform* platform = provider_platform(model->catalog(), provider, settings.platforms);
            if (platform == nullptr) continue;
            const cost::PlatformCost row = model->platform_cost(*platform, query);
            if (!(row.rate.keys_per_second > 0)) continue;
            quotes.push_back(ProviderQuote{provider, row.at(quantile).usd * workers, row.at(quantile).seconds});
        }
        return quotes;
    };
}

double cost_so_far_usd(const cost::Platform& platform, double run_seconds) {
    return run_seconds > 0 ? cost::job_cost_usd(platform, run_seconds) : 0.0;
}

} // namespace vanikeys::cloud
