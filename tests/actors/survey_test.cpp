// Who stands where and who holds the ground (sim/actors/survey.cpp; docs/model.md, 7.9).
#include <catch2/catch.hpp>

#include "../support/runs.hpp"
#include "actors/actors.hpp"
#include "mission/mission.hpp"

using namespace peacesim;

TEST_CASE("the party with the most armed men in sight holds a settlement, an empty one stays",
          "[actors][control]") {
    const auto sc = test::small_scenario();
    const auto map = world::generate_map(sc, 4);
    const auto sight = world::make_sight(map, sc);
    auto f = actors::make_forces(map, sc, 4);
    f.units.clear();
    const auto& st = map.settlements[0];
    auto band = [&](std::uint32_t party, int strength, int dx) {
        actors::Unit u;
        u.party = party;
        u.x = u.dest_x = u.base_x = std::min(map.width - 1, int(st.x) + dx);
        u.y = u.dest_y = u.base_y = st.y;
        u.strength = u.full_strength = strength;
        f.units.push_back(u);
    };
    band(0, 100, 0);  // a government company in town
    band(1, 150, 1);  // a stronger band next to it
    mission::State mission;
    mission::sense(mission, map, sight, population::Presence{}, sc, core::Today{});
    actors::survey(f, map, sight, mission);
    CHECK(f.armed[f.armed_at(0, 0)] == 100);
    CHECK(f.armed[f.armed_at(0, 1)] == 150);
    CHECK(f.soldiers[0] == 100);
    CHECK(f.fighters[0] == 150);
    CHECK(f.gov_companies[0] == 1);
    f.control.assign(map.settlements.size(), 0);
    actors::take_ground(f);
    CHECK(f.control[0] == 1);
    // Where nobody is in sight, the last holder keeps it.
    std::size_t empty = 0;
    while (empty < map.settlements.size() && f.fighters[empty] + f.soldiers[empty] > 0) ++empty;
    REQUIRE(empty < map.settlements.size());
    f.control[empty] = 2;
    actors::take_ground(f);
    CHECK(f.control[empty] == 2);
}
