#pragma once
// Files a killed run leaves behind (docs/outputs.md, "Safe against any kill"): a run writes under
// names that end in its process id, and the next run removes those of processes that are gone.
#include <filesystem>
#include <string>

namespace peacesim::core {

/// Removes the entries of `dir` named `prefix` followed by the id of a process that no longer
/// runs; those of running processes are left alone.
/// Names that go with such an entry ("PREFIX1234-wal", "PREFIX1234-journal") go with it.
void remove_left_behind(const std::filesystem::path& dir, const std::string& prefix);

/// The name a process writes `final_path` under until it is complete:
/// ".NAME.peacesim-new-PID", beside it.
std::filesystem::path staging_name(const std::filesystem::path& final_path);

/// Removes the staging names of `final_path` left by processes that are gone.
void remove_left_behind(const std::filesystem::path& final_path);

/// Puts a complete file in place under `final_path` in one rename that never replaces an
/// existing file, and makes the rename durable. False when `final_path` exists already (then
/// `staging` is left as it is); std::runtime_error on any other failure.
bool publish_new_file(const std::filesystem::path& staging,
                      const std::filesystem::path& final_path);

}  // namespace peacesim::core
