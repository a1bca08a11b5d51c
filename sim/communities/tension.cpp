// Intercommunal tension, local dialogues and humanitarian access (docs/model.md, section 7.10):
// killings feed cycles of revenge, impunity and competition for land and water raise tension,
// local institutions and dialogues (Autesserre 2010) lower it; access shrinks with violence
// and where armed groups hold the ground.

#include <algorithm>
#include <cmath>

#include "communities/communities.hpp"
#include "core/parallel.hpp"

namespace peacesim::communities {

using core::Purpose;
using world::detail::none32;

namespace {
/// Below this fractionalisation a settlement counts as unmixed; its tension fades by this
/// share a day (nobody left to quarrel with).
constexpr double min_mix = 0.05, unmixed_fade = 0.95;
/// Tension starts at scenario tension where communities are evenly mixed (F = 0.5).
constexpr double even_mix = 0.5;
/// Remembered violence in sight above this level counts as violence for impunity; where the
/// state holds the ground with troops at hand, impunity is this share.
constexpr double violence_seen = 0.05, justice_share = 0.3;
/// Crowding is residents over the initial population, over at least this many, capped.
constexpr double min_crowding_base = 500, max_crowding = 2.0;
/// Each clash costs local institutions this much capacity; each dialogue adds as much.
constexpr double clash_capacity_loss = 0.02, dialogue_capacity_gain = 0.02;
/// Dialogues are held where tension exceeds this; civil affairs make them this many times as
/// likely; a signed agreement opens political space locally (x1.5).
constexpr double dialogue_tension = 0.3, civil_affairs_factor = 3.0, agreement_dialogue_boost = 1.5;
/// Access relaxes by this share a day towards its target, which is this share where an armed
/// group holds the settlement.
constexpr double access_relaxation = 0.1, armed_access_share = 0.6;
}  // namespace

void init(State& c, const world::Map& map, const population::Presence& presence,
          const scenario::CommunityParams& cp) {
    const std::size_t ns = map.settlements.size();
    c.tension.assign(ns, 0.0f);
    c.capacity.assign(ns, float(cp.resolution_capacity));
    c.access.assign(ns, float(cp.humanitarian_access));
    c.initial_pop.assign(ns, 0);
    c.clash_p.assign(ns, 0.0f);
    c.clash_a.assign(ns, world::detail::none8);
    c.clash_b.assign(ns, world::detail::none8);
    c.clash_event.assign(ns, none32);
    for (std::size_t s = 0; s < ns; ++s) {
        c.initial_pop[s] = map.settlements[s].initial_population;
        std::int64_t total = 0;
        const double f =
            fractionalisation(&presence.present[presence.at(s, 0)], presence.groups, total);
        // Tension starts where communities live side by side, highest where they are evenly mixed.
        c.tension[s] = float(cp.tension * std::min(1.0, f / even_mix));
    }
}

DaySummary update(State& c, const population::Presence& presence, const world::Sight& sight,
                  const std::vector<float>& violence_memory,
                  const std::vector<std::int64_t>& deaths, const actors::Forces& forces,
                  const mission::State& mission, const politics::Track& politics,
                  const world::Season& season, const scenario::Scenario& sc,
                  const core::Today& today) {
    const auto& cp = sc.communities;
    const std::size_t ns = c.tension.size();
    const bool drought = season.drought_until >= today.day;
    const double dialogue_boost =
        politics.stage >= scenario::Stage::Agreement ? agreement_dialogue_boost : 1.0;
    std::vector<std::uint8_t> held_dialogue(ns, 0);
    std::vector<double> fracs(ns, 0.0);
    std::vector<std::int64_t> totals(ns, 0);
    core::parallel_for(core::Range(0, ns, 64), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            std::int64_t total = 0;
            const double frac =
                fractionalisation(&presence.present[presence.at(s, 0)], presence.groups, total);
            fracs[s] = frac, totals[s] = total;
            double near = 0;
            for (auto b : sight.vision_blocks[s]) near += violence_memory[b];
            double t = c.tension[s], cap = c.capacity[s];
            if (frac < min_mix) {
                t *= unmixed_fade;
            } else {
                // Violence where the state does not (or cannot) punish it breeds impunity
                // (Brosche and Elfversson 2012).
                const bool justice = forces.control[s] == 0 && forces.gov_companies[s] > 0;
                const double impunity =
                    near > violence_seen ? (justice ? justice_share : 1.0) : 0.0;
                const double crowding =
                    double(std::max<std::int64_t>(0, total - c.initial_pop[s])) /
                    double(std::max<std::int64_t>(
                        c.initial_pop[s], std::int64_t(min_crowding_base * sc.force_scale())));
                // Each death adds tension, less as tension nears its ceiling; deaths count per
                // head of the scenario's forces_population (docs/model.md, section 5).
                t += cp.tension_per_death * double(deaths[s]) / sc.force_scale() *
                         std::min(1.0, 2.0 * frac) * (1.0 - t) +
                     cp.impunity_weight * impunity +
                     cp.competition_weight *
                         (std::min(max_crowding, crowding) + (drought ? 1.0 : 0.0)) -
                     cp.tension_decay * cap * t;
                if (c.clash_event[s] != none32)
                    cap -= clash_capacity_loss;  // violence erodes institutions
                if (t > dialogue_tension) {
                    auto rng = today.stream(std::uint32_t(s), Purpose::Dialogue);
                    // Civil affairs officers convene dialogues where they work.
                    const double ca = mission.civil_affairs_here[s] ? civil_affairs_factor : 1.0;
                    if (rng.bernoulli(std::min(
                            1.0, sc.politics.local_dialogue_rate * cap * dialogue_boost * ca))) {
                        t *= 1.0 - sc.politics.dialogue_effect;
                        cap += dialogue_capacity_gain;
                        held_dialogue[s] = 1;
                    }
                }
            }
            c.tension[s] = float(std::clamp(t, 0.0, 1.0));
            c.capacity[s] = float(std::clamp(cap, 0.0, 1.0));
            // Access shrinks with violence nearby and where armed groups hold the ground.
            const double target = cp.humanitarian_access * std::exp(-near) *
                                  (forces.control[s] != 0 ? armed_access_share : 1.0);
            c.access[s] = float(c.access[s] + access_relaxation * (target - c.access[s]));
        }
    });
    double tw = 0, tsum = 0, aw = 0, asum = 0;
    c.dialogues_today = 0;
    for (std::size_t s = 0; s < ns; ++s) {
        const double frac = fracs[s];
        const auto total = totals[s];
        if (frac >= min_mix) tw += double(total), tsum += double(total) * c.tension[s];
        aw += double(total), asum += double(total) * c.access[s];
        c.dialogues_today += held_dialogue[s];
    }
    DaySummary d;
    d.mean_tension = tw > 0 ? tsum / tw : 0.0;
    d.mean_access = aw > 0 ? asum / aw : 0.0;
    return d;
}

}  // namespace peacesim::communities
