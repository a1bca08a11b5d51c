// Perception (sim/population/perception.cpp): the arrest risk P of Epstein (2002) from
// legitimacy and the state's reach, over paired seeds.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

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
