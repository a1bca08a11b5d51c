// Mobility and host restrictions (docs/model.md, sections 8.5-8.7): the host's denials follow its
// consent and how far the tasks in force intrude on its sovereignty; convoys travel the roads at
// the pace of terrain, season and IED threat, and run the IED risk.
#include <algorithm>

#include "mission/mission.hpp"
#include "world/movement.hpp"

namespace peacesim::mission {

using core::Purpose;
using scenario::Roe;

namespace {
/// Intrusion on the host's sovereignty: a political presence, and what each task or rule adds
/// (force used independently of the host adds; joint offensives with it subtract).
constexpr double intrusion_political = 0.3, intrusion_observe = 0.2, intrusion_presence = 0.1,
                 intrusion_human_rights = 0.2, intrusion_patrols = 0.1, intrusion_response = 0.1,
                 intrusion_robust_roe = 0.2, intrusion_joint_ops = -0.2,
                 intrusion_offensive_roe = 0.2;
/// Consent enters as (consent_ceiling - consent); denials are capped.
constexpr double consent_ceiling = 1.5, max_denial = 0.95;
/// A convoy makes 40 km/h on a good road; move_cost is in units of a good dry road at 0.35.
constexpr double convoy_kmh = 40.0, good_road_cost = 0.35;
/// IEDs slow convoys by a factor (1 + ied_slowdown x ied_threat).
constexpr double ied_slowdown = 2.0;
/// Mission convoys keep to roads and travel this many times as far a day as armed bands.
constexpr double convoy_speed_factor = 2.0;
/// Daily chance of an IED strike per unit of ied_threat, and its mean deaths beyond the first.
constexpr double ied_strike_rate = 0.02, ied_extra_deaths = 1.5;
}  // namespace

double denial_chance(const State& m, const actors::Forces& forces, const scenario::Scenario& sc) {
    if (!m.on) return 0.0;
    const auto& t = m.tasks;
    double intrusion = intrusion_political;
    if (t.observe_report) intrusion += intrusion_observe;
    if (t.presence) intrusion += intrusion_presence;
    if (t.human_rights) intrusion += intrusion_human_rights;
    if (t.patrols) intrusion += intrusion_patrols;
    if (t.rapid_response) intrusion += intrusion_response;
    if (m.roe == Roe::DefendMandate) intrusion += intrusion_robust_roe;
    if (t.offensive_ops) intrusion += intrusion_joint_ops;
    if (m.roe == Roe::Offensive) intrusion += intrusion_offensive_roe;
    return std::clamp(
        sc.mobility.host_restrictions * (consent_ceiling - forces.parties[0].consent) * intrusion,
        0.0, max_denial);
}

double travel_hours(const world::Map& map, int x0, int y0, int x1, int y1, bool rainy,
                    const scenario::MobilityParams& mob) {
    double km = 0;
    world::detail::walk_line(x0, y0, x1, y1, [&](int x, int y, double len) {
        km += len * map.cell_km * map.move_cost(map.cell(x, y), rainy) / good_road_cost;
        return true;
    });
    return km / convoy_kmh * (1.0 + ied_slowdown * mob.ied_threat);
}

void move_convoys(State& m, const world::Map& map, const scenario::Scenario& sc,
                  const core::Today& today) {
    const double budget_km = sc.conflict.unit_speed_km;
    const double ied = sc.mobility.ied_threat;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        auto& u = m.units[id];
        if (!u.active() || (u.x == u.dest_x && u.y == u.dest_y)) continue;
        if (u.kind == UnitKind::Helicopter) {
            u.x = u.dest_x, u.y = u.dest_y;
            continue;
        }
        world::advance(map, u.x, u.y, u.dest_x, u.dest_y,
                       convoy_speed_factor * budget_km / (1.0 + ied_slowdown * ied), today.rainy);
        auto r = today.stream(id, Purpose::MissionIed);
        if (r.bernoulli(ied_strike_rate * ied)) {
            const auto dead = std::int32_t(std::min<std::uint32_t>(1 + r.poisson(ied_extra_deaths),
                                                                   std::uint32_t(u.strength)));
            u.strength -= dead;
            m.today.fatalities += dead;
        }
    }
}

}  // namespace peacesim::mission
