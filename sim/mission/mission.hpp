#pragma once
// The peacekeeping mission's phases (docs/model.md, section 8). Each takes what it reads as
// const& and what it writes as a plain reference; the mission's own state is mission::State.
// Internal to the library.
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "peacesim/engine/simulation.hpp"
#include "population/state.hpp"
#include "world/sight.hpp"

namespace peacesim::mission {

// mandate.cpp (8.1)
/// Tasks, ROE and posture from the mandate preset and the scenario's overrides.
void apply_mandate(State& m, const scenario::MissionParams& p);
scenario::MissionTasks tasks_in_force(const State& m);

// deployment.cpp (8.2, 8.15)
void init(State& m, const actors::Forces& forces, const world::Map& map, const world::Sight& sight,
          const std::vector<float>& violence_memory, const scenario::Scenario& sc,
          const core::Today& today);
/// Deploys or withdraws units to match the mission's strength in the scenario.
void retune(State& m, const world::Map& map, const scenario::Scenario& sc,
            const core::Today& today);
/// Deploys a regional force of `troops` as the scenario writes them (for forces_population):
/// their number of companies, each of the country's size (units keep their number).
void deploy_regional(State& m, std::int64_t troops, const world::Map& map,
                     const world::Sight& sight, const std::vector<float>& violence_memory,
                     const scenario::Scenario& sc);
/// A contributor withdraws n companies, the most recently deployed first.
void withdraw_companies(State& m, std::int64_t n);

// presence.cpp (8.3)
void sense(State& m, const world::Map& map, const world::Sight& sight,
           const population::Presence& presence, const scenario::Scenario& sc,
           const core::Today& today);
/// What raiders expect of a response at each settlement today (response_share and
/// response_threat), from where the free quick-reaction forces and helicopters stand.
void anticipate(State& m, const world::Map& map, const world::Sight& sight,
                const population::Presence& presence, const scenario::Scenario& sc,
                const core::Today& today);

// patrols.cpp (8.4), planning.cpp (8.6)
double patrol_share(scenario::Posture p);
/// Runs after the mission's and the parties' sense phases: patrols add to where they go.
void patrol(State& m, actors::Forces& forces, const world::Map& map, const world::Sight& sight,
            const population::Presence& presence, const std::vector<float>& violence_memory,
            const scenario::Scenario& sc, const core::Today& today);
void plan(State& m, const actors::Forces& forces, const world::Map& map, const world::Sight& sight,
          const population::Presence& presence, const population::Perception& perception,
          const std::vector<float>& violence_memory, const scenario::Scenario& sc,
          const core::Today& today);

// mobility.cpp (8.5, 8.7)
/// The chance that the host denies a movement today.
double denial_chance(const State& m, const actors::Forces& forces, const scenario::Scenario& sc);
/// The chance that a vehicle driving km kilometres of road today meets an IED.
double ied_chance(double km, const scenario::Scenario& sc);
/// Hours a road convoy takes between two cells.
double travel_hours(const world::Map& map, int x0, int y0, int x1, int y1, bool rainy,
                    const scenario::MobilityParams& mob);
void move_convoys(State& m, const actors::Forces& forces, const world::Map& map,
                  const world::Sight& sight, const scenario::Scenario& sc,
                  const core::Today& today);
/// The armed group an IED strike at (x, y) is attributed to (0 if none is left).
std::uint32_t ied_party(const actors::Forces& forces, int x, int y, const world::Sight& sight);
/// An IED strikes unit u: deaths, and an event of the log; false if no group is left to plant it.
bool ied_strike(State& m, Unit& u, std::uint32_t party, core::Stream& r,
                const scenario::Scenario& sc);

// response.cpp (8.5, 8.14)
/// What the mission did to an attack on civilians: the share of the attack's hours that went
/// by before troops stopped it (1: it ran its course).
struct Response {
    double share_done = 1.0;
    bool arrived = false;
};
/// Whether the mission's people (observers, monitors, reporting troops, guards) have settlement
/// s in sight today: what happens there is seen and reported at once. Elsewhere the mission hears
/// of an attack only if the residents raise the alert, as often as they trust it (docs/model.md
/// 8.5).
inline bool in_sight(const State& m, std::size_t s) { return m.reported[s] || m.guard[s] > 0; }
/// Mission or regional troops on the spot fight a raiding band if their rules let them;
/// returns whether they did.
bool defend(State& m, actors::Forces& forces, std::uint32_t band, std::uint32_t settlement,
            const world::Map& map, const world::Sight& sight, const scenario::Scenario& sc,
            const core::Today& today);
/// Troops on the spot who fought stop the attack once they are out of their base.
Response on_the_spot(State& m, const scenario::Scenario& sc);
/// A quick-reaction force is tasked to an attack on settlement s.
Response respond(State& m, actors::Forces& forces, std::uint32_t settlement, std::uint32_t attacker,
                 const world::Map& map, const world::Sight& sight,
                 const population::Presence& presence, const scenario::Scenario& sc,
                 const core::Today& today);

// combat.cpp (8.8, 8.9, 8.15)
/// The chance that a unit on the spot fights raiders attacking civilians.
double engage_chance(const State& m, const Unit& u);
/// A unit's fighting strength: its strength times its quality (training and readiness).
double fighting_strength(const Unit& u);
/// Whether a unit guards the settlements within engagement distance of it.
inline bool guards(const Unit& u) {
    return u.active() &&
           (u.infantry() || u.kind == UnitKind::Police || u.kind == UnitKind::Regional);
}
std::uint32_t nearest_band(const actors::Forces& forces, int x, int y, int range);
/// A day's fight between a band and a mission or regional company; returns the band's losses.
std::int32_t battle(State& m, actors::Forces& forces, std::uint32_t band, std::uint32_t company,
                    bool mission_attacks, const scenario::Scenario& sc, const core::Today& today);
void offensives(State& m, actors::Forces& forces, const world::Sight& sight,
                const scenario::Scenario& sc, const core::Today& today);

// reporting.cpp (8.10)
/// What the mission's watch over the peace process gives the political track today.
struct Watch {
    std::int64_t verified = 0, rumoured = 0;  // violations the mission saw and reported, or not
    double guarantee = 0;  // share of signatories' fighters within reach of mission troops
    std::vector<double> guarantee_of;  // per party: the same share of its own fighters
};
/// Observers, monitors and reporting troops verify the violations in their sight, and the violating
/// group pays for it (targeted measures); troops near signatories' bands guarantee the disarmament.
Watch watch_process(State& m, actors::Forces& forces,
                    const std::vector<engine::Incidents::Violation>& violations,
                    const world::Sight& sight);
/// A one-sided attack seen by the mission's observers or monitors is reported.
void report(State& m, actors::Forces& forces, const engine::Event& e);

// mediation.cpp (8.16)
/// Local truces: violence in a truce's place ends it; where troops stand and fighting goes on,
/// a new one is brokered at sc.mission.local_truce_rate a day (with civil affairs or mediation
/// in the mandate).
void mediate_locally(State& m, const world::Map& map, const world::Sight& sight,
                     const std::vector<float>& violence_memory,
                     const std::vector<std::int64_t>& deaths, const scenario::Scenario& sc,
                     const core::Today& today);
/// Whether a local truce binds at a settlement (world::detail::none32: never) on `day`.
bool local_truce(const State& m, std::uint32_t settlement, int day);
/// Whether a party keeps local truces: every one but spoilers.
bool bound_by_local_truce(const actors::Forces& forces, std::uint32_t party);

// funding.cpp (8.11), conduct.cpp (8.12), engineers.cpp (8.14)
struct Staffing {
    std::int64_t uniformed = 0, staff = 0;  // UN-paid persons deployed or rotating
};
Staffing staffing(const State& m);
/// Utility and attack helicopters deployed: each is leased, and allotted flight hours.
std::int64_t helicopters_deployed(const State& m);
/// The period's allotment for operations: what the budget leaves after personnel and leases.
void allot(State& m, const scenario::Scenario& sc);
void receive_contributions(State& m, const scenario::Scenario& sc, const core::Today& today);
void pay(State& m, const Staffing& staff, const scenario::Scenario& sc, const core::Today& today);
void account(State& m, const Staffing& staff, const world::Map& map, const world::Sight& sight,
             const scenario::Scenario& sc, const core::Today& today);
void repair_roads(State& m, world::Map& map);

// day.cpp
/// Adds the day's raids not attempted and re-targeted because of the mission's troops.
void count_choices(State& m, std::int64_t not_attempted, std::int64_t retargeted);
/// Closes the mission's day and writes its figures to `out`.
void end_day(State& m, world::Map& map, const world::Sight& sight,
             const population::Presence& presence, const std::vector<float>& violence_memory,
             const scenario::Scenario& sc, const core::Today& today, Day& out);
Totals run_totals(const State& m);

}  // namespace peacesim::mission
