// What a search job costs and how long it takes on each platform of the catalog: one row per
// platform (a table a chart can plot), monthly cost for a number of jobs a day, and the
// breakeven volume between each on-demand platform and each dedicated one.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/cost/pricing_catalog.h"
#include "cloud/cost/rate_book.h"
#include "engine/core/result.h"

namespace vanikeys::cost {

// Which attempt count a figure is for: the mean, or the count that gives a 50/90/99 % chance.
enum class Quantile : std::uint8_t { Expected = 0, P50 = 1, P90 = 2, P99 = 3 };
inline constexpr int kQuantileCount = 4;
inline constexpr Quantile kQuantiles[kQuantileCount] = {Quantile::Expected, Quantile::P50, Quantile::P90,
                                                         Quantile::P99};
std::string_view quantile_id(Quantile q);      // "expected", "p50", "p90", "p99"
std::string_view quantile_phrase(Quantile q);  // "expected", "for a 50 % chance", ...

struct JobSize {
    std::array<double, kQuantileCount> attempts{};  // indexed by Quantile

    [[nodiscard]] double at(Quantile q) const { return attempts[static_cast<int>(q)]; }
    // For a key that matches with probability p = 1/expected: the q-chance count is
    // ln(1/(1-q)) / p (SPEC §4), so 0.693, 2.303 and 4.605 times `expected`.
    static JobSize from_expected_attempts(double expected);
    // From an engine estimate's own figures.
    static JobSize from_attempts(double expected, double for_50, double for_90, double for_99);
};

// Whether each job waits for a cold start (the p50 of the platform's cold start) or finds a
// worker already running where the platform offers one (RunPod's active worker). The idle
// cost of keeping such a worker is not included.
enum class StartAssumption : std::uint8_t { Cold, Warm };
std::string_view start_assumption_name(StartAssumption start);  // "cold", "warm"

struct CostQuery {
    KeyFormat format = KeyFormat::DidKey;  // picks the rate column
    JobSize job;
    StartAssumption start = StartAssumption::Cold;
    std::optional<double> jobs_per_day;    // when set, every row also gets its monthly cost
};

struct JobCost {
    double attempts = 0;
    double seconds = 0;         // attempts / rate + start time
    double billed_seconds = 0;  // seconds rounded up to the billing unit, at least the minimum
    double usd = 0;
};

struct MonthlyCost {
    double jobs_per_day = 0;
    double jobs = 0;          // in a 30-day month
    double busy_seconds = 0;  // expected time of those jobs, start times included
    double utilisation = 0;   // busy_seconds / month: above 1, one machine cannot keep up
    int machines = 0;         // machines kept busy (rounded up); a dedicated platform pays for each
    double usd = 0;
    double usd_per_job = 0;   // usd / jobs; infinity when there are no jobs but a fixed fee
};

struct PlatformCost {
    Platform platform;
    Rate rate;
    double start_s = 0;  // the start time added to every job
    std::array<JobCost, kQuantileCount> jobs{};  // indexed by Quantile
    std::optional<MonthlyCost> monthly;          // when the query has jobs_per_day

    [[nodiscard]] const JobCost& at(Quantile q) const { return jobs[static_cast<int>(q)]; }
};

// Between an on-demand platform (serverless or batch) and a dedicated one: the volume above
// which the monthly fee is cheaper than paying per job.
struct Breakeven {
    std::string on_demand_id;
    std::string dedicated_id;
    double jobs_per_month = 0;  // monthly fee / on-demand expected cost of a job
    double jobs_per_day = 0;    // jobs_per_month / 30
    // Expected jobs one dedicated machine finishes in a month. When jobs_per_month exceeds it,
    // reaching the breakeven takes more machines (and more fees), so on-demand stays cheaper
    // at every volume: within_capacity is then false.
    double dedicated_capacity_jobs_per_month = 0;
    bool within_capacity = false;
};

struct CostTable {
    CostQuery query;
    std::vector<PlatformCost> rows;  // in catalog order
    std::vector<Breakeven> breakevens;

    [[nodiscard]] const PlatformCost* find(std::string_view platform_id) const;
};

// `seconds` rounded up to whole billing units (a value within 1e-9 of a whole number of units
// counts as that number, so that 84 s is not billed as 84.001), then raised to `minimum_s`.
double billed_seconds(double seconds, Billing billing, double minimum_s);

// The bill for `seconds` of work: billed time x hourly price; for dedicated platforms whole
// months x the monthly fee; for own hardware the energy, watts x hours x price per kWh.
double job_cost_usd(const Platform& platform, double seconds);

// The start time each job waits for under `start` (0 for dedicated and own hardware).
double start_seconds(const Platform& platform, StartAssumption start);

// The monthly cost of `jobs_per_day` jobs of the row's expected size (30-day months). Pure, so
// a chart can sample it along its x axis.
MonthlyCost monthly_cost(const PlatformCost& row, double jobs_per_day);

// On input `on_demand` is a serverless or batch row and `dedicated` a dedicated row of the same
// query; otherwise returns nothing.
std::optional<Breakeven> breakeven(const PlatformCost& on_demand, const PlatformCost& dedicated);

class CostModel {
public:
    CostModel(PricingCatalog catalog, RateBook rates);

    // Every platform's row and the breakevens. Fails (code 2) when an attempt count is not a
    // positive finite number or jobs_per_day is negative.
    [[nodiscard]] Result<CostTable> table(const CostQuery& query) const;
    // One row; `query` must be valid (see table()).
    [[nodiscard]] PlatformCost platform_cost(const Platform& platform, const CostQuery& query) const;

    [[nodiscard]] const PricingCatalog& catalog() const { return catalog_; }
    [[nodiscard]] const RateBook& rates() const { return rates_; }
    RateBook& rates() { return rates_; }

private:
    PricingCatalog catalog_;
    RateBook rates_;
};

} // namespace vanikeys::cost
