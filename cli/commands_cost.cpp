// cost: what a job takes in time and money on every platform of the pricing catalog, the monthly
// cost of a volume of jobs, breakevens against dedicated machines, and the router's choices.
#include <algorithm>
#include <sstream>

#include "cli/command.h"
#include "cloud/cost/cost_model.h"
#include "cloud/cost/cost_report.h"
#include "cloud/cost/objective.h"
#include "engine/core/humanize.h"

#include "cli/pattern_options.h"
#include "engine/estimate/estimate.h"
#include "engine/pattern/matcher.h"

namespace vanikeys::cli {
namespace {

using namespace vanikeys::cost;

// The job: its size and format, and what to say about where the size came from.
struct JobInput {
    KeyFormat format = KeyFormat::DidKey;
    JobSize size;
    nlohmann::json description;  // merged into the JSON "inputs"
    std::string summary;         // one line of human text
};

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

Result<KeyFormat> format_option(const ParsedArguments& args) {
    const std::string name = args.value("format").value_or("didkey");
    auto format = parse_format_name(name);
    if (!format) return bad_input("unknown format '" + name + "': use didkey, p2pkh, eth or npub");
    return *format;
}

std::string attempts_summary(const JobSize& size) {
    return human_count(size.at(Quantile::Expected)) + " keys expected (50 %: " + human_count(size.at(Quantile::P50)) +
           ", 90 %: " + human_count(size.at(Quantile::P90)) + ", 99 %: " + human_count(size.at(Quantile::P99)) + ")";
}

Result<JobInput> job_from_expected_attempts(const ParsedArguments& args) {
    auto expected = args.number("expected-attempts", 0, 1, 1e300);
    if (!expected) return expected.error();
    auto format = format_option(args);
    if (!format) return format.error();
    JobInput job;
    job.format = *format;
    job.size = JobSize::from_expected_attempts(*expected);
    job.description = {{"source", "expected_attempts"}};
    job.summary = attempts_summary(job.size) + ", " + std::string(format_info(job.format).name) + " rates";
    return job;
}

Result<JobInput> job_from_pattern(const ParsedArguments& args) {
    auto pattern = pattern_from_arguments(args);
    if (!pattern) return pattern.error();
    auto matcher = compile_matcher(*pattern);
    if (!matcher) return matcher.error();
    auto e = estimate_pattern(*pattern, *matcher);
    if (!e) return e.error();
    if (!(e->probability > 0)) return bad_input("no key can match this pattern, so no platform can find one");
    JobInput job;
    job.format = pattern->format;
    job.size = JobSize::from_attempts(e->expected_attempts, e->attempts_50, e->attempts_90, e->attempts_99);
    job.description = {{"source", "pattern"},
                       {"pattern", pattern->text},
                       {"mode", match_mode_name(pattern->options.mode)},
                       {"case_sensitive", pattern->options.case_sensitive},
                       {"fuzzy", pattern->options.fuzzy},
                       {"probability", e->probability}};
    job.summary = describe_pattern(*pattern) + ": " + attempts_summary(job.size);
    return job;
}

Result<JobInput> job_from_arguments(const ParsedArguments& args) {
    const bool by_pattern = args.has("pattern");
    const bool by_count = args.has("expected-attempts");
    if (by_pattern == by_count)
        return bad_input("give the job as --format F --pattern P (its odds are estimated) or as "
                         "--expected-attempts N, one or the other");
    return by_pattern ? job_from_pattern(args) : job_from_expected_attempts(args);
}

Result<PricingCatalog> catalog_from_arguments(const ParsedArguments& args) {
    std::vector<CatalogOverride> overrides;
    if (auto list = args.value("set")) {
        for (const std::string& text : split_list(*list)) {
            auto o = parse_override(text);
            if (!o) return o.error();
            overrides.push_back(std::move(*o));
        }
    }
    if (auto path = args.value("catalog")) return load_catalog_file(*path, overrides);
    return builtin_catalog(overrides);
}

// The single what-if platform of --rate/--usd-per-hour/--cold-start-s: a copy of --base, or a
// fresh serverless platform billed per millisecond.
Result<std::optional<Platform>> what_if_platform(const ParsedArguments& args, const PricingCatalog& catalog,
                                                 KeyFormat format) {
    const bool any = args.has("rate") || args.has("usd-per-hour") || args.has("cold-start-s");
    if (!any && !args.has("base")) return std::optional<Platform>{};
    Platform p;
    if (auto base_id = args.value("base")) {
        const Platform* base = catalog.find(*base_id);
        if (!base) return bad_input("--base: no platform '" + *base_id + "' in the catalog");
        p = *base;
        p.name += " (what-if)";
    } else {
        if (!args.has("rate") || !args.has("usd-per-hour"))
            return bad_input("a what-if platform needs --rate and --usd-per-hour, or --base ID to start from a "
                             "catalog platform");
        p.name = "What-if";
        p.provider = "you";
        p.hardware = "as given";
        p.kind = PlatformKind::Serverless;
        p.billing = Billing::Millisecond;
        p.price_source = "command line";
    }
    p.id = "what-if";
    auto rate = args.number("rate", 0, 1e-9, 1e18);
    auto price = args.number("usd-per-hour", 0, 0, 1e9);
    auto cold = args.number("cold-start-s", 0, 0, 1e9);
    for (const auto* r : {&rate, &price, &cold})
        if (!*r) return r->error();
    if (args.has("rate")) {
        const std::string field = "keys_per_second." + std::string(format_info(format).name);
        p.rates[static_cast<int>(format)].keys_per_second = *rate;
        p.overridden.push_back(field);
    }
    if (args.has("usd-per-hour")) {
        if (p.kind != PlatformKind::Serverless && p.kind != PlatformKind::Batch)
            return bad_input("--usd-per-hour applies to serverless and batch platforms; '" + p.name + "' is " +
                             std::string(platform_kind_name(p.kind)) + " (use --set ID.FIELD=VALUE for its price)");
        p.usd_per_hour = *price;
        p.overridden.push_back("usd_per_hour");
    }
    if (args.has("cold-start-s")) {
        p.cold_start = ColdStart{*cold, *cold, *cold, std::nullopt, "command line"};
        p.overridden.push_back("cold_start_s");
    }
    return std::optional<Platform>(std::move(p));
}

Result<std::vector<PlatformKind>> kinds_from_arguments(const ParsedArguments& args) {
    std::vector<PlatformKind> kinds;
    const auto list = args.value("kinds");
    if (!list) return kinds;
    for (const std::string& name : split_list(*list)) {
        bool known = false;
        for (PlatformKind k : {PlatformKind::Serverless, PlatformKind::Dedicated, PlatformKind::OwnHardware,
                               PlatformKind::Batch}) {
            if (platform_kind_name(k) == name) {
                kinds.push_back(k);
                known = true;
            }
        }
        if (!known) return bad_input("--kinds: unknown kind '" + name + "': use serverless, dedicated, own-hardware, batch");
    }
    return kinds;
}

struct Choices {
    std::vector<std::pair<Objective, PlatformChoice>> list;
};

Result<Choices> choices_from_arguments(const ParsedArguments& args, const CostTable& table) {
    auto kinds = kinds_from_arguments(args);
    if (!kinds) return kinds.error();
    auto deadline = args.number("deadline-s", 0, 0, 1e12);
    if (!deadline) return deadline.error();
    Quantile at = args.has("deadline-s") ? Quantile::P90 : Quantile::Expected;
    if (auto chance = args.value("chance")) {
        const std::vector<std::pair<std::string, Quantile>> names = {
            {"expected", Quantile::Expected}, {"50", Quantile::P50}, {"90", Quantile::P90}, {"99", Quantile::P99}};
        auto it = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == *chance; });
        if (it == names.end()) return bad_input("--chance must be expected, 50, 90 or 99, got '" + *chance + "'");
        at = it->second;
    }
    Choices choices;
    std::vector<Objective> objectives = {Objective::Cheapest, Objective::Fastest};
    if (args.has("deadline-s")) objectives.push_back(Objective::CheapestWithinDeadline);
    for (Objective o : objectives)
        choices.list.emplace_back(o, choose_platform(table, ObjectiveRequest{o, at, *deadline, *kinds}));
    return choices;
}

