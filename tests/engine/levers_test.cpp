// Live levers (sim/engine/levers.cpp): changes take effect from the next day, and only what a
// running world can change is a lever.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
}  // namespace

TEST_CASE("levers changed during a run take effect from the next day", "[mission][levers]") {
    engine::Simulation a(test::small_scenario(sized({})), 5), b(test::small_scenario(sized({})), 5);
    engine::run_days(a, 40, 2);
    engine::run_days(b, 40, 2);
    REQUIRE(a.state_hash() == b.state_hash());
    b.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    std::int64_t companies = 0;
    for (const auto& u : b.mission_units()) companies += u.active() && u.infantry();
    CHECK(companies == 0);
    CHECK(b.decision_log().size() == 2);
    CHECK(b.decision_log()[0].day == 40);
    engine::run_days(a, 20, 2);
    engine::run_days(b, 20, 2);
    CHECK(a.state_hash() != b.state_hash());
    // Redeploying brings new companies; a new mandate brings its tasks.
    b.adjust({{"mission.troops", "1500"}, {"mission.mandate", "stabilization"}});
    companies = 0;
    for (const auto& u : b.mission_units()) companies += u.active() && u.infantry();
    CHECK(companies == 10);
    CHECK(b.mission_tasks().offensive_ops == scenario::Switch::On);
    b.adjust({{"mission.mandate", "none"}});
    for (const auto& u : b.mission_units()) CHECK_FALSE(u.active());
    // The same changes on the same day give the same run.
    engine::Simulation c(test::small_scenario(sized({})), 5);
    engine::run_days(c, 40, 1);
    c.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    engine::run_days(c, 20, 1);
    engine::Simulation d(test::small_scenario(sized({})), 5);
    engine::run_days(d, 40, 2);
    d.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    engine::run_days(d, 20, 2);
    CHECK(c.state_hash() == d.state_hash());
}

TEST_CASE("only what a running world can change is a live lever", "[mission][levers]") {
    engine::Simulation s(test::small_scenario(sized({})), 1);
    const auto before = s.state_hash();
    CHECK_THROWS_AS(s.adjust({{"world.population", "5000"}}), scenario::ScenarioError);
    CHECK_THROWS_AS(s.adjust({{"mission.troops", "-5"}}), scenario::ScenarioError);
    CHECK_THROWS_AS(s.adjust({{"mission.mandate", "peace_enforcement"}}), scenario::ScenarioError);
    CHECK(s.state_hash() == before);
}
