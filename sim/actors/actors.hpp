#pragma once
// The parties' phases (docs/model.md, sections 7.3-7.9 and 7.12). Each takes what it reads as
// const& and what it writes as a plain reference. Internal to the library.
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/population/civilians.hpp"
#include "politics/state.hpp"
#include "population/state.hpp"
#include "world/sight.hpp"

namespace peacesim::actors {

// setup.cpp (section 5)
Forces make_forces(const world::Map& map, const scenario::Scenario& sc, std::uint64_t seed);

// survey.cpp (7.1, 7.9)
/// Counts each party's armed men in sight of each settlement (the mission's troops with the
/// state's under offensive operations) and the state's companies within engagement distance.
void survey(Forces& f, const world::Map& map, const world::Sight& sight,
            const mission::State& mission);
/// Each settlement passes to the party with the most armed men in sight.
void take_ground(Forces& f);

// decide.cpp (7.4), movement.cpp (7.5)
/// The harm each party did each other lately, from the event log (Forces::provoked).
void reckon_provocations(Forces& f, const std::vector<engine::Event>& events,
                         const population::Presence& presence, const scenario::ConflictParams& cp,
                         int today);
/// How the mission changed the bands' choices today, against what each band would have chosen
/// (with the same draws) had no mission troops stood guard anywhere.
struct RaidChoices {
    std::int64_t not_attempted = 0;  // a raid it would have launched, and it held instead
    std::int64_t retargeted = 0;     // a raid it would have launched, and it went elsewhere
};
RaidChoices decide(Forces& f, const world::Map& map, const world::Sight& sight,
                   const population::Presence& presence, const mission::State& mission,
                   const politics::Track& politics, const scenario::Scenario& sc,
                   const core::Today& today);
void move(Forces& f, const world::Map& map, const scenario::Scenario& sc, bool rainy);
/// The fighting strength raiders expect to meet at a settlement (strength x quality, each
/// mission unit times the chance its rules let it fight; doubled at a protection site).
struct Defence {
    double state = 0, mission = 0;
};
Defence defence_at(std::size_t settlement, const Forces& f, const mission::State& mission);

// combat.cpp (7.6, 7.7)
/// A day's fortunes of war: each side's losses in a fight, between parties or with the mission,
/// are scaled by a uniform draw in this range.
inline constexpr double fortune_min = 0.5, fortune_max = 1.5;
void resolve(Forces& f, engine::Incidents& incidents, mission::State& mission,
             const world::Map& map, const world::Sight& sight, const population::Presence& presence,
             const politics::Track& politics, const scenario::Scenario& sc,
             const core::Today& today);
void fall_back(Unit& u);
void record_losses(Forces& f, std::uint32_t party, std::int64_t n);

// recruitment.cpp (7.2)
/// Recruits join their group's weakest band; a band grown past half again its size splits.
/// Returns the recruits of the day, all parties together.
std::int64_t enlist(Forces& f, const std::vector<std::int64_t>& recruits, const world::Map& map);
/// A column (bands merged for a raid, section 7.4) back at its base splits into bands.
void fragment_columns(Forces& f, const scenario::ConflictParams& cp, const core::Today& today);

// recovery.cpp (7.8)
void reinforce(Forces& f, const std::vector<double>& demobilise, const scenario::Scenario& sc,
               const core::Today& today);
/// Legitimacy after the day's one-sided violence (deaths by the state and by others).
void update_legitimacy(Forces& f, std::int64_t killed_by_state, std::int64_t killed_by_others,
                       std::int64_t population);

// economy.cpp (7.12)
/// Pain and cohesion from the day's losses; resources from predation and upkeep; splits of
/// groups whose cohesion has failed.
void update_groups(Forces& f, population::Civilians& civ, const population::Presence& presence,
                   const scenario::Scenario& sc, const core::Today& today);

// splinter.cpp (7.12)
/// A faction of party p breaks away with half its bands and half its recruited civilians.
void splinter(Forces& f, population::Civilians& civ, std::uint32_t party, const core::Today& today);

// shocks.cpp (7.13)
/// A coup: the junta is less legitimate, capable, law-abiding and consenting.
void coup(Forces& f);
void launch_offensive(Forces& f, std::uint32_t party, int last_day);
void set_consent(Forces& f, double consent);
/// New bands of a group arrive at its home region's capital from across a border.
void reinforce_from_abroad(Forces& f, std::uint32_t party, std::int32_t fighters,
                           const world::Map& map);

// demobilisation (7.11): signatories' bands shrink at the day's DDR rate.
void demobilise(Forces& f, const std::vector<double>& rates, const core::Today& today);

}  // namespace peacesim::actors
