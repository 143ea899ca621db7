// estimate, keypair, verify: the commands that need no search.
#include <iostream>

#include "cli/command.h"
#include "cli/pattern_options.h"
#include "engine/core/humanize.h"
#include "engine/core/os_random.h"
#include "engine/estimate/estimate.h"
#include "engine/format/address.h"
#include "engine/pattern/matcher.h"
#include "engine/verify/key_verifier.h"

namespace vanikeys::cli {
namespace {

nlohmann::json estimate_json(const Pattern& pattern, const Estimate& e, std::optional<double> rate) {
    nlohmann::json partial = nlohmann::json::array();
    for (const PartialOdds& p : e.partial) partial.push_back({{"words", p.words}, {"probability", p.probability}});
    nlohmann::json j = {
        {"format", format_info(pattern.format).name},
        {"pattern", pattern.text},
        {"mode", match_mode_name(pattern.options.mode)},
        {"case_sensitive", pattern.options.case_sensitive},
        {"fuzzy", pattern.options.fuzzy},
        {"probability", e.probability},
        {"expected_attempts", e.expected_attempts},
        {"attempts_50", e.attempts_50},
        {"attempts_90", e.attempts_90},
        {"attempts_99", e.attempts_99},
        {"partial", partial},
        {"exact", e.exact},
    };
    if (rate) {
        j["keys_per_second"] = *rate;
        j["seconds_expected"] = e.expected_attempts / *rate;
        j["seconds_50"] = e.attempts_50 / *rate;
        j["seconds_90"] = e.attempts_90 / *rate;
        j["seconds_99"] = e.attempts_99 / *rate;
    }
    return j;
}

void print_estimate(std::ostream& out, const Pattern& pattern, const Estimate& e, std::optional<double> rate) {
    const FormatInfo& info = format_info(pattern.format);
    out << "Pattern        " << describe_pattern(pattern) << "\n";
    out << "Format         " << info.title << ": " << info.fixed_lead << " + " << info.free_max_length
        << " free " << info.alphabet_name << " characters\n";
    out << "Odds per key   " << human_odds(e.probability) << "  (p = " << e.probability
        << (e.exact ? ", exact" : ", from the pattern automaton") << ")\n";
    auto line = [&](const char* label, double attempts) {
        out << label << human_count(attempts) << " keys";
        if (rate) out << "  ~ " << human_duration(attempts / *rate) << " at " << human_rate(*rate);
        out << "\n";
    };
    line("Expected       ", e.expected_attempts);
    line("50 % chance    ", e.attempts_50);
    line("90 % chance    ", e.attempts_90);
    line("99 % chance    ", e.attempts_99);
    if (e.partial.size() > 1) {
        out << "Partial odds   per key, at least:\n";
        for (const PartialOdds& p : e.partial)
            out << "  " << p.words << (p.words == 1 ? " word   " : " words  ") << human_odds(p.probability) << "\n";
    }
    if (!rate) out << "(add --rate KEYS_PER_S for times; `vanikeys-cli bench` measures your rate)\n";
}

int run_estimate(CommandContext& ctx) {
    auto pattern = pattern_from_arguments(ctx.args);
    if (!pattern) return ctx.fail(pattern.error());
    auto rate = ctx.args.number("rate", 0, 0, 1e15);
    if (!rate) return ctx.fail(rate.error());
    auto matcher = compile_matcher(*pattern);
    if (!matcher) return ctx.fail(matcher.error());
    auto e = estimate_pattern(*pattern, *matcher);
    if (!e) return ctx.fail(e.error());
    const std::optional<double> r = *rate > 0 ? std::optional<double>(*rate) : std::nullopt;
    if (ctx.json) ctx.emit(estimate_json(*pattern, *e, r));
    else print_estimate(ctx.out, *pattern, *e, r);
    return kExitOk;
}

int run_keypair(CommandContext& ctx) {
    std::optional<KeyFormat> format;
    if (ctx.args.value("format")) {
        auto f = format_from_arguments(ctx.args);
        if (!f) return ctx.fail(f.error());
        format = *f;
    }
    SecretKey secret = random_secret_key();
    auto verified = verify_secret(format.value_or(KeyFormat::DidKey), secret);
    if (!verified) return ctx.fail(verified.error());
    nlohmann::json j = {{"private_key_hex", secret_hex(secret)},
                        {"public_key_hex", public_key_hex(verified->public_key)}};
    if (format) {
        j["format"] = format_info(*format).name;
        j["address"] = verified->address;
        if (*format == KeyFormat::P2pkh) j["private_key_wif"] = secret_wif(secret);
        if (*format == KeyFormat::Npub) j["private_key_nsec"] = secret_nsec(secret);
    }
    if (ctx.json) {
        ctx.emit(j);
    } else {
        if (format) ctx.out << "Address      " << verified->address << "\n";
        ctx.out << "Public key   " << j["public_key_hex"].get<std::string>() << "\n";
        ctx.out << "Private key  " << j["private_key_hex"].get<std::string>() << "\n";
        if (j.contains("private_key_wif")) ctx.out << "WIF          " << j["private_key_wif"].get<std::string>() << "\n";
        if (j.contains("private_key_nsec")) ctx.out << "nsec         " << j["private_key_nsec"].get<std::string>() << "\n";
        ctx.err << "Keep the private key secret: anyone who has it controls the identity.\n";
    }
    // The JSON object holds copies of the secret texts; overwrite them before they are freed.
    for (const char* field : {"private_key_hex", "private_key_wif", "private_key_nsec"}) {
        if (j.contains(field)) {
            auto& s = j[field].get_ref<std::string&>();
            secure_wipe(s.data(), s.size());
        }
    }
    return kExitOk;
}

int run_verify(CommandContext& ctx) {
    auto format = format_from_arguments(ctx.args);
    if (!format) return ctx.fail(format.error());
    auto key_text = ctx.args.value("private-key");
    if (!key_text) return ctx.fail(bad_input("--private-key is required (64 hex digits, WIF or nsec)"));
    auto secret = parse_secret(*key_text);
    secure_wipe(key_text->data(), key_text->size());
    if (!secret) return ctx.fail(secret.error());

    std::optional<Pattern> pattern;
    if (ctx.args.value("pattern")) {
        auto p = pattern_from_arguments(ctx.args);
        if (!p) return ctx.fail(p.error());
        pattern = std::move(p.value());
    }
    auto verified = verify_secret(*format, *secret, pattern ? &*pattern : nullptr);
    if (!verified) return ctx.fail(verified.error());

    bool address_ok = true;
    if (auto claimed = ctx.args.value("address")) address_ok = (*claimed == verified->address);

    nlohmann::json matches = nlohmann::json::array();
    if (verified->match)
        for (auto [s, e] : verified->match->matches) matches.push_back({s, e});
    nlohmann::json j = {{"format", format_info(*format).name},
                        {"address", verified->address},
                        {"public_key_hex", public_key_hex(verified->public_key)},
                        {"matches", matches},
                        {"score", verified->match ? nlohmann::json(verified->match->score) : nlohmann::json(nullptr)},
                        {"exact", verified->match ? nlohmann::json(verified->match->exact) : nlohmann::json(nullptr)},
                        {"verified_with", "libsecp256k1"}};
    if (ctx.args.value("address")) j["address_matches_claim"] = address_ok;
    if (verified->match) j["words_matched"] = verified->match->words_matched;

    if (ctx.json) {
        ctx.emit(j);
    } else {
        ctx.out << "Address      " << verified->address << "\n";
        ctx.out << "Public key   " << j["public_key_hex"].get<std::string>() << "  (libsecp256k1 and our arithmetic agree)\n";
        if (verified->match) {
            std::string marks(verified->address.size(), ' ');
            for (auto [s, e] : verified->match->matches)
                for (int i = s; i < e; ++i) marks[static_cast<std::size_t>(i)] = '^';
            ctx.out << "             " << marks << "\n";
            ctx.out << "Score        " << verified->match->matched_chars << "/" << verified->match->total_chars
                    << " characters, " << verified->match->words_matched << " whole words"
                    << (verified->match->exact ? "  EXACT MATCH" : "") << "\n";
        }
        if (ctx.args.value("address"))
            ctx.out << (address_ok ? "The address matches the one given.\n" : "The address DIFFERS from the one given.\n");
    }
    if (!address_ok) return kExitNoMatch;
    if (verified->match && !verified->match->exact) return kExitNoMatch;
    return kExitOk;
}

} // namespace

std::vector<Command> foundation_commands() {
    std::vector<OptionSpec> estimate_opts = pattern_option_specs();
    estimate_opts.push_back({"rate", "KEYS_PER_S", "also show times at this search rate"});

    std::vector<OptionSpec> verify_opts = {
        {"format", "F", "didkey, p2pkh, eth or npub"},
        {"private-key", "KEY", "64 hex digits, a compressed WIF (K/L...) or an nsec1..."},
        {"address", "ADDR", "also check that the key gives exactly this address"},
        {"pattern", "P", "also score the address against this pattern"},
        {"mode", "M", "sequence (default), prefix, suffix or contains"},
        {"fuzzy", "", "look-alikes match (see estimate --help)"},
        {"case-sensitive", "", "match letter case exactly"},
    };
    return {
        {"estimate", "odds, expected attempts and time for a pattern",
         "estimate --format F --pattern P [--mode M] [--fuzzy] [--case-sensitive] [--rate R]",
         "Prints the probability that one key matches, the expected number of keys (1/p), the keys\n"
         "needed for a 50, 90 and 99 % chance (ln(1/(1-q))/p), and the odds of at least k whole\n"
         "words. prefix and suffix odds are exact; contains and sequence come from the pattern's\n"
         "automaton (within a few percent of what a simulation measures).",
         estimate_opts, run_estimate},
        {"keypair", "a fresh key pair from the OS random generator", "keypair [--format F]",
         "Draws a private key from the operating system's CSPRNG and derives its public key with\n"
         "libsecp256k1. With --format, also prints the address (and WIF or nsec where the format has one).",
         {{"format", "F", "also show this format's address: didkey, p2pkh, eth or npub"}}, run_keypair},
        {"verify", "recompute a key's address independently and check it",
         "verify --format F --private-key KEY [--address ADDR] [--pattern P ...]",
         "Derives the public key with libsecp256k1 and with VaniKeys' own arithmetic (they must agree),\n"
         "recomputes the address, and with --pattern re-scores it. Exit 1 if the address differs from\n"
         "--address or the pattern does not match exactly.",
         verify_opts, run_verify},
    };
}

} // namespace vanikeys::cli
