// Mobility and host restrictions (sim/mission/mobility.cpp).
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "mission/mission.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

namespace {
constexpr int seeds = 20;  // the p90 of a few responses varies: a sign test needs the pairs
constexpr int days = 240;
}  // namespace

TEST_CASE("host restrictions deny movements and slow responses", "[ensemble][mission][mobility]") {
    const auto d = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), denials);
    INFO("denials without restrictions " << d.mean_a << ", at 0.6 " << d.mean_b);
    CHECK(d.higher >= test::decisive(seeds));
    CHECK(d.mean_a == 0.0);
    const auto r = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), p90);
    INFO("p90 response without restrictions " << r.mean_a << " h, at 0.6 " << r.mean_b << " h; "
                                              << r.higher << " seeds slower, " << r.lower
                                              << " faster");
    CHECK(r.higher >= test::decisive(r.untied()));
}

TEST_CASE("the host's denials follow the tasks in force, as docs/model.md 8.7 tabulates",
          "[mission][mobility]") {
    // With consent 0.5 the consent term is 1, so the chance is host_restrictions x intrusion.
    actors::Forces forces;
    forces.parties.resize(1);
    forces.parties[0].government = true;
    forces.parties[0].consent = 0.5;
    auto sc = test::small_scenario({{"mobility.host_restrictions", "0.5"}});
    const std::pair<scenario::Mandate, double> intrusion[] = {
        {scenario::Mandate::None, 0.0},
        {scenario::Mandate::Political, 0.3},
        {scenario::Mandate::Observer, 0.5},
        {scenario::Mandate::Traditional, 0.6},
        {scenario::Mandate::Multidimensional, 1.0},
        {scenario::Mandate::RobustPoc, 1.2},
        {scenario::Mandate::Stabilization, 1.0}};
    for (const auto& [mandate, expected] : intrusion) {
        INFO(scenario::mandate_names[int(mandate)]);
        sc.mission.mandate = mandate;
        mission::State m;
        mission::apply_mandate(m, sc.mission);
        CHECK(mission::denial_chance(m, forces, sc) == Approx(0.5 * expected));
    }
    // Switching a task off lowers the intrusion.
    sc.mission.mandate = scenario::Mandate::Multidimensional;
    sc.mission.tasks.human_rights = scenario::Switch::Off;
    mission::State m;
    mission::apply_mandate(m, sc.mission);
    CHECK(mission::denial_chance(m, forces, sc) == Approx(0.5 * 0.8));
    // Less consent, more denials.
    forces.parties[0].consent = 0.1;
    CHECK(mission::denial_chance(m, forces, sc) > 0.5 * 0.8);
}
