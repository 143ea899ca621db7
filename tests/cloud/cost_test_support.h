// Small catalogs for the cost tests: the worked example's platforms, written out in full so
// that each test states the figures it relies on.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace vanikeys::cost::testing {

// Every format at the same rate, marked as the catalog would mark an estimate.
inline nlohmann::json rates(double keys_per_second, const char* status = "estimated") {
    nlohmann::json entry = {{"value", keys_per_second}, {"status", status}, {"source", "test"}, {"date", "2026-01-01"}};
    return {{"didkey", entry}, {"p2pkh", entry}, {"eth", entry}, {"npub", entry}};
}

inline nlohmann::json cold(double p50, double p90, double p99) {
    return {{"p50", p50}, {"p90", p90}, {"p99", p99}};
}

inline nlohmann::json platform(const std::string& id, const std::string& kind, nlohmann::json price,
                               const std::string& billing, nlohmann::json cold_start, double keys_per_second) {
    nlohmann::json p = {{"id", id},
                        {"name", id + " name"},
                        {"provider", "Test"},
                        {"kind", kind},
                        {"hardware", "test GPU"},
                        {"billing", billing},
                        {"cold_start_s", std::move(cold_start)},
                        {"price_source", "test"},
                        {"price_date", "2026-01-01"},
                        {"keys_per_second", rates(keys_per_second)}};
    p.update(price);
    return p;
}

// The design notes' worked example: a $0.34/h GPU billed per ms with RunPod's cold starts and
// an active worker, a $2.40/h one billed per second, a $1,095/month dedicated machine (at the
// same 50 million keys/s so that only prices differ), and your own 450 W GPU at $0.30/kWh.
inline nlohmann::json worked_example_catalog() {
    nlohmann::json runpod_cold = cold(0.18, 0.35, 0.8);
    runpod_cold["active_worker"] = 0;
    return {{"schema_version", 1},
            {"currency", "USD"},
            {"updated", "2026-01-01"},
            {"platforms",
             {platform("runpod-4090", "serverless", {{"usd_per_hour", 0.34}}, "ms", runpod_cold, 50e6),
              platform("modal-h100", "serverless", {{"usd_per_hour", 2.40}}, "s", cold(10, 17.5, 30), 50e6),
              platform("dedicated", "dedicated", {{"usd_per_month", 1095}}, "month", cold(0, 0, 0), 50e6),
              platform("own-gpu", "own-hardware", {{"watts", 450}, {"usd_per_kwh", 0.30}}, "ms", cold(0, 0, 0), 50e6)}}};
}

} // namespace vanikeys::cost::testing
