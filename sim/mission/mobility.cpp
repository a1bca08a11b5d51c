// Mobility and host restrictions (docs/model.md, sections 8.5-8.7): the host's denials follow its
// consent and how far the tasks in force intrude on its sovereignty; convoys travel the roads at
// the pace of terrain, season and IED threat, and run the IED risk.
#include <algorithm>

#include "actors/actors.hpp"
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
/// Daily chance of an IED strike per unit of ied_threat, and its mean deaths.
constexpr double ied_strike_rate = 0.005, ied_mean_deaths = 2.5;
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

double ied_chance(double km, const scenario::Scenario& sc) {
    // A convoy's daily strike chance spread over the distance it covers in a day.
    const double day_km = convoy_speed_factor * sc.conflict.unit_speed_km /
                          (1.0 + ied_slowdown * sc.mobility.ied_threat);
    return std::min(1.0, ied_strike_rate * sc.mobility.ied_threat * km / std::max(1.0, day_km));
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

std::uint32_t ied_party(const actors::Forces& forces, int x, int y, const world::Sight& sight) {
    // The band nearest the blast planted it; failing one in reach, the largest group.
    const std::uint32_t band = nearest_band(forces, x, y, sight.raid);
    if (band != world::detail::none32) return forces.units[band].party;
    std::vector<std::int64_t> fighters(forces.parties.size(), 0);
    for (const auto& u : forces.units)
        if (u.party != 0) fighters[u.party] += u.strength;
    const auto most = std::max_element(fighters.begin(), fighters.end());
    return most == fighters.end() || *most == 0 ? 0u : std::uint32_t(most - fighters.begin());
}

bool ied_strike(State& m, Unit& u, std::uint32_t party, core::Stream& r,
                const scenario::Scenario& sc) {
    if (party == 0) return false;  // no armed group left to plant them
    // Deaths per strike scale with the size of the units (a country's force_scale).
    const auto dead = std::int32_t(std::min<std::uint32_t>(r.poisson(sc.per_head(ied_mean_deaths)),
                                                           std::uint32_t(u.strength)));
    if (dead == 0) return false;
    u.strength -= dead;
    const bool regional = u.kind == UnitKind::Regional;
    if (regional)
        m.totals.regional_fatalities += dead;
    else
        m.today.fatalities += dead;
    engine::Event e;
    e.type = 2;
    e.side_a = regional ? engine::Event::regional_side : engine::Event::mission_side;
    e.side_b = party;
    e.deaths_a = dead;
    e.cell_x = u.x, e.cell_y = u.y;
    m.incidents.push_back(e);
    return true;
}

void move_convoys(State& m, const actors::Forces& forces, const world::Map& map,
                  const world::Sight& sight, const scenario::Scenario& sc,
                  const core::Today& today) {
    const double budget_km = sc.conflict.unit_speed_km;
    const double ied = sc.mobility.ied_threat;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        auto& u = m.units[id];
        // A quick-reaction force whose task is over returns to its hub.
        if (u.kind == UnitKind::QuickReaction && u.tasked_until < today.day)
            u.dest_x = u.hub_x, u.dest_y = u.hub_y;
        if (!u.active() || (u.x == u.dest_x && u.y == u.dest_y)) continue;
        if (u.kind == UnitKind::Helicopter) {
            u.x = u.dest_x, u.y = u.dest_y;
            continue;
        }
        world::advance(map, u.x, u.y, u.dest_x, u.dest_y,
                       convoy_speed_factor * budget_km / (1.0 + ied_slowdown * ied), today.rainy);
        auto r = today.stream(id, Purpose::MissionIed);
        if (r.bernoulli(ied_strike_rate * ied) &&
            ied_strike(m, u, ied_party(forces, u.x, u.y, sight), r, sc))
            ++m.totals.why.convoy_ied_strikes;
    }
}

}  // namespace peacesim::mission
