// Engineers (sim/mission/engineers.cpp) repair roads.
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

TEST_CASE("engineers turn tracks into all-weather roads", "[mission][mobility]") {
    const auto with = test::run_small(90, 1, 2, sized({{"mission.engineers", "450"}}));
    const auto without = test::run_small(90, 1, 2, sized({{"mission.engineers", "0"}}));
    CHECK(with.mission_totals().roads_repaired > 0);
    CHECK(without.mission_totals().roads_repaired == 0);
    std::size_t secondary_with = 0, secondary_without = 0;
    for (auto r : with.map().road) secondary_with += r == world::Road::Secondary;
    for (auto r : without.map().road) secondary_without += r == world::Road::Secondary;
    CHECK(secondary_with == secondary_without + std::size_t(with.mission_totals().roads_repaired));
}
