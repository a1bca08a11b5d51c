// Elections (sim/politics/elections.cpp) at the end of implementation.
#include <catch2/catch.hpp>
#include <tuple>

#include "../support/ensemble.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using scenario::Stage;

namespace {
// Seeds for the durability tests: about 10 s on one core each, and enough untied pairs (see
// below) for a sign test at 5% to detect an effect that holds in most of them.
constexpr int durability_seeds = 20;
constexpr int min_untied = 10;

double days_at_or_after(const engine::Simulation& s, Stage stage) {
    double n = 0;
    for (const auto& d : s.history()) n += d.stage >= stage;
    return n;
}
int furthest(const engine::Simulation& s) { return int(output::totals(s).furthest_stage); }
// A post-war setting: the accord is being implemented, two spoilers are still armed. The relapse
// hazard is high enough that most seeds relapse within 300 days in at least one arm of a pair:
// pairs where neither does tie and tell nothing.
std::vector<scenario::Override> accord(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"politics.initial_stage", "implementation"},
                                         {"armed_groups.0.stance", "signatory"},
                                         {"armed_groups.1.stance", "spoiler"},
                                         {"armed_groups.2.stance", "spoiler"},
                                         {"politics.relapse_rate", "0.1"},
                                         {"politics.implementation_days", "2000"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
}  // namespace

// No ';' in a test name: catch_discover_tests splits names there, and ctest then runs two
// filters that match nothing and pass.
TEST_CASE("elections at the end of implementation lead to transition when they are calm",
          "[mechanism][politics]") {
    const auto s = test::run_small(200, 2, 2,
                                   accord({{"politics.relapse_rate", "0"},
                                           {"politics.implementation_days", "60"},
                                           {"armed_groups.1.fighters", "0"},
                                           {"armed_groups.2.fighters", "0"}}));
    CHECK(output::totals(s).furthest_stage == Stage::Transition);
}
