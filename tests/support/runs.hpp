#pragma once
// Small runs shared by the engine and output tests.
#include <string>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::test {

/// The default scenario scaled down so that a run takes a fraction of a second: a smaller map
/// with forces of its own, written for its 60,000 people (world.forces_population).
inline scenario::Scenario small_scenario(std::vector<scenario::Override> extra = {}) {
    std::vector<scenario::Override> o = {{"world.population", "60000"},
                                         {"world.forces_population", "60000"},
                                         {"world.width", "128"},
                                         {"world.height", "128"},
                                         {"world.villages", "120"},
                                         {"world.towns", "8"},
                                         {"world.regions", "6"},
                                         {"government.forces", "1500"},
                                         {"armed_groups.0.fighters", "500"},
                                         {"armed_groups.1.fighters", "300"},
                                         {"armed_groups.2.fighters", "200"}};
    for (auto& e : extra) o.push_back(e);
    return scenario::load_default(o);
}

inline engine::Simulation run_small(int days, std::uint64_t seed, int threads,
                                    std::vector<scenario::Override> extra = {}) {
    engine::Simulation sim(small_scenario(std::move(extra)), seed);
    engine::run_days(sim, days, threads);
    return sim;
}

}  // namespace peacesim::test
