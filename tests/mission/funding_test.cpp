// Funding (sim/mission/funding.cpp): shortfalls cut patrols, delay reimbursement and cost
// contingents.
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

TEST_CASE("a funding shortfall cuts patrols and delays reimbursement", "[mission][funding]") {
    const auto p = test::compare(days, seeds, sized({{"mission.funding.paid_fraction", "0.3"}}),
                                 sized({{"mission.funding.paid_fraction", "1.0"}}), patrols);
    INFO("patrols at 30% paid " << p.mean_a << ", fully paid " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    const auto poor =
        test::run_small(days, 1, 2, sized({{"mission.funding.paid_fraction", "0.3"}}));
    const auto rich =
        test::run_small(days, 1, 2, sized({{"mission.funding.paid_fraction", "1.0"}}));
    CHECK(poor.mission_totals().reimbursement_delay_days > 30);
    CHECK(rich.mission_totals().reimbursement_delay_days == 0);
    CHECK(poor.mission_totals().flight_hours < rich.mission_totals().flight_hours);
}

TEST_CASE("a mission left unpaid long enough loses contingents", "[mission][funding]") {
    const auto s = test::run_small(540, 2, 2, sized({{"mission.funding.paid_fraction", "0.0"}}));
    CHECK(s.mission_totals().contingents_withdrawn > 0);
    const auto paid = test::run_small(540, 2, 2, sized({}));
    CHECK(paid.mission_totals().contingents_withdrawn == 0);
}
