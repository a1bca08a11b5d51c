// Units decide their task for the day (docs/model.md, section 7.4): a unit keeps a task in
// progress for a while, and otherwise launches an operation at a daily rate set by its party's
// tempo, choosing among targets in reach with weights for what each offers and risks.
#include <cmath>

#include "actors/actors.hpp"
#include "mission/mission.hpp"
#include "politics/politics.hpp"

namespace peacesim::actors {

using core::Purpose;
using world::detail::dist_cells;

namespace {
/// A unit below this share of its full strength is broken: it falls back and rebuilds.
constexpr double broken_share = 0.4;
/// Days a unit pursues an enemy unit, a raid or a recruitment drive before choosing anew, and
/// days a recruitment drive holds a band in place.
constexpr int pursuit_days = 6, task_days = 8, recruit_stay_days = 12;
/// Weight of doing nothing today beside the operations on offer.
constexpr double hold_weight = 0.3;
/// Weights of the operations, scaled by the odds and by distance: the state's counter-insurgency,
/// a band's attack on the state, on a band of another identity, on peacekeepers; a raid on the
/// others' settlements (per square root of their number, so big towns attract, but less than in
/// proportion); recruitment among their own.
constexpr double w_counterinsurgency = 2.0, w_attack_state = 1.2, w_attack_rival = 0.6,
                 w_attack_mission = 0.3, w_recruit = 0.3;
/// A settlement's people count relative to the mean settlement of the country, so that the
/// same country with ten times the people has the same raids per head: a settlement of mean
/// size weighs raid_weight (1.72 is the weight a settlement of 2,667 people, the mean of the
/// default country, had when people counted in absolute numbers).
constexpr double raid_weight = 1.72;
/// Hostility towards a regional force at war with the groups, whatever the UN does, and the
/// extra hostility of spoilers towards anyone guarding the process.
constexpr double regional_hostility = 0.5, spoiler_hostility = 0.3;
/// A protection site doubles the defence of the troops guarding it (wire, berms, towers).
constexpr double site_guard_factor = 2.0;
/// The state's troops' fighting quality: a base plus a range times the state's capacity.
constexpr double gov_quality_base = 0.7, gov_quality_range = 0.6;

/// What a raid on a settlement is worth to a band, and that worth after the losses the band
/// expects from its defenders: the expected losses, a share of the band, weigh against the
/// share that would break it (cohesion x break_share), so a raid expected to break the band is
/// not worth attempting at all.
double after_losses(double worth, double defenders, double own, const Party& me,
                    const scenario::ConflictParams& cp) {
    if (defenders <= 0) return worth;
    const double expected_loss = cp.battle_lethality * defenders / std::max(1.0, own);
    const double breaking = std::max(1e-9, me.cohesion * cp.break_share);
    return worth * std::max(0.0, 1.0 - cp.raid_caution * expected_loss / breaking);
}
}  // namespace

Defence defence_at(std::size_t s, const Forces& f, const mission::State& mission) {
    const double site = mission.poc[s] ? site_guard_factor : 1.0;
    Defence d;
    d.state =
        double(f.gov_guard[s]) * (gov_quality_base + gov_quality_range * f.parties[0].capacity);
    d.mission = double(mission.guard[s]) * site;
    return d;
}

void reckon_provocations(Forces& f, const std::vector<engine::Event>& events,
                         const population::Presence& presence, const scenario::ConflictParams& cp,
                         int today) {
    const std::size_t np = f.parties.size();
    f.provoked.assign(np * np, 0.0);
    if (cp.reprisal <= 0) return;
    // Events fade with e-folding time reprisal_days; older than five of them they count for
    // less than 1% and are left out.
    const int horizon = int(std::ceil(5.0 * cp.reprisal_days));
    std::vector<double> strength(np, 0.0);
    for (const auto& u : f.units)
        if (u.alive()) strength[u.party] += double(u.strength);
    for (auto e = events.rbegin(); e != events.rend() && e->day >= today - horizon; ++e) {
        const double fade = std::exp(-double(today - e->day) / cp.reprisal_days);
        const auto hurt = [&](std::uint32_t a, std::uint32_t b, double deaths) {
            if (a < np && b < np && a != b && deaths > 0) f.provoked[a * np + b] += fade * deaths;
        };
        if (e->type == 1 || e->type == 2) {
            if (!engine::Event::is_party(e->side_a) || !engine::Event::is_party(e->side_b))
                continue;
            hurt(e->side_a, e->side_b, double(e->deaths_a));
            hurt(e->side_b, e->side_a, double(e->deaths_b));
        } else if (e->type == 3 && engine::Event::is_party(e->side_a) &&
                   e->settlement <
                       presence.present.size() / std::max<std::size_t>(1, presence.groups)) {
            // Civilians killed: each armed group counts those of its identity, by their share
            // of the people there.
            std::int64_t total = 0;
            for (std::size_t g = 0; g < presence.groups; ++g)
                total += presence.present[presence.at(e->settlement, g)];
            if (total <= 0) continue;
            for (std::size_t a = 1; a < np; ++a) {
                const int g = f.parties[a].identity;
                if (g < 0 || std::size_t(g) >= presence.groups) continue;
                hurt(std::uint32_t(a), e->side_a,
                     double(e->deaths_civilians) *
                         double(presence.present[presence.at(e->settlement, std::size_t(g))]) /
                         double(total));
            }
        }
    }
    for (std::size_t a = 0; a < np; ++a)
        for (std::size_t b = 0; b < np; ++b) f.provoked[a * np + b] /= std::max(1.0, strength[a]);
}

RaidChoices decide(Forces& f, const world::Map& map, const world::Sight& sight,
                   const population::Presence& presence, const mission::State& mission,
                   const politics::Track& politics, const scenario::Scenario& sc,
                   const core::Today& today) {
    // Serial in id order: each unit reads positions as they stood at the start of the day.
    const auto snapshot = f.units;
    const auto& parties = f.parties;
    const auto& cp = sc.conflict;
    const int raid = sight.raid;
    const double mean_settlement =
        double(sc.world.population) / double(std::max<std::size_t>(1, map.settlements.size()));
    RaidChoices out;
    // Each option's weight, its weight had no mission troops stood guard, and what it is
    // (action << 32 | target).
    struct Option {
        double w, w0;
        std::uint64_t what;
    };
    std::vector<Option> options;
    // A fight where the mission's troops are at hand is seen, reported and may draw them in:
    // it costs its attacker what a witnessed raid does (Hultman, Kathman and Shannon 2014:
    // troops raise the costs of fighting).
    const int watch = std::max(1, raid / 2);
    auto watched = [&](std::int32_t x, std::int32_t y) {
        bool near = false;
        if (mission.units.empty()) return false;
        mission.index.near(x, y, watch, [&](std::uint32_t id) {
            const auto& m = mission.units[id];
            near = near || (m.active() && m.infantry() && dist_cells(m.x, m.y, x, y) <= watch);
        });
        return near;
    };
    // Local truces the mission brokered (docs/model.md 8.16): the parties bound by one attack
    // neither each other's units in its place nor the settlement itself.
    bool truces = false;
    for (const auto t : mission.truce_until) truces = truces || t >= today.day;
    auto truce_at = [&](std::int32_t x, std::int32_t y) {
        return truces && mission::local_truce(
                             mission, sight.settlement_near(map, x, y, sight.engage), today.day);
    };
    auto keeps_truce = [&](std::uint32_t a, std::uint32_t b, const Unit& target) {
        return mission::bound_by_local_truce(f, a) && mission::bound_by_local_truce(f, b) &&
               truce_at(target.x, target.y);
    };
    // What harm done lately does to the urge to act, and to act against who did it: 1 + the
    // gain times the harm, saturating at 1 + reprisal_max (a band can only strike so often).
    const auto spur = [&](double harm) {
        return cp.reprisal_max > 0
                   ? 1.0 + cp.reprisal_max * -std::expm1(-cp.reprisal * harm / cp.reprisal_max)
                   : 1.0;
    };
    // Nothing reckoned (a caller that skipped reckon_provocations): no harm remembered.
    const std::size_t np = parties.size();
    if (f.provoked.size() != np * np) f.provoked.assign(np * np, 0.0);
    const std::uint64_t hold = std::uint64_t(Action::Hold) << 32 | no_target;
    for (std::uint32_t id = 0; id < f.units.size(); ++id) {
        Unit& u = f.units[id];
        if (!u.alive()) continue;
        const Party& me = parties[u.party];
        auto rng = today.stream(id, Purpose::UnitDecide);
        ++u.days_on_task;
        const bool at_base = u.x == u.base_x && u.y == u.base_y;
        // Broken units fall back and rebuild before doing anything else.
        if (u.strength < std::int32_t(broken_share * u.full_strength)) {
            u.action = at_base ? Action::Hold : Action::Retreat;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
            u.target = no_target;
            continue;
        }
        if (u.action == Action::Retreat && !at_base) continue;
        // A task in progress goes on for a while.
        if (u.action == Action::AttackUnit && u.target != no_target && snapshot[u.target].alive() &&
            u.days_on_task <= pursuit_days &&
            !politics::truce_between(parties, politics, u.party, snapshot[u.target].party) &&
            !keeps_truce(u.party, snapshot[u.target].party, snapshot[u.target])) {
            u.dest_x = snapshot[u.target].x, u.dest_y = snapshot[u.target].y;
            continue;
        }
        if ((u.action == Action::AttackSettlement || u.action == Action::Recruit) &&
            u.target != no_target && u.days_on_task <= task_days &&
            !(u.x == u.dest_x && u.y == u.dest_y && u.action == Action::AttackSettlement))
            continue;
        if (u.action == Action::Recruit && u.days_on_task <= recruit_stay_days) continue;

        // Most days a unit holds its ground: operations are launched at a daily rate, scaled
        // for the state by its capacity and for a group by its resources.
        const double* const grudge = f.provoked.data() + std::size_t(u.party) * np;
        double anger = 0;
        for (std::size_t b = 0; b < np; ++b) anger += grudge[b];
        if (!rng.bernoulli(std::min(
                1.0,
                cp.operations_rate * politics::tempo(me, politics, today.day) * spur(anger)))) {
            u.action = Action::Hold;
            u.target = no_target;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
            continue;
        }
        options.clear();
        auto add2 = [&](double w, double w0, Action a, std::uint32_t target) {
            if (w > 0 || w0 > 0) options.push_back({w, w0, (std::uint64_t(a) << 32) | target});
        };
        auto add = [&](double w, Action a, std::uint32_t target) { add2(w, w, a, target); };
        if (me.government) {
            // Counter-insurgency: go after bands within reach, weaker ones first.
            f.unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (e.party == 0 || !e.alive() ||
                    politics::truce_between(parties, politics, 0, e.party) ||
                    keeps_truce(0, e.party, e))
                    return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = double(u.strength) / double(u.strength + e.strength);
                const double w = me.capacity * odds * w_counterinsurgency * spur(grudge[e.party]) /
                                 (1.0 + d / raid);
                add2(watched(e.x, e.y) ? w * (1.0 - cp.witness_cost) : w, w, Action::AttackUnit, o);
            });
        } else {
            const double own = double(u.strength);
            f.unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (o == id || !e.alive() || e.party == u.party ||
                    politics::truce_between(parties, politics, u.party, e.party) ||
                    keeps_truce(u.party, e.party, e))
                    return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = own / (own + double(e.strength));
                double w = 0;
                const double revenge = spur(grudge[e.party]);
                if (e.party == 0)
                    w = w_attack_state * odds * odds / (1.0 + d / raid);
                else if (parties[e.party].identity != me.identity)
                    w = w_attack_rival * odds * odds / (1.0 + d / raid);
                w *= revenge;
                if (w > 0)
                    add2(watched(e.x, e.y) ? w * (1.0 - cp.witness_cost) : w, w, Action::AttackUnit,
                         o);
            });
            // Peacekeepers become targets as the mission loses its impartiality, and always for
            // spoilers bent on derailing the process.
            const bool spoiler = me.stance == scenario::Stance::Spoiler;
            const double hostility =
                (1.0 - mission.impartiality) + (spoiler ? spoiler_hostility : 0.0);
            if (!mission.units.empty())
                mission.index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                    const auto& m = mission.units[o];
                    const bool regional = m.kind == mission::UnitKind::Regional;
                    if (!m.active() || (m.kind != mission::UnitKind::Company &&
                                        m.kind != mission::UnitKind::Police && !regional))
                        return;
                    const double h = regional
                                         ? regional_hostility + (spoiler ? spoiler_hostility : 0.0)
                                         : hostility;
                    if (h <= 0) return;
                    const double d = dist_cells(u.x, u.y, m.x, m.y);
                    if (d > raid) return;
                    const double odds = own / (own + double(m.strength));
                    add(w_attack_mission * h * odds * odds / (1.0 + d / raid),
                        Action::AttackMission, o);
                });
            sight.settlements.near(u.x, u.y, raid, [&](std::uint32_t s) {
                const auto& st = map.settlements[s];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > raid) return;
                if (truces && mission::local_truce(mission, s, today.day) &&
                    mission::bound_by_local_truce(f, u.party))
                    return;
                std::int64_t others = 0, same = 0;
                for (std::size_t g = 0; g < presence.groups; ++g)
                    (int(g) == me.identity ? same : others) += presence.present[presence.at(s, g)];
                // Raids go where many of "the others" live, weighed against the losses the
                // defenders would inflict (and, for the record, as they would be weighed with no
                // mission troops there).
                // A reprisal falls on the community of a group that hurt them lately.
                double revenge = 0;
                if (others > 0)
                    for (std::size_t b = 1; b < np; ++b) {
                        const int ib = parties[b].identity;
                        if (grudge[b] > 0 && ib >= 0 && ib != me.identity &&
                            std::size_t(ib) < presence.groups)
                            revenge += grudge[b] *
                                       double(presence.present[presence.at(s, std::size_t(ib))]) /
                                       double(others + same);
                    }
                const double worth = me.brutality * raid_weight *
                                     std::sqrt(double(others) / mean_settlement) * spur(revenge) /
                                     (1.0 + d / raid);
                const Defence def = defence_at(s, f, mission);
                const bool seen = mission::in_sight(mission, s);
                // What the raid is worth to them is what they get done before a response
                // arrives, less the cost of being seen, and the fight that follows.
                add2(after_losses(
                         worth * (seen ? 1.0 - cp.witness_cost : 1.0) * mission.response_share[s],
                         def.state + def.mission + mission.response_threat[s], own, me, cp),
                     after_losses(worth, def.state, own, me, cp), Action::AttackSettlement, s);
                if (st.majority_group == me.identity)
                    add(w_recruit * me.resources * raid_weight *
                            std::sqrt(double(same) / mean_settlement) / (1.0 + d / raid),
                        Action::Recruit, s);
            });
        }
        // The unit acts if its best opportunity outweighs staying put (the best, not the sum:
        // a country with ten times the villages around a band offers it better targets, not
        // ten times the urge to raid), and then picks among its options in proportion to their
        // weights, by a race of exponential clocks: with the same draws, taking weight from
        // one option changes the pick only where that option would have won.
        double best = 0, best0 = 0;
        for (const auto& o : options) best = std::max(best, o.w), best0 = std::max(best0, o.w0);
        const double act_draw = rng.uniform();
        std::uint64_t chosen = hold, chosen0 = hold;
        double first = HUGE_VAL, first0 = HUGE_VAL;
        for (const auto& o : options) {
            const double clock = -std::log1p(-rng.uniform());
            if (o.w > 0 && clock < first * o.w) first = clock / o.w, chosen = o.what;
            if (o.w0 > 0 && clock < first0 * o.w0) first0 = clock / o.w0, chosen0 = o.what;
        }
        if (!(act_draw * (best + hold_weight) < best)) chosen = hold;
        if (!(act_draw * (best0 + hold_weight) < best0)) chosen0 = hold;
        if (chosen0 != chosen && Action(chosen0 >> 32) == Action::AttackSettlement)
            ++(chosen == hold ? out.not_attempted : out.retargeted);
        u.action = static_cast<Action>(chosen >> 32);
        u.target = std::uint32_t(chosen);
        u.days_on_task = 0;
        // An offensive (a raid, an attack on a unit) draws the group's idle bands in reach into
        // one column (coalescence; it splits back into bands at its base: recruitment.cpp).
        const bool offensive = u.action == Action::AttackSettlement ||
                               u.action == Action::AttackUnit || u.action == Action::AttackMission;
        if (!me.government && offensive && cp.column_share > 0)
            f.unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                Unit& b = f.units[o];
                if (o == id || b.party != u.party || !b.alive() || b.action != Action::Hold ||
                    b.x != b.base_x || b.y != b.base_y ||
                    b.strength < std::int32_t(broken_share * b.full_strength) ||
                    dist_cells(u.x, u.y, b.x, b.y) > raid || !rng.bernoulli(cp.column_share))
                    return;
                u.strength += b.strength;
                u.full_strength += b.full_strength;
                b.strength = 0;
                b.action = Action::Hold;
                b.target = no_target;
            });
        switch (u.action) {
            case Action::AttackUnit:
                u.dest_x = snapshot[u.target].x, u.dest_y = snapshot[u.target].y;
                break;
            case Action::AttackMission:
                u.dest_x = mission.units[u.target].x, u.dest_y = mission.units[u.target].y;
                break;
            case Action::AttackSettlement:
            case Action::Recruit:
                u.dest_x = map.settlements[u.target].x, u.dest_y = map.settlements[u.target].y;
                break;
            default:
                u.dest_x = u.base_x, u.dest_y = u.base_y;
                break;
        }
    }
    return out;
}

}  // namespace peacesim::actors
