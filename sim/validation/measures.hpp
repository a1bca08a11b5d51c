#pragma once
// What the validation suite measures in each run: the facts' per-run figures from a conflict run's
// event log and time series, and from a civil-violence run's history.
#include <array>
#include <cstdint>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/epstein/model.hpp"

namespace peacesim::validation::detail {

/// Months of the measures: 30-day blocks from day 0 (the last may be partial).
inline constexpr int days_per_month = 30;

/// What one run of the conflict model leaves for the facts.
struct ConflictRun {
    double osv = 0, battle = 0;  // UCDP one-sided and state-based deaths (events' best)
    double blocks = 0;           // 55-km blocks with at least one event
    double episode_months = 0;   // mean length of local episodes of violence
    double relapsed = 0;         // 1 when the agreement failed
    std::vector<double> monthly_osv, monthly_battle, monthly_blocks, at_peace;  // per month
    std::vector<std::int64_t> sizes, sizes_osv;
    std::vector<double> times;
    std::vector<std::array<double, 3>> events_by_year, deaths_by_year;
    std::vector<double> monthly_events;
};

struct EpsteinRun {
    double peak = 0, outbursts = 0, mean_active = 0, quiet_spell = 0;
    std::vector<double> quiet, active, jailed;
};

/// The measures of a conflict run of `days` days.
ConflictRun measure(const engine::Simulation& sim, int days);
/// The same from the run's event log and daily series, on a map of `world`'s cells; whether
/// the agreement failed comes from the caller.
ConflictRun measure(const std::vector<engine::Event>& events,
                    const std::vector<engine::DayStats>& history,
                    const scenario::WorldParams& world, int days, bool relapsed);
/// The measures of a civil-violence run.
EpsteinRun measure(const epstein::Model& m);

}  // namespace peacesim::validation::detail
