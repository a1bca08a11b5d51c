#pragma once
// A run's totals (summary.json's "totals" and "politics"): the series' run totals through the
// column table, plus what no column aggregates.
#include <cstdint>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::output {

struct Totals {
    std::int64_t civilians_killed = 0, civilians_killed_government = 0, civilians_killed_groups = 0,
                 civilians_killed_battle = 0;
    std::int64_t battle_deaths = 0;
    std::int64_t communal_deaths = 0;
    std::int64_t displaced_peak = 0;  // most people displaced at once (incl. protection sites)
    std::int64_t refugees = 0;        // at the end
    std::int64_t recruited = 0;       // joined armed groups over the run
    std::int64_t events_state = 0, events_nonstate = 0, events_onesided = 0;
    std::int64_t dialogues = 0, clashes = 0, demobilised = 0;
    scenario::Stage final_stage = scenario::Stage::Conflict;
    scenario::Stage furthest_stage = scenario::Stage::Conflict;
    int relapses = 0;
};

/// The totals of the days run so far.
Totals totals(const engine::Simulation& sim);

}  // namespace peacesim::output
