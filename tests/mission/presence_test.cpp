// Presence (sim/mission/presence.cpp): protection sites, civil affairs, and what the troops
// report where they stand.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/runs.hpp"
#include "../support/settings.hpp"
#include "actors/actors.hpp"
#include "mission/mission.hpp"
#include "peacesim/output/totals.hpp"
#include "population/population.hpp"

using namespace peacesim;
using namespace peacesim::test;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
}  // namespace

TEST_CASE("protection sites shelter the displaced", "[mission][tasks]") {
    std::int64_t on = 0, off = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        on += test::run_small(days, seed, 2, sized({}))
                  .status_counts()[std::size_t(population::Status::ProtectionSite)];
        off += test::run_small(days, seed, 2, sized({{"mission.tasks.protection_sites", "off"}}))
                   .status_counts()[std::size_t(population::Status::ProtectionSite)];
    }
    CHECK(on > 0);
    CHECK(off == 0);
}

TEST_CASE("civil affairs convene more local dialogues", "[ensemble][mission][tasks]") {
    const auto p = test::compare(
        days, seeds,
        sized({{"mission.tasks.civil_affairs", "off"}, {"communities.tension", "0.6"}}),
        sized({{"mission.tasks.civil_affairs", "on"}, {"communities.tension", "0.6"}}),
        [](const engine::Simulation& s) { return double(output::totals(s).dialogues); });
    INFO("dialogues without civil affairs " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

namespace {
/// A small country whose mission has no observers and no human-rights monitors, so that only
/// its troops can report, after the mission's first sense phase.
struct Watched {
    scenario::Scenario sc;
    world::Map map;
    world::Sight sight;
    actors::Forces forces;
    mission::State m;
    std::vector<bool> near_infantry;  // within engagement distance of an active company or QRF

    explicit Watched(const char* observe_report)
        : sc(test::small_scenario(sized({{"mission.observers", "0"},
                                         {"mission.tasks.human_rights", "off"},
                                         {"mission.tasks.observe_report", observe_report}}))),
          map(world::generate_map(sc, std::uint64_t(sc.world.seed))),
          sight(world::make_sight(map, sc)),
          forces(actors::make_forces(map, sc, 1)) {
        auto civ = population::make_civilians(map, sc, 1);
        population::Presence presence;
        population::Perception perception;
        population::init(presence, perception, civ, map, sight, sc.identity_groups.size());
        const std::vector<float> memory(map.settlements.size(), 0.0f);
        mission::init(m, forces, map, sight, memory, sc, core::Today{});
        mission::sense(m, map, sight, presence, sc, core::Today{});
        near_infantry.assign(map.settlements.size(), false);
        for (std::size_t s = 0; s < map.settlements.size(); ++s)
            for (const auto& u : m.units)
                if (u.active() && u.infantry() &&
                    world::detail::dist_cells(u.x, u.y, map.settlements[s].x,
                                              map.settlements[s].y) <= sight.engage)
                    near_infantry[s] = true;
    }
};
}  // namespace

TEST_CASE("troops who observe and report report what happens where they stand",
          "[mission][reporting]") {
    // docs/model.md 8.10: with the task on, a settlement within engagement distance of an
    // infantry company or quick-reaction force is reported, as one in an observer's sight is;
    // with it off, troops report nothing.
    const Watched on("on");
    std::size_t reported = 0;
    for (std::size_t s = 0; s < on.m.reported.size(); ++s) {
        reported += on.m.reported[s] != 0;
        CHECK(bool(on.m.reported[s]) == on.near_infantry[s]);
    }
    INFO(reported << " of " << on.m.reported.size() << " settlements reported");
    CHECK(reported > 0);
    const Watched off("off");
    for (const auto r : off.m.reported) CHECK(r == 0);
}

TEST_CASE(
    "troops on the spot verify the ceasefire violations they see where there are no "
    "observers",
    "[mission][reporting]") {
    // A violation (a fight between the state and a party to talks, docs/model.md 7.11) at every
    // settlement: those within engagement distance of the troops are verified while the mission
    // observes and reports, the rest are rumours; with the task off all are rumours.
    for (const char* task : {"on", "off"}) {
        Watched w(task);
        std::vector<engine::Incidents::Violation> violations;
        std::int64_t near = 0;
        for (std::uint32_t s = 0; s < w.map.settlements.size(); ++s) {
            violations.push_back({s, 0});
            near += w.near_infantry[s];
        }
        const auto seen = mission::watch_process(w.m, w.forces, violations, w.sight);
        INFO("observe_report " << task << ": " << seen.verified << " verified of "
                               << violations.size() << ", " << near << " near troops");
        CHECK(seen.verified == (std::string(task) == "on" ? near : 0));
        CHECK(seen.verified + seen.rumoured == std::int64_t(violations.size()));
        CHECK(near > 0);
    }
}
