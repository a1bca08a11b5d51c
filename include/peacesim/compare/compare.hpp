#pragma once
// Policy comparison (`peacesim compare`, docs/compare.md): mandate options run over the same
// seeds (common random numbers: the same country, the same chance), their outcomes over time
// with 95% bands, their totals with intervals and paired differences from the first option,
// cost per civilian death averted, and the mechanism counters that say why they differ.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/scenario/load.hpp"
#include "peacesim/validation/stats.hpp"

namespace peacesim::compare {

/// One option: a name and the scenario keys it sets.
struct Option {
    std::string name;
    std::vector<scenario::Override> sets;
    std::string file;  // the options file it was read from, if any, and the line of its table:
    int line = 0;      // where a problem with its settings is reported
};

/// "NAME:KEY=V[,KEY=V...]"; `budget=X` is short for mission.budget_musd=X. Throws
/// scenario::ScenarioError naming the option when it is malformed.
Option parse_option(const std::string& text);

struct Options {
    std::string scenario;                // a file, or empty for the built-in default
    std::string scenario_text;           // or the scenario itself, as TOML (the visualizer's)
    std::vector<std::string> base_sets;  // --set values every option shares
    std::vector<Option> options;         // two or more; the first is the baseline
    int runs = 20;                       // seeds, the same for every option
    int days = 0;                        // 0: the scenario's scenario.compare_days
    std::uint64_t first_seed = 1;        // seeds first_seed .. first_seed + runs - 1
    int jobs = 0;                        // runs at once; 0: every core
    double cost_tolerance = 0.10;        // share by which costs may differ before a warning
    std::function<void(int, int)> progress;
    std::function<bool()> cancelled;
};

/// An options file (TOML: scenario, runs, days, set, and [[option]] tables with name, set and
/// budget_musd; docs/compare.md); every problem comes back as a ScenarioError naming file, line
/// and key.
Options load_options_file(const std::string& path);

/// A run total that comparisons and the after-action review report: its key in reports, its
/// label and unit, which way is better, and whether it is a mechanism counter (why) rather than
/// an outcome.
struct OutcomeDef {
    const char* key;
    const char* label;
    const char* unit;
    bool higher_is_better, mechanism;
};
/// The run totals compared, then the mission's counters that say why runs differ.
std::span<const OutcomeDef> outcome_defs();
/// A run's value of each outcome_defs() entry, in that order.
std::vector<double> outcome_totals(const engine::Simulation& sim);

/// A run total compared across options.
struct Outcome {
    std::string key, label, unit;
    bool higher_is_better = false;
    bool mechanism = false;                  // a counter of what the mission did, not an outcome
    std::vector<std::vector<double>> runs;   // [option][seed]
    std::vector<validation::Estimate> mean;  // per option
    std::vector<validation::Estimate> difference;  // per option, against the first (0 for it)
    bool identical = false;                        // every option equal in every seed
};

/// A daily series compared across options: mean and 95% band per option and day.
struct Series {
    std::string key, label, unit;
    bool cumulative = false;
    std::vector<std::vector<double>> mean, lo, hi;  // [option][day]
};

struct Result {
    Options options;
    std::string scenario_name, country, start_date;
    int days = 0;
    std::vector<std::uint64_t> seeds;
    std::vector<Outcome> outcomes;
    std::vector<Series> series;
    // Cost per civilian death averted against the first option, per option (0 for the first):
    // the paired bootstrap of (cost_i - cost_0) / (killed_0 - killed_i); `averted` says whether
    // the option averted deaths beyond chance (the 95% interval of deaths averted above 0);
    // without it the ratio has no upper bound and the report says so.
    std::vector<validation::Estimate> cost_per_death_averted;
    std::vector<bool> averted;
    std::vector<std::string> warnings;  // unequal costs, levers with no effect, short horizons
    std::string command;                // the command line that reproduces the report
    double wall_seconds = 0;

    /// The outcome of that key (e.g. "civilians_killed", "cost_musd"); throws when there is none.
    const Outcome& outcome(std::string_view key) const;
};

/// Runs every option over the same seeds on `jobs` threads; the same for any number of jobs.
Result run(const Options& options);
/// One self-contained HTML page (gnuplot SVG charts inline, no external links).
std::string report_html(const Result& r);
/// The totals and differences as a plain-text table for the terminal.
std::string report_text(const Result& r);

}  // namespace peacesim::compare
