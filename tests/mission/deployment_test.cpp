// Deployment (sim/mission/deployment.cpp): a regional force arrives on its day.
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

TEST_CASE("a regional force deploys on its day and fights under an enforcement mandate",
          "[ensemble][mission][regional]") {
    auto regional = sized({{"mission.mandate", "none"},
                           {"regional_force.troops", "1500"},
                           {"regional_force.arrival_day", "30"}});
    engine::Simulation sim(test::small_scenario(regional), 3);
    engine::run_days(sim, 29, 2);
    CHECK(sim.mission_units().empty());
    engine::run_days(sim, 150, 2);
    REQUIRE(sim.mission_units().size() == 10);
    CHECK(sim.mission_totals().regional_operations > 0);
    CHECK(sim.mission_totals().cost_musd == 0.0);  // not paid from the UN budget
    // It protects too, mostly by its operations against the bands: fewer civilians die than
    // with no force at all. The effect is about a tenth of the deaths, a direction that shows
    // over many seeds rather than a decisive count.
    constexpr int many = 16;
    const auto p = test::compare(
        days, many, sized({{"mission.mandate", "none"}, {"regional_force.troops", "3000"}}),
        sized({{"mission.mandate", "none"}}), killed_by_groups);
    INFO("civilians killed by armed groups with a regional force " << p.mean_a << ", without "
                                                                   << p.mean_b);
    CHECK(p.higher > p.lower);
    CHECK(p.mean_b > p.mean_a);
}
