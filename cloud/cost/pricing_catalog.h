// The pricing catalog (resources/pricing.json): where a search can run, what it costs there and
// how fast it goes. Loaded from a file or the built-in copy, validated field by field, and open
// to per-field overrides (settings, CLI) that pass through the same validation.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/core/result.h"
#include "engine/format/format_info.h"

namespace vanikeys::cost {

inline constexpr int kCatalogSchemaVersion = 1;

// Costs use 30-day months throughout, as the design notes do.
inline constexpr double kSecondsPerMonth = 30.0 * 86400.0;

enum class PlatformKind : std::uint8_t { Serverless, Dedicated, OwnHardware, Batch };
// The unit a bill is rounded up to.
enum class Billing : std::uint8_t { Millisecond, Second, Minute, Month };
enum class RateStatus : std::uint8_t { Measured, Estimated };

std::string_view platform_kind_name(PlatformKind kind);  // "serverless", "own-hardware", ...
std::string_view billing_name(Billing billing);          // "ms", "s", "minute", "month"
double billing_unit_seconds(Billing billing);            // 0.001, 1, 60, kSecondsPerMonth
std::string_view rate_status_name(RateStatus status);    // "measured", "estimated"

struct CatalogRate {
    double keys_per_second = 0;
    RateStatus status = RateStatus::Estimated;
    std::string source;  // how the figure was obtained, in words
    std::string date;    // YYYY-MM-DD
};

struct ColdStart {
    double p50_s = 0, p90_s = 0, p99_s = 0;
    // Start time when an always-on worker is kept (RunPod "active worker"); absent where the
    // platform has no such option.
    std::optional<double> active_worker_s;
    std::string source;
};

struct Platform {
    std::string id;        // [a-z0-9-]+, unique in the catalog
    std::string name;
    std::string provider;
    PlatformKind kind = PlatformKind::Serverless;
    std::string hardware;  // "NVIDIA RTX 4090 24GB", "8-core desktop CPU"
    // Price: serverless and batch use usd_per_hour, dedicated usd_per_month, own hardware
    // watts x usd_per_kwh. The fields that do not apply to the kind are 0.
    double usd_per_hour = 0;
    double usd_per_month = 0;
    double watts = 0;
    double usd_per_kwh = 0;
    Billing billing = Billing::Second;
    double minimum_billed_s = 0;  // e.g. EC2's one-minute minimum
    ColdStart cold_start;
    std::string price_source;
    std::string price_date;
    std::array<CatalogRate, kFormatCount> rates;  // indexed by KeyFormat
    // Fields changed by overrides, as their override paths ("usd_per_hour", "keys_per_second.eth").
    std::vector<std::string> overridden;

    [[nodiscard]] const CatalogRate& rate(KeyFormat format) const { return rates[static_cast<int>(format)]; }
    [[nodiscard]] bool is_overridden(std::string_view field) const;
    // The price of one hour of work on this platform, whatever the kind: usd_per_hour, the
    // energy cost of an hour for own hardware, or the monthly fee spread over a 30-day month.
    [[nodiscard]] double effective_usd_per_hour() const;
};

struct PricingCatalog {
    int schema_version = kCatalogSchemaVersion;
    std::string currency;  // "USD"
    std::string updated;   // YYYY-MM-DD
    std::vector<Platform> platforms;

    [[nodiscard]] const Platform* find(std::string_view id) const;
};

// One figure changed by the user. `field` is a dotted path inside the platform object, e.g.
// "usd_per_hour", "cold_start_s.p50", "keys_per_second.eth" (a number there sets the rate's
// value) or "keys_per_second.eth.value".
struct CatalogOverride {
    std::string platform_id;
    std::string field;
    nlohmann::json value;
};

// Parses "PLATFORM.FIELD=VALUE", e.g. "modal-h100.cold_start_s.p50=5"; VALUE is JSON (a number,
// or a string in quotes) or, failing that, taken as a plain string.
Result<CatalogOverride> parse_override(std::string_view text);

// Parses and validates catalog text, applying `overrides` first so that they meet the same
// checks. On failure the Error (code 2) lists every problem, one per line, each naming the
// platform and field: "platforms[5] 'modal-h100': usd_per_hour must be a positive number".
Result<PricingCatalog> parse_catalog(std::string_view json_text,
                                     const std::vector<CatalogOverride>& overrides = {});

// As parse_catalog, reading `path`; errors start with the path.
Result<PricingCatalog> load_catalog_file(const std::string& path,
                                         const std::vector<CatalogOverride>& overrides = {});

// The copy of resources/pricing.json compiled into the program.
std::string_view builtin_catalog_json();
Result<PricingCatalog> builtin_catalog(const std::vector<CatalogOverride>& overrides = {});

} // namespace vanikeys::cost
