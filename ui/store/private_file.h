// Files only their owner may read: the results database, key files, checkpoints and exports are
// created 0600 (folders 0700) before anything is written into them.
#pragma once

#include <filesystem>
#include <string>

#include "engine/core/result.h"

namespace vanikeys::ui {

// Creates `dir` and its missing parents with mode 0700 (existing ones are left as they are).
Result<bool> ensure_private_dir(const std::filesystem::path& dir);
// Creates `path` empty with mode 0600 if it does not exist; if it does, sets its mode to 0600.
Result<bool> ensure_private_file(const std::filesystem::path& path);
// Writes `contents` atomically into a 0600 file (temporary file, fsync, rename, fsync of the
// folder): readers and crashes see the old file or the new one, never half of one.
Result<bool> write_private_file(const std::filesystem::path& path, const std::string& contents);
// The permission bits of `path` (e.g. 0600), or -1 if it cannot be read.
int file_mode(const std::filesystem::path& path);

} // namespace vanikeys::ui
