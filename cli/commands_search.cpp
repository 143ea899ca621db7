// grind, pull, bench and combine: the commands that run the search engine.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "cli/pattern_options.h"
#include "cli/search_runner.h"
#include "engine/core/humanize.h"
#include "engine/encoding/hex.h"
#include "engine/estimate/rarity.h"
#include "engine/format/address.h"
#include "engine/pattern/matcher.h"
#include "engine/search/cpu_searcher.h"
#include "engine/search/key_derivation.h"
#include "engine/verify/key_verifier.h"

namespace vanikeys::cli {
namespace {

// Everything grind, pull and bench need before they run: the pattern, its estimate, the engine
// choice and the common spec fields.
struct PreparedSearch {
    SearchSpec spec;
    Estimate estimate;
    EngineChoice engine = EngineChoice::Auto;
};

Result<PreparedSearch> prepare(const CommandContext& ctx) {
    auto pattern = pattern_from_arguments(ctx.args);
    if (!pattern) return pattern.error();
    auto estimate = estimate_for_search(*pattern);
    if (!estimate) return estimate.error();
    auto engine = engine_from_arguments(ctx.args);
    if (!engine) return engine.error();
    auto threads = ctx.args.integer("threads", 0, 0, 4096);
    if (!threads) return threads.error();
    auto seconds = ctx.args.number("max-seconds", 0, 0, 1e9);
    if (!seconds) return seconds.error();
    auto keys = ctx.args.integer("max-keys", 0, 0, std::numeric_limits<long long>::max());
    if (!keys) return keys.error();

    PreparedSearch p;
    p.spec.pattern = std::move(pattern.value());
    p.spec.cpu_threads = static_cast<int>(*threads);
    p.spec.max_seconds = *seconds;
    p.spec.max_keys = static_cast<std::uint64_t>(*keys);
    p.estimate = *estimate;
    p.engine = *engine;
    auto gpu_ids = gpu_ids_from_arguments(ctx.args);
    if (!gpu_ids) return gpu_ids.error();
    p.spec.gpu_ids = std::move(gpu_ids.value());
    if (auto split = ctx.args.value("split-key")) {
        auto q = parse_public_key_hex(*split);
        if (!q) return bad_input("--split-key: " + q.error().message);
        p.spec.split_key = *q;
    }
    return p;
}

int run_grind(CommandContext& ctx) {
    auto prepared = prepare(ctx);
    if (!prepared) return ctx.fail(prepared.error());
    PreparedSearch& p = *prepared;
    p.spec.stop_at_first_hit = true;

    std::unique_ptr<HitFile> out;
    if (auto path = ctx.args.value("out")) {
        auto file = HitFile::open(*path);
        if (!file) return ctx.fail(file.error());
        out = std::move(file.value());
    }
    if (!ctx.json) {
        ctx.err << "Searching for " << describe_pattern(p.spec.pattern) << " in " << format_info(p.spec.pattern.format).title
                << ": " << human_odds(p.estimate.probability) << " per key, " << human_count(p.estimate.expected_attempts)
                << " keys expected" << (p.spec.split_key ? " (split-key: the result has no private key)" : "") << "\n";
    }
    SearchRunOptions options{p.engine, true, &p.estimate, out.get()};
    auto run = run_search(ctx, p.spec, options);
    if (!run) return ctx.fail(run.error());
    const SearchSummary& s = run->summary;
    const bool found = !s.hits.empty();

    nlohmann::json j = found ? hit_json(s.hits.front()) : nlohmann::json::object();
    j["found"] = found;
    j["attempts"] = s.attempts;
    j["seconds"] = s.seconds;
    j["keys_per_second"] = s.keys_per_second;
    j["engine"] = run->engine;
    j["device"] = run->device;
    j["format"] = format_info(p.spec.pattern.format).name;
    j.update(pattern_json(p.spec.pattern));
    if (!found && s.best) j["best"] = hit_json(*s.best);
    if (out) j["out"] = out->path();

    if (ctx.json) {
        ctx.emit(j);
    } else {
        if (found) {
            print_hit(ctx.out, s.hits.front());
        } else {
            ctx.out << "No exact match (" << (s.reason == StopReason::Requested ? "stopped" : "limit reached") << ").\n";
            if (s.best) {
                ctx.out << "Best so far:\n";
                print_hit(ctx.out, *s.best);
            }
        }
        ctx.out << "Tested       " << human_count(static_cast<double>(s.attempts)) << " keys in "
                << human_duration(s.seconds) << " (" << human_rate(s.keys_per_second) << ", " << run->device << ")\n";
        if (found && s.hits.front().partial)
            ctx.out << "Rebuild the key with: vanikeys-cli combine --format " << format_info(p.spec.pattern.format).name
                    << " --secret <your secret> --partial <this output saved with --json>\n";
    }
    wipe_secrets(j);
    return found ? kExitOk : kExitNoMatch;
}

int run_pull(CommandContext& ctx) {
    auto prepared = prepare(ctx);
    if (!prepared) return ctx.fail(prepared.error());
    PreparedSearch& p = *prepared;
    auto keys = ctx.args.integer("keys", 1'000'000, 1, std::numeric_limits<long long>::max());
    if (!keys) return ctx.fail(keys.error());
    p.spec.max_keys = static_cast<std::uint64_t>(*keys);
    p.spec.stop_at_first_hit = false;

    SearchRunOptions options{p.engine, false, &p.estimate, nullptr};
    auto run = run_search(ctx, p.spec, options);
    if (!run) return ctx.fail(run.error());
    const SearchSummary& s = run->summary;
    const bool exact = !s.hits.empty();

    nlohmann::json j = {{"keys", s.attempts},
                        {"exact", exact},
                        {"exact_matches", s.exact_matches()},
                        {"seconds", s.seconds},
                        {"keys_per_second", s.keys_per_second},
                        {"engine", run->engine},
                        {"device", run->device},
                        {"chance_of_exact", chance_after(p.estimate.probability, static_cast<double>(s.attempts))}};
    j.update(pattern_json(p.spec.pattern));
    j["best"] = s.best ? hit_json(*s.best) : nlohmann::json(nullptr);
    std::optional<RarityTier> tier;
    if (s.best) {
        auto matcher = compile_matcher(p.spec.pattern);
        auto tail = score_tail_odds(p.spec.pattern, *matcher);
        if (!tail) return ctx.fail(tail.error());
        tier = rarity_of(*tail, s.best->match.matched_chars, static_cast<double>(s.attempts));
        j["rarity"] = {{"tier", tier->name},
                       {"chance", tier->chance},
                       {"explanation", rarity_explanation(*tier, static_cast<double>(s.attempts))}};
    }
    if (ctx.json) {
        ctx.emit(j);
    } else {
        ctx.out << "Pulled " << human_count(static_cast<double>(s.attempts)) << " keys in " << human_duration(s.seconds)
                << " (chance of an exact match: " << human_percent(j["chance_of_exact"].get<double>()) << ")\n";
        if (s.best) {
            print_hit(ctx.out, *s.best);
            ctx.out << "Rarity       " << tier->name << "  " << rarity_explanation(*tier, static_cast<double>(s.attempts))
                    << "\n";
        }
    }
    wipe_secrets(j);
    return exact ? kExitOk : kExitNoMatch;
}

int run_bench(CommandContext& ctx) {
    auto prepared = prepare(ctx);
    if (!prepared) return ctx.fail(prepared.error());
    PreparedSearch& p = *prepared;
    auto seconds = ctx.args.number("seconds", 10, 0.1, 86400);
    if (!seconds) return ctx.fail(seconds.error());
    p.spec.max_seconds = *seconds;
    p.spec.max_keys = 0;
    p.spec.stop_at_first_hit = false;

    SearchRunOptions options{p.engine, true, nullptr, nullptr};
    options.announce_hits = false;  // a bench of an easy pattern would print hundreds of lines
    auto run = run_search(ctx, p.spec, options);
    if (!run) return ctx.fail(run.error());
    const SearchSummary& s = run->summary;
    nlohmann::json devices = nlohmann::json::array();
    for (const DeviceRate& d : s.devices) devices.push_back({{"device", d.device}, {"keys_per_second", d.keys_per_second}});
    const int threads = p.spec.cpu_threads > 0 ? p.spec.cpu_threads : CpuSearcher::default_threads();
    nlohmann::json j = {{"engine", run->engine},
                        {"device", run->device},
                        {"keys_per_second", s.keys_per_second},
                        {"keys", s.attempts},
                        {"seconds", s.seconds},
                        {"format", format_info(p.spec.pattern.format).name},
                        {"exact_matches", s.exact_matches()},
                        {"devices", devices}};
    j.update(pattern_json(p.spec.pattern));
    if (run->engine == "cpu") j["threads"] = threads;
    if (ctx.json) {
        ctx.emit(j);
    } else {
        ctx.out << run->engine << " (" << run->device << "): " << human_rate(s.keys_per_second) << "  ("
                << human_count(static_cast<double>(s.attempts)) << " keys in " << human_duration(s.seconds) << ")\n";
        if (s.devices.size() > 1)
            for (const DeviceRate& d : s.devices) ctx.out << "  " << d.device << ": " << human_rate(d.keys_per_second) << "\n";
        if (const std::uint64_t n = s.exact_matches(); n > 0)
            ctx.out << n << " exact " << (n == 1 ? "match" : "matches") << " along the way (a bench keeps no keys)\n";
    }
    return kExitOk;
}

Result<nlohmann::json> read_json_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return bad_input("cannot read " + path);
    std::stringstream text;
    text << in.rdbuf();
    // A file may hold several JSON lines (a grind's --out file): take the last complete one.
    std::string last;
    std::string line;
    while (std::getline(text, line))
        if (line.find_first_not_of(" \t\r") != std::string::npos) last += line + "\n";
    try {
        return nlohmann::json::parse(last);
    } catch (const nlohmann::json::exception&) {
        // Multiple lines: parse them one by one and keep the last.
        std::istringstream lines(last);
        nlohmann::json result;
        while (std::getline(lines, line)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            try {
                result = nlohmann::json::parse(line);
            } catch (const nlohmann::json::exception& e) {
                return bad_input(path + " is not JSON written by vanikeys-cli grind --json: " + e.what());
            }
        }
        if (result.is_null()) return bad_input(path + " holds no JSON object");
        return result;
    }
}

Result<SplitKeyPartial> partial_from_json(const nlohmann::json& j) {
    const nlohmann::json& p = j.contains("partial") ? j["partial"] : j;
    if (!p.is_object() || !p.contains("offset_hex") || !p.contains("endo") || !p.contains("negate"))
        return bad_input("the partial file has no split-key partial (offset_hex, endo, negate); "
                         "use the output of grind --split-key ... --json");
    if (!p["offset_hex"].is_string() || !p["endo"].is_number_integer() || !p["negate"].is_boolean())
        return bad_input("the partial's fields have the wrong types");
    auto offset = encoding::hex_decode(p["offset_hex"].get<std::string>());
    if (!offset || offset->size() != 32) return bad_input("the partial's offset_hex must be 64 hex digits");
    const int endo = p["endo"].get<int>();
    if (endo < 0 || endo > 2) return bad_input("the partial's endo must be 0, 1 or 2");
    SplitKeyPartial partial;
    std::copy(offset->begin(), offset->end(), partial.offset.begin());
    partial.endo = static_cast<std::uint8_t>(endo);
    partial.negate = p["negate"].get<bool>();
    return partial;
}

int run_combine(CommandContext& ctx) {
    auto format = format_from_arguments(ctx.args);
    if (!format) return ctx.fail(format.error());
    auto secret_text = ctx.args.value("secret");
    if (!secret_text) return ctx.fail(bad_input("--secret is required: the private key whose public key you gave to --split-key"));
    auto secret = parse_secret(*secret_text);
    secure_wipe(secret_text->data(), secret_text->size());
    if (!secret) return ctx.fail(secret.error());
    auto path = ctx.args.value("partial");
    if (!path) return ctx.fail(bad_input("--partial FILE is required (the JSON that grind --split-key printed)"));
    auto file = read_json_file(*path);
    if (!file) return ctx.fail(file.error());
    auto partial = partial_from_json(*file);
    if (!partial) return ctx.fail(partial.error());

    auto key = derive_candidate_secret(*secret, *partial);
    if (!key) return ctx.fail(key.error());

    // Re-check against what the file says the search found, and its pattern when it has one.
    std::optional<Pattern> pattern;
    if (file->contains("pattern") && (*file)["pattern"].is_string()) {
        PatternOptions options;
        if (file->contains("mode") && (*file)["mode"].is_string())
            options.mode = parse_match_mode((*file)["mode"].get<std::string>()).value_or(MatchMode::Sequence);
        options.fuzzy = file->value("fuzzy", false);
        options.case_sensitive = file->value("case_sensitive", false);
        auto p = parse_pattern((*file)["pattern"].get<std::string>(), *format, options);
        if (p) pattern = std::move(p.value());
    }
    auto verified = verify_secret(*format, *key, pattern ? &*pattern : nullptr);
    if (!verified) return ctx.fail(verified.error());
    if (file->contains("address") && (*file)["address"].is_string() && (*file)["address"] != verified->address)
        return ctx.fail(bad_input("the rebuilt key gives " + verified->address + ", not the address in the file (" +
                                  (*file)["address"].get<std::string>() +
                                  "): is this the secret whose public key the search used?"));

    nlohmann::json j = {{"format", format_info(*format).name},
                        {"address", verified->address},
                        {"public_key_hex", public_key_hex(verified->public_key)},
                        {"private_key_hex", secret_hex(*key)}};
    if (*format == KeyFormat::P2pkh) j["private_key_wif"] = secret_wif(*key);
    if (*format == KeyFormat::Npub) j["private_key_nsec"] = secret_nsec(*key);
    if (verified->match) {
        j["score"] = verified->match->score;
        j["exact"] = verified->match->exact;
    }
    if (ctx.json) {
        ctx.emit(j);
    } else {
        ctx.out << "Address      " << verified->address << "  (verified with libsecp256k1)\n";
        ctx.out << "Private key  " << j["private_key_hex"].get<std::string>() << "\n";
        if (j.contains("private_key_wif")) ctx.out << "WIF          " << j["private_key_wif"].get<std::string>() << "\n";
        if (j.contains("private_key_nsec")) ctx.out << "nsec         " << j["private_key_nsec"].get<std::string>() << "\n";
    }
    wipe_secrets(j);
    return kExitOk;
}

std::vector<OptionSpec> search_specs(std::vector<OptionSpec> extra) {
    std::vector<OptionSpec> specs = pattern_option_specs();
    for (OptionSpec& o : engine_option_specs()) specs.push_back(std::move(o));
    for (OptionSpec& o : extra) specs.push_back(std::move(o));
    return specs;
}

} // namespace

