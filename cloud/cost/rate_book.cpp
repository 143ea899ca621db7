#include "cloud/cost/rate_book.h"

#include <cmath>

namespace vanikeys::cost {

std::string_view rate_source_id(RateSource source) {
    switch (source) {
    case RateSource::Override: return "override";
    case RateSource::MeasuredHere: return "measured_here";
    case RateSource::CatalogMeasured: return "catalog_measured";
    case RateSource::CatalogEstimate: break;
    }
    return "catalog_estimate";
}

std::string_view rate_source_text(RateSource source) {
    switch (source) {
    case RateSource::Override: return "your figure";
    case RateSource::MeasuredHere: return "measured here";
    case RateSource::CatalogMeasured: return "catalog (measured)";
    case RateSource::CatalogEstimate: break;
    }
    return "catalog (estimate)";
}

bool RateBook::record_measurement(const std::string& platform_id, KeyFormat format, double keys_per_second,
                                  std::string detail, std::string date) {
    if (!(keys_per_second > 0) || !std::isfinite(keys_per_second)) return false;
    measured_[{platform_id, format}] =
        Rate{keys_per_second, RateSource::MeasuredHere, std::move(detail), std::move(date)};
    return true;
}

void RateBook::forget_measurement(const std::string& platform_id, KeyFormat format) {
    measured_.erase({platform_id, format});
}

Rate RateBook::rate(const Platform& platform, KeyFormat format) const {
    const CatalogRate& catalog = platform.rate(format);
    const std::string field = "keys_per_second." + std::string(format_info(format).name);
    if (platform.is_overridden(field))
        return Rate{catalog.keys_per_second, RateSource::Override, "set by you (overrides the catalog)", {}};
    if (auto it = measured_.find({platform.id, format}); it != measured_.end()) return it->second;
    const RateSource source =
        catalog.status == RateStatus::Measured ? RateSource::CatalogMeasured : RateSource::CatalogEstimate;
    return Rate{catalog.keys_per_second, source, catalog.source, catalog.date};
}

} // namespace vanikeys::cost
