// The national political track (sim/politics/track.cpp): mediation, inclusion, Council unity
// and DDR, over paired seeds.
#include <catch2/catch.hpp>
#include <tuple>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;
using scenario::Stage;

namespace {
// Seeds for the durability tests: about 10 s on one core each, and enough untied pairs (see
// below) for a sign test at 5% to detect an effect that holds in most of them.
constexpr int durability_seeds = 20;
constexpr int min_untied = 10;
}  // namespace

// No ';' in a test name: catch_discover_tests splits names there, and ctest then runs two
// filters that match nothing and pass.
TEST_CASE("without mediation no ceasefire is reached, with strong mediation most runs get one",
          "[ensemble][mechanism][politics]") {
    int with = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        // The mission's political staff mediate too (docs/model.md 8.9): no mediation means
        // neither envoys nor the mission's.
        const auto none = test::run_small(
            365, seed, 2, {{"politics.mediation", "0"}, {"mission.tasks.mediation", "off"}});
        CHECK(furthest(none) <= int(Stage::Talks));
        const auto strong = test::run_small(
            730, seed, 2, {{"politics.mediation", "1"}, {"politics.council_unity", "1"}});
        // Over two years: reprisals keep a war hot for a while before talks can calm it.
        with += furthest(strong) >= int(Stage::Ceasefire);
    }
    CHECK(with >= 6);
}

TEST_CASE("inclusion makes agreements more durable (Krause, Krause and Branfors 2018)",
          "[ensemble][mechanism][politics]") {
    // Without a mission, so that the civil society an inclusive agreement is tied to is the
    // only one who attributes incidents (sim/politics/word.cpp). With common random numbers
    // most pairs relapse on the same day or not at all: twice the seeds give enough that differ.
    const std::vector<scenario::Override> no_mission = {
        {"mission.troops", "0"}, {"mission.police", "0"}, {"mission.observers", "0"}};
    const auto p = test::compare(
        300, 2 * durability_seeds, accord(with(no_mission, {{"politics.inclusion", "0"}})),
        accord(with(no_mission, {{"politics.inclusion", "1"}})),
        [](const engine::Simulation& s) { return days_at_or_after(s, Stage::Agreement); });
    INFO("days of peace without inclusion " << p.mean_a << ", with full inclusion " << p.mean_b
                                            << "; " << p.higher << " seeds longer, " << p.lower
                                            << " shorter");
    // Sign test over the pairs that differ (pairs where neither relapses tie), with enough of
    // them that the test can be decisive at all.
    REQUIRE(p.untied() >= min_untied);
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("a united Council keeps an accord alive longer", "[ensemble][mechanism][politics]") {
    // Many pairs tie (neither relapses, or both on the same day): more seeds than the others.
    const auto p = test::compare(
        300, 2 * durability_seeds, accord({{"politics.council_unity", "0.1"}}),
        accord({{"politics.council_unity", "1.0"}}),
        [](const engine::Simulation& s) { return days_at_or_after(s, Stage::Agreement); });
    INFO("days of peace with a divided Council " << p.mean_a << ", united " << p.mean_b << "; "
                                                 << p.higher << " seeds longer, " << p.lower
                                                 << " shorter");
    REQUIRE(p.untied() >= min_untied);
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("implementation demobilises signatories", "[mechanism][politics]") {
    // DDR runs while the accord is implemented (politics.cpp): each day a signatory band loses
    // ddr_rate of its fighters (1.5 times that with the mission's DDR support, on by default)
    // and each of the group's recruits goes home with that chance.
    // Paired runs on one seed: the same country with DDR and without.
    const auto run = [](const char* ddr_rate) {
        engine::Simulation s(test::small_scenario(accord({{"politics.relapse_rate", "0"},
                                                          {"politics.ddr_rate", ddr_rate}})),
                             3);
        const auto signatory_fighters = [&] {
            std::int64_t n = 0;
            for (const auto& u : s.units())
                if (s.parties()[u.party].stance == scenario::Stance::Signatory) n += u.strength;
            return n;
        };
        const std::int64_t before = signatory_fighters();
        engine::run_days(s, 200, 2);
        return std::tuple{before, signatory_fighters(), std::move(s)};
    };
    const auto [before, after, with] = run("0.01");
    const auto [before_0, after_0, without] = run("0");
    INFO("signatory fighters " << before << " -> " << after << " with DDR, " << before_0 << " -> "
                               << after_0 << " without; recruits demobilised "
                               << output::totals(with).demobilised);
    // The accord holds throughout (no relapse), so the group stays a signatory in both runs.
    REQUIRE(with.stage() == Stage::Implementation);
    REQUIRE(without.stage() == Stage::Implementation);
    REQUIRE(with.parties()[1].stance == scenario::Stance::Signatory);
    REQUIRE(before > 0);
    // 1.5% a day for 200 days leaves about 5% of the bands, recruits aside; and the recruits
    // the group made go home.
    CHECK(after < before / 2);
    CHECK(after < after_0 / 2);
    CHECK(output::totals(with).demobilised > 0);
    // Without DDR no one is demobilised and the group keeps its strength.
    CHECK(output::totals(without).demobilised == 0);
    CHECK(after_0 >= before_0 * 3 / 4);
}
