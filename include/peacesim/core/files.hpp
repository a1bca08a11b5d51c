#pragma once
// Files a killed run leaves behind (docs/outputs.md, "Safe against any kill"): a run writes under
// names that end in its process id, and the next run removes those of processes that are gone.
#include <filesystem>
#include <string>

namespace peacesim::core {

/// Removes the entries of `dir` named `prefix` followed by the id of a process that no longer
/// runs; those of running processes are left alone.
void remove_left_behind(const std::filesystem::path& dir, const std::string& prefix);

}  // namespace peacesim::core
