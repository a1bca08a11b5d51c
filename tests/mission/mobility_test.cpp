// Mobility and host restrictions (sim/mission/mobility.cpp).
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
