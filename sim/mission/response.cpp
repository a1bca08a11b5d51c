// Defence and rapid response (docs/model.md, sections 8.5 and 8.14). Troops on the spot fight
// raiders as often as their rules let them. Otherwise, if the mission hears of the attack (its
// own people in sight, or residents who trust it enough to raise the alert), a quick-reaction
// force is tasked: the free one that can get there first, by road or in a helicopter from its base,
// if a helicopter has the hours today, the flight hours this month and the money. It travels, is
// held at a checkpoint if the host denies the movement (and then the next force is tasked too, the
// first to arrive answering), arrives or does not before the attack ends, and then fights the
// attackers if its rules allow. It is away until it has got there and stayed a
// day; a helicopter flies one sortie at a time, within its daily hours.

#include <algorithm>
#include <cmath>

#include "actors/actors.hpp"
#include "core/parallel.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using scenario::Roe;
using world::detail::dist_cells;
using world::detail::none32;

namespace {
/// Forces further than this by road do not answer by road.
constexpr double max_road_km = 150.0;
/// Boarding a helicopter takes half an hour beyond the preparation; each sortie adds an hour of
/// start-up, loading and shut-down to the flying.
constexpr double boarding_h = 0.5, flight_overhead_h = 1.0;
/// A host denial holds the force at a checkpoint (or without flight clearance) while it is
/// negotiated: from 6 hours to a day. Flights are denied clearance at half the rate convoys are
/// stopped: most of the restrictions missions report are on the ground (checkpoints,
/// roadblocks).
constexpr double denial_min_h = 6.0, denial_max_h = 24.0, air_denial_share = 0.5;
/// A force stays a day where it was sent before it returns to its hub.
constexpr int stay_days = 1;
/// Each response raises the company's performance score by this share of the distance to 1.
constexpr float response_performance = 0.05f;
/// The raiders' reading of the mission's record moves this share towards each response's
/// outcome (in time or not).
constexpr double record_weight = 0.05;
/// Attack helicopters: mean fighters killed per unit of training, and hours over the scene.
constexpr double air_kills_per_training = 3.0, fire_support_h = 0.5;

struct Lift {
    std::uint32_t helicopter = none32;
    double hours = 0, sortie = 0;  // to the scene; flight hours of the sortie
};

/// The quickest helicopter lift of a force at (qx, qy) to (tx, ty): the helicopter flies from its
/// base to the force, then to the scene, then home. `held` is a helicopter that may not fly it.
Lift best_lift(const State& m, int qx, int qy, int tx, int ty, const world::Sight& sight,
               const scenario::Scenario& sc, std::uint32_t held = none32) {
    Lift best;
    if (m.cash <= 0) return best;
    const double kmh = sc.mobility.helicopter_kmh;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        const Unit& h = m.units[id];
        if (!h.active() || h.kind != UnitKind::Helicopter || id == held) continue;
        const double to_force = sight.km(dist_cells(h.x, h.y, qx, qy));
        const double to_scene = sight.km(dist_cells(qx, qy, tx, ty));
        const double home = sight.km(dist_cells(tx, ty, h.x, h.y));
        const double sortie = (to_force + to_scene + home) / kmh + flight_overhead_h;
        if (double(h.hours_today) + sortie > sc.mobility.helicopter_daily_hours ||
            m.flight_hours_left < sortie)
            continue;
        const double hours = boarding_h + (to_force + to_scene) / kmh;
        if (best.helicopter == none32 || hours < best.hours) best = {id, hours, sortie};
    }
    return best;
}

void fly(State& m, std::uint32_t helicopter, double hours, const scenario::Scenario& sc) {
    m.units[helicopter].hours_today += float(hours);
    m.flight_hours_left -= hours;
    m.today.flight_hours += hours;
    m.cash -= hours * sc.per_head(sc.mission.funding.flight_hour_usd);
    m.cost += hours * sc.per_head(sc.mission.funding.flight_hour_usd);
    ++m.totals.why.sorties;
}
}  // namespace

