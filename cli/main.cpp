// vanikeys-cli: the headless front end of the engine (and what the cloud workers run).
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace vanikeys::cli {
namespace {

constexpr const char* kOverview = R"(vanikeys-cli - find vanity secp256k1 keys: did:key, Bitcoin, Ethereum and Nostr

Usage: vanikeys-cli <command> [options]        vanikeys-cli <command> --help for its options

Key formats (--format): only the free part after the fixed lead is ever matched
  didkey  did:key:zQ3sh + 44 base58 characters  (the first free one is always between M and w)
  p2pkh   Bitcoin address: 1 + 32 or 33 base58 characters
  eth     Ethereum address: 0x + 40 hex digits, shown in EIP-55 mixed case
  npub    Nostr public key: npub1 + 58 bech32 characters (no b, i, o or 1)

Patterns (--pattern "WORDS", --mode):
  A pattern is one or more words separated by spaces.
  --mode sequence   (default) the words appear in this order, anything (or nothing) between them
  --mode prefix     the free part starts with the word       (one word)
  --mode suffix     the free part ends with the word         (one word)
  --mode contains   the word appears anywhere                (one word)
  Letters match either case unless --case-sensitive. With --fuzzy look-alikes stand in for
  each other: O=0  I=1=L  E=3  A=4  S=5  T=7  B=8  G=6  Z=2. A ? matches any one character.
  In sequence mode ^ pins the first word to the start and $ pins the last word to the end:
  "^GO BE SOME$". Every pattern is checked against the format's alphabet before anything runs.

The estimate: every key is a lottery ticket. `estimate` tells you the odds per key, how many
keys to expect (1/p), how many give a 50/90/99 % chance, and the odds of matching some of the
words. Time is keys divided by your rate (see `bench`).

Examples:
  vanikeys-cli estimate --format didkey --pattern "GO BE AWE SOME"
  vanikeys-cli estimate --format p2pkh --mode prefix --pattern Love --fuzzy
  vanikeys-cli keypair --format npub
  vanikeys-cli verify --format eth --private-key 0x...64 hex digits... --pattern c0ffee --mode contains

Exit codes: 0 success or found, 1 ran to its limit without an exact match, 2 bad input (nothing
was done), 3 runtime failure (device, network, files). --json prints one JSON object on stdout.
)";

std::vector<Command> all_commands() {
    std::vector<Command> commands;
    auto append = [&](std::vector<Command> more) {
        for (Command& c : more) commands.push_back(std::move(c));
    };
    append(foundation_commands());
    append(search_commands());
    append(selftest_commands());
#ifdef VANIKEYS_WITH_CLOUD
    append(cost_commands());
    append(worker_commands());
    append(cloud_commands());
#endif
    return commands;
}

std::string command_help(const Command& command) {
    std::string text = "Usage: vanikeys-cli " + command.usage + "\n\n" + command.summary + "\n";
    if (!command.details.empty()) text += "\n" + command.details + "\n";
    text += "\nOptions:\n" + describe_options(command.options);
    text += "  --json" + std::string(1, ' ') + "          one JSON object on stdout\n";
    return text;
}

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    const std::vector<Command> commands = all_commands();
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kOverview << "\nCommands:\n";
        for (const Command& c : commands)
            std::cout << "  " << c.name << std::string(c.name.size() < 14 ? 14 - c.name.size() : 1, ' ') << c.summary << "\n";
        return args.empty() ? kExitBadInput : kExitOk;
    }
    if (args[0] == "--version") {
        std::cout << "vanikeys-cli " << VANIKEYS_VERSION << "\n";
        return kExitOk;
    }
    std::string name = args[0];
    args.erase(args.begin());
    // Two-word commands ("cloud grind"): the second word is part of the name.
    if (name == "cloud" && !args.empty() && !args[0].starts_with("-")) {
        name += " " + args[0];
        args.erase(args.begin());
    }
    for (const Command& command : commands) {
        if (command.name != name) continue;
        std::vector<OptionSpec> specs = command.options;
        specs.push_back({"json", "", "one JSON object on stdout"});
        auto parsed = parse_arguments(args, specs);
        const bool json = std::find(args.begin(), args.end(), "--json") != args.end();
        CommandContext ctx{parsed.ok() ? parsed.value() : ParsedArguments{}, json, std::cout, std::cerr};
        if (!parsed) return ctx.fail(parsed.error());
        if (ctx.args.flag("help")) {
            std::cout << command_help(command);
            return kExitOk;
        }
        try {
            return command.run(ctx);
        } catch (const std::exception& e) {
            return ctx.fail(runtime_failure(std::string("unexpected failure: ") + e.what()));
        }
    }
    std::cerr << "vanikeys-cli: unknown command '" << name << "' (see vanikeys-cli --help)\n";
    return kExitBadInput;
}

} // namespace
} // namespace vanikeys::cli

int main(int argc, char** argv) {
    return vanikeys::cli::run(argc, argv);
}
