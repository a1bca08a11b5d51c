// Communities: intercommunal tension, local conflict resolution and humanitarian access in each
// settlement, and the intercommunal clashes that tension produces.
#include <tbb/parallel_for.h>

#include "state.hpp"

namespace peacesim::engine {

using namespace detail;

namespace {
/// 1 - sum of squared shares: the chance that two residents met at random differ in identity.
double fractionalisation(const std::int32_t* present, std::size_t groups, std::int64_t& total) {
    total = 0;
    for (std::size_t g = 0; g < groups; ++g) total += present[g];
    if (total <= 0) return 0.0;
    double sq = 0;
    for (std::size_t g = 0; g < groups; ++g) {
        const double share = double(present[g]) / double(total);
        sq += share * share;
    }
    return 1.0 - sq;
}
}  // namespace

void Simulation::State::init_communities() {
    const std::size_t ns = map.settlements.size();
    const auto& cp = sc.communities;
    tension.assign(ns, 0.0f);
    capacity.assign(ns, float(cp.resolution_capacity));
    access.assign(ns, float(cp.humanitarian_access));
    initial_pop.assign(ns, 0);
    deaths_here.assign(ns, 0);
    clash_p.assign(ns, 0.0f);
    clash_a.assign(ns, none8);
    clash_b.assign(ns, none8);
    clash_event.assign(ns, none32);
    for (std::size_t s = 0; s < ns; ++s) {
        initial_pop[s] = map.settlements[s].initial_population;
        std::int64_t total = 0;
        const double f = fractionalisation(&present[sg(s, 0)], groups, total);
        // Tension starts where communities live side by side, highest where they are evenly mixed.
        tension[s] = float(cp.tension * std::min(1.0, f / 0.5));
    }
}

void Simulation::State::resolve_communities() {
    const auto& cp = sc.communities;
    std::fill(clash_p.begin(), clash_p.end(), 0.0f);
    std::fill(clash_a.begin(), clash_a.end(), none8);
    std::fill(clash_b.begin(), clash_b.end(), none8);
    std::fill(clash_event.begin(), clash_event.end(), none32);
    clashes_today = 0;
    if (cp.clash_threshold >= 1.0) return;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        const double t = tension[s];
        if (t <= cp.clash_threshold) continue;
        std::int64_t total = 0;
        if (fractionalisation(&present[sg(s, 0)], groups, total) < 0.05) continue;
        Stream r(seed, std::uint32_t(day), std::uint32_t(s), Purpose::Communal);
        if (!r.bernoulli(cp.clash_rate * (t - cp.clash_threshold) / (1.0 - cp.clash_threshold))) continue;
        // The two largest communities present fight.
        std::size_t a = 0, b = 1;
        if (present[sg(s, b)] > present[sg(s, a)]) std::swap(a, b);
        for (std::size_t g = 2; g < groups; ++g) {
            if (present[sg(s, g)] > present[sg(s, a)]) b = a, a = g;
            else if (present[sg(s, g)] > present[sg(s, b)]) b = g;
        }
        clash_a[s] = std::uint8_t(a);
        clash_b[s] = std::uint8_t(b);
        const double members = double(present[sg(s, a)] + present[sg(s, b)]);
        clash_p[s] = float(std::min(0.2, cp.clash_deaths * (0.5 + t) / std::max(1.0, members)));
        // UCDP codes communal violence between informally organised identity groups as
        // non-state conflict (type 2).
        Event e;
        e.type = 2;
        e.side_a = Event::communal_side + std::uint32_t(std::min(a, b));
        e.side_b = Event::communal_side + std::uint32_t(std::max(a, b));
        if (a > b) std::swap(clash_a[s], clash_b[s]);  // deaths_a belongs to side_a
        e.cell_x = map.settlements[s].x, e.cell_y = map.settlements[s].y;
        e.settlement = std::uint32_t(s);
        clash_event[s] = std::uint32_t(today.size());
        today.push_back(e);
        ++clashes_today;
    }
}

void Simulation::State::update_communities(DayStats& st) {
    const auto& cp = sc.communities;
    const std::size_t ns = map.settlements.size();
    const bool drought = drought_until >= day;
    const double dialogue_boost = stage >= scenario::Stage::Agreement ? 1.5 : 1.0;
    std::vector<std::uint8_t> held_dialogue(ns, 0);
    std::vector<double> fracs(ns, 0.0);
    std::vector<std::int64_t> totals(ns, 0);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ns, 64), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            std::int64_t total = 0;
            const double frac = fractionalisation(&present[sg(s, 0)], groups, total);
            fracs[s] = frac, totals[s] = total;
            double near = 0;
            for (auto b : vision_blocks[s]) near += violence[b];
            double t = tension[s], cap = capacity[s];
            if (frac < 0.05) {
                t *= 0.95;  // nobody left to quarrel with
            } else {
                // Violence where the state does not (or cannot) punish it breeds impunity.
                const bool justice = control[s] == 0 && gov_companies[s] > 0;
                const double impunity = near > 0.05 ? (justice ? 0.3 : 1.0) : 0.0;
                const double crowding = double(std::max<std::int64_t>(0, total - initial_pop[s])) /
                                        double(std::max<std::int64_t>(initial_pop[s], 500));
                // Each death adds tension, less as tension nears its ceiling.
                t += cp.tension_per_death * double(deaths_here[s]) * std::min(1.0, 2.0 * frac) * (1.0 - t) +
                     cp.impunity_weight * impunity +
                     cp.competition_weight * (std::min(2.0, crowding) + (drought ? 1.0 : 0.0)) -
                     cp.tension_decay * cap * t;
                if (clash_event[s] != none32) cap -= 0.02;  // violence erodes local institutions
                if (t > 0.3) {
                    Stream rng(seed, std::uint32_t(day), std::uint32_t(s), Purpose::Dialogue);
                    // Civil affairs officers convene dialogues where they work (three times as often).
                    const double ca = civil_affairs_here[s] ? 3.0 : 1.0;
                    if (rng.bernoulli(std::min(1.0, sc.politics.local_dialogue_rate * cap * dialogue_boost * ca))) {
                        t *= 1.0 - sc.politics.dialogue_effect;
                        cap += 0.02;
                        held_dialogue[s] = 1;
                    }
                }
            }
            tension[s] = float(std::clamp(t, 0.0, 1.0));
            capacity[s] = float(std::clamp(cap, 0.0, 1.0));
            // Access shrinks with violence nearby and where armed groups hold the ground.
            const double target = cp.humanitarian_access * std::exp(-near) * (control[s] != 0 ? 0.6 : 1.0);
            access[s] = float(access[s] + 0.1 * (target - access[s]));
        }
    });
    double tw = 0, tsum = 0, aw = 0, asum = 0;
    dialogues_today = 0;
    for (std::size_t s = 0; s < ns; ++s) {
        const double frac = fracs[s];
        const auto total = totals[s];
        if (frac >= 0.05) tw += double(total), tsum += double(total) * tension[s];
        aw += double(total), asum += double(total) * access[s];
        dialogues_today += held_dialogue[s];
    }
    st.mean_tension = tw > 0 ? tsum / tw : 0.0;
    st.mean_access = aw > 0 ? asum / aw : 0.0;
    st.dialogues = dialogues_today;
    st.clashes = clashes_today;
}

}  // namespace peacesim::engine