// Human output -------------------------------------------------------------------------------

std::string rate_mark(RateSource source) {
    switch (source) {
    case RateSource::Override: return "you";
    case RateSource::MeasuredHere: return "here";
    case RateSource::CatalogMeasured: return "meas.";
    case RateSource::CatalogEstimate: break;
    }
    return "est.";
}

// Tiny jobs (a short pattern) would print as "3.4e-05 s" and "$9.4e-08".
std::string duration_text(double seconds) { return seconds > 0 && seconds < 0.001 ? "< 1 ms" : human_duration(seconds); }
std::string usd_text(double usd) { return usd > 0 && usd < 0.0001 ? "< $0.0001" : human_usd(usd); }

void print_columns(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i)
            line += row[i] + (i + 1 < row.size() ? std::string(width[i] - row[i].size() + 3, ' ') : "");
        out << line << "\n";
    }
}

void print_breakevens(std::ostream& out, const CostTable& table) {
    for (const PlatformCost& dedicated : table.rows) {
        std::vector<std::vector<std::string>> rows;
        double capacity = 0;
        for (const Breakeven& b : table.breakevens) {
            if (b.dedicated_id != dedicated.platform.id) continue;
            capacity = b.dedicated_capacity_jobs_per_month;
            rows.push_back({table.find(b.on_demand_id)->platform.name, human_count(b.jobs_per_month) + " jobs a month",
                            human_count(b.jobs_per_day) + " a day",
                            b.within_capacity ? "" : "beyond one machine: per-job billing stays cheaper"});
        }
        if (rows.empty()) continue;
        out << "\nBreakeven against " << dedicated.platform.name << " (" << human_usd(dedicated.platform.usd_per_month)
            << " a month; one machine finishes " << human_count(capacity) << " such jobs a month):\n";
        for (auto& row : rows) row.insert(row.begin(), "");
        print_columns(out, rows);
    }
}

