#include "cli/command.h"

#include <iostream>

namespace vanikeys::cli {

int CommandContext::fail(const Error& error) const {
    err << "vanikeys-cli: " << error.message << "\n";
    if (json) {
        out << nlohmann::json{{"error", {{"code", error.code}, {"message", error.message}}}}.dump() << "\n";
    }
    return error.code;
}

void CommandContext::emit(const nlohmann::json& object) const {
    if (json) out << object.dump() << "\n";
}

} // namespace vanikeys::cli
