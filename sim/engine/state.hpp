#pragma once
// The whole state of a run, as the modules own it. Internal to the library: the engine holds one
// of each module's state and passes them to the phases of a day (sim/engine/step.cpp), each
// phase taking what it reads as const& and what it writes as a plain reference.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "actors/state.hpp"
#include "communities/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "peacesim/engine/simulation.hpp"
#include "politics/state.hpp"
#include "population/state.hpp"
#include "world/season.hpp"
#include "world/sight.hpp"

namespace peacesim::engine {

struct Simulation::State {
    scenario::Scenario sc;     // as it stands: live levers and injects become part of it
    scenario::Scenario start;  // as the run began, for its replay
    std::uint64_t seed = 0;
    int day = 0;  // days completed

    // world
    world::Map map;
    world::Sight sight;
    world::Season season;
    // population
    population::Civilians civ;
    population::Presence presence;
    population::Perception perception;
    // actors
    actors::Forces forces;
    // the day's violence and remembered violence
    Incidents incidents;
    // communities, politics, the mission
    communities::State communities;
    politics::Track politics;
    mission::State mission;

    // The run's record.
    std::vector<DayStats> history;
    std::vector<Event> events;
    std::int64_t population = 0;
    std::uint64_t agent_updates = 0;
    PhaseSeconds seconds;     // timing only: not hashed, not saved
    bool full_rules = false;  // no shortcut in the civilians' update (testing): not saved
    std::int64_t displaced_peak = 0;
    std::size_t next_inject = 0;    // injects are kept sorted by day
    std::size_t next_decision = 0;  // so are the scheduled decisions
    std::vector<LoggedDecision> log;
    std::string role;  // who takes live decisions now

    void init();
    void step();
    /// The day about to run (or, before it, the next one).
    core::Today today() const;
};

}  // namespace peacesim::engine
