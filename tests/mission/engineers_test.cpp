// Engineers (sim/mission/engineers.cpp) repair roads.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
// A mission sized for the small test country.
std::vector<scenario::Override> sized(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"mission.troops", "1800"},
                                         {"mission.police", "280"},
                                         {"mission.helicopters", "2"},
                                         {"mission.budget_musd", "100"},
                                         {"mission.funding.reserve_musd", "8"},
                                         {"mission.civilian_staff", "100"},
                                         {"mission.observers", "40"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
double p90(const engine::Simulation& s) { return s.mission_totals().response_time_p90_h; }
double patrols(const engine::Simulation& s) { return double(s.mission_totals().patrols); }
double denials(const engine::Simulation& s) { return double(s.mission_totals().movement_denials); }
double killed(const engine::Simulation& s) { return double(output::totals(s).civilians_killed); }
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
