// Gacha rarity: how unusual a pull's best key is, from how likely a pull of that many keys is
// to do at least this well. The same tiers in the CLI and the app.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vanikeys {

enum class Rarity { Common, Uncommon, Rare, Epic, Legendary, Mythic };

struct RarityTier {
    Rarity rarity = Rarity::Common;
    std::string_view name;       // "Common" ... "Mythic"
    double chance = 1;           // P(a pull of this size does at least this well)
};

// The tier boundaries, on the chance that a pull of the same size does at least as well:
//   Common >= 50 %, Uncommon >= 10 %, Rare >= 1 %, Epic >= 0.1 %, Legendary >= 0.01 %,
//   Mythic below that.
std::string_view rarity_name(Rarity rarity);
double rarity_threshold(Rarity rarity);  // the lowest chance that still gets this tier

// `score_tail` is score_tail_odds() of the pattern; `matched_chars` the pull's best score;
// `pull_keys` how many keys the pull drew.
RarityTier rarity_of(const std::vector<double>& score_tail, int matched_chars, double pull_keys);

// One sentence for a tooltip: "A pull of 2.1 million keys does at least this well 3.2 % of the
// time: Rare (1 % to 10 %)."
std::string rarity_explanation(const RarityTier& tier, double pull_keys);

} // namespace vanikeys
