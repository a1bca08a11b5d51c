// Mandates (sim/mission/mandate.cpp): what each bundles, and what it does through its units.
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

TEST_CASE("a protection mission lowers civilian deaths (Hultman, Kathman and Shannon 2013)",
          "[ensemble][mission][mandate]") {
    // 16 seeds: since columns form for every offensive, a few large raids make the deaths of a
    // small country vary more from seed to seed.
    constexpr int seeds = 16;
    const auto robust = test::compare(days, seeds, sized({{"mission.mandate", "robust_poc"}}),
                                      sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed under robust_poc " << robust.mean_a << ", with no mission "
                                              << robust.mean_b);
    CHECK(robust.higher >= test::decisive(seeds));
    const auto multi = test::compare(days, seeds, sized({{"mission.mandate", "multidimensional"}}),
                                     sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed under multidimensional " << multi.mean_a << ", with no mission "
                                                    << multi.mean_b);
    CHECK(multi.higher >= test::decisive(seeds));
}

TEST_CASE("stabilization costs impartiality and peacekeepers' lives", "[mission][mandate]") {
    const auto p = test::compare(
        days, seeds, sized({{"mission.mandate", "multidimensional"}}),
        sized({{"mission.mandate", "stabilization"}}),
        [](const engine::Simulation& s) { return double(s.mission_totals().fatalities); });
    INFO("peacekeepers killed, multidimensional " << p.mean_a << ", stabilization " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    const auto s = test::run_small(days, 1, 2, sized({{"mission.mandate", "stabilization"}}));
    CHECK(s.mission_totals().final_impartiality < 0.95);
    CHECK(s.mission_tasks().offensive_ops == scenario::Switch::On);
}

TEST_CASE("mandates deploy what they bundle, and task switches override them",
          "[mission][mandate]") {
    const auto none = test::run_small(30, 1, 2, sized({{"mission.mandate", "none"}}));
    CHECK(none.mission_units().empty());
    CHECK(none.mission_totals().cost_musd == 0.0);
    const auto political = test::run_small(30, 1, 2, sized({{"mission.mandate", "political"}}));
    REQUIRE_FALSE(political.mission_units().empty());
    for (const auto& u : political.mission_units())
        CHECK(u.kind == mission::UnitKind::CivilianTeam);
    CHECK(political.mission_tasks().mediation == scenario::Switch::On);
    CHECK(political.mission_tasks().presence == scenario::Switch::Off);
    const auto observer = test::run_small(30, 1, 2, sized({{"mission.mandate", "observer"}}));
    bool has_observers = false, has_troops = false;
    for (const auto& u : observer.mission_units()) {
        has_observers |= u.kind == mission::UnitKind::Observers;
        has_troops |= u.kind == mission::UnitKind::Company;
    }
    CHECK(has_observers);
    CHECK_FALSE(has_troops);
    const auto no_patrols = test::run_small(60, 1, 2, sized({{"mission.tasks.patrols", "off"}}));
    CHECK(no_patrols.mission_totals().patrols == 0);
    const auto with = test::run_small(60, 1, 2, sized({}));
    CHECK(with.mission_totals().patrols > 0);
}
