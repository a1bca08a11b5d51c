// The civilians' daily update (sim/population/update.cpp): flight and recruitment respond to
// their causes, over paired runs (same seed, same map) and a sign test on the pairs; and its
// shortcut for quiet settlements changes nothing.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/output/writers.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;
using namespace peacesim::test;
using population::Status;

namespace {
constexpr int seeds = 8;
constexpr int days = 150;
}  // namespace

TEST_CASE("remembered violence makes people flee", "[mechanism][flight]") {
    const auto p = test::compare(days, seeds, {{"conflict.threat_per_death", "0.0"}},
                                 {{"conflict.threat_per_death", "0.15"}}, fled);
    INFO("fled without violence memory " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("more risk-averse people flee sooner", "[mechanism][flight]") {
    const auto p = test::compare(days, seeds, {{"population.risk_aversion_mean", "0.3"}},
                                 {{"population.risk_aversion_mean", "0.7"}}, fled);
    INFO("fled at R=0.3 " << p.mean_a << ", at R=0.7 " << p.mean_b);
    // A person flees when threat exceeds their tolerance 1 - R: higher R, lower bar, more flight.
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("legitimacy lowers grievance and so recruitment (Epstein 2002)",
          "[mechanism][rebellion]") {
    const auto p = test::compare(days, seeds, {{"government.legitimacy", "0.8"}},
                                 {{"government.legitimacy", "0.2"}}, recruited);
    INFO("recruits at L=0.8 " << p.mean_a << ", at L=0.2 " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("perceived arrest risk deters rebellion (Epstein 2002)", "[mechanism][rebellion]") {
    const auto p =
        test::compare(days, seeds, {{"population.arrest_k", "20"}, {"population.max_risk", "1.0"}},
                      {{"population.arrest_k", "0"}}, recruited);
    INFO("recruits with k=20 " << p.mean_a << ", with k=0 " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("the shortcut for people at home where nothing struck gives the run the full rules give",
          "[population][shortcut]") {
    // Shipped countries small enough to run twice, and settings that reach every branch the
    // shortcut reads once for a whole settlement: misconduct, safety, rebellion where the state
    // holds the ground, recruiters at hand, threat near people's tolerance, clashes.
    const std::vector<std::pair<const char*, std::vector<scenario::Override>>> cases = {
        {"default", {}},
        {"intercommunal", {}},
        {"sahel", {{"mission.misconduct_rate", "5"}}},
        {"default", {{"population.rebellion_threshold", "0.05"}, {"government.legitimacy", "0.2"}}},
        {"frozen_conflict", {{"population.risk_aversion_mean", "0.9"}}},
    };
    for (const auto& [name, extra] : cases) {
        auto o = extra;
        o.push_back({"world.population", "120000"});
        const auto sc =
            scenario::load_file(std::string(PEACESIM_SOURCE_DIR "/scenarios/") + name + ".toml", o);
        INFO(name << " with " << extra.size() << " overrides");
        engine::Simulation fast(sc, 3), full(sc, 3);
        full.use_full_rules(true);
        engine::run_days(fast, 200, 2);
        engine::run_days(full, 200, 2);
        CHECK(fast.state_hash() == full.state_hash());
        CHECK(output::timeseries_csv(fast) == output::timeseries_csv(full));
        CHECK(output::events_csv(fast) == output::events_csv(full));
    }
}
