// Deployment (sim/mission/deployment.cpp): a regional force arrives on its day.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"

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

TEST_CASE("units keep their number whatever the country's size, each scaled to it",
          "[mission][scale]") {
    // The mission's companies, teams and helicopters, the state's companies and the armed
    // groups' bands: as many at 20,000 people as at the scenario's own million, so that the map
    // holds as many of them, as far apart (docs/model.md, section 5). Rounding each number of
    // people and each unit's size apart used to give 36 companies at 30,000 people against 40.
    const auto count = [](std::int64_t people) {
        const auto sc = scenario::load_default({{"world.population", std::to_string(people)}});
        const engine::Simulation sim(sc, 1);
        std::map<int, std::int64_t> n;  // mission unit kinds; 100 + party for the parties' units
        for (const auto& u : sim.mission_units()) ++n[int(u.kind)];
        for (const auto& u : sim.units()) ++n[100 + int(u.party)];
        return n;
    };
    const auto native = count(1'000'000);
    CHECK(native.at(int(mission::UnitKind::Company)) > 0);
    CHECK(native.at(100) > 0);  // the state's companies
    CHECK(native.at(101) > 0);  // the first armed group's bands
    for (const std::int64_t people : {20'000, 30'000, 123'457, 3'000'000}) {
        INFO(people << " people");
        CHECK(count(people) == native);
    }
}
