#include <catch2/catch.hpp>

#include "../support/runs.hpp"
#include "peacesim/output/writers.hpp"

using namespace peacesim;

TEST_CASE("the same seed gives the same bits on 1, 2 and 4 threads", "[engine][determinism]") {
    const auto one = test::run_small(150, 11, 1);
    const std::string hash = one.state_hash();
    const std::string series = output::timeseries_csv(one);
    const std::string events = output::events_csv(one);
    REQUIRE(one.events().size() > 10);
    for (int threads : {2, 4}) {
        INFO(threads << " threads");
        const auto other = test::run_small(150, 11, threads);
        CHECK(other.state_hash() == hash);
        CHECK(output::timeseries_csv(other) == series);
        CHECK(output::events_csv(other) == events);
    }
}

TEST_CASE("running in pieces gives the same state as running at once", "[engine][determinism]") {
    const auto whole = test::run_small(90, 4, 2);
    engine::Simulation pieces(test::small_scenario(), 4);
    engine::run_days(pieces, 30, 1);
    engine::run_days(pieces, 30, 2);
    engine::run_days(pieces, 30, 4);
    CHECK(pieces.state_hash() == whole.state_hash());
}

TEST_CASE("different seeds give different runs", "[engine][determinism]") {
    const auto a = test::run_small(60, 1, 2);
    const auto b = test::run_small(60, 2, 2);
    CHECK(a.state_hash() != b.state_hash());
    // ... and so do different maps from the same seed when a parameter changes.
    const auto c = test::run_small(60, 1, 2, {{"conflict.osv_lethality", "0.06"}});
    CHECK(c.state_hash() != a.state_hash());
}