void print_table(std::ostream& out, const JobInput& job, const CostTable& table, const Choices& choices) {
    const CostQuery& q = table.query;
    out << "Job      " << job.summary << "\n";
    out << "Starts   "
        << (q.start == StartAssumption::Warm ? "warm: an active worker where the platform offers one, else its median cold start"
                                             : "cold: every job waits for the platform's median cold start (--warm: an active worker)")
        << "\n";
    if (q.jobs_per_day) out << "Volume   " << human_count(*q.jobs_per_day) << " jobs a day, 30-day months\n";
    out << "\n";
    std::vector<std::vector<std::string>> rows = {
        {"Platform", "Rate", "Expected", "", "90 % chance", "", "99 % chance", "", q.jobs_per_day ? "A month" : ""}};
    for (const PlatformCost& row : table.rows) {
        std::vector<std::string> cells = {row.platform.name,
                                          human_rate(row.rate.keys_per_second) + " " + rate_mark(row.rate.source)};
        for (Quantile at : {Quantile::Expected, Quantile::P90, Quantile::P99}) {
            cells.push_back(duration_text(row.at(at).seconds));
            cells.push_back(usd_text(row.at(at).usd));
        }
        std::string month;
        if (row.monthly) {
            month = usd_text(row.monthly->usd);
            const bool fixed = row.platform.kind == PlatformKind::Dedicated || row.platform.kind == PlatformKind::OwnHardware;
            if (fixed && row.monthly->machines > 1) month += " (needs " + std::to_string(row.monthly->machines) + " machines)";
        }
        cells.push_back(month);
        rows.push_back(std::move(cells));
    }
    print_columns(out, rows);
    out << "Rates: est. = catalog estimate, not a measurement; meas. = catalog measurement; here = measured on "
           "this machine; you = your figure.\n";
    print_breakevens(out, table);
    out << "\n";
    for (const auto& [objective, choice] : choices.list)
        out << (objective == Objective::Cheapest ? "Cheapest  " : objective == Objective::Fastest ? "Fastest   " : "Deadline  ")
            << choice.reason << "\n";
}

