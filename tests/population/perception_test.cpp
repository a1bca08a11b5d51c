// Perception (sim/population/perception.cpp): the arrest risk P of Epstein (2002) from
// legitimacy and the state's reach, over paired seeds.
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

TEST_CASE("open rebellion falls with legitimacy and with the state's reach (Epstein 2002)",
          "[mechanism][rebellion]") {
    const auto actives = [](const engine::Simulation& s) {
        double a = 0;
        for (const auto& d : s.history())
            a += double(d.status[std::size_t(population::Status::Active)]);
        return a;
    };
    const auto legit = test::compare(150, 8, {{"government.legitimacy", "0.8"}},
                                     {{"government.legitimacy", "0.2"}}, actives);
    INFO("active person-days at L=0.8 " << legit.mean_a << ", at L=0.2 " << legit.mean_b);
    CHECK(legit.higher >= test::decisive(8));
    const auto reach = test::compare(150, 8, {{"population.state_reach", "200"}},
                                     {{"population.state_reach", "0"}}, actives);
    INFO("active person-days with dense policing " << reach.mean_a << ", with none "
                                                   << reach.mean_b);
    CHECK(reach.higher >= test::decisive(8));
    // Arrests happen where actives meet coercive agents.
    const auto s = test::run_small(150, 1, 2, {{"government.legitimacy", "0.2"}});
    std::int64_t jailed = 0;
    for (const auto& d : s.history()) jailed += d.status[std::size_t(population::Status::Jailed)];
    CHECK(jailed > 0);
}
