#include "cloud/cost/cost_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vanikeys::cost {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool positive_finite(double x) { return x > 0 && std::isfinite(x); }

bool is_on_demand(PlatformKind kind) { return kind == PlatformKind::Serverless || kind == PlatformKind::Batch; }

// Whole billing units in `seconds`, rounding up, but not past a floating-point hair above a
// whole number (84 / 0.001 is 84000.00000000001).
double whole_units(double seconds, double unit) {
    const double units = seconds / unit;
    const double nearest = std::nearbyint(units);
    if (std::fabs(units - nearest) <= 1e-9 * std::max(1.0, nearest)) return nearest;
    return std::ceil(units);
}

} // namespace

std::string_view quantile_id(Quantile q) {
    constexpr std::string_view kIds[kQuantileCount] = {"expected", "p50", "p90", "p99"};
    return kIds[static_cast<int>(q)];
}

std::string_view quantile_phrase(Quantile q) {
    constexpr std::string_view kPhrases[kQuantileCount] = {"expected", "for a 50 % chance", "for a 90 % chance",
                                                           "for a 99 % chance"};
    return kPhrases[static_cast<int>(q)];
}

std::string_view start_assumption_name(StartAssumption start) {
    return start == StartAssumption::Warm ? "warm" : "cold";
}

JobSize JobSize::from_expected_attempts(double expected) {
    return from_attempts(expected, expected * std::log(2.0), expected * std::log(10.0), expected * std::log(100.0));
}

JobSize JobSize::from_attempts(double expected, double for_50, double for_90, double for_99) {
    JobSize size;
    size.attempts = {expected, for_50, for_90, for_99};
    return size;
}

const PlatformCost* CostTable::find(std::string_view platform_id) const {
    for (const PlatformCost& row : rows)
        if (row.platform.id == platform_id) return &row;
    return nullptr;
}

double billed_seconds(double seconds, Billing billing, double minimum_s) {
    const double unit = billing_unit_seconds(billing);
    return std::max(whole_units(seconds, unit) * unit, minimum_s);
}

double job_cost_usd(const Platform& platform, double seconds) {
    const double billed = billed_seconds(seconds, platform.billing, platform.minimum_billed_s);
    if (platform.billing == Billing::Month) return billed / kSecondsPerMonth * platform.usd_per_month;
    return billed / 3600.0 * platform.effective_usd_per_hour();
}

double start_seconds(const Platform& platform, StartAssumption start) {
    if (platform.kind == PlatformKind::Dedicated || platform.kind == PlatformKind::OwnHardware) return 0;
    if (start == StartAssumption::Warm && platform.cold_start.active_worker_s)
        return *platform.cold_start.active_worker_s;
    return platform.cold_start.p50_s;
}

MonthlyCost monthly_cost(const PlatformCost& row, double jobs_per_day) {
    const Platform& p = row.platform;
    const JobCost& job = row.at(Quantile::Expected);
    MonthlyCost m;
    m.jobs_per_day = jobs_per_day;
    m.jobs = jobs_per_day * (kSecondsPerMonth / 86400.0);
    m.busy_seconds = m.jobs * job.seconds;
    m.utilisation = m.busy_seconds / kSecondsPerMonth;
    m.machines = static_cast<int>(std::ceil(m.utilisation - 1e-12));
    if (p.kind == PlatformKind::Dedicated) {
        // The fee is paid whether or not the machine works; more work than a month holds
        // needs another machine.
        m.machines = std::max(1, m.machines);
        m.usd = m.machines * p.usd_per_month;
    } else {
        m.usd = m.jobs * job.usd;
    }
    m.usd_per_job = m.jobs > 0 ? m.usd / m.jobs : (m.usd > 0 ? kInfinity : 0.0);
    return m;
}

std::optional<Breakeven> breakeven(const PlatformCost& on_demand, const PlatformCost& dedicated) {
    if (!is_on_demand(on_demand.platform.kind) || dedicated.platform.kind != PlatformKind::Dedicated) return {};
    Breakeven b;
    b.on_demand_id = on_demand.platform.id;
    b.dedicated_id = dedicated.platform.id;
    const double per_job = on_demand.at(Quantile::Expected).usd;
    b.jobs_per_month = per_job > 0 ? dedicated.platform.usd_per_month / per_job : kInfinity;
    b.jobs_per_day = b.jobs_per_month / (kSecondsPerMonth / 86400.0);
    b.dedicated_capacity_jobs_per_month = kSecondsPerMonth / dedicated.at(Quantile::Expected).seconds;
    b.within_capacity = b.jobs_per_month <= b.dedicated_capacity_jobs_per_month;
    return b;
}

CostModel::CostModel(PricingCatalog catalog, RateBook rates)
    : catalog_(std::move(catalog)), rates_(std::move(rates)) {}

PlatformCost CostModel::platform_cost(const Platform& platform, const CostQuery& query) const {
    PlatformCost row;
    row.platform = platform;
    row.rate = rates_.rate(platform, query.format);
    row.start_s = start_seconds(platform, query.start);
    for (Quantile q : kQuantiles) {
        JobCost& job = row.jobs[static_cast<int>(q)];
        job.attempts = query.job.at(q);
        job.seconds = job.attempts / row.rate.keys_per_second + row.start_s;
        job.billed_seconds = billed_seconds(job.seconds, platform.billing, platform.minimum_billed_s);
        job.usd = job_cost_usd(platform, job.seconds);
    }
    if (query.jobs_per_day) row.monthly = monthly_cost(row, *query.jobs_per_day);
    return row;
}

Result<CostTable> CostModel::table(const CostQuery& query) const {
    for (Quantile q : kQuantiles) {
        if (!positive_finite(query.job.at(q)))
            return bad_input("the job's attempt count (" + std::string(quantile_id(q)) +
                             ") must be a positive finite number");
    }
    if (query.jobs_per_day && !(*query.jobs_per_day >= 0 && std::isfinite(*query.jobs_per_day)))
        return bad_input("jobs per day must be a finite number >= 0");
    CostTable table;
    table.query = query;
    for (const Platform& platform : catalog_.platforms) table.rows.push_back(platform_cost(platform, query));
    for (const PlatformCost& on_demand : table.rows) {
        for (const PlatformCost& dedicated : table.rows) {
            if (auto b = breakeven(on_demand, dedicated)) table.breakevens.push_back(std::move(*b));
        }
    }
    return table;
}

} // namespace vanikeys::cost
