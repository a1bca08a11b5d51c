// Rapid response (sim/mission/response.cpp): helicopters and attack helicopters.
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

TEST_CASE("helicopters shorten responses", "[ensemble][mission][mobility]") {
    // The typical response: the slow tail is set by the host's checkpoints, which hold a force
    // a day whether it flies or drives.
    const auto median = [](const engine::Simulation& s) {
        return s.mission_totals().response_time_median_h;
    };
    const auto p = test::compare(365, 10, sized({{"mission.helicopters", "12"}}),
                                 sized({{"mission.helicopters", "0"}}), median);
    INFO("median response with 12 helicopters " << p.mean_a << " h, with none " << p.mean_b
                                                << " h");
    // A seed with no attack to answer in either arm ties and tells nothing.
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
    // With no helicopter, nobody is flown in; with them the lifts are sorties flown.
    const auto none = test::run_small(days, 1, 2, sized({{"mission.helicopters", "0"}}));
    CHECK(none.mission_totals().why.responses_by_air == 0);
    const auto twelve = test::run_small(days, 1, 2, sized({{"mission.helicopters", "12"}}));
    CHECK(twelve.mission_totals().why.responses_by_air > 0);
    CHECK(twelve.mission_totals().why.sorties >= twelve.mission_totals().why.responses_by_air);
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
