// The Simulation's construction and its read-only queries (include/peacesim/engine/simulation.hpp).
#include "peacesim/engine/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "engine/state.hpp"
#include "mission/mission.hpp"

namespace peacesim::engine {

using population::Status;

Simulation::Simulation(scenario::Scenario sc, std::uint64_t seed) : s_(std::make_unique<State>()) {
    if (sc.meta.model != scenario::Model::Conflict)
        throw std::invalid_argument(
            "this scenario runs Epstein's civil-violence model (scenario.model = \"epstein\"), "
            "which `peacesim run` runs on its own; it does not run in the conflict engine");
    s_->start = sc;
    s_->sc = std::move(sc);
    s_->seed = seed;
    const auto t0 = std::chrono::steady_clock::now();
    s_->init();
    s_->seconds.setup =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

int Simulation::day() const noexcept { return s_->day; }
core::Date Simulation::date() const noexcept { return s_->sc.meta.start_date.plus_days(s_->day); }
std::uint64_t Simulation::seed() const noexcept { return s_->seed; }
const scenario::Scenario& Simulation::scenario() const noexcept { return s_->sc; }
const world::Map& Simulation::map() const noexcept { return s_->map; }
const population::Civilians& Simulation::civilians() const noexcept { return s_->civ; }
const std::vector<actors::Party>& Simulation::parties() const noexcept {
    return s_->forces.parties;
}
const std::vector<actors::Unit>& Simulation::units() const noexcept { return s_->forces.units; }
const std::vector<DayStats>& Simulation::history() const noexcept { return s_->history; }
const std::vector<Event>& Simulation::events() const noexcept { return s_->events; }
std::uint64_t Simulation::agent_updates() const noexcept { return s_->agent_updates; }
const PhaseSeconds& Simulation::phase_seconds() const noexcept { return s_->seconds; }
void Simulation::use_full_rules(bool on) noexcept { s_->full_rules = on; }

const char* phase_name(Phase p) noexcept {
    static constexpr const char* names[phase_count] = {"timeline", "mission",   "perception",
                                                       "units",    "civilians", "communities",
                                                       "politics", "outputs"};
    return names[std::size_t(p)];
}
const std::vector<mission::Unit>& Simulation::mission_units() const noexcept {
    return s_->mission.units;
}
scenario::MissionTasks Simulation::mission_tasks() const noexcept {
    return mission::tasks_in_force(s_->mission);
}
mission::Totals Simulation::mission_totals() const { return mission::run_totals(s_->mission); }
scenario::Stage Simulation::stage() const noexcept { return s_->politics.stage; }
const std::vector<float>& Simulation::tension() const noexcept { return s_->communities.tension; }
const std::vector<float>& Simulation::resolution_capacity() const noexcept {
    return s_->communities.capacity;
}
const std::vector<float>& Simulation::humanitarian_access() const noexcept {
    return s_->communities.access;
}
const std::vector<std::uint32_t>& Simulation::settlement_control() const noexcept {
    return s_->forces.control;
}
std::int64_t Simulation::residents(std::size_t s) const noexcept {
    return s_->presence.residents_at(s);
}
const std::vector<float>& Simulation::violence_field() const noexcept {
    return s_->incidents.memory;
}
int Simulation::violence_block_cells() const noexcept { return s_->sight.block_cells; }
const std::vector<std::uint8_t>& Simulation::protection_sites() const noexcept {
    return s_->mission.poc;
}

std::string Simulation::side_name(std::uint32_t side) const {
    if (side == Event::mission_side) return "UN mission";
    if (side == Event::regional_side) return s_->sc.regional_force.name;
    if (side >= Event::communal_side)
        return s_->sc.identity_groups[side - Event::communal_side].name + " communal militia";
    return s_->forces.parties[side].name;
}

std::array<std::int64_t, population::status_count> Simulation::status_counts() const {
    std::array<std::int64_t, population::status_count> c{};
    for (auto v : s_->civ.status) ++c[v];
    return c;
}

std::int64_t Simulation::displaced_peak() const noexcept { return s_->displaced_peak; }
scenario::Stage Simulation::furthest_stage() const noexcept { return s_->politics.furthest; }
int Simulation::relapses() const noexcept { return s_->politics.relapses; }

}  // namespace peacesim::engine