int run_cost(CommandContext& ctx) {
    auto job = job_from_arguments(ctx.args);
    if (!job) return ctx.fail(job.error());
    auto catalog = catalog_from_arguments(ctx.args);
    if (!catalog) return ctx.fail(catalog.error());
    auto what_if = what_if_platform(ctx.args, *catalog, job->format);
    if (!what_if) return ctx.fail(what_if.error());
    if (*what_if) catalog->platforms.push_back(std::move(**what_if));
    auto jobs_per_day = ctx.args.number("jobs-per-day", 0, 0, 1e12);
    if (!jobs_per_day) return ctx.fail(jobs_per_day.error());

    CostQuery query;
    query.format = job->format;
    query.job = job->size;
    query.start = ctx.args.flag("warm") ? StartAssumption::Warm : StartAssumption::Cold;
    if (ctx.args.has("jobs-per-day")) query.jobs_per_day = *jobs_per_day;
    const CostModel model(std::move(*catalog), RateBook{});
    auto table = model.table(query);
    if (!table) return ctx.fail(table.error());
    auto choices = choices_from_arguments(ctx.args, *table);
    if (!choices) return ctx.fail(choices.error());

    if (!ctx.json) {
        print_table(ctx.out, *job, *table, *choices);
        return kExitOk;
    }
    nlohmann::json j = cost_table_json(*table);
    j["inputs"].update(job->description);
    j["inputs"]["catalog"] = ctx.args.value("catalog").value_or("built-in");
    nlohmann::json chosen = nlohmann::json::object();
    for (const auto& [objective, choice] : choices->list)
        chosen[std::string(objective_id(objective))] = {
            {"platform", choice.platform_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(choice.platform_id)},
            {"reason", choice.reason},
            {"ranking", choice.ranking}};
    j["choices"] = chosen;
    ctx.emit(j);
    return kExitOk;
}

} // namespace

// The pattern options every pattern command shares, plus the job size as a number.
std::vector<OptionSpec> job_option_specs() {
    std::vector<OptionSpec> options = pattern_option_specs();
    options.push_back({"expected-attempts", "N", "the job's size as expected keys, instead of --pattern "
                                                 "(--format then picks the rate column; default didkey)"});
    return options;
}

std::vector<Command> cost_commands() {
    std::vector<OptionSpec> options = job_option_specs();
    options.insert(options.end(), {
        {"jobs-per-day", "N", "also show the monthly cost of N such jobs a day"},
        {"warm", "", "assume an active worker (no cold start) where the platform offers one"},
        {"catalog", "FILE", "read the pricing catalog from FILE instead of the built-in one"},
        {"set", "ID.FIELD=V,...", "override catalog figures, e.g. modal-h100.usd_per_hour=2.1"},
        {"rate", "KEYS_PER_S", "what-if platform: its rate"},
        {"usd-per-hour", "X", "what-if platform: its price per hour"},
        {"cold-start-s", "X", "what-if platform: seconds each job waits to start"},
        {"base", "ID", "what-if platform: start from this catalog platform (default: a new one billed per ms)"},
        {"deadline-s", "S", "also choose the cheapest platform that finishes within S seconds"},
        {"chance", "Q", "judge time at expected, 50, 90 or 99 % chance (default: expected; 90 with --deadline-s)"},
        {"kinds", "LIST", "choose only among these kinds: serverless,dedicated,own-hardware,batch"},
    });
    return {{"cost", "time and money for a job on every platform, monthly cost and breakevens",
             "cost (--format F --pattern P [--mode M] | --expected-attempts N) [--jobs-per-day N] [options]",
             "For each platform of the pricing catalog: seconds = attempts / keys per second + start time, for\n"
             "the expected attempts and for a 50, 90 and 99 % chance; the bill rounds that up to the platform's\n"
             "billing unit (ms, s, minute; a dedicated machine costs its monthly fee; your own hardware its\n"
             "energy, watts x price per kWh). With --jobs-per-day, the cost of a 30-day month of such jobs. The\n"
             "breakevens say how many jobs a month make a dedicated machine cheaper than paying per job.\n"
             "Rates marked est. are estimates, not measurements. --rate, --usd-per-hour and --cold-start-s add\n"
             "one what-if platform; --set changes any catalog figure (docs/COSTS.md lists the fields).",
             options, run_cost}};
}

} // namespace vanikeys::cli
