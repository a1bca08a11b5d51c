#include <catch2/catch.hpp>

#include "../support/runs.hpp"
#include "peacesim/output/writers.hpp"
#include "peacesim/scenario/load.hpp"
#include "peacesim/world/map.hpp"

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

TEST_CASE("three million civilians give the same bits on 1, 2 and 3 threads",
          "[engine][determinism][large]") {
    // Many blocks of people, per-thread tallies of uneven share (3 threads where there are), and
    // person ids far past what the small runs reach.
    const auto sc = scenario::load_default({{"world.population", "3000000"}});
    std::string hash, series;
    for (int threads : {1, 2, 3}) {
        INFO(threads << " threads");
        engine::Simulation sim(sc, 5);
        engine::run_days(sim, 20, threads);
        if (threads == 1) {
            hash = sim.state_hash(), series = output::timeseries_csv(sim);
            REQUIRE(sim.civilians().size() == 3'000'000);
            continue;
        }
        CHECK(sim.state_hash() == hash);
        CHECK(output::timeseries_csv(sim) == series);
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

namespace {
bool same_map(const world::Map& a, const world::Map& b) {
    if (a.terrain != b.terrain || a.road != b.road || a.region != b.region) return false;
    if (a.settlements.size() != b.settlements.size()) return false;
    for (std::size_t i = 0; i < a.settlements.size(); ++i) {
        const auto &s = a.settlements[i], &t = b.settlements[i];
        if (s.x != t.x || s.y != t.y || s.name != t.name ||
            s.initial_population != t.initial_population || s.composition != t.composition)
            return false;
    }
    return true;
}
}  // namespace

TEST_CASE("replicates share the map of world.seed; the run seed moves the rest",
          "[engine][determinism]") {
    // Two run seeds, one map seed: one country, two histories.
    engine::Simulation a(test::small_scenario({{"world.seed", "5"}}), 1);
    engine::Simulation b(test::small_scenario({{"world.seed", "5"}}), 2);
    CHECK(same_map(a.map(), b.map()));
    // The civilians' own attributes stay on the run seed.
    CHECK(a.civilians().risk_aversion != b.civilians().risk_aversion);
    engine::run_days(a, 60, 2);
    engine::run_days(b, 60, 2);
    CHECK(same_map(a.map(), b.map()));
    CHECK(a.state_hash() != b.state_hash());
    CHECK(output::events_csv(a) != output::events_csv(b));

    // Another map seed, same run seed: another country.
    engine::Simulation c(test::small_scenario({{"world.seed", "6"}}), 1);
    CHECK_FALSE(same_map(a.map(), c.map()));
    CHECK(a.map().terrain != c.map().terrain);
    std::size_t moved = 0;
    for (std::size_t i = 0; i < c.map().settlements.size(); ++i)
        moved += a.map().settlements[i].x != c.map().settlements[i].x ||
                 a.map().settlements[i].y != c.map().settlements[i].y;
    CHECK(moved > c.map().settlements.size() / 2);

    // The default map seed is 1, the run seed the golden runs use, so their maps are unchanged.
    const auto sc = scenario::load_default();
    CHECK(sc.world.seed == 1);
    engine::Simulation d(test::small_scenario(), 7);
    CHECK(same_map(d.map(), world::generate_map(d.scenario(), 1)));
}
