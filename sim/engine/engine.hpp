#pragma once
// The engine's own phases: incidents into events, injects, the day's statistics.
// Internal to the library.
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "communities/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "engine/state.hpp"
#include "mission/state.hpp"
#include "politics/state.hpp"
#include "population/population.hpp"
#include "world/sight.hpp"

namespace peacesim::engine {

// incidents.cpp
void init_incidents(Incidents& inc, std::size_t settlements, std::size_t blocks);
/// Civilian deaths of the day go to the incidents that caused them.
void attribute_deaths(Incidents& inc, const communities::State& com,
                      const population::DayOutcome& day);
/// What the day's incidents added to the log.
struct Logged {
    std::int64_t events_state = 0, events_nonstate = 0, events_onesided = 0;
    std::int64_t battle_deaths = 0;
    std::int64_t killed_by_state = 0, killed_by_others = 0;  // in one-sided violence
};
Logged log_incidents(Incidents& inc, std::vector<Event>& log, actors::Forces& forces,
                     mission::State& mission, const world::Map& map, const world::Sight& sight,
                     const scenario::Scenario& sc, const core::Today& today);

// day_stats.cpp
void record_people(DayStats& st, const population::DayOutcome& people, const Logged& logged);
void record_forces(DayStats& st, const actors::Forces& forces,
                   const population::Presence& presence);
void record_process(DayStats& st, const politics::Track& track, const actors::Forces& forces);

// injects.cpp
/// Applies the timeline's injects due today, in order.
void apply_injects(Simulation::State& s, const core::Today& today);

// levers.cpp
/// Applies the timeline's decisions due today, in order, before the day's injects.
void apply_decisions(Simulation::State& s);
/// Throws ScenarioError when the timeline names a place the map does not have.
void check_timeline(const Simulation::State& s);
/// A settlement given by index or name; none32 when there is none such.
std::uint32_t settlement_arg(const Simulation::State& s, const std::string& args);

}  // namespace peacesim::engine
