// Intercommunal clashes (sim/communities/clashes.cpp) need communities of different identity.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {
// Mixed, tense settlements: communal clashes are frequent enough to measure.
std::vector<scenario::Override> tense(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"communities.tension", "0.7"},
                                         {"identity_groups.0.home_region", "-1"},
                                         {"identity_groups.1.home_region", "-1"},
                                         {"identity_groups.2.home_region", "-1"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
double communal(const engine::Simulation& s) { return double(output::totals(s).communal_deaths); }
double clashes(const engine::Simulation& s) { return double(output::totals(s).clashes); }
}  // namespace

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
