// Rapid response (docs/model.md, sections 8.5 and 8.14): when a band attacks civilians, the
// nearest company without caveats answers by road or by helicopter, whichever is faster; the time
// it takes is recorded, and a force that arrives while the attack goes on shortens it.
#include <algorithm>

#include "actors/actors.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using scenario::Roe;
using world::detail::dist_cells;
using world::detail::none32;

namespace {
/// Companies further than this do not answer.
constexpr double max_reach_km = 150.0;
/// Boarding a helicopter: half an hour beyond the preparation; flight hours are the round trip
/// plus one hour.
constexpr double boarding_h = 0.5, flight_overhead_h = 1.0;
/// A host denial holds the force at a checkpoint for a day.
constexpr double denial_delay_h = 24.0;
/// Share of an attack's lethality left when the force arrives at once (the first of each pair),
/// and the share that returns in proportion to the delay (the second), under self-defence and
/// under robust rules.
constexpr double cut_self_defence = 0.6, late_self_defence = 0.4;
constexpr double cut_robust = 0.3, late_robust = 0.7;
/// Each response raises the company's performance score by this share of the distance to 1.
constexpr float response_performance = 0.05f;
/// Attack helicopters: mean fighters killed per unit of training, flight hours per sortie, and
/// the share of the attack's lethality left after their fire.
constexpr double air_kills_per_training = 3.0, sortie_hours = 2.0, air_cut = 0.7;
}  // namespace

Response respond(State& m, actors::Forces& forces, std::uint32_t s, std::uint32_t attacker,
                 const world::Map& map, const world::Sight& sight, const scenario::Scenario& sc,
                 const core::Today& today) {
    Response out;
    out.air_support_cut = air_cut;
    if (!m.on || !m.tasks.rapid_response) return out;
    const auto& st = map.settlements[s];
    const double deny = denial_chance(m, forces, sc);
    const auto& f = sc.mission.funding;
    // The nearest company without caveats against the risk answers by road; a helicopter
    // lifts it if flight hours and money allow, whichever is faster.
    std::uint32_t best = none32;
    double best_d = 1e300;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        const Unit& u = m.units[id];
        if (!u.active() || u.kind != UnitKind::Company || u.caveated) continue;
        const double d = dist_cells(u.x, u.y, st.x, st.y);
        if (d < best_d) best_d = d, best = id;
    }
    if (best == none32 || sight.km(best_d) > max_reach_km) return out;
    Unit& u = m.units[best];
    auto r = today.stream(s, Purpose::MissionResponse);
    double hours = sc.mobility.response_prep_h +
                   travel_hours(map, u.x, u.y, st.x, st.y, today.rainy, sc.mobility);
    const double flight = sight.km(best_d) / sc.mobility.helicopter_kmh;
    const double sortie = 2 * flight + flight_overhead_h;
    if (m.flight_hours_left >= sortie && m.cash > 0) {
        std::int64_t helis = 0;
        for (const auto& h : m.units) helis += h.active() && h.kind == UnitKind::Helicopter;
        if (helis > 0) {
            const double by_air = sc.mobility.response_prep_h + boarding_h + flight;
            if (by_air < hours) {
                hours = by_air;
                m.flight_hours_left -= sortie;
                m.today.flight_hours += sortie;
                m.cash -= sortie * f.flight_hour_usd;
                m.cost += sortie * f.flight_hour_usd;
            }
        }
    }
    if (r.bernoulli(deny)) {  // the host holds the force at a checkpoint for a day
        hours += denial_delay_h;
        ++m.today.denials;
    }
    m.response_times.push_back(float(hours));
    ++m.today.responses;
    m.today_responses.push_back(float(hours));
    u.performance += response_performance * (1.0f - u.performance);
    // A force arriving while the attack goes on shortens it; with robust rules it fights.
    const double arrival = std::min(1.0, hours / sc.mobility.response_window_h);
    out.cut = m.roe == Roe::SelfDefence ? cut_self_defence + late_self_defence * arrival
                                        : cut_robust + late_robust * arrival;
    if (m.roe != Roe::SelfDefence && hours < sc.mobility.response_window_h &&
        forces.units[attacker].alive()) {
        battle(m, forces, attacker, best, true, sc, today);
        // Attack helicopters give fire support where the rules allow force.
        for (const auto& h : m.units) {
            if (!h.active() || h.kind != UnitKind::AttackHelicopter ||
                m.flight_hours_left < sortie_hours || m.cash <= 0)
                continue;
            actors::Unit& b = forces.units[attacker];
            const auto loss = std::int32_t(std::min<std::uint32_t>(
                r.poisson(air_kills_per_training * h.training), std::uint32_t(b.strength)));
            b.strength -= loss;
            actors::record_losses(forces, b.party, loss);
            out.air_support = true;
            m.flight_hours_left -= sortie_hours;
            m.today.flight_hours += sortie_hours;
            m.cash -= sortie_hours * f.flight_hour_usd;
            m.cost += sortie_hours * f.flight_hour_usd;
            break;
        }
    }
    return out;
}

}  // namespace peacesim::mission
