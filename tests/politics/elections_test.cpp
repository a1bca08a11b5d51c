// Elections (sim/politics/elections.cpp) at the end of implementation.
#include <catch2/catch.hpp>
#include <tuple>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;
using scenario::Stage;

TEST_CASE("elections at the end of implementation lead to transition when they are calm",
          "[mechanism][politics]") {
    const auto s = test::run_small(200, 2, 2,
                                   accord({{"politics.relapse_rate", "0"},
                                           {"politics.implementation_days", "60"},
                                           {"armed_groups.1.fighters", "0"},
                                           {"armed_groups.2.fighters", "0"}}));
    CHECK(output::totals(s).furthest_stage == Stage::Transition);
}
