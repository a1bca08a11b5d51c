// Deployment (sim/mission/deployment.cpp): a regional force arrives on its day.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
// A mission sized for the small test country.
std::vector<scenario::Override> sized(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"mission.troops", "1800"},
                                         {"mission.police", "280"},
                                         {"mission.helicopters", "2"},
                                         {"mission.budget_musd", "100"},
                                         {"mission.funding.reserve_musd", "8"},
                                         {"mission.civilian_staff", "100"},
                                         {"mission.observers", "40"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
double p90(const engine::Simulation& s) { return s.mission_totals().response_time_p90_h; }
double patrols(const engine::Simulation& s) { return double(s.mission_totals().patrols); }
double denials(const engine::Simulation& s) { return double(s.mission_totals().movement_denials); }
double killed(const engine::Simulation& s) { return double(output::totals(s).civilians_killed); }
}  // namespace

TEST_CASE("a regional force deploys on its day and fights under an enforcement mandate",
          "[mission][regional]") {
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
    // It protects too: fewer civilians die than with no force at all. The effect is a tenth of
    // the deaths, so it takes more seeds than the default to show against the noise.
    constexpr int many = 16;
    const auto p = test::compare(
        days, many, sized({{"mission.mandate", "none"}, {"regional_force.troops", "3000"}}),
        sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed with a regional force " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher >= test::decisive(many));
}
