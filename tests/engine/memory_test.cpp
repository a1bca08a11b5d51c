// The memory a run needs, estimated before it starts (sim/engine/run.cpp): the estimate holds
// at least every byte the civilians take, grows with the population, and a run that would not fit
// is refused with the figures.
#include <catch2/catch.hpp>

#include "../support/runs.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;

TEST_CASE("the memory estimate covers the civilians and grows with the population", "[memory]") {
    const auto sc = test::small_scenario();
    engine::Simulation sim(sc, 1);
    const auto& c = sim.civilians();
    const std::size_t n = c.size();
    const std::size_t held = c.home.capacity() * 4 + c.location.capacity() * 4 +
                             c.group.capacity() + c.status.capacity() + c.affiliation.capacity() +
                             c.hardship.capacity() * 4 + c.risk_aversion.capacity() * 4 +
                             c.grievance.capacity() * 4 + c.trust_state.capacity() * 4 +
                             c.jail_days.capacity() * 2 + c.trust_mission.capacity() * 4;
    CHECK(engine::memory_estimate(sc) >= held);
    CHECK(double(held) / double(n) <= 34.0);  // the estimate's bytes a person
    auto bigger = sc;
    bigger.world.population *= 10;
    const auto grown = engine::memory_estimate(bigger) - engine::memory_estimate(sc);
    CHECK(grown == std::uint64_t(9 * sc.world.population) * 34);
}

TEST_CASE("a run that would not fit in memory is refused with the figures", "[memory]") {
    const std::uint64_t gb = 1ull << 30;
    CHECK_FALSE(engine::memory_problem(2 * gb, 8 * gb, 50'000'000));
    CHECK_FALSE(engine::memory_problem(2 * gb, 0, 50'000'000));  // unknown: no refusal
    const auto problem = engine::memory_problem(12 * gb, 3 * gb, 350'000'000);
    REQUIRE(problem);
    CHECK_THAT(*problem, Catch::Contains("12.0 GB"));
    CHECK_THAT(*problem, Catch::Contains("3.0 GB available"));
    CHECK_THAT(*problem, Catch::Contains("world.population"));
    CHECK(engine::memory_available() > 0);  // Linux says
}
