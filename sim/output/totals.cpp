// A run's totals: sums and last values of the series come from the column table
// (columns.cpp), so they cannot disagree with timeseries.csv.
#include "peacesim/output/totals.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "peacesim/output/columns.hpp"

namespace peacesim::output {

Totals totals(const engine::Simulation& sim) {
    const auto series = column_totals(sim.history());
    auto count = [&](std::string_view column) {
        const auto it = series.find(column);
        if (it == series.end() || !std::holds_alternative<std::int64_t>(it->second))
            throw std::logic_error(fmt::format("no count column {} with a run total", column));
        return std::get<std::int64_t>(it->second);
    };
    Totals t;
    t.civilians_killed = count("civilians_killed");
    t.civilians_killed_government = count("civilians_killed_government");
    t.civilians_killed_groups = count("civilians_killed_groups");
    t.civilians_killed_battle = count("civilians_killed_battle");
    t.battle_deaths = count("battle_deaths");
    t.communal_deaths = count("communal_deaths");
    t.refugees = count("refugees");
    t.recruited = count("new_recruits");  // the flow; the column `recruited` is the stock
    t.events_state = count("events_state_based");
    t.events_nonstate = count("events_non_state");
    t.events_onesided = count("events_one_sided");
    t.dialogues = count("local_dialogues");
    t.clashes = count("communal_clashes");
    t.demobilised = count("demobilised");
    t.displaced_peak = sim.displaced_peak();
    t.final_stage = sim.stage();
    t.furthest_stage = sim.furthest_stage();
    t.relapses = sim.relapses();
    return t;
}

}  // namespace peacesim::output
