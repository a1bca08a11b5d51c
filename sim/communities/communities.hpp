#pragma once
// The communities' phases (docs/model.md, section 7.10). Each takes what it reads as const& and
// what it writes as a plain reference. Internal to the library.
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "communities/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "politics/state.hpp"
#include "population/state.hpp"
#include "world/season.hpp"
#include "world/sight.hpp"

namespace peacesim::communities {

/// 1 - sum of squared shares: the chance that two residents met at random differ in identity.
double fractionalisation(const std::int32_t* present, std::size_t groups, std::int64_t& total);

// tension.cpp
void init(State& c, const world::Map& map, const population::Presence& presence,
          const scenario::CommunityParams& cp);
/// Tension, dialogues and humanitarian access after the day's violence.
struct DaySummary {
    double mean_tension = 0, mean_access = 0;  // by residents (tension over mixed settlements)
};
DaySummary update(State& c, const population::Presence& presence, const world::Sight& sight,
                  const std::vector<float>& violence_memory,
                  const std::vector<std::int64_t>& deaths, const actors::Forces& forces,
                  const mission::State& mission, const politics::Track& politics,
                  const world::Season& season, const scenario::Scenario& sc,
                  const core::Today& today);

// clashes.cpp
/// Where tension runs high the two largest communities present clash: sets today's death
/// chances and opens a UCDP type 2 incident.
/// force_scale: world.population / world.forces_population (clashes kill per head). Where
/// police keep public order (policed[s]), a clash is stopped with policed_share of it done.
void clash(State& c, engine::Incidents& incidents, const world::Map& map,
           const population::Presence& presence, const scenario::CommunityParams& cp,
           double force_scale, const std::vector<std::uint8_t>& policed, double policed_share,
           const core::Today& today);
/// Raises a settlement's tension (the communal_incident inject); s = none picks the tensest.
void incident(State& c, std::uint32_t settlement);

}  // namespace peacesim::communities
