#pragma once
// Running an experiment into a SQLite results database (docs/experiments.md gives the schema),
// resuming it, running one row of it as a cluster array task, merging those rows back and
// exporting tidy CSV.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "peacesim/experiment/experiment.hpp"

namespace peacesim::experiment {

struct SweepOptions {
    int jobs = 1;              // runs at once, each on one thread
    bool resume = false;       // the database may exist; runs committed ok are skipped
    bool only_failed = false;  // run only the runs recorded as failed
    /// Run only this row (a job-array task); the database then holds that row alone.
    std::optional<std::int64_t> index;
    /// Stop dispatching runs once this many have been committed (tests use it to stand in for a
    /// kill); 0 for no limit.
    std::int64_t stop_after = 0;
    /// Set from outside (a signal handler) to stop: runs in flight are abandoned uncommitted.
    const std::atomic<bool>* interrupt = nullptr;
    /// Called on the worker before each run; an exception it throws fails the run. For tests.
    std::function<void(const RunPlan&)> before_run;
    /// Called on the writing thread after each commit with (runs done, runs to do).
    std::function<void(std::int64_t, std::int64_t)> progress;
};

struct SweepReport {
    std::int64_t total = 0;    // runs in the experiment
    std::int64_t planned = 0;  // runs this call set out to do
    std::int64_t ok = 0, failed = 0;
    bool stopped = false;  // interrupted or stop_after reached before all were done
    double wall_seconds = 0;
    double run_seconds = 0;    // the runs' own wall time, summed
    double store_seconds = 0;  // time spent writing the database
};

/// Runs the experiment into `db_path`. Throws std::runtime_error when the database exists and
/// neither resume nor only_failed is set, or when it holds a different experiment.
SweepReport sweep(const Experiment& ex, const std::string& db_path, const SweepOptions& options);

/// Indices of the runs not yet committed ok in `db_path` (all of them if it does not exist).
std::vector<std::int64_t> missing_runs(const Experiment& ex, const std::string& db_path);
/// Indices as SLURM's --array list: "0,3,5-9".
std::string array_spec(const std::vector<std::int64_t>& indices);

/// Gathers run databases of one experiment (job-array outputs) into `db_path`, creating it from
/// the first if needed. A run committed ok replaces a missing or failed one, never the reverse.
/// Returns the number of runs taken. Throws std::runtime_error on a file of another experiment.
std::int64_t merge(const std::string& db_path, const std::vector<std::string>& files);

/// Writes runs.csv (one row per run: id, point, replicate, seed, the factors, the totals) and, when
/// the database holds them, series.csv (run_id, day, column, value) and events.csv into `dir`.
/// Returns the files written.
std::vector<std::string> export_csv(const std::string& db_path, const std::string& dir);

}  // namespace peacesim::experiment
