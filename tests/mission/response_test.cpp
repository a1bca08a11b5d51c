// Rapid response (sim/mission/response.cpp): helicopters and attack helicopters.
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

TEST_CASE("helicopters shorten responses", "[ensemble][mission][mobility]") {
    // The typical response (the slow tail: the next test).
    const auto median = [](const engine::Simulation& s) {
        return s.mission_totals().response_time_median_h;
    };
    const auto p = test::compare(365, 10, sized({{"mission.helicopters", "12"}}),
                                 sized({{"mission.helicopters", "0"}}), median);
    INFO("median response with 12 helicopters " << p.mean_a << " h, with none " << p.mean_b
                                                << " h");
    // A seed with no attack to answer in either arm ties and tells nothing.
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
    // With no helicopter, nobody is flown in; with them the lifts are sorties flown.
    const auto none = test::run_small(days, 1, 2, sized({{"mission.helicopters", "0"}}));
    CHECK(none.mission_totals().why.responses_by_air == 0);
    const auto twelve = test::run_small(days, 1, 2, sized({{"mission.helicopters", "12"}}));
    CHECK(twelve.mission_totals().why.responses_by_air > 0);
    CHECK(twelve.mission_totals().why.sorties >= twelve.mission_totals().why.responses_by_air);
}

TEST_CASE("a force the host holds is replaced by the next: spare helicopters shorten the slow tail",
          "[ensemble][mission][mobility]") {
    // The default country at 200,000 people under robust rules, where the host holds about a
    // tenth of the responses: with 2 helicopters the next force is often far, on the road, or
    // grounded; with 12 a lift nearly as quick is at hand. (The small test country has too few
    // quick-reaction forces for a next one to be free.)
    const auto run = [](std::uint64_t seed, std::vector<scenario::Override> o) {
        o.insert(o.begin(), {{"world.population", "200000"}, {"mission.mandate", "robust_poc"}});
        engine::Simulation sim(scenario::load_default(o), seed);
        engine::run_days(sim, 365, 2);
        return sim;
    };
    test::Paired p;  // a: 12 helicopters, b: 2
    constexpr int n = 12;
    for (int s = 1; s <= n; ++s) {
        const double a = p90(run(std::uint64_t(s), {{"mission.helicopters", "12"}}));
        const double b = p90(run(std::uint64_t(s), {{"mission.helicopters", "2"}}));
        p.higher += b > a, p.lower += b < a;
        p.mean_a += a / n, p.mean_b += b / n;
    }
    INFO("p90 response with 12 helicopters " << p.mean_a << " h, with 2 " << p.mean_b << " h; "
                                             << p.higher << " seeds slower with 2, " << p.lower
                                             << " faster");
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
    // The mechanism at work: forces held, and attacks answered by the next force instead; with
    // no restrictions, no hold and no replacement.
    const auto twelve = run(1, {{"mission.helicopters", "12"}});
    const auto& why = twelve.mission_totals().why;
    INFO("held " << why.responses_denied << ", answered by another force "
                 << why.responses_retasked);
    CHECK(why.responses_retasked > 0);
    CHECK(why.responses_retasked <= why.responses_denied);
    const auto unhindered =
        run(1, {{"mission.helicopters", "12"}, {"mobility.host_restrictions", "0"}});
    CHECK(unhindered.mission_totals().why.responses_denied == 0);
    CHECK(unhindered.mission_totals().why.responses_retasked == 0);
}

TEST_CASE("attack helicopters add fire support under robust rules", "[mission][mobility]") {
    const auto p = test::compare(
        days, seeds,
        sized({{"mission.mandate", "robust_poc"}, {"mission.attack_helicopters", "6"}}),
        sized({{"mission.mandate", "robust_poc"}}), [](const engine::Simulation& s) {
            return double(output::totals(s).civilians_killed_groups);
        });
    INFO("killed by armed groups with attack helicopters " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher > p.lower);
    CHECK(p.mean_b > p.mean_a);
}
