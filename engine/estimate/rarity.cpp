#include "engine/estimate/rarity.h"

#include <algorithm>

#include "engine/core/humanize.h"
#include "engine/estimate/estimate.h"

namespace vanikeys {
namespace {

struct TierBound {
    Rarity rarity;
    std::string_view name;
    double at_least;  // chance
};
constexpr TierBound kTiers[] = {
    {Rarity::Common, "Common", 0.5},     {Rarity::Uncommon, "Uncommon", 0.1}, {Rarity::Rare, "Rare", 0.01},
    {Rarity::Epic, "Epic", 0.001},       {Rarity::Legendary, "Legendary", 1e-4}, {Rarity::Mythic, "Mythic", 0.0},
};

} // namespace

std::string_view rarity_name(Rarity rarity) {
    return kTiers[static_cast<int>(rarity)].name;
}

double rarity_threshold(Rarity rarity) {
    return kTiers[static_cast<int>(rarity)].at_least;
}

RarityTier rarity_of(const std::vector<double>& score_tail, int matched_chars, double pull_keys) {
    double per_key = 1;
    if (matched_chars > 0 && !score_tail.empty())
        per_key = score_tail[static_cast<std::size_t>(std::min<int>(matched_chars, int(score_tail.size()) - 1))];
    const double chance = chance_after(per_key, std::max(1.0, pull_keys));
    for (const TierBound& t : kTiers)
        if (chance >= t.at_least) return RarityTier{t.rarity, t.name, chance};
    return RarityTier{Rarity::Mythic, "Mythic", chance};
}

std::string rarity_explanation(const RarityTier& tier, double pull_keys) {
    std::string range;
    const int i = static_cast<int>(tier.rarity);
    if (tier.rarity == Rarity::Common) range = "50 % or more";
    else if (tier.rarity == Rarity::Mythic) range = "below " + human_percent(kTiers[i - 1].at_least);
    else range = human_percent(kTiers[i].at_least) + " to " + human_percent(kTiers[i - 1].at_least);
    return "A pull of " + human_count(pull_keys) + " keys does at least this well " + human_percent(tier.chance) +
           " of the time: " + std::string(tier.name) + " (" + range + ").";
}

} // namespace vanikeys
