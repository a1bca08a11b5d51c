// Battles and one-sided violence (sim/actors/combat.cpp) have the effects they claim, over
// paired runs (same seed, same map) with the lever changed and a sign test on the pairs.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;
using population::Status;

namespace {
constexpr int seeds = 8;
constexpr int days = 150;
}  // namespace

TEST_CASE("state forces that disregard human rights kill civilians in sweeps",
          "[mechanism][violence]") {
    const auto clean = test::run_small(days, 3, 2, {{"government.hr_compliance", "1.0"}});
    CHECK(output::totals(clean).civilians_killed_government == 0);
    const auto p = test::compare(days, seeds, {{"government.hr_compliance", "0.9"}},
                                 {{"government.hr_compliance", "0.1"}}, killed_by_state);
    INFO("killed by the state at hr 0.9 " << p.mean_a << ", at 0.1 " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("bands that weigh the defenders' fire spare defended towns",
          "[ensemble][mechanism][violence]") {
    // Companies garrison towns: raiders who weigh the losses they would take there go
    // elsewhere (the displacement of violence the literature also reports).
    const auto in_towns = [](const engine::Simulation& s) {
        double d = 0;
        for (const auto& e : s.events())
            if (e.type == 3 && e.side_a != 0 && e.settlement < s.map().settlements.size() &&
                s.map().settlements[e.settlement].kind == world::SettlementKind::Town)
                d += double(e.deaths_civilians);
        return d;
    };
    // At the lethality of an attack no one stops (0.08, docs/model.md 7.7), so that the deaths
    // in the few towns raided are enough to count; towns are raided seldom, hence 48 seeds.
    const auto p = test::compare(
        240, 48, {{"conflict.raid_caution", "4.0"}, {"conflict.osv_lethality", "0.08"}},
        {{"conflict.raid_caution", "0.0"}, {"conflict.osv_lethality", "0.08"}}, in_towns);
    INFO("killed by armed groups in garrisoned towns by cautious bands "
         << p.mean_a << ", by bands heedless of losses " << p.mean_b << "; " << p.higher
         << " seeds more, " << p.lower << " fewer");
    // Towns are raided seldom, and a few large raids carry most of the deaths: the mean
    // difference over the pairs is tested by permutation rather than the count of pairs.
    INFO("permutation p = " << p.p_mean_higher());
    CHECK(p.p_mean_higher() < 0.05);
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("brutal groups kill more civilians", "[mechanism][violence]") {
    std::vector<scenario::Override> low, high;
    for (int g = 0; g < 3; ++g) {
        low.push_back({"armed_groups." + std::to_string(g) + ".brutality", "0.1"});
        high.push_back({"armed_groups." + std::to_string(g) + ".brutality", "0.9"});
    }
    const auto p = test::compare(days, seeds, low, high, killed_by_groups);
    INFO("killed by armed groups at brutality 0.1 " << p.mean_a << ", at 0.9 " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("bands merge into columns for raids, and the largest events grow",
          "[ensemble][mechanism][violence]") {
    // Coalescence and fragmentation (Bohorquez et al. 2009): with columns, a group's biggest
    // attacks are several bands strong.
    const auto largest = [](const engine::Simulation& s) {
        std::int64_t m = 0;
        for (const auto& e : s.events()) m = std::max(m, e.best());
        return double(m);
    };
    // At a lethality of 0.08, where one band's attack kills about ten (docs/model.md 7.7), so
    // that the size of the attacker shows in the deaths.
    const auto p = test::compare(365, seeds,
                                 {{"mission.mandate", "none"},
                                  {"conflict.column_share", "0.0"},
                                  {"conflict.osv_lethality", "0.08"}},
                                 {{"mission.mandate", "none"},
                                  {"conflict.column_share", "0.5"},
                                  {"conflict.osv_lethality", "0.08"}},
                                 largest);
    INFO("largest event without columns " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("bands merge into columns to attack the state too, and the largest battles grow",
          "[ensemble][mechanism][violence]") {
    // Columns form for every offensive of a group, not raids alone: a column that attacks a
    // company inflicts losses in proportion to its strength (Lanchester), so the biggest
    // battles with the state are several bands strong. Groups that never raid (brutality 0)
    // form columns only for their attacks on units.
    const auto largest_battle = [](const engine::Simulation& s) {
        std::int64_t m = 0;
        for (const auto& e : s.events())
            if (e.type == 1) m = std::max(m, e.best());
        return double(m);
    };
    std::vector<scenario::Override> without = {{"mission.mandate", "none"},
                                               {"conflict.column_share", "0.0"}};
    for (int g = 0; g < 3; ++g)
        without.push_back({"armed_groups." + std::to_string(g) + ".brutality", "0.0"});
    auto with = without;
    with[1].value = "0.6";
    const auto p = test::compare(365, 16, without, with, largest_battle);
    INFO("largest state-based battle without columns " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
}
