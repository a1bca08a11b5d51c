// Every shipped scenario runs, conserves its people and produces violence.
#include <catch2/catch.hpp>
#include <filesystem>
#include <numeric>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;

TEST_CASE("every shipped scenario runs a quarter at a small size", "[scenario][shipped]") {
    std::int64_t types[4] = {0, 0, 0, 0};
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(PEACESIM_SOURCE_DIR "/scenarios")) {
        if (e.path().extension() != ".toml") continue;
        INFO(e.path().filename().string());
        // The classic civil-violence model has tests of its own (tests/epstein).
        if (scenario::load_file(e.path().string()).meta.model != scenario::Model::Conflict)
            continue;
        ++n;
        const auto sc = scenario::load_file(e.path().string(), {{"world.population", "40000"}});
        engine::Simulation sim(sc, 3);
        engine::run_days(sim, 120, 2);
        const auto c = sim.status_counts();
        CHECK(std::accumulate(c.begin(), c.end(), std::int64_t{0}) == 40000);
        for (const auto& ev : sim.events()) ++types[ev.type];
    }
    CHECK(n >= 6);
    CHECK(types[1] > 0);
    CHECK(types[2] > 0);
    CHECK(types[3] > 0);
}
