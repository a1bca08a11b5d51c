// Patrols (docs/model.md, section 8.4): companies patrol on a day with a probability set by the
// posture, their readiness and the money left for fuel; the host may block the road. A patrol
// drives out to a settlement within a day's reach, chosen by what it needs (its people, the
// violence remembered there, the guard it lacks), and spends the day there: it guards it as
// the troops on the spot would, is exposed to IEDs on the way, and meets the bands it finds.
#include <cmath>

#include "actors/actors.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;
using world::detail::none32;

namespace {
/// Share of days a company patrols, by posture: static, mobile, robust.
constexpr double patrol_share_static = 0.35, patrol_share_mobile = 0.6, patrol_share_robust = 0.75;
/// Patrols left when cash is below a month of running costs (fuel is cut first after flight
/// hours), and none when there is no cash at all.
constexpr double patrols_when_short = 0.3;
/// A patrol is blocked with this share of the host's denial chance for a movement.
constexpr double patrol_denial_share = 0.25;
/// Each patrol raises a company's performance score by this share of the distance to 1.
constexpr float patrol_performance = 0.02f;
/// A patrol goes at most this far from its base and back in a day, with this share of the
/// company (two platoons; the rest guard the base).
constexpr double patrol_km = 25.0, patrol_strength_share = 0.6;
/// Remembered violence weighs this much in choosing where to patrol, beside the people there.
constexpr double patrol_violence_weight = 10.0;
/// Safety a patrol gives the people it visits, relative to a base.
constexpr double patrol_safety = 0.6;
}  // namespace

double patrol_share(scenario::Posture p) {
    return p == scenario::Posture::Static   ? patrol_share_static
           : p == scenario::Posture::Mobile ? patrol_share_mobile
                                            : patrol_share_robust;
}

void patrol(State& m, actors::Forces& forces, const world::Map& map, const world::Sight& sight,
            const population::Presence& presence, const std::vector<float>& violence_memory,
            const scenario::Scenario& sc, const core::Today& today) {
    for (auto& u : m.units) u.patrolling = false, u.patrol_to = none32;
    if (!m.on || !m.tasks.patrols) return;
    const auto& p = sc.mission;
    // Money first: without cash for fuel, patrols are the first thing cut after flight hours.
    const double month_costs =
        double(sc.per_head(p.troops + p.police)) * p.funding.upkeep_usd_per_day * 30.0;
    const double funding = m.cash <= 0 ? 0.0 : m.cash < month_costs ? patrols_when_short : 1.0;
    const double share_today = patrol_share(m.posture);
    const double deny = denial_chance(m, forces, sc);
    const int reach = std::max(1, int(patrol_km / map.cell_km));
    const double patrol_usd = sc.per_head(p.funding.patrol_usd);  // a company's size scales
    std::vector<std::pair<double, std::uint32_t>> places;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        Unit& u = m.units[id];
        if (!u.active() || u.kind != UnitKind::Company || u.orders == 0) continue;
        auto r = today.stream(id, Purpose::MissionPatrol);
        const double share = u.orders == 1 ? 1.0 : share_today;  // ordered to patrol: every day
        if (!r.bernoulli(share * funding * u.readiness)) continue;
        if (m.fuel_left < patrol_usd) {  // the period's allotment is spent
            ++m.totals.why.patrols_unfunded;
            continue;
        }
        if (r.bernoulli(deny * patrol_denial_share)) {  // the host blocks the road
            ++m.today.denials;
            continue;
        }
        // Where to: settlements within reach, by their people and the violence they remember,
        // against the guard they have.
        places.clear();
        double total = 0;
        sight.settlements.near(u.x, u.y, reach, [&](std::uint32_t s) {
            const auto& st = map.settlements[s];
            const double d = dist_cells(u.x, u.y, st.x, st.y);
            if (d > reach || d <= sight.engage) return;
            const double w =
                std::sqrt(double(presence.residents_at(s)) + 1.0) *
                (1.0 + patrol_violence_weight * violence_memory[sight.block_of(st.x, st.y)]) /
                (1.0 + double(m.guard[s]) / double(sc.unit_size(p.company_size)));
            places.push_back({w, s});
            total += w;
        });
        u.patrolling = true;
        ++m.today.patrols;
        m.fuel_left -= patrol_usd;
        m.cash -= patrol_usd;
        m.cost += patrol_usd;
        u.performance += patrol_performance * (1.0f - u.performance);
        if (places.empty()) continue;  // nothing in reach: it patrols around its base
        double pick = r.uniform() * total;
        std::uint32_t s = places.back().second;
        for (const auto& [w, place] : places)
            if ((pick -= w) < 0) {
                s = place;
                break;
            }
        u.patrol_to = s;
        const auto& st = map.settlements[s];
        // There for the day: it guards the place as troops on the spot would.
        m.guard[s] += float(patrol_strength_share * fighting_strength(u) * engage_chance(m, u));
        m.safety[s] += float(patrol_safety * (0.5 + presence.mean_trust_mission(s)));
        // On the road, out and back: IEDs.
        const double km = 2.0 * sight.km(dist_cells(u.x, u.y, st.x, st.y));
        if (r.bernoulli(ied_chance(km, sc)) &&
            ied_strike(m, u, ied_party(forces, st.x, st.y, sight), r, sc))
            ++m.totals.why.patrol_ied_strikes;
        // A band at the place: contact. Robust rules authorise force against an imminent threat
        // to civilians or to the mission, not against any armed man: the patrol engages a band
        // out on a raid or an attack on peacekeepers, as often as its rules say; it watches the
        // others.
        const std::uint32_t band = nearest_band(forces, st.x, st.y, sight.engage);
        if (band == none32) continue;
        ++m.totals.why.patrol_contacts;
        const auto task = forces.units[band].action;
        const bool threat =
            task == actors::Action::AttackSettlement || task == actors::Action::AttackMission;
        if (threat && m.roe != scenario::Roe::SelfDefence && u.active() &&
            today.stream(id, Purpose::MissionContact).bernoulli(engage_chance(m, u)))
            battle(m, forces, band, id, true, sc, today);
    }
}

}  // namespace peacesim::mission
