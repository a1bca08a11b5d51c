// Intercommunal clashes (sim/communities/clashes.cpp) need communities of different identity.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

TEST_CASE("without communities of different identity there are no communal clashes",
          "[mechanism][communities]") {
    const auto s = test::run_small(150, 1, 2,
                                   {{"identity_groups.0.share", "1.0"},
                                    {"identity_groups.1.share", "0.0"},
                                    {"identity_groups.2.share", "0.0"},
                                    {"communities.tension", "1.0"}});
    CHECK(output::totals(s).clashes == 0);
    CHECK(output::totals(s).communal_deaths == 0);
}