void anticipate(State& m, const world::Map& map, const world::Sight& sight,
                const population::Presence& presence, const scenario::Scenario& sc,
                const core::Today& today) {
    std::fill(m.response_share.begin(), m.response_share.end(), 1.0f);
    std::fill(m.response_threat.begin(), m.response_threat.end(), 0.0f);
    if (!m.on || !m.tasks.rapid_response) return;
    const auto& mob = sc.mobility;
    std::vector<std::uint32_t> free;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        const Unit& u = m.units[id];
        if (u.active() && u.kind == UnitKind::QuickReaction && !u.caveated &&
            u.tasked_until < today.day)
            free.push_back(id);
    }
    bool can_fly = false;
    std::vector<std::uint32_t> gunships;  // attack helicopters that would fly today
    const bool fights = m.roe != Roe::SelfDefence;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        const Unit& h = m.units[id];
        const bool flying = h.active() && m.flight_hours_left > 0 && m.cash > 0;
        can_fly |= flying && h.kind == UnitKind::Helicopter;
        if (flying && fights && h.kind == UnitKind::AttackHelicopter) gunships.push_back(id);
    }
    if (free.empty() && gunships.empty()) return;
    core::parallel_for(core::Range(0, map.settlements.size(), 16), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            double hours = HUGE_VAL;
            std::uint32_t by = none32;
            for (auto id : free) {
                const Unit& u = m.units[id];
                const double km = sight.km(dist_cells(u.x, u.y, st.x, st.y));
                double h = can_fly ? boarding_h + km / mob.helicopter_kmh : HUGE_VAL;
                if (km <= max_road_km)
                    h = std::min(h, travel_hours(map, u.x, u.y, st.x, st.y, today.rainy, mob));
                if (h < hours) hours = h, by = id;
            }
            // Word of an attack out of the mission's sight reaches it as often as the residents
            // trust it, after alert_h hours on average.
            const bool seen = in_sight(m, s);
            const double told = seen ? 1.0 : presence.mean_trust_mission(s);
            const double alert = seen ? 0.0 : mob.alert_h;
            hours += mob.response_prep_h + alert;
            for (auto id : gunships) {
                const Unit& h = m.units[id];
                hours = std::min(
                    hours, mob.response_prep_h + alert +
                               sight.km(dist_cells(h.x, h.y, st.x, st.y)) / mob.helicopter_kmh);
            }
            if (hours == HUGE_VAL) continue;
            // An attack here would be stopped after `hours` as often as the record says.
            const double early = std::max(0.0, 1.0 - hours / mob.response_window_h);
            m.response_share[s] = float(1.0 - told * m.record * early);
            if (fights && early > 0 && by != none32)
                m.response_threat[s] = float(told * m.record * fighting_strength(m.units[by]) *
                                             engage_chance(m, m.units[by]));
        }
    });
}

bool defend(State& m, actors::Forces& forces, std::uint32_t band, std::uint32_t s,
            const world::Map& map, const world::Sight& sight, const scenario::Scenario& sc,
            const core::Today& today) {
    if (m.units.empty()) return false;
    const auto& st = map.settlements[s];
    std::uint32_t found = none32;
    m.index.near(st.x, st.y, sight.engage, [&](std::uint32_t id) {
        const Unit& u = m.units[id];
        if (id < found && guards(u) && (u.kind == UnitKind::Regional || m.tasks.presence) &&
            dist_cells(u.x, u.y, st.x, st.y) <= sight.engage)
            found = id;
    });
    if (found == none32) return false;
    ++m.totals.why.raids_met_on_the_spot;
    if (!today.stream(s, Purpose::MissionDefend).bernoulli(engage_chance(m, m.units[found])))
        return false;
    battle(m, forces, band, found, false, sc, today);
    const auto& b = forces.units[band];
    if (!b.alive() || b.action == actors::Action::Retreat) ++m.totals.why.raids_broken_by_defenders;
    return true;
}

Response on_the_spot(State& m, const scenario::Scenario& sc) {
    ++m.totals.why.attacks_cut_short;
    return {std::min(1.0, sc.mobility.response_prep_h / sc.mobility.response_window_h), true};
}

