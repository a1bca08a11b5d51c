// Armed groups' resources and cohesion (docs/model.md, section 7.12): recent pain from losses;
// cohesion strained by defeats and by disputes over talks; resources from predation on the
// people a group holds, minus the upkeep of its fighters (Collier and Hoeffler 2004; Weinstein
// 2007); groups whose cohesion fails split.
#include <algorithm>
#include <cmath>

#include "actors/actors.hpp"

namespace peacesim::actors {

using core::Purpose;

namespace {
/// Pain is a 30-day moving average of the daily loss share.
constexpr double pain_days = 30.0;
/// Cohesion relaxes towards its usual level at this share a day, falls by this many times the
/// day's loss share, and by a little every day a group spends in talks (factions dispute them).
constexpr double cohesion_recovery = 0.002, cohesion_per_loss = 0.5, cohesion_cost_of_talks = 0.001;
/// Resources stay within these bounds: a group never loses every source of income.
constexpr double min_resources = 0.02, max_resources = 1.0;
}  // namespace

void update_groups(Forces& f, population::Civilians& civ, const population::Presence& presence,
                   const scenario::Scenario& sc, const core::Today& today) {
    auto& parties = f.parties;
    for (std::size_t p = 0; p < parties.size(); ++p) {
        Party& g = parties[p];
        const double frac = double(f.today[p].losses) /
                            double(std::max<std::int64_t>(1, f.today[p].fighters_at_dawn));
        g.pain += (frac - g.pain) / pain_days;
        if (g.government) continue;
        g.cohesion += cohesion_recovery * (g.initial_cohesion - g.cohesion) -
                      cohesion_per_loss * frac -
                      (g.stance == scenario::Stance::Negotiating ? cohesion_cost_of_talks : 0.0);
        g.cohesion = std::clamp(g.cohesion, 0.0, 1.0);
    }
    std::vector<std::int64_t> held(parties.size(), 0), fighters(parties.size(), 0);
    for (std::size_t s = 0; s < f.control.size(); ++s)
        held[f.control[s]] += presence.residents_at(s);
    for (const auto& u : f.units) fighters[u.party] += u.strength;
    const auto& cp = sc.conflict;
    for (std::size_t p = 1; p < parties.size(); ++p) {
        Party& g = parties[p];
        // Per head of the country the forces were written for (docs/model.md, section 5): a
        // country ten times as populous has ten times the people held and the fighters, and
        // the same income and upkeep a head.
        g.resources += (cp.predation_income * double(held[p]) / 100000.0 -
                        cp.upkeep * double(fighters[p]) / 1000.0) /
                       sc.force_scale();
        g.resources = std::clamp(g.resources, min_resources, max_resources);
    }
    const std::size_t n = parties.size();  // splinters made below do not split again today
    for (std::size_t p = 1; p < n; ++p) {
        if (parties[p].cohesion >= cp.splinter_threshold || fighters[p] < 2 * parties[p].band_size)
            continue;
        if (today.stream(std::uint32_t(p), Purpose::Splinter).bernoulli(cp.splinter_rate))
            splinter(f, civ, std::uint32_t(p), today);
    }
}

}  // namespace peacesim::actors
