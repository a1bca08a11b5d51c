// The civilians at the start (docs/model.md, sections 2 and 5): one agent per person, given a
// home by the settlements' populations and compositions, with hardship and risk aversion drawn
// around the scenario's means (Epstein 2002). Deterministic in the seed alone.
#include "peacesim/population/civilians.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "core/parallel.hpp"
#include "peacesim/core/random.hpp"

namespace peacesim::population {

void Civilians::resize(std::size_t n) {
    home.resize(n);
    location.resize(n);
    group.resize(n);
    status.resize(n);
    affiliation.resize(n);
    hardship.resize(n);
    risk_aversion.resize(n);
    grievance.resize(n);
    trust_state.resize(n);
    jail_days.resize(n);
    trust_mission.resize(n);
    run_ends.clear();
}

void index_runs(Civilians& c) {
    const std::size_t n = c.size();
    const auto ends_at = [&](std::size_t i) {
        return c.home[i] != c.home[i - 1] || c.group[i] != c.group[i - 1];
    };
    std::size_t runs = n > 0;
    for (std::size_t i = 1; i < n; ++i) runs += ends_at(i);
    c.run_ends.clear();
    c.run_ends.shrink_to_fit();
    c.run_ends.reserve(runs);  // exactly: no slack held for the run's whole length
    for (std::size_t i = 1; i < n; ++i)
        if (ends_at(i)) c.run_ends.push_back(std::uint32_t(i));
    if (n > 0) c.run_ends.push_back(std::uint32_t(n));
}

Civilians make_civilians(const world::Map& map, const scenario::Scenario& sc, std::uint64_t seed) {
    Civilians c;
    std::vector<std::size_t> first(map.settlements.size() + 1, 0);
    for (std::size_t s = 0; s < map.settlements.size(); ++s)
        first[s + 1] = first[s] + std::size_t(map.settlements[s].initial_population);
    c.resize(first.back());
    const double r_mean = sc.population.risk_aversion_mean;
    const double r_half = std::min(r_mean, 1.0 - r_mean);
    const auto trust = float(sc.population.trust_state);
    // Each settlement's people are placed by identity group, the groups in order, so that those
    // who share a home and a group sit together: the quiet people's day is then done a run of
    // them at a time (population/quiet.hpp). Person j of the settlement draws their group and
    // traits from stream first + j, and sits among their group in that order.
    core::parallel_for(core::Range(0, map.settlements.size(), 8), [&](const core::Range& range) {
        std::vector<std::array<std::uint32_t, 3>> drawn;  // group, hardship, risk aversion
        for (std::size_t s = range.begin(); s < range.end(); ++s) {
            const auto& comp = map.settlements[s].composition;
            const std::size_t people = first[s + 1] - first[s];
            drawn.resize(people);
            std::vector<std::size_t> next(comp.size() + 1, 0);
            for (std::size_t j = 0; j < people; ++j) {
                core::Stream(seed, 0, std::uint32_t(first[s] + j), core::Purpose::CivilianInit)
                    .fill(drawn[j].data(), 3);
                const double u = core::unit_interval(drawn[j][0]);
                double acc = 0;
                std::size_t g = 0;
                for (; g + 1 < comp.size(); ++g) {
                    acc += comp[g];
                    if (u < acc) break;
                }
                drawn[j][0] = std::uint32_t(g);
                ++next[g + 1];
            }
            for (std::size_t g = 1; g <= comp.size(); ++g) next[g] += next[g - 1];
            for (std::size_t j = 0; j < people; ++j) {
                const std::size_t g = drawn[j][0];
                const double u_h = core::unit_interval(drawn[j][1]);
                const double u_r = core::unit_interval(drawn[j][2]);
                const std::size_t i = first[s] + next[g]++;
                const double h_mean = sc.identity_groups[g].hardship;
                const double h_half = std::min(h_mean, 1.0 - h_mean);
                c.home[i] = c.location[i] = std::uint32_t(s);
                c.group[i] = std::uint8_t(g);
                c.status[i] = std::uint8_t(Status::Home);
                c.affiliation[i] = no_affiliation;
                c.hardship[i] = float(h_mean + h_half * (2 * u_h - 1));
                c.risk_aversion[i] = float(r_mean + r_half * (2 * u_r - 1));
                c.grievance[i] = 0.0f;
                c.trust_state[i] = trust;
                c.jail_days[i] = 0;
                c.trust_mission[i] = 0.5f;  // indifference: the mission has done nothing yet
            }
        }
    });
    return c;
}

}  // namespace peacesim::population
