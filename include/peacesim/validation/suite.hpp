#pragma once
// The validation suite (`peacesim validate-model`, docs/validation.md): each stylized fact of the
// literature as an experiment over many seeds, paired by seed, with the published figure beside
// ours and a pass/fail criterion stated in advance; and the shipped scenario's events summarised
// as UCDP users summarise the GED.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "peacesim/scenario/scenario.hpp"
#include "peacesim/validation/stats.hpp"

namespace peacesim::validation {

struct Options {
    int runs = 40;                      // seeds per arm (paired: the same seeds in each)
    std::int64_t population = 250'000;  // people of the conflict scenarios (forces scale per head)
    bool small = false;                 // a small map and a shorter horizon, for the tests
    int jobs = 0;                       // runs at once; 0: every core
    /// Called after each run with (runs done, runs in all); may be called from any thread, one
    /// call at a time.
    std::function<void(int, int)> progress;
    /// Polled between runs: true stops the suite (it then throws std::runtime_error).
    std::function<bool()> cancelled;
};

/// One stylized fact: a measure under a control and a treatment arm, paired by seed, or (for a
/// regularity of the model as it is) the treatment arm alone.
struct Fact {
    std::string id, title;
    std::string source;     // the literature, as cited in docs/validation.md
    std::string published;  // the published figure, in words
    std::string measure;    // what we measure, and how
    std::string criterion;  // stated in advance, in docs/validation.md
    std::string scenario;   // the scenario and horizon the experiment runs
    std::string control_label, treatment_label;
    bool paired = true;
    std::vector<double> control, treatment;  // per seed
    Estimate control_mean, treatment_mean, difference, relative;
    bool pass = false;
    std::string ours;  // our figure, in words
    // For charts: a series per arm (mean over seeds) and its x label, when the fact has one.
    std::string series_x, series_y;
    std::vector<double> series_control, series_treatment;
    // Event sizes pooled over the seeds (the heavy-tail fact), for its survival chart.
    std::vector<std::int64_t> sizes;
    PowerLaw tail;
};

/// A scenario's events summarised as UCDP users summarise the GED.
struct EventSummary {
    std::string scenario;
    int runs = 0, days = 0;
    std::int64_t population = 0;
    // Per year of the run (rows) and type (1 state-based, 2 non-state, 3 one-sided): means over
    // seeds.
    std::vector<std::array<double, 3>> events_by_year, deaths_by_year;
    std::array<double, 3> deaths_per_100k_year{};
    double share_10_plus = 0;  // share of events with 10 or more dead
    PowerLaw tail_all, tail_one_sided;
    Estimate monthly_mean, monthly_fano, burstiness;
    std::vector<double> monthly_counts;  // the first seed's, for a chart
};

/// The Epstein model's own dynamics at NetLogo's settings: quiet, active and jailed over time
/// (one seed) and its outbursts over all seeds.
struct Docking {
    std::vector<double> quiet, active, jailed;
    Estimate outbursts, quiet_spell_days, mean_active;
};

struct Result {
    Options options;
    std::vector<Fact> facts;
    EventSummary events;
    Docking docking;
    double wall_seconds = 0;
    int runs_done = 0;
};

/// The docking scenario (scenarios/epstein.toml, built in): Epstein's model at NetLogo's
/// settings on a 40x40 torus.
scenario::Scenario docking_scenario();

/// Runs every experiment of the suite on `jobs` threads; the result is the same for any
/// number of jobs.
Result run_suite(const Options& options);

/// The report: a self-contained HTML page (charts drawn by gnuplot as inline SVG; without
/// gnuplot on the PATH the page says so instead of a chart).
std::string report_html(const Result& r);
/// The same, as a plain-text table for the terminal.
std::string report_text(const Result& r);

}  // namespace peacesim::validation
