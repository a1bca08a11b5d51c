// Patrols (docs/model.md, section 8.4): companies patrol on a day with a probability set by the
// posture, their readiness and the money left for fuel; the host may block the road.
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;

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
}  // namespace

double patrol_share(scenario::Posture p) {
    return p == scenario::Posture::Static   ? patrol_share_static
           : p == scenario::Posture::Mobile ? patrol_share_mobile
                                            : patrol_share_robust;
}

void patrol(State& m, const actors::Forces& forces, const scenario::Scenario& sc,
            const core::Today& today) {
    if (!m.on) return;
    const auto& p = sc.mission;
    // Money first: without cash for fuel, patrols are the first thing cut after flight hours.
    const double month_costs = double(p.troops + p.police) * p.funding.upkeep_usd_per_day * 30.0;
    const double funding = m.cash <= 0 ? 0.0 : m.cash < month_costs ? patrols_when_short : 1.0;
    const double share_today = patrol_share(m.posture);
    const double deny = denial_chance(m, forces, sc);
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        Unit& u = m.units[id];
        u.patrolling = false;
        if (!u.active() || u.kind != UnitKind::Company || !m.tasks.patrols || u.orders == 0)
            continue;
        auto r = today.stream(id, Purpose::MissionPatrol);
        const double share = u.orders == 1 ? 1.0 : share_today;  // ordered to patrol: every day
        if (!r.bernoulli(share * funding * u.readiness)) continue;
        if (r.bernoulli(deny * patrol_denial_share)) {  // the host blocks the road
            ++m.today.denials;
            continue;
        }
        u.patrolling = true;
        ++m.today.patrols;
        m.cash -= p.funding.patrol_usd;
        m.cost += p.funding.patrol_usd;
        u.performance += patrol_performance * (1.0f - u.performance);
    }
}

}  // namespace peacesim::mission
