#pragma once
// The political track's phases (docs/model.md, section 7.11). Each takes what it reads as const&
// and what it writes as a plain reference. Internal to the library.
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "communities/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "peacesim/population/civilians.hpp"
#include "politics/state.hpp"
#include "world/sight.hpp"

namespace peacesim::politics {

// stance.cpp
/// A party's operational tempo today: capacity or resources, offensives, its stance in the
/// process, and elections.
double tempo(const actors::Party& p, const Track& t, int day);
/// Whether parties a and b are bound not to attack each other (a ceasefire or an agreement).
bool truce_between(const std::vector<actors::Party>& parties, const Track& t, std::uint32_t a,
                   std::uint32_t b);

// track.cpp
Track make_track(const scenario::PoliticsParams& pp, std::size_t parties);
void set_stage(Track& t, scenario::Stage s, int day);
/// Keeps per-party figures in step with the parties (splits add parties).
void follow_parties(Track& t, std::size_t parties);

/// What the track hears of the day.
struct DayNews {
    // Counted per head of the population the scenario's forces are written for
    // (world.forces_population), so that a country ten times as populous with ten times the
    // deaths weighs them as the same violence.
    double deaths = 0;      // battle deaths, civilians, communal and peacekeeper deaths today
    double violations = 0;  // state-based battles with parties to the process, verified
    double rumoured = 0;    // such battles no one impartial saw
    double guarantee = 0;   // share of signatories' fighters within reach of mission troops
    std::vector<double> guarantee_of;  // per party: the same share of its own fighters
    std::vector<double> threat;        // per party: deaths near it it reads as bad faith
    std::int64_t dialogues = 0;        // local dialogues held today
    std::size_t settlements = 1;
};
/// Per party, the deaths among today's events (events[first...]) near a signatory's fighters
/// that it reads as the other side's bad faith, per head: those by the state, and those no
/// observer, monitor or (under inclusion) civil-society group attributed to someone else.
std::vector<double> signatory_threats(const std::vector<engine::Event>& events, std::size_t first,
                                      const actors::Forces& forces, const mission::State& mission,
                                      const communities::State& communities, const Track& t,
                                      const world::Sight& sight, const core::Today& today,
                                      double per_head);

/// The day's step of the national track: talks, ceasefire, agreement (with walk-outs),
/// implementation, elections, collapse and relapse, and the DDR rates that follow.
void update(Track& t, actors::Forces& forces, population::Civilians& civ, const DayNews& news,
            const mission::State& mission, const scenario::Scenario& sc, const core::Today& today);

/// A coup suspends talks in progress: negotiators return to fighting; and divides the Council.
void coup(Track& t, actors::Forces& forces, int day);

// elections.cpp
/// Opens an election period ending on `last_day` (the elections inject, or the track itself).
void open_elections(Track& t, int last_day);
/// At the end of an election period: a peaceful vote strengthens the state, a violent one
/// weakens it and may end the process (Brancati and Snyder 2013).
void close_elections(Track& t, actors::Forces& forces, const mission::State& mission,
                     core::Stream& r, int day);

}  // namespace peacesim::politics
