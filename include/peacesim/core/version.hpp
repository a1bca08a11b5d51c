#pragma once
// What build a run came from, for the provenance summary.json records.
#include <string>
#include <string_view>

namespace peacesim::core {

/// The project's version from CMake, e.g. "0.1.0".
std::string_view project_version() noexcept;
/// The git commit the build was configured from (12 hex digits), or "unknown" when it was not
/// configured from a git checkout. A commit made after configuring shows only once CMake runs
/// again, which the build does by itself when HEAD moves.
std::string_view git_commit() noexcept;
/// "0.1.0 (commit 0123456789ab)" or "0.1.0 (commit unknown)".
std::string version_string();

}  // namespace peacesim::core
