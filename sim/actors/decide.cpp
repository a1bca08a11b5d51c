// Units decide their task for the day (docs/model.md, section 7.4): a unit keeps a task in
// progress for a while, and otherwise launches an operation at a daily rate set by its party's
// tempo, choosing among targets in reach with weights for what each offers and risks.
#include <cmath>

#include "actors/actors.hpp"
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
constexpr double raid_scale = 30.0;
/// Hostility towards a regional force at war with the groups, whatever the UN does, and the
/// extra hostility of spoilers towards anyone guarding the process.
constexpr double regional_hostility = 0.5, spoiler_hostility = 0.3;
/// A protection site doubles the deterrence of the troops guarding it.
constexpr double site_guard_factor = 2.0;
}  // namespace

double guard_at(std::size_t s, const Forces& f, const mission::State& mission,
                const scenario::ConflictParams& cp) {
    return 1.0 + cp.deterrence_per_company * (f.gov_companies[s] + mission.guard[s]) *
                     (mission.poc[s] ? site_guard_factor : 1.0);
}

void decide(Forces& f, const world::Map& map, const world::Sight& sight,
            const population::Presence& presence, const mission::State& mission,
            const politics::Track& politics, const scenario::Scenario& sc,
            const core::Today& today) {
    // Serial in id order: each unit reads positions as they stood at the start of the day.
    const auto snapshot = f.units;
    const auto& parties = f.parties;
    const auto& cp = sc.conflict;
    const int raid = sight.raid;
    std::vector<std::pair<double, std::uint64_t>> options;  // weight, (action << 32 | target)
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
            !politics::truce_between(parties, politics, u.party, snapshot[u.target].party)) {
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
        if (!rng.bernoulli(
                std::min(1.0, cp.operations_rate * politics::tempo(me, politics, today.day)))) {
            u.action = Action::Hold;
            u.target = no_target;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
            continue;
        }
        options.clear();
        auto add = [&](double w, Action a, std::uint32_t target) {
            if (w > 0) options.push_back({w, (std::uint64_t(a) << 32) | target});
        };
        if (me.government) {
            // Counter-insurgency: go after bands within reach, weaker ones first.
            f.unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (e.party == 0 || !e.alive() ||
                    politics::truce_between(parties, politics, 0, e.party))
                    return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = double(u.strength) / double(u.strength + e.strength);
                add(me.capacity * odds * w_counterinsurgency / (1.0 + d / raid), Action::AttackUnit,
                    o);
            });
            add(hold_weight, Action::Hold, no_target);
        } else {
            const double own = double(u.strength);
            f.unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (o == id || !e.alive() || e.party == u.party ||
                    politics::truce_between(parties, politics, u.party, e.party))
                    return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = own / (own + double(e.strength));
                if (e.party == 0)
                    add(w_attack_state * odds * odds / (1.0 + d / raid), Action::AttackUnit, o);
                else if (parties[e.party].identity != me.identity)
                    add(w_attack_rival * odds * odds / (1.0 + d / raid), Action::AttackUnit, o);
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
                std::int64_t others = 0, same = 0;
                for (std::size_t g = 0; g < presence.groups; ++g)
                    (int(g) == me.identity ? same : others) += presence.present[presence.at(s, g)];
                // Raids go where many of "the others" live and no army stands guard.
                const double guard = guard_at(s, f, mission, cp);
                add(me.brutality * std::sqrt(double(others)) / raid_scale / guard /
                        (1.0 + d / raid),
                    Action::AttackSettlement, s);
                if (st.majority_group == me.identity)
                    add(w_recruit * me.resources * std::sqrt(double(same)) / raid_scale /
                            (1.0 + d / raid),
                        Action::Recruit, s);
            });
            add(hold_weight, Action::Hold, no_target);
        }
        double total = 0;
        for (auto& o : options) total += o.first;
        double pick = rng.uniform() * total;
        std::uint64_t chosen = options.back().second;
        for (auto& o : options)
            if ((pick -= o.first) < 0) {
                chosen = o.second;
                break;
            }
        u.action = static_cast<Action>(chosen >> 32);
        u.target = std::uint32_t(chosen);
        u.days_on_task = 0;
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
}

}  // namespace peacesim::actors