Response respond(State& m, actors::Forces& forces, std::uint32_t s, std::uint32_t attacker,
                 const world::Map& map, const world::Sight& sight,
                 const population::Presence& presence, const scenario::Scenario& sc,
                 const core::Today& today) {
    Response out;
    if (!m.on || !m.tasks.rapid_response) return out;
    auto& why = m.totals.why;
    const auto& st = map.settlements[s];
    const auto& mob = sc.mobility;
    auto r = today.stream(s, Purpose::MissionResponse);
    // The mission answers what it hears of. Out of its sight the residents must raise the
    // alert, and do as often as they trust it (people tell a mission they trust: docs/model.md
    // 8.5); the word takes from nothing to twice alert_h hours to reach it.
    double alert = 0;
    if (!in_sight(m, s)) {
        if (!r.bernoulli(presence.mean_trust_mission(s))) {
            ++why.attacks_not_alerted;
            return out;
        }
        alert = r.uniform(0.0, 2.0 * mob.alert_h);
    }
    double first = HUGE_VAL;  // the first arrival of a force that stops the attack
    // The free quick-reaction force that can be there first, by road or by air, other than
    // `held_unit` and without `held_helicopter`.
    struct Option {
        std::uint32_t unit = none32;
        Lift lift;
        double hours = HUGE_VAL;
        bool held = false;
    };
    const auto quickest = [&](std::uint32_t held_unit, std::uint32_t held_helicopter) {
        Option best;
        for (std::uint32_t id = 0; id < m.units.size(); ++id) {
            const Unit& u = m.units[id];
            if (!u.active() || u.kind != UnitKind::QuickReaction || u.caveated ||
                u.tasked_until >= today.day || id == held_unit)
                continue;
            double hours = HUGE_VAL;
            if (sight.km(dist_cells(u.x, u.y, st.x, st.y)) <= max_road_km)
                hours =
                    mob.response_prep_h + travel_hours(map, u.x, u.y, st.x, st.y, today.rainy, mob);
            const Lift lift = best_lift(m, u.x, u.y, st.x, st.y, sight, sc, held_helicopter);
            Lift used;
            if (lift.helicopter != none32 && mob.response_prep_h + lift.hours < hours)
                hours = mob.response_prep_h + lift.hours, used = lift;
            if (hours < best.hours) best = {id, used, hours, false};
        }
        best.hours += alert;
        return best;
    };
    // The host may hold the force while the movement is negotiated: a convoy at a checkpoint, a
    // flight without clearance.
    const double deny = denial_chance(m, forces, sc);
    const auto negotiate = [&](Option& o) {
        if (o.lift.helicopter != none32 ? r.bernoulli(air_denial_share * deny)  // clearance
                                        : r.bernoulli(deny)) {                  // checkpoint
            o.hours += r.uniform(denial_min_h, denial_max_h);
            o.held = true;
            ++m.today.denials;
            ++why.responses_denied;
        }
    };
    Option go = quickest(none32, none32);
    if (go.unit == none32) {
        ++why.responses_unanswered;
    } else {
        ++why.responses_tasked;
        negotiate(go);
        // A held force does not leave the attack to run: the mission tasks the next force it
        // has at once, on another road or flight plan, and whichever arrives first answers (the
        // other stands down). Spare forces and spare helicopters are what shorten the slow tail
        // of responses where the host obstructs (docs/model.md 8.5).
        if (go.held) {
            Option other = quickest(go.unit, go.lift.helicopter);
            if (other.unit != none32 && other.hours < go.hours) {
                negotiate(other);
                if (other.hours < go.hours) go = other, ++why.responses_retasked;
            }
        }
        Unit& u = m.units[go.unit];
        const double hours = go.hours;
        if (go.lift.helicopter != none32) {
            fly(m, go.lift.helicopter, go.lift.sortie, sc);
            ++why.responses_by_air;
        }
        m.response_times.push_back(float(hours));
        ++m.today.responses;
        m.today_responses.push_back(float(hours));
        u.performance += response_performance * (1.0f - u.performance);
        // The force is on its way: there today if it takes less than a day, otherwise on the
        // road.
        u.dest_x = st.x, u.dest_y = st.y;
        if (hours < 24.0) u.x = st.x, u.y = st.y;
        u.tasked_until = today.day + int(hours / 24.0) + stay_days;
        const bool in_time = hours < mob.response_window_h;
        m.record += record_weight * ((in_time ? 1.0 : 0.0) - m.record);
        if (in_time) {
            // It stops the attack, and with robust rules it fights the attackers.
            ++why.responses_in_time;
            first = hours;
            if (m.roe != Roe::SelfDefence && forces.units[attacker].alive())
                battle(m, forces, attacker, go.unit, true, sc, today);
        } else {
            ++why.responses_late;
        }
    }
    // Attack helicopters, where the rules allow force, fly straight to the scene from their
    // base and fire on the attackers: the first to arrive stops the attack.
    if (m.roe != Roe::SelfDefence && forces.units[attacker].alive() && m.cash > 0)
        for (std::uint32_t id = 0; id < m.units.size(); ++id) {
            Unit& h = m.units[id];
            if (!h.active() || h.kind != UnitKind::AttackHelicopter) continue;
            const double km = sight.km(dist_cells(h.x, h.y, st.x, st.y));
            const double sortie = 2.0 * km / mob.helicopter_kmh + fire_support_h;
            const double arrival = mob.response_prep_h + alert + km / mob.helicopter_kmh;
            if (arrival >= mob.response_window_h || m.flight_hours_left < sortie ||
                double(h.hours_today) + sortie > mob.helicopter_daily_hours)
                continue;
            actors::Unit& b = forces.units[attacker];
            const auto loss = std::int32_t(
                std::min<std::uint32_t>(r.poisson(sc.per_head(air_kills_per_training * h.training)),
                                        std::uint32_t(b.strength)));
            b.strength -= loss;
            actors::record_losses(forces, b.party, loss);
            if (loss >
                forces.parties[b.party].cohesion * sc.conflict.break_share * (b.strength + loss))
                actors::fall_back(b);
            fly(m, id, sortie, sc);
            ++why.air_strikes;
            first = std::min(first, arrival);
            if (loss > 0) {  // an air strike is an event of its own
                engine::Event e;
                e.type = 2;
                e.side_a = engine::Event::mission_side;
                e.side_b = b.party;
                e.deaths_b = loss;
                e.cell_x = b.x, e.cell_y = b.y;
                m.incidents.push_back(e);
            }
            break;
        }
    if (first < mob.response_window_h) {
        ++why.attacks_cut_short;
        out.share_done = first / mob.response_window_h;
        out.arrived = true;
    }
    return out;
}

}  // namespace peacesim::mission
