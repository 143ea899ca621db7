// Where each platform's keys-per-second figure comes from: measurements made here (the
// calibration bench, finished cloud jobs) win over the catalog, and every rate says which it
// is so that the UI can tell a measurement from an estimate.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "cloud/cost/pricing_catalog.h"

namespace vanikeys::cost {

// In order of precedence: a figure the user typed (a catalog override) is an explicit what-if
// and wins; then our own measurements; then what the catalog says.
enum class RateSource : std::uint8_t { Override, MeasuredHere, CatalogMeasured, CatalogEstimate };

std::string_view rate_source_id(RateSource source);    // "override", "measured_here", ...
std::string_view rate_source_text(RateSource source);  // "your figure", "measured here", ...

struct Rate {
    double keys_per_second = 0;
    RateSource source = RateSource::CatalogEstimate;
    std::string detail;  // how it was obtained: the catalog's source text or the measurement's
    std::string date;    // YYYY-MM-DD, when known
};

class RateBook {
public:
    // Records a measured rate for `platform_id` and `format`; `detail` says how it was measured
    // ("calibration bench, 30 s, 8 threads"). A later measurement replaces an earlier one.
    // Returns false, recording nothing, unless keys_per_second is positive and finite.
    [[nodiscard]] bool record_measurement(const std::string& platform_id, KeyFormat format, double keys_per_second,
                                          std::string detail, std::string date);
    void forget_measurement(const std::string& platform_id, KeyFormat format);

    // The rate to use for `platform` and `format`, and where it comes from.
    [[nodiscard]] Rate rate(const Platform& platform, KeyFormat format) const;

private:
    std::map<std::pair<std::string, KeyFormat>, Rate> measured_;
};

} // namespace vanikeys::cost
