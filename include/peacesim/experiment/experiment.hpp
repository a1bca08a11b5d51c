#pragma once
// Experiments: a base scenario, factors to vary, a design that turns them into points, replicates
// of each point with seeds derived from one experiment seed, and the outputs to keep. The file
// format (docs/experiments.md) is what users of NetLogo's BehaviorSpace, Mesa's batch_run or the
// EMA Workbench expect: factors are scenario keys, so the names that feed a scenario file and
// --set are the sweep axes. As in FLAME GPU's RunPlanVector, an experiment expands into a list
// of run plans, each with its own seed, before anything runs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "peacesim/scenario/load.hpp"

namespace peacesim::experiment {

/// One level of a factor: the text given to the scenario loader as an override value (a TOML
/// value: 0.25, 2000, true, "name") and, for numbers, the number itself.
struct Level {
    std::string text;
    std::optional<double> number;
};

enum class FactorKind : std::uint8_t { Uncertainty, Lever };
inline constexpr const char* factor_kind_names[] = {"uncertainty", "lever"};

struct Factor {
    std::string key;  // a scenario key, as for --set: "mission.troops", "armed_groups.1.fighters"
    FactorKind kind = FactorKind::Uncertainty;
    bool integer = false;       // the key holds integers (sampled values are rounded)
    std::vector<Level> levels;  // from `values` or `range`; empty for a sampled (min/max) factor
    std::optional<double> min, max;  // bounds of a sampled factor (latin_hypercube)
    std::optional<Level> base;       // the value held while others move (one_at_a_time)
};

enum class DesignType : std::uint8_t {
    FullFactorial,
    LatinHypercube,
    OneAtATime,
    Morris,
    Sobol,
    LeversByFutures
};
inline constexpr const char* design_names[] = {
    "full_factorial", "latin_hypercube", "one_at_a_time", "morris", "sobol", "levers_by_futures"};

struct Experiment {
    std::string name;
    std::string file;       // the path it was read from ("<text>" for load_text)
    std::string text;       // the file's text, stored with the results
    std::string base;       // the base scenario's path, resolved; empty for the built-in one
    std::string base_text;  // its text, read once so that every run sees the same scenario
    std::vector<scenario::Override> fixed;  // `set = [...]`: applied to every run
    int days = 0;
    int replicates = 1;
    std::uint64_t seed = 1;
    std::vector<Factor> factors;
    DesignType design = DesignType::FullFactorial;
    int points = 0;  // latin_hypercube: how many points; morris: trajectories; sobol: samples
    bool second_order = true;         // sobol: the rows for second-order indices
    int grid_levels = 4;              // morris: levels of each factor's grid (p, even)
    bool keep_series = false;         // [outputs] series
    std::vector<std::string> series;  // the columns kept; all when empty and keep_series
    bool keep_events = false;         // [outputs] events
};

/// Reads and checks an experiment file; every factor level is checked against the scenario
/// schema by loading the base scenario with it. Throws scenario::ScenarioError listing every
/// problem (file:line:column, key, what was expected).
Experiment load_file(const std::string& path);
/// The same from text; a relative base scenario is resolved against `directory`.
Experiment load_text(std::string_view text, std::string_view source_name,
                     const std::string& directory = ".");

/// What an experiment runs and keeps, and nothing else: its base scenario's text, the fixed
/// settings, days, replicates, seed, factors and levels, the design and the outputs kept. Two
/// files with the same fingerprint (differing in comments, layout, name or factor kinds) run the
/// same runs into the same tables, so a results database of one can be resumed with the other.
std::string fingerprint(const Experiment& ex);

/// A design point: one level per factor, in factor order.
using Point = std::vector<Level>;

/// The design's points. full_factorial: every combination, the first factor varying slowest
/// (as itertools.product and BehaviorSpace). latin_hypercube: `points` points; each factor's
/// range is cut into that many equal strata and every stratum holds exactly one point, the
/// pairing and the place inside each stratum drawn from the experiment seed. one_at_a_time:
/// the base point first, then for each factor in order each of its levels other than its base
/// with every other factor at its base. morris (Morris 1991, as SALib's morris.sample lays it
/// out): `points` trajectories of k + 1 rows each, trajectory after trajectory; each starts at a
/// point of the p-level grid over [min, max] and moves one factor at a time, in a random order,
/// by delta = p / (2 (p - 1)) of its range, up or down, so that consecutive rows of a trajectory
/// differ in one factor and give that factor's elementary effect. sobol (Saltelli 2002; Saltelli
/// et al. 2010, as SALib's saltelli/sobol sample lays it out): for each of `points` base samples
/// two points A and B of the Sobol' sequence in 2k dimensions (Joe and Kuo's direction numbers),
/// then rows A, A with column j from B (j = 1..k), B with column j from A (j = 1..k, when
/// second_order), B: N (2k + 2) rows, or N (k + 2) without second order. levers_by_futures (the
/// policies-by-scenarios experiments of exploratory modelling, Lempert et al. 2003; Kwakkel 2017):
/// every combination of the levers' levels (kind = "lever", values or range) run against the same
/// `points` futures, a Latin hypercube over the uncertainties (min and max): lever combination
/// after lever combination, each with every future in the same order.
std::vector<Point> design_points(const Experiment& ex);

/// Seed of run `index`: SplitMix64 (Steele et al. 2014) of experiment_seed + (index + 1) times
/// the golden-ratio increment 0x9E3779B97F4A7C15, kept to 53 bits so that it survives JSON and
/// `peacesim run --seed`. Runs of one point differ only by their seeds.
std::uint64_t run_seed(std::uint64_t experiment_seed, std::int64_t index) noexcept;

/// One run of the experiment: run `index` is replicate `replicate` of point `point`
/// (index = point * replicates + replicate).
struct RunPlan {
    std::int64_t index = 0;
    int point = 0;
    int replicate = 0;
    std::uint64_t seed = 0;
    Point levels;
};
std::vector<RunPlan> run_plans(const Experiment& ex);

/// The base scenario with the fixed overrides and the plan's levels applied.
scenario::Scenario plan_scenario(const Experiment& ex, const RunPlan& plan);

}  // namespace peacesim::experiment
