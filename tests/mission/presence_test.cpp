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

TEST_CASE("civil affairs convene more local dialogues", "[mission][tasks]") {
    const auto p = test::compare(
        days, seeds,
        sized({{"mission.tasks.civil_affairs", "off"}, {"communities.tension", "0.6"}}),
        sized({{"mission.tasks.civil_affairs", "on"}, {"communities.tension", "0.6"}}),
        [](const engine::Simulation& s) { return double(output::totals(s).dialogues); });
    INFO("dialogues without civil affairs " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

namespace {
/// The settlements the mission reports on after its first sense phase, in a small country
/// whose mission has no observers and no human-rights monitors: only its troops can report.
std::vector<std::uint8_t> reported_by_troops(const char* observe_report,
                                             std::vector<bool>* near_infantry = nullptr) {
    const auto sc = test::small_scenario(sized({{"mission.observers", "0"},
                                                {"mission.tasks.human_rights", "off"},
                                                {"mission.tasks.observe_report", observe_report}}));
    const auto map = world::generate_map(sc, std::uint64_t(sc.world.seed));
    const auto sight = world::make_sight(map, sc);
    auto civ = population::make_civilians(map, sc, 1);
    population::Presence presence;
    population::Perception perception;
    population::init(presence, perception, civ, map, sight, sc.identity_groups.size());
    const auto forces = actors::make_forces(map, sc, 1);
    mission::State m;
    const std::vector<float> memory(map.settlements.size(), 0.0f);
    mission::init(m, forces, map, sight, memory, sc, core::Today{});
    mission::sense(m, map, sight, presence, sc, core::Today{});
    if (near_infantry) {
        near_infantry->assign(map.settlements.size(), false);
        for (std::size_t s = 0; s < map.settlements.size(); ++s)
            for (const auto& u : m.units)
                if (u.active() && u.infantry() &&
                    world::detail::dist_cells(u.x, u.y, map.settlements[s].x,
                                              map.settlements[s].y) <= sight.engage)
                    (*near_infantry)[s] = true;
    }
    return m.reported;
}
}  // namespace

TEST_CASE("troops who observe and report report what happens where they stand",
          "[mission][reporting]") {
    // docs/model.md 8.10: with the task on, a settlement within engagement distance of an
    // infantry company or quick-reaction force is reported, as one in an observer's sight is;
    // with it off, troops report nothing.
    std::vector<bool> near;
    const auto on = reported_by_troops("on", &near);
    std::size_t reported = 0, covered = 0;
    for (std::size_t s = 0; s < on.size(); ++s) {
        reported += on[s] != 0;
        covered += near[s];
        CHECK(bool(on[s]) == near[s]);
    }
    INFO(reported << " of " << on.size() << " settlements reported");
    CHECK(reported > 0);
    CHECK(covered == reported);
    const auto off = reported_by_troops("off");
    for (const auto r : off) CHECK(r == 0);
}

TEST_CASE("without observers, troops on the spot verify ceasefire violations",
          "[mission][reporting]") {
    // Talks with the main group: its fights with the state are violations (docs/model.md 7.11),
    // and before a ceasefire no truce keeps the two apart. Verified ones are counted; with no
    // observers and no monitors only the troops can verify, and only while the mission observes and
    // reports.
    std::int64_t on = 0, off = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const auto setting = [](const char* task) {
            return sized({{"mission.observers", "0"},
                          {"mission.tasks.human_rights", "off"},
                          {"mission.tasks.observe_report", task},
                          {"politics.initial_stage", "talks"},
                          {"armed_groups.0.stance", "negotiating"}});
        };
        on +=
            test::run_small(days, seed, 2, setting("on")).mission_totals().why.violations_verified;
        off +=
            test::run_small(days, seed, 2, setting("off")).mission_totals().why.violations_verified;
    }
    INFO("violations verified with the task " << on << ", without " << off);
    CHECK(off == 0);
    CHECK(on > 0);
}
