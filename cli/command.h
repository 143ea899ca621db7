// A vanikeys-cli command: its options, help, and body. Commands report through CommandContext
// so that --json (one object on stdout) and human output (text on stdout, progress on stderr)
// are handled in one place, with SPEC §5's exit codes.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/arguments.h"
#include "engine/core/result.h"

namespace vanikeys::cli {

enum ExitCode : int { kExitOk = 0, kExitNoMatch = 1, kExitBadInput = 2, kExitRuntime = 3 };

struct CommandContext {
    ParsedArguments args;
    bool json = false;
    std::ostream& out;
    std::ostream& err;

    // Prints the error on stderr (and as {"error": {...}} on stdout with --json) and returns its
    // exit code, so a command can `return fail(error)`.
    int fail(const Error& error) const;
    // With --json prints `object` as one line on stdout; otherwise does nothing (the command
    // prints its own human text).
    void emit(const nlohmann::json& object) const;
};

struct Command {
    std::string name;
    std::string summary;    // one line for the command list
    std::string usage;      // "estimate --format F --pattern P [options]"
    std::string details;    // paragraphs shown by `<command> --help`
    std::vector<OptionSpec> options;
    std::function<int(CommandContext&)> run;
};

std::vector<Command> foundation_commands();  // estimate, keypair, verify
std::vector<Command> search_commands();     // grind, pull, bench, combine
std::vector<Command> cost_commands();        // cost (needs the cloud layer)
std::vector<Command> selftest_commands();    // selftest
std::vector<Command> worker_commands();      // worker (needs the cloud protocol)
std::vector<Command> cloud_commands();       // "cloud grind", "cloud pull", "cloud status", ...

} // namespace vanikeys::cli
