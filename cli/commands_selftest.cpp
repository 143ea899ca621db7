// selftest: the chosen engine against the CPU reference path (libsecp256k1, the string
// encoders, the reference scorer), for every format. Two parts per format:
//  - sample: every candidate of a few walk threads from a known start, in prefix, suffix and
//    sequence mode: its key rebuilt with libsecp256k1, its address's free part and score
//    compared with what the engine computed (on the GPU: the kernel's own record of it);
//  - volume: >= --keys keys through the real search with a pattern easy enough to hit often;
//    the coordinator re-derives every hit and the best key, and selftest checks each hit again
//    and that the number of hits fits the estimate.
#include <cmath>
#include <iostream>

#include "cli/command.h"
#include "cli/search_runner.h"
#include "engine/core/humanize.h"
#include "engine/core/os_random.h"
#include "engine/estimate/estimate.h"
#include "engine/format/address.h"
#include "engine/pattern/score.h"
#include "engine/search/cpu_pipeline.h"
#include "engine/search/key_derivation.h"
#include "engine/search/walk_table.h"
#include "engine/secp/field_4x64.h"
#include "engine/secp/field_8x32.h"
#include "engine/secp/selftest.h"
#include "engine/verify/key_verifier.h"
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
#include "engine/cuda/cuda_searcher.h"
#endif

namespace vanikeys::cli {
namespace {

// Sample walks: threads, their spacing, and the half-width of the CPU's sample walk.
constexpr int kSampleThreads = 2;
constexpr std::uint64_t kSampleStride = std::uint64_t{1} << 40;
constexpr int kCpuSampleHalfWidth = 64;

struct FormatPatterns {
    KeyFormat format;
    const char* prefix;
    const char* suffix;
    const char* sequence;
    // Contains-mode words of growing length; the volume run takes the first whose expected
    // hits in --keys keys are at most kMaxExpectedHits.
    std::vector<const char*> volume_words;
};

constexpr double kMaxExpectedHits = 500;

const std::vector<FormatPatterns>& format_patterns() {
    static const std::vector<FormatPatterns> patterns = {
        {KeyFormat::DidKey, "Z", "zz", "a b", {"ab", "abc", "abcd", "abcde", "abcdef", "abcdefg"}},
        {KeyFormat::P2pkh, "Ab", "zz", "e ?x", {"ab", "abc", "abcd", "abcde", "abcdef", "abcdefg"}},
        {KeyFormat::Eth, "ab", "ee", "0 0 0", {"ab", "abc", "abcd", "abcde", "abcdef", "abcdef0", "abcdef01"}},
        {KeyFormat::Npub, "q", "s", "^x y", {"qp", "qpz", "qpzr", "qpzry", "qpzry9", "qpzry9x", "qpzry9x8"}},
    };
    return patterns;
}

struct Check {
    std::uint64_t candidates = 0;
    std::vector<std::string> mismatches;  // first few, for people

