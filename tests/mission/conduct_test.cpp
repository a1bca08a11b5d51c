// Reporting, performance, accountability and misconduct (sim/mission/conduct.cpp,
// sim/mission/reporting.cpp).
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

TEST_CASE(
    "monitoring reports abuses, accountability rotates underperformers, discipline curbs "
    "misconduct",
    "[mission][conduct]") {
    const auto watched = test::run_small(days, 1, 2, sized({{"mission.observers", "200"}}));
    CHECK(watched.mission_totals().reports > 0);
    const auto unwatched = test::run_small(
        days, 1, 2,
        sized({{"mission.tasks.observe_report", "off"}, {"mission.tasks.human_rights", "off"}}));
    CHECK(unwatched.mission_totals().reports == 0);

    const auto accountable = test::run_small(days, 1, 2, sized({{"mission.caveats", "0.8"}}));
    const auto unaccountable = test::run_small(
        days, 1, 2, sized({{"mission.caveats", "0.8"}, {"mission.accountability", "false"}}));
    CHECK(accountable.mission_totals().rotations > 0);
    CHECK(unaccountable.mission_totals().rotations == 0);

    const auto m = test::compare(
        days, seeds, sized({{"mission.discipline", "0.95"}, {"mission.misconduct_rate", "2"}}),
        sized({{"mission.discipline", "0.0"}, {"mission.misconduct_rate", "2"}}),
        [](const engine::Simulation& s) { return double(s.mission_totals().misconduct_cases); });
    INFO("misconduct cases with discipline " << m.mean_a << ", without " << m.mean_b);
    CHECK(m.higher >= test::decisive(seeds));
}
