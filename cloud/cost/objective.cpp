#include "cloud/cost/objective.h"

#include <algorithm>

#include "engine/core/humanize.h"

namespace vanikeys::cost {
namespace {

struct Candidate {
    const PlatformCost* row;
    double usd;
    double seconds;
};

double cost_per_job(const CostTable& table, const PlatformCost& row, Quantile q) {
    if (table.query.jobs_per_day && *table.query.jobs_per_day > 0 && row.monthly) return row.monthly->usd_per_job;
    return row.at(q).usd;
}

std::vector<Candidate> candidates(const CostTable& table, const ObjectiveRequest& request) {
    std::vector<Candidate> list;
    for (const PlatformCost& row : table.rows) {
        const auto& kinds = request.kinds;
        if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), row.platform.kind) == kinds.end()) continue;
        list.push_back({&row, cost_per_job(table, row, request.quantile), row.at(request.quantile).seconds});
    }
    return list;
}

bool cheaper(const Candidate& a, const Candidate& b) {
    return a.usd != b.usd ? a.usd < b.usd : a.seconds < b.seconds;
}

bool faster(const Candidate& a, const Candidate& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.usd < b.usd;
}

// "$0.0079 a job" or, at a volume, "$0.0079 a job at 100 jobs a day".
std::string cost_text(const CostTable& table, const Candidate& c) {
    std::string s = human_usd(c.usd) + " a job";
    if (table.query.jobs_per_day && *table.query.jobs_per_day > 0)
        s += " at " + human_count(*table.query.jobs_per_day) + " jobs a day";
    return s;
}

std::string time_text(const Candidate& c, Quantile q) {
    return human_duration(c.seconds) + " " + std::string(quantile_phrase(q));
}

std::string platforms_text(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " platform" : " platforms");
}

PlatformChoice chosen(const std::vector<Candidate>& ranked, std::string reason) {
    PlatformChoice choice;
    choice.platform_id = ranked.front().row->platform.id;
    choice.reason = std::move(reason);
    for (const Candidate& c : ranked) choice.ranking.push_back(c.row->platform.id);
    return choice;
}

} // namespace

std::string_view objective_id(Objective objective) {
    switch (objective) {
    case Objective::Cheapest: return "cheapest";
    case Objective::Fastest: return "fastest";
    case Objective::CheapestWithinDeadline: break;
    }
    return "within_deadline";
}

PlatformChoice choose_platform(const CostTable& table, const ObjectiveRequest& request) {
    std::vector<Candidate> list = candidates(table, request);
    if (list.empty()) return {{}, "No platform of the kinds allowed is in the catalog.", {}};
    const Quantile q = request.quantile;
    const std::size_t all = list.size();

    if (request.objective == Objective::Fastest) {
        std::stable_sort(list.begin(), list.end(), faster);
        const Candidate& best = list.front();
        std::string reason = best.row->platform.name + ": fastest of " + platforms_text(all) + ", " +
                             time_text(best, q) + " for " + cost_text(table, best) + ".";
        if (list.size() > 1) reason += " Next: " + list[1].row->platform.name + ", " + human_duration(list[1].seconds) + ".";
        return chosen(list, reason);
    }

    std::string scope = "of " + platforms_text(all);
    if (request.objective == Objective::CheapestWithinDeadline) {
        const Candidate fastest = *std::min_element(list.begin(), list.end(), faster);
        std::erase_if(list, [&](const Candidate& c) { return c.seconds > request.deadline_s; });
        if (list.empty()) {
            return {{}, "No platform finishes within " + human_duration(request.deadline_s) + " " +
                           std::string(quantile_phrase(q)) + "; the fastest, " + fastest.row->platform.name +
                           ", needs " + human_duration(fastest.seconds) + ".", {}};
        }
        scope = "of the " + platforms_text(list.size()) + " (out of " + std::to_string(all) +
                ") that finish within " + human_duration(request.deadline_s);
    }
    std::stable_sort(list.begin(), list.end(), cheaper);
    const Candidate& best = list.front();
    std::string reason = best.row->platform.name + ": cheapest " + scope + ", " + cost_text(table, best) + ", " +
                         time_text(best, q) + ".";
    if (list.size() > 1) reason += " Next: " + list[1].row->platform.name + ", " + human_usd(list[1].usd) + ".";
    return chosen(list, reason);
}

} // namespace vanikeys::cost