    void mismatch(std::string what) {
        if (mismatches.size() < 5) mismatches.push_back(std::move(what));
        ++mismatch_count;
    }
    std::uint64_t mismatch_count = 0;
};

std::array<std::uint8_t, 32> u64_be(std::uint64_t v) {
    std::array<std::uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i) out[31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
    return out;
}

PublicKey point_at(const SecretKey& s, std::uint64_t index) {
    SecretKey k = s.clone();
    if (index != 0) libsecp_secret_add(k, u64_be(index));
    return *libsecp_public_key(k);
}

// One candidate the engine claims, against libsecp256k1 and the reference scorer. `symbols`
// (may be null) holds the first `known` symbols of the free part the engine computed.
void check_candidate(Check& check, const Pattern& pattern, const MatcherTables& matcher, const SecretKey& s,
                     const CandidateReport& claim, const std::uint8_t* symbols, int known) {
    ++check.candidates;
    auto key = derive_candidate_secret(s, SplitKeyPartial{u64_be(claim.index), claim.endo, claim.negate});
    if (!key) {
        check.mismatch("candidate " + std::to_string(claim.index) + " has no valid key");
        return;
    }
    const std::string address = address_of(pattern.format, *libsecp_public_key(*key));
    auto want = free_part_symbols(pattern.format, address);
    const ScoreResult score = score_free_part(pattern, *want);
    const std::string id = address + " (index " + std::to_string(claim.index) + ", endo " +
                           std::to_string(claim.endo) + ", negate " + std::to_string(claim.negate) + ")";
    if (score.matched_chars != claim.matched_chars || score.exact != claim.exact) {
        check.mismatch(id + ": engine scored " + std::to_string(claim.matched_chars) + (claim.exact ? " (exact)" : "") +
                       ", reference " + std::to_string(score.matched_chars) + (score.exact ? " (exact)" : ""));
        return;
    }
    if (symbols == nullptr) return;
    if (pattern.format == KeyFormat::Eth && !matcher.needs_eth_case)  // the engine skips EIP-55 case then
        for (auto& v : *want) v = v >= 16 ? static_cast<std::uint8_t>(v - 6) : v;
    if (known > static_cast<int>(want->size()) || !std::equal(symbols, symbols + known, want->begin()))
        check.mismatch(id + ": the engine computed a different free part");
}

// Every candidate of the CPU pipeline for one walk group from s.
void sample_cpu(Check& check, const Pattern& pattern, const MatcherTables& matcher, const SecretKey& s) {
    ObserverList observers;
    SearchCoordinator coordinator(SearchSpec{}, matcher, observers);
    CandidateTracker tracker(coordinator, 0);
    std::vector<CandidateReport> all;
    tracker.record_everything_into(&all);
    auto pipeline = make_cpu_pipeline(matcher);
    const WalkTableStorage<secp::Fe64> table(kCpuSampleHalfWidth);
    for (int t = 0; t < kSampleThreads; ++t) {
        const std::uint64_t centre = static_cast<std::uint64_t>(t) * kSampleStride + kCpuSampleHalfWidth;
        WalkState<secp::Fe64> state{affine_from_public_key<secp::Fe64>(point_at(s, centre)), centre};
        std::vector<secp::Fe64> prefix(kCpuSampleHalfWidth + 1);
        std::vector<secp::Affine<secp::Fe64>> points(2 * kCpuSampleHalfWidth + 1);
        std::vector<std::int32_t> offsets(points.size());
        const int count = walk_group_into(state, table.view(), prefix.data(), points.data(), offsets.data());
        pipeline->process(points.data(), offsets.data(), count, centre, tracker);
    }
    for (const CandidateReport& c : all) check_candidate(check, pattern, matcher, s, c, nullptr, 0);
}

#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
// Every candidate of the first threads of one launch on each device, as the kernel recorded it.
Result<bool> sample_cuda(Check& check, const Pattern& pattern, const MatcherTables& matcher, const SecretKey& s,
                         const std::vector<int>& gpu_ids) {
    std::string why;
    auto devices = make_cuda_devices(why);
    if (devices.empty()) return runtime_failure("no usable CUDA GPU: " + why);
    const int h = gpu::default_half_width(pattern.format);
    for (auto& device : devices) {
        if (!gpu_ids.empty() && std::find(gpu_ids.begin(), gpu_ids.end(), device->index()) == gpu_ids.end()) continue;
        if (auto ok = device->prepare(matcher, h); !ok) return ok.error();
        if (auto ok = device->start_walk(point_at(s, static_cast<std::uint64_t>(h)), kSampleStride); !ok)
            return ok.error();
        GpuLaunchRequest request;
        request.groups = 1;
        request.active_threads = std::min(device->thread_count(), 4096);
        request.record_threads = kSampleThreads;
        auto launch = device->launch(request, nullptr);
        if (!launch) return launch.error();
        const std::uint64_t expected = static_cast<std::uint64_t>(kSampleThreads) * (2 * h + 1) *
                                       static_cast<std::uint64_t>(candidates_per_point(pattern.format));
        if (launch->records.size() != expected)
            check.mismatch(device->name() + ": recorded " + std::to_string(launch->records.size()) +
                           " candidates of the sample threads, expected " + std::to_string(expected));
        for (const gpu::CandidateRecord& r : launch->records) {
            const CandidateReport claim{0, r.index, r.endo, r.negate != 0, r.matched_chars, r.exact != 0, 0};
            check_candidate(check, pattern, matcher, s, claim, r.symbols, r.known);
        }
    }
    return true;
}
#endif

// Field and point arithmetic: digests of many seeded workouts against the host's Fe64.
constexpr int kFieldDigests = 256;
constexpr int kFieldRounds = 200;
constexpr std::uint64_t kFieldSeed = 0x5e1f7e57;

void compare_digests(Check& check, const std::string& where, const std::vector<std::array<std::uint8_t, 32>>& got) {
    for (std::size_t i = 0; i < got.size(); ++i) {
        std::array<std::uint8_t, 32> want{};
        secp::selftest_digest(secp::gen_table<secp::Fe64>(), kFieldSeed + i, kFieldRounds, want.data());
        ++check.candidates;
        if (got[i] != want) check.mismatch(where + ": field digest " + std::to_string(i) + " differs from the host's");
    }
}

Result<bool> check_field(Check& check, const std::string& engine_name, const std::vector<int>& gpu_ids) {
    if (engine_name != "cuda") {  // the CPU engine: the GPU's field type on this CPU, against Fe64
        std::vector<std::array<std::uint8_t, 32>> got(kFieldDigests);
        for (int i = 0; i < kFieldDigests; ++i)
            secp::selftest_digest(secp::gen_table<secp::Fe32>(), kFieldSeed + static_cast<std::uint64_t>(i), kFieldRounds,
                                  got[static_cast<std::size_t>(i)].data());
        compare_digests(check, "Fe32 on the CPU", got);
        return true;
    }
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
    std::string why;
    auto devices = make_cuda_devices(why);
    if (devices.empty()) return runtime_failure("no usable CUDA GPU: " + why);
    for (auto& device : devices) {
        if (!gpu_ids.empty() && std::find(gpu_ids.begin(), gpu_ids.end(), device->index()) == gpu_ids.end()) continue;
        auto got = device->field_digests(kFieldSeed, kFieldDigests, kFieldRounds);
        if (!got) return got.error();
        compare_digests(check, device->name(), *got);
    }
#else
    (void)gpu_ids;
#endif
    return true;
}

Result<Pattern> make_pattern(KeyFormat format, const char* text, MatchMode mode) {
    return parse_pattern(text, format, PatternOptions{mode, false, false});
}

// The volume pattern: the first word whose expected hits in `keys` keys are few enough to
// verify every one.
Result<std::pair<Pattern, double>> volume_pattern(const FormatPatterns& f, std::uint64_t keys) {
    std::optional<std::pair<Pattern, double>> chosen;
    for (const char* word : f.volume_words) {
        auto pattern = make_pattern(f.format, word, MatchMode::Contains);
        if (!pattern) return pattern.error();
        auto matcher = compile_matcher(*pattern);
        if (!matcher) return matcher.error();
        auto estimate = estimate_pattern(*pattern, *matcher);
        if (!estimate) return estimate.error();
        chosen = std::make_pair(*pattern, estimate->probability);
        if (estimate->probability * static_cast<double>(keys) <= kMaxExpectedHits) break;
    }
    return *chosen;
}

int run_selftest(CommandContext& ctx) {
    auto choice = engine_from_arguments(ctx.args);
    if (!choice) return ctx.fail(choice.error());
    auto keys = ctx.args.integer("keys", 1'000'000, 1'000'000, 1'000'000'000'000LL);
    if (!keys) return ctx.fail(keys.error());
    auto threads = ctx.args.integer("threads", 0, 0, 4096);
    if (!threads) return ctx.fail(threads.error());
    auto gpu_ids = gpu_ids_from_arguments(ctx.args);
    if (!gpu_ids) return ctx.fail(gpu_ids.error());

    auto selection = make_search_engine(*choice);
    if (!selection) return ctx.fail(selection.error());
    const std::string engine_name = selection->engine->name();
    const std::string device = selection->engine->device_description();
    if (!ctx.json) ctx.err << selection->note << "\n";
    std::vector<std::string> problems;

    Check field;
    if (auto ok = check_field(field, engine_name, *gpu_ids); !ok) return ctx.fail(ok.error());
    for (const std::string& m : field.mismatches) problems.push_back("field: " + m);
    if (!ctx.json)
        ctx.out << "field: " << field.candidates << " arithmetic digests"
                << (field.mismatch_count ? " (" + std::to_string(field.mismatch_count) + " MISMATCHES)" : " agree with Fe64")
                << "\n";

    const SecretKey s = random_secret_key();  // the sample walks' start; never leaves this function
    nlohmann::json formats = nlohmann::json::array();
    std::uint64_t total_keys = 0;
    double total_seconds = 0;
    for (const FormatPatterns& f : format_patterns()) {
        const std::string name(format_info(f.format).name);
        // Sample: every candidate of a few threads, in each match mode.
        Check check;
        for (auto [text, mode] : {std::pair{f.prefix, MatchMode::Prefix}, std::pair{f.suffix, MatchMode::Suffix},
                                  std::pair{f.sequence, MatchMode::Sequence}}) {
            auto pattern = make_pattern(f.format, text, mode);
            if (!pattern) return ctx.fail(pattern.error());
            auto matcher = compile_matcher(*pattern);
            if (!matcher) return ctx.fail(matcher.error());
            if (engine_name == "cuda") {
#if defined(VANIKEYS_HAVE_CUDA_ENGINE)
                if (auto ok = sample_cuda(check, *pattern, *matcher, s, *gpu_ids); !ok) return ctx.fail(ok.error());
#endif
            } else {
                sample_cpu(check, *pattern, *matcher, s);
            }
        }
        for (const std::string& m : check.mismatches) problems.push_back(name + " sample: " + m);

        // Volume: the real search, every hit verified.
        auto volume = volume_pattern(f, static_cast<std::uint64_t>(*keys));
        if (!volume) return ctx.fail(volume.error());
        const auto& [pattern, probability] = *volume;
        auto engine = make_search_engine(*choice);
        if (!engine) return ctx.fail(engine.error());
        SearchSpec spec;
        spec.pattern = pattern;
        spec.max_keys = static_cast<std::uint64_t>(*keys);
        spec.stop_at_first_hit = false;
        // Every hit is the point here: verify them all (the pattern keeps them few).
        spec.max_hits = static_cast<std::size_t>(4 * kMaxExpectedHits + 100);
        spec.cpu_threads = static_cast<int>(*threads);
        spec.gpu_ids = *gpu_ids;
        if (auto started = engine->engine->start(spec); !started) return ctx.fail(started.error());
        const SearchSummary summary = engine->engine->wait();
        nlohmann::json volume_json = {{"pattern", pattern.text}, {"mode", "contains"}};
        if (summary.error) {
            // A claim the reference path contradicts is a failed check; anything else (a device
            // error) is a runtime failure.
            if (summary.error->message.find("internal check failed") == std::string::npos)
                return ctx.fail(*summary.error);
            problems.push_back(name + " volume: " + summary.error->message);
            volume_json["error"] = summary.error->message;
        }
        std::uint64_t rechecked = 0;
        for (const SearchHit& hit : summary.hits) {
            auto verified = hit.private_key ? verify_secret(f.format, *hit.private_key, &pattern)
                                            : Result<VerifiedKey>(runtime_failure("a local search returned no key"));
            if (!verified || verified->address != hit.address || !verified->match || !verified->match->exact)
                problems.push_back(name + " volume: hit " + hit.address + " does not verify");
            ++rechecked;
        }
        const double expected = probability * static_cast<double>(summary.attempts);
        const double tolerance = 6 * std::sqrt(expected) + 6;
        const auto hits = static_cast<double>(summary.exact_matches());
        if (summary.attempts < static_cast<std::uint64_t>(*keys))
            problems.push_back(name + " volume: only " + std::to_string(summary.attempts) + " keys were computed");
        if (std::abs(hits - expected) > tolerance)
            problems.push_back(name + " volume: " + std::to_string(summary.hits.size()) + " hits where about " +
                               std::to_string(std::lround(expected)) + " were expected");
        volume_json.update({{"keys", summary.attempts},
                            {"seconds", summary.seconds},
                            {"keys_per_second", summary.keys_per_second},
                            {"hits", summary.hits.size()},
                            {"hits_verified", rechecked},
                            {"expected_hits", expected}});
        total_keys += summary.attempts;
        total_seconds += summary.seconds;
        formats.push_back({{"format", name},
                           {"sample", {{"candidates", check.candidates}, {"mismatches", check.mismatch_count}}},
                           {"volume", volume_json}});
        if (!ctx.json) {
            ctx.out << name << ": " << check.candidates << " sampled candidates"
                    << (check.mismatch_count ? " (" + std::to_string(check.mismatch_count) + " MISMATCHES)" : " agree")
                    << "; " << human_count(static_cast<double>(summary.attempts)) << " keys at "
                    << human_rate(summary.keys_per_second) << ", " << summary.hits.size() << " hits (expected "
                    << std::lround(expected) << "), all verified with libsecp256k1\n";
        }
    }
    const bool ok = problems.empty();
    if (ctx.json) {
        ctx.emit({{"ok", ok},
                  {"engine", engine_name},
                  {"device", device},
                  {"keys", total_keys},
                  {"seconds", total_seconds},
                  {"field", {{"digests", field.candidates}, {"mismatches", field.mismatch_count}}},
                  {"formats", formats},
                  {"problems", problems}});
    } else {
        for (const std::string& p : problems) ctx.err << "MISMATCH " << p << "\n";
        ctx.out << (ok ? "selftest passed" : "selftest FAILED") << " on " << engine_name << " (" << device << ")\n";
    }
    return ok ? kExitOk : kExitNoMatch;
}

} // namespace

std::vector<Command> selftest_commands() {
    std::vector<OptionSpec> options = engine_option_specs();
    options.push_back({"keys", "N", "keys per format in the volume check (default and minimum 1000000)"});
    return {{"selftest", "check an engine against libsecp256k1 and the reference scorer",
             "selftest [--engine auto|cpu|cuda] [--keys N] [--gpus LIST]",
             "The field and point arithmetic (on a GPU: the device's own code) against the host's.\n"
             "For every format: every candidate of a few walk threads (prefix, suffix and sequence\n"
             "patterns) is rebuilt with libsecp256k1 and re-scored, and N keys run through the real\n"
             "search with an easy pattern, every hit verified and the hit count held to the estimate.\n"
             "Exit 0 all agree, 1 a mismatch (listed on stderr and in the JSON), 3 the engine cannot\n"
             "run (for example --engine cuda without a usable GPU).",
             options, run_selftest}};
}

} // namespace vanikeys::cli
