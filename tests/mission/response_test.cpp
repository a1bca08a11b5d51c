// Rapid response (sim/mission/response.cpp): helicopters and attack helicopters.
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

TEST_CASE("helicopters shorten responses", "[mission][mobility]") {
    const auto p = test::compare(days, seeds, sized({{"mission.helicopters", "12"}}),
                                 sized({{"mission.helicopters", "0"}}), p90);
    INFO("p90 response with 12 helicopters " << p.mean_a << " h, with none " << p.mean_b << " h");
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("attack helicopters add fire support under robust rules", "[mission][mobility]") {
    const auto p = test::compare(
        days, seeds,
        sized({{"mission.mandate", "robust_poc"}, {"mission.attack_helicopters", "6"}}),
        sized({{"mission.mandate", "robust_poc"}}), [](const engine::Simulation& s) {
            return double(output::totals(s).civilians_killed_groups);
        });
    INFO("killed by armed groups with attack helicopters " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher > p.lower);
    CHECK(p.mean_b > p.mean_a);
}
