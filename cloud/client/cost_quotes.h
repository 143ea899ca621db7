// The router's quotes from the cost model (cloud/cost): what a job would cost and how long it
// would take on each provider, priced at the catalog platform that provider's endpoint runs on.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cloud/cost/cost_model.h"
#include "cloud/router/router.h"

namespace vanikeys::cloud {

struct QuoteSettings {
    KeyFormat format = KeyFormat::DidKey;   // picks the rate column
    int workers = 1;                        // a fan-out splits the attempts, each worker starts cold
    // Catalog platform per provider ("runpod" -> "runpod-4090"). A provider without an entry is
    // priced at its first platform in the catalog.
    std::map<std::string, std::string> platforms;
};

// The catalog platform that `provider`'s jobs are priced at, or nullptr when the catalog has
// none (a wrong id in `platforms` included).
const cost::Platform* provider_platform(const cost::PricingCatalog& catalog, const std::string& provider,
                                        const std::map<std::string, std::string>& platforms);

// One quote per provider the catalog prices. Cheapest and fastest are judged at the expected
// attempts; a deadline at the attempts that give a 90 % chance (a deadline met only on average
// is missed half the time). Dollars count every worker's time, cold starts included.
QuoteFunction make_cost_quotes(std::shared_ptr<const cost::CostModel> model, QuoteSettings settings);

// What `run_seconds` of a job cost on `platform` (billing units and minimums applied).
double cost_so_far_usd(const cost::Platform& platform, double run_seconds);

} // namespace vanikeys::cloud
