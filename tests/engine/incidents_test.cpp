// Incidents into events (sim/engine/incidents.cpp): only fatal incidents are logged, with ids in
// order and low and high estimates around the true count, and each death adds to the violence
// people remember there, which then fades.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/runs.hpp"
#include "actors/actors.hpp"
#include "engine/engine.hpp"
#include "mission/mission.hpp"

using namespace peacesim;

TEST_CASE("fatal incidents become events, and deaths are remembered where they happened",
          "[engine][incidents]") {
    const auto sc = test::small_scenario();
    const auto map = world::generate_map(sc, 3);
    const auto sight = world::make_sight(map, sc);
    auto forces = actors::make_forces(map, sc, 3);
    mission::State mission;
    mission::apply_mandate(mission, sc.mission);
    mission.reported.assign(map.settlements.size(), 0);
    engine::Incidents inc;
    engine::init_incidents(inc, map.settlements.size(), sight.block_count());
    inc.reset_day();
    engine::Event none, raid, battle;
    none.type = 3, none.side_a = 1, none.cell_x = 5, none.cell_y = 5;
    raid.type = 3, raid.side_a = 1, raid.cell_x = 40, raid.cell_y = 50, raid.deaths_civilians = 7;
    battle.type = 1, battle.side_a = 0, battle.side_b = 2, battle.cell_x = 90, battle.cell_y = 20;
    battle.deaths_a = 3, battle.deaths_b = 9;
    inc.today = {none, raid, battle};
    std::vector<engine::Event> log;
    core::Today today;
    today.seed = 3, today.day = 12, today.date = sc.meta.start_date.plus_days(12);
    const auto logged = engine::log_incidents(inc, log, forces, mission, map, sight, sc, today);
    REQUIRE(log.size() == 2);
    CHECK(log[0].id == 1);
    CHECK(log[1].id == 2);
    for (const auto& e : log) {
        CHECK(e.day == 12);
        CHECK(e.low <= e.best());
        CHECK(e.best() <= e.high);
        CHECK(e.region == map.region[map.cell(e.cell_x, e.cell_y)]);
    }
    CHECK(logged.events_onesided == 1);
    CHECK(logged.events_state == 1);
    CHECK(logged.battle_deaths == 12);
    CHECK(logged.killed_by_others == 7);
    CHECK(logged.killed_by_state == 0);
    // Memory: threat_per_death per death where it happened, after a day's fading.
    const double fade = std::exp(-1.0 / sc.conflict.threat_memory_days);
    CHECK(inc.memory[sight.block_of(40, 50)] ==
          Approx(sc.conflict.threat_per_death * 7 * fade).epsilon(1e-5));
    CHECK(inc.memory[sight.block_of(5, 5)] == 0.0f);
}
