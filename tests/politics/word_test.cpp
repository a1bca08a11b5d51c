// Keeping one's word (sim/politics/word.cpp, track.cpp; docs/model.md 7.11): what a signatory
// reads as bad faith, and that it is what makes signatories defect.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/engine/feed.hpp"
#include "politics/politics.hpp"

using namespace peacesim;
using engine::Event;
using scenario::Stance;

namespace {

/// A state, a signatory with one band at (10, 10), and a spoiler; settlement 0 is watched by the
/// mission, settlement 1 is not; local capacity is full in both.
struct Setting {
    actors::Forces forces;
    mission::State mission;
    communities::State communities;
    politics::Track track;
    world::Sight sight;

    Setting() {
        forces.parties.resize(3);
        forces.parties[0].government = true;
        forces.parties[1].stance = Stance::Signatory;
        forces.parties[2].stance = Stance::Spoiler;
        actors::Unit band;
        band.party = 1;
        band.x = band.y = 10;
        band.strength = band.full_strength = 100;
        forces.units.push_back(band);
        mission.reported = {1, 0};
        communities.capacity = {1.0f, 1.0f};
        sight.raid = 5;
    }
    std::vector<double> threats(const std::vector<Event>& events) const {
        return politics::signatory_threats(events, 0, forces, mission, communities, track, sight,
                                           core::Today{}, 1.0);
    }
};

Event event(int type, std::uint32_t a, std::uint32_t b, std::uint32_t settlement, int x = 11) {
    Event e;
    e.type = type;
    e.side_a = a;
    e.side_b = b;
    e.settlement = settlement;
    e.cell_x = x;
    e.cell_y = 10;
    e.deaths_civilians = 4;
    return e;
}

}  // namespace

TEST_CASE("a signatory reads unattributed violence near it, and the state's, as bad faith",
          "[mechanism][politics]") {
    Setting w;
    // The spoiler kills four civilians next to the signatory's band where nobody impartial
    // sees it: the signatory cannot tell who did it and fears the worst.
    CHECK(w.threats({event(3, 2, 0, 1)})[1] == 4.0);
    // The same where the mission's observers are: it knows it was the spoiler.
    CHECK(w.threats({event(3, 2, 0, 0)})[1] == 0.0);
    // The state's own killings count seen or not.
    CHECK(w.threats({event(3, 0, 0, 0)})[1] == 4.0);
    CHECK(w.threats({event(3, 0, 0, 1)})[1] == 4.0);
    // A fight it took part in with someone else, and its own raid, it knows for what they are;
    // a fight with the state is a violation whoever saw it.
    CHECK(w.threats({event(2, 1, 2, 1)})[1] == 0.0);
    CHECK(w.threats({event(3, 1, 0, 1)})[1] == 0.0);
    CHECK(w.threats({event(1, 0, 1, 0)})[1] == 4.0);
    // Violence beyond a raid of its bands does not reach it; no one else is a signatory.
    const auto far = w.threats({event(3, 2, 0, 1, 10 + 6)});
    CHECK(far[1] == 0.0);
    CHECK(far[0] == 0.0);
    CHECK(far[2] == 0.0);
}

TEST_CASE("civil society tied to an inclusive agreement attributes incidents in its settlements",
          "[mechanism][politics]") {
    Setting w;
    std::vector<Event> many(400, event(3, 2, 0, 1));
    w.track.inclusion = 0;
    CHECK(w.threats(many)[1] == 4.0 * 400);
    // Full inclusion where local institutions are whole: every incident is attributed.
    w.track.inclusion = 1;
    CHECK(w.threats(many)[1] == 0.0);
    // Half inclusion, half capacity: about a quarter are.
    w.track.inclusion = 0.5;
    w.communities.capacity = {0.5f, 0.5f};
    const double unattributed = w.threats(many)[1] / 4.0 / 400.0;
    CHECK(unattributed == Approx(0.75).margin(0.07));
    // Civil society reports only what happens in a settlement.
    Event open_country = event(1, 0, 2, 0xFFFFFFFFu);
    w.track.inclusion = 1;
    w.communities.capacity = {1.0f, 1.0f};
    CHECK(w.threats({open_country})[1] == 4.0);
}

TEST_CASE("the feed tells of a signatory breaking an agreement that others still keep",
          "[politics][feed]") {
    engine::DayStats before, today;
    before.day = 40, today.day = 41;
    before.stage = today.stage = scenario::Stage::Implementation;
    before.armed_groups = today.armed_groups = 3;
    before.signatories = 2, today.signatories = 1;
    const scenario::Scenario sc;
    const world::Map map;
    const auto name = [](std::uint32_t) { return std::string("a group"); };
    auto told = [&](const std::string& what) {
        for (const auto& h : engine::happenings(today, &before, {}, {}, sc, map, name))
            if (h.text.find(what) != std::string::npos) return true;
        return false;
    };
    CHECK(told("An armed group breaks the agreement"));
    // When the last one does, the process collapses, and that is what the feed says.
    today.signatories = 0;
    today.stage = scenario::Stage::Conflict;
    CHECK_FALSE(told("breaks the agreement"));
    CHECK(told("The peace process collapses"));
}
