// A cost table as data for others: the JSON object `vanikeys-cli cost --json` prints and the
// app shows, and CSV for the app's export. Both carry every row's rate and where it came from.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "cloud/cost/cost_model.h"

namespace vanikeys::cost {

// {"inputs": {...}, "platforms": [row...], "breakeven": [...]}; docs/COSTS.md lists the fields.
// Infinite figures (a breakeven never reached) are written as null.
nlohmann::json cost_table_json(const CostTable& table);

// One header line, then one line per platform; RFC 4180 quoting.
std::string cost_table_csv(const CostTable& table);

} // namespace vanikeys::cost
