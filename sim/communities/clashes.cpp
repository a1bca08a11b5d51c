// Intercommunal clashes (docs/model.md, section 7.10): above a threshold of tension the two
// largest communities present clash, logged as UCDP non-state conflict (type 2) between the
// communities' militias.
#include <algorithm>
#include <utility>

#include "communities/communities.hpp"

namespace peacesim::communities {

using core::Purpose;
using engine::Event;
using world::detail::none32;
using world::detail::none8;

namespace {
/// Below this fractionalisation a settlement has nobody left to clash with.
constexpr double min_mix = 0.05;
/// A clash kills clash_deaths x (clash_base + tension) on average: half the scenario's figure at
/// the threshold of calm, one and a half at full tension.
constexpr double clash_base = 0.5;
/// A clash kills each member of the two sides with at most this chance.
constexpr double max_clash_p = 0.2;
/// Tension added by the communal_incident inject.
constexpr float incident_tension = 0.4f;
}  // namespace

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

void clash(State& c, engine::Incidents& incidents, const world::Map& map,
           const population::Presence& presence, const scenario::CommunityParams& cp,
           double force_scale, const std::vector<std::uint8_t>& policed, double policed_share,
           const core::Today& today) {
    std::fill(c.clash_p.begin(), c.clash_p.end(), 0.0f);
    std::fill(c.clash_a.begin(), c.clash_a.end(), none8);
    std::fill(c.clash_b.begin(), c.clash_b.end(), none8);
    std::fill(c.clash_event.begin(), c.clash_event.end(), none32);
    c.clashes_today = 0;
    c.clashes_policed_today = 0;
    if (cp.clash_threshold >= 1.0) return;
    const std::size_t groups = presence.groups;
    const auto& present = presence.present;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        const double t = c.tension[s];
        if (t <= cp.clash_threshold) continue;
        std::int64_t total = 0;
        if (fractionalisation(&present[presence.at(s, 0)], groups, total) < min_mix) continue;
        auto r = today.stream(std::uint32_t(s), Purpose::Communal);
        if (!r.bernoulli(cp.clash_rate * (t - cp.clash_threshold) / (1.0 - cp.clash_threshold)))
            continue;
        // The two largest communities present fight.
        std::size_t a = 0, b = 1;
        if (present[presence.at(s, b)] > present[presence.at(s, a)]) std::swap(a, b);
        for (std::size_t g = 2; g < groups; ++g) {
            if (present[presence.at(s, g)] > present[presence.at(s, a)])
                b = a, a = g;
            else if (present[presence.at(s, g)] > present[presence.at(s, b)])
                b = g;
        }
        c.clash_a[s] = std::uint8_t(a);
        c.clash_b[s] = std::uint8_t(b);
        const double members = double(present[presence.at(s, a)] + present[presence.at(s, b)]);
        c.clash_p[s] = float(std::min(max_clash_p, cp.clash_deaths * force_scale *
                                                       (clash_base + t) / std::max(1.0, members)));
        if (s < policed.size() && policed[s]) {  // police restore order once they are there
            c.clash_p[s] = float(c.clash_p[s] * policed_share);
            ++c.clashes_policed_today;
        }
        // UCDP codes communal violence between informally organised identity groups as
        // non-state conflict (type 2).
        Event e;
        e.type = 2;
        e.side_a = Event::communal_side + std::uint32_t(std::min(a, b));
        e.side_b = Event::communal_side + std::uint32_t(std::max(a, b));
        if (a > b) std::swap(c.clash_a[s], c.clash_b[s]);  // deaths_a belongs to side_a
        e.cell_x = map.settlements[s].x, e.cell_y = map.settlements[s].y;
        e.settlement = std::uint32_t(s);
        c.clash_event[s] = std::uint32_t(incidents.today.size());
        incidents.today.push_back(e);
        ++c.clashes_today;
    }
}

void incident(State& c, std::uint32_t s) {
    if (s == none32) {  // the most tense mixed settlement
        s = 0;
        float best = -1;
        for (std::size_t k = 0; k < c.tension.size(); ++k)
            if (c.tension[k] > best) best = c.tension[k], s = std::uint32_t(k);
    }
    c.tension[s] = std::min(1.0f, c.tension[s] + incident_tension);
}

}  // namespace peacesim::communities
