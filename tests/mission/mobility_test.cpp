// Mobility and host restrictions (sim/mission/mobility.cpp).
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

TEST_CASE("host restrictions deny movements and slow responses", "[mission][mobility]") {
    const auto d = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), denials);
    INFO("denials without restrictions " << d.mean_a << ", at 0.6 " << d.mean_b);
    CHECK(d.higher >= test::decisive(seeds));
    CHECK(d.mean_a == 0.0);
    const auto r = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), p90);
    INFO("p90 response without restrictions " << r.mean_a << " h, at 0.6 " << r.mean_b << " h");
    CHECK(r.higher >= test::decisive(seeds));
}