std::vector<Command> search_commands() {
    return {
        {"grind", "search until an exact match",
         "grind --format F --pattern P [--mode M] [--max-seconds S] [--split-key PUBHEX] [--out FILE]",
         "Walks keys from fresh random starts (OS CSPRNG) until one matches exactly, showing a live\n"
         "progress line on stderr. Every key is re-derived with libsecp256k1 and re-matched before it\n"
         "is shown. --out appends each found key to FILE (created 0600, fsync'd) the moment it is\n"
         "verified. With --split-key the search only sees your public key and returns a partial\n"
         "result: rebuild the private key with `combine`. Exit 0 found, 1 limit reached.",
         search_specs({{"max-seconds", "S", "stop after S seconds"},
                       {"max-keys", "N", "stop after N keys"},
                       {"split-key", "PUBHEX", "search for this public key's owner; no private key is ever seen"},
                       {"out", "FILE", "append found keys to FILE (mode 0600)"}}),
         run_grind},
        {"pull", "one gacha pull: draw a batch of keys, keep the best",
         "pull --format F --pattern P [--keys N]",
         "Draws N keys (default 1,000,000) and reveals the best by score. Exit 0 when the best is an\n"
         "exact match, 1 otherwise.",
         search_specs({{"keys", "N", "keys in the pull (default 1000000)"},
                       {"split-key", "PUBHEX", "pull for this public key's owner (partial results)"}}),
         run_pull},
        {"bench", "measure the search rate on this pattern", "bench --format F --pattern P [--seconds S]",
         "Runs the search for S seconds (default 10) and reports keys per second.",
         search_specs({{"seconds", "S", "how long to measure (default 10)"}}), run_bench},
        {"combine", "rebuild the final key of a split-key search",
         "combine --format F --secret KEY --partial FILE",
         "k = (-1)^negate * lambda^endo * (secret + offset) mod n, then verified with libsecp256k1\n"
         "against the address (and pattern) recorded in FILE.",
         {{"format", "F", "didkey, p2pkh, eth or npub"},
          {"secret", "KEY", "your private key (hex, WIF or nsec) whose public key you searched with"},
          {"partial", "FILE", "the JSON printed by grind/pull --split-key --json (or its --out file)"}},
         run_combine},
    };
}

} // namespace vanikeys::cli
