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
