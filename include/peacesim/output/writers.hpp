#pragma once
// The run's outputs (docs/outputs.md): the daily time series, the event log in the shape of the
// UCDP GED, and the run summary. Formatting is separate from writing so that tests and the
// visualizer can use the same text.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::output {

struct RunInfo {
    std::string scenario;  // name from [scenario], or the file it came from
    std::string source;    // path of the scenario file, or "<default>"
    std::uint64_t seed = 0;
    int days = 0;
    int threads = 1;
    double wall_seconds = 0;
};

/// One row per simulated day; the first column is `day`.
std::string timeseries_csv(const engine::Simulation& sim);
/// UCDP GED column names first, then day, cell_x, cell_y.
std::string events_csv(const engine::Simulation& sim);
/// summary.json: scenario, seed, days, threads, totals{...}, state_hash, wall_seconds,
/// agent_updates_per_second and more.
std::string summary_json(const engine::Simulation& sim, const RunInfo& info);

/// Writes a set of files into a directory so that a reader never sees half of one: each file is
/// written under a temporary name and renamed into place only once all are complete. Whatever
/// is not committed is removed by the destructor, along with the directory if it made it.
class AtomicDir {
  public:
    /// Creates the directory if needed and checks that it is writable; throws
    /// std::runtime_error with a clear message otherwise.
    explicit AtomicDir(std::filesystem::path dir);
    ~AtomicDir();
    AtomicDir(const AtomicDir&) = delete;
    AtomicDir& operator=(const AtomicDir&) = delete;

    void add(const std::string& name, const std::string& content);
    void commit();
    const std::filesystem::path& path() const noexcept { return dir_; }

  private:
    std::filesystem::path dir_;
    bool created_ = false, committed_ = false;
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> pending_;  // tmp, final
};

}  // namespace peacesim::output
