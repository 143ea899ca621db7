#include "cloud/cost/cost_report.h"

#include <cmath>
#include <cstdio>

namespace vanikeys::cost {
namespace {

using nlohmann::json;

json number_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json price_json(const Platform& p) {
    switch (p.kind) {
    case PlatformKind::Dedicated: return {{"usd_per_month", p.usd_per_month}};
    case PlatformKind::OwnHardware: return {{"watts", p.watts}, {"usd_per_kwh", p.usd_per_kwh}};
    case PlatformKind::Serverless:
    case PlatformKind::Batch: break;
    }
    return {{"usd_per_hour", p.usd_per_hour}};
}

json cold_start_json(const ColdStart& c) {
    json j = {{"p50", c.p50_s}, {"p90", c.p90_s}, {"p99", c.p99_s}};
    if (c.active_worker_s) j["active_worker"] = *c.active_worker_s;
    return j;
}

json job_json(const JobCost& job) {
    return {{"attempts", job.attempts}, {"seconds", job.seconds}, {"billed_seconds", job.billed_seconds},
            {"usd", job.usd}};
}

json monthly_json(const MonthlyCost& m) {
    return {{"jobs_per_day", m.jobs_per_day}, {"jobs", m.jobs},
            {"busy_seconds", m.busy_seconds}, {"utilisation", m.utilisation},
            {"machines", m.machines}, {"usd", m.usd}, {"usd_per_job", number_or_null(m.usd_per_job)}};
}

json row_json(const PlatformCost& row) {
    const Platform& p = row.platform;
    json j = {{"id", p.id},
              {"name", p.name},
              {"provider", p.provider},
              {"kind", platform_kind_name(p.kind)},
              {"hardware", p.hardware},
              {"billing", billing_name(p.billing)},
              {"minimum_billed_s", p.minimum_billed_s},
              {"price", price_json(p)},
              {"usd_per_hour", p.effective_usd_per_hour()},
              {"overridden", p.overridden},
              {"keys_per_second", row.rate.keys_per_second},
              {"rate_source", rate_source_id(row.rate.source)},
              {"rate_source_text", rate_source_text(row.rate.source)},
              {"rate_detail", row.rate.detail},
              {"rate_date", row.rate.date},
              {"cold_start_s", cold_start_json(p.cold_start)},
              {"start_s", row.start_s}};
    for (Quantile q : kQuantiles) j[std::string(quantile_id(q))] = job_json(row.at(q));
    j["monthly"] = row.monthly ? monthly_json(*row.monthly) : json(nullptr);
    return j;
}

json breakeven_json(const Breakeven& b) {
    return {{"on_demand", b.on_demand_id},
            {"dedicated", b.dedicated_id},
            {"jobs_per_month", number_or_null(b.jobs_per_month)},
            {"jobs_per_day", number_or_null(b.jobs_per_day)},
            {"dedicated_capacity_jobs_per_month", number_or_null(b.dedicated_capacity_jobs_per_month)},
            {"within_capacity", b.within_capacity}};
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string csv_number(double x) {
    if (!std::isfinite(x)) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g", x);
    return buf;
}

} // namespace

json cost_table_json(const CostTable& table) {
    const CostQuery& q = table.query;
    json inputs = {{"format", format_info(q.format).name},
                   {"start", start_assumption_name(q.start)},
                   {"jobs_per_day", q.jobs_per_day ? json(*q.jobs_per_day) : json(nullptr)},
                   {"days_per_month", kSecondsPerMonth / 86400.0}};
    inputs["expected_attempts"] = q.job.at(Quantile::Expected);
    inputs["attempts_50"] = q.job.at(Quantile::P50);
    inputs["attempts_90"] = q.job.at(Quantile::P90);
    inputs["attempts_99"] = q.job.at(Quantile::P99);
    json rows = json::array();
    for (const PlatformCost& row : table.rows) rows.push_back(row_json(row));
    json breakevens = json::array();
    for (const Breakeven& b : table.breakevens) breakevens.push_back(breakeven_json(b));
    return {{"inputs", inputs}, {"platforms", rows}, {"breakeven", breakevens}};
}

std::string cost_table_csv(const CostTable& table) {
    std::string csv = "id,name,kind,hardware,keys_per_second,rate_source,start_s";
    for (Quantile q : kQuantiles) {
        const std::string id(quantile_id(q));
        csv += "," + id + "_seconds," + id + "_usd";
    }
    csv += ",jobs_per_day,monthly_usd\n";
    for (const PlatformCost& row : table.rows) {
        const Platform& p = row.platform;
        csv += csv_field(p.id) + "," + csv_field(p.name) + "," + std::string(platform_kind_name(p.kind)) + "," +
               csv_field(p.hardware) + "," + csv_number(row.rate.keys_per_second) + "," +
               std::string(rate_source_id(row.rate.source)) + "," + csv_number(row.start_s);
        for (Quantile q : kQuantiles) csv += "," + csv_number(row.at(q).seconds) + "," + csv_number(row.at(q).usd);
        csv += "," + (row.monthly ? csv_number(row.monthly->jobs_per_day) + "," + csv_number(row.monthly->usd) : ",");
        csv += "\n";
    }
    return csv;
}

} // namespace vanikeys::cost
