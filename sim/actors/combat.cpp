// Resolve (docs/model.md, sections 7.6 Battles and 7.7 One-sided violence; 8.5 and 8.8 for the
// mission's part): in unit id order, units that reach their target fight it, and bands that
// reach the settlement they raid attack its people. Each leaves per-settlement death
// probabilities and an incident for the civilians' update to carry out; two attacks never hit
// one settlement on one day.
#include <algorithm>

#include "actors/actors.hpp"
#include "mission/mission.hpp"
#include "politics/politics.hpp"

namespace peacesim::actors {

using core::Purpose;
using engine::Event;
using engine::Incidents;
using world::detail::dist_cells;
using world::detail::none32;
using world::detail::none8;

namespace {
/// Defence multiplier of the defender's terrain, by terrain class: cover in forest and hills.
constexpr double defence_by_terrain[] = {1.0, 1.3, 1.2, 1.5, 1.0};
/// A unit's fighting quality: a base, plus its party's capacity (state) or resources (group).
constexpr double quality_base = 0.7, quality_range = 0.6;
/// Each raid brings the group this much in resources (looting).
constexpr double loot = 0.002;
/// A one-sided attack kills at most this share of its targets; a battle at most this share of a
/// settlement's residents.
constexpr double max_osv_p = 0.5, max_collateral_p = 0.05;
/// Collective punishment: its lethality relative to a raid's (its chance is
/// conflict.punishment_rate).
constexpr double punishment_lethality = 0.5;

double defence_factor(const world::Map& m, int x, int y) {
    return defence_by_terrain[static_cast<int>(m.terrain[m.cell(x, y)])];
}

struct Resolver {
    Forces& f;
    Incidents& inc;
    mission::State& mission;
    const world::Map& map;
    const world::Sight& sight;
    const population::Presence& presence;
    const politics::Track& politics;
    const scenario::Scenario& sc;
    const core::Today& today;

    double quality(const Unit& u) const {
        const Party& p = f.parties[u.party];
        return quality_base + quality_range * (p.government ? p.capacity : p.resources);
    }

    /// A unit's attack on the people of settlement s, sparing identity group `spare`.
    void one_sided(std::uint32_t attacker, std::uint32_t s, double strength, std::uint8_t spare) {
        if (inc.osv_party[s] != none32) return;  // one massacre per place per day
        const Unit& a = f.units[attacker];
        std::int64_t targets = 0;
        for (std::size_t g = 0; g < presence.groups; ++g)
            if (g != spare) targets += presence.present[presence.at(s, g)];
        if (targets == 0) return;
        // Defenders act on the raid before it starts (they fight it, or it is not attempted)
        // and while it goes on (troops arriving stop it): never as a divisor of its lethality.
        const double expected = sc.conflict.osv_lethality * strength;
        inc.osv_p[s] = float(std::min(max_osv_p, expected / double(targets)));
        inc.osv_party[s] = a.party;
        inc.osv_spare[s] = spare;
        Event e;
        e.type = 3;
        e.side_a = a.party;
        e.cell_x = map.settlements[s].x, e.cell_y = map.settlements[s].y;
        e.settlement = s;
        inc.osv_event[s] = std::uint32_t(inc.today.size());
        inc.today.push_back(e);
    }

    void battle(std::uint32_t ia, std::uint32_t ib) {
        Unit& a = f.units[ia];
        Unit& b = f.units[ib];
        auto rng = today.stream(ia, Purpose::Battle);
        const auto& cp = sc.conflict;
        const double def = defence_factor(map, b.x, b.y);
        // Lanchester (1916) aimed fire, for one day: each side's losses grow with the other's
        // strength and quality.
        const double la = cp.battle_lethality * b.strength * quality(b) * def *
                          rng.uniform(fortune_min, fortune_max);
        const double lb = cp.battle_lethality * a.strength * quality(a) / def *
                          rng.uniform(fortune_min, fortune_max);
        const auto da =
            std::int32_t(std::min<std::uint32_t>(rng.poisson(la), std::uint32_t(a.strength)));
        const auto db =
            std::int32_t(std::min<std::uint32_t>(rng.poisson(lb), std::uint32_t(b.strength)));
        const std::int32_t sa = a.strength, sb = b.strength;
        a.strength -= da, b.strength -= db;
        record_losses(f, a.party, da);
        record_losses(f, b.party, db);
        f.fought[ia] = f.fought[ib] = 1;
        const auto& parties = f.parties;
        // A fight between the state and a party to talks or a ceasefire is a violation.
        const auto other = a.party == 0 ? b.party : (b.party == 0 ? a.party : 0u);
        const bool violation =
            other != 0 && (parties[other].stance == scenario::Stance::Negotiating ||
                           parties[other].stance == scenario::Stance::Signatory);
        if (violation) ++inc.violations;
        if (da > parties[a.party].cohesion * cp.break_share * sa) fall_back(a);
        if (db > parties[b.party].cohesion * cp.break_share * sb) fall_back(b);
        Event e;
        const bool state = a.party == 0 || b.party == 0;
        e.type = state ? 1 : 2;
        // UCDP: in state-based conflict side_a is always the government.
        const bool swap = state ? b.party == 0 : a.party > b.party;
        e.side_a = swap ? b.party : a.party;
        e.side_b = swap ? a.party : b.party;
        e.deaths_a = swap ? db : da;
        e.deaths_b = swap ? da : db;
        e.cell_x = b.x, e.cell_y = b.y;
        const std::uint32_t s = sight.settlement_near(map, b.x, b.y, sight.engage);
        if (violation) inc.violation_sites.push_back({s, a.party});
        if (s != none32) {
            e.settlement = s;
            if (inc.collateral_event[s] == none32) {
                // Expected deaths scale with the fighting, not with the size of the town.
                const std::int64_t residents = presence.residents_at(s);
                const double expected = cp.collateral_rate * double(sa + sb) / 100.0;
                inc.collateral_p[s] = float(std::min(
                    max_collateral_p, expected / double(std::max<std::int64_t>(1, residents))));
                inc.collateral_event[s] = std::uint32_t(inc.today.size());
            }
        }
        inc.today.push_back(e);
        // A sweep among the insurgents' own people may turn on them (collective punishment;
        // Fjelde and Hultman 2014), as often as the state's forces ignore human rights law.
        if (state && s != none32) {
            const Unit& insurgent = a.party == 0 ? b : a;
            const std::uint32_t gov_unit = a.party == 0 ? ia : ib;
            const auto identity = std::uint8_t(parties[insurgent.party].identity);
            if (map.settlements[s].majority_group == identity &&
                rng.bernoulli(cp.punishment_rate * (1.0 - parties[0].hr_compliance))) {
                const Unit& g = f.units[gov_unit];
                if (inc.osv_party[s] == none32) {
                    std::int64_t targets = presence.present[presence.at(s, identity)];
                    if (targets > 0) {
                        const double expected =
                            cp.osv_lethality * g.strength * punishment_lethality;
                        inc.osv_p[s] = float(std::min(max_osv_p, expected / double(targets)));
                        inc.osv_party[s] = 0;
                        inc.osv_only[s] = identity;  // only the insurgents' people are targeted
                        Event o;
                        o.type = 3;
                        o.side_a = 0;
                        o.cell_x = map.settlements[s].x, o.cell_y = map.settlements[s].y;
                        o.settlement = s;
                        inc.osv_event[s] = std::uint32_t(inc.today.size());
                        inc.today.push_back(o);
                    }
                }
            }
        }
    }

    /// A raid reaches its settlement: troops on the spot fight, then the raiders attack its
    /// people, and the mission may respond.
    void raid(std::uint32_t id) {
        Unit& u = f.units[id];
        const auto& st = map.settlements[u.target];
        if (dist_cells(u.x, u.y, st.x, st.y) > sight.engage) return;
        const std::uint32_t s = u.target;
        // Troops on the spot stand and fight the raiders.
        std::uint32_t defender = none32;
        f.unit_index.near(st.x, st.y, sight.engage, [&](std::uint32_t o) {
            const Unit& d = f.units[o];
            if (defender == none32 && d.party == 0 && d.alive() && !f.fought[o] &&
                dist_cells(d.x, d.y, st.x, st.y) <= sight.engage)
                defender = o;
        });
        if (defender != none32) battle(id, defender);
        // Mission (or regional) troops on the spot fight the raiders as often as their rules
        // and caveats let them; a band that breaks falls back before it reaches the people.
        bool defended = false;
        if (u.alive() && u.action != Action::Retreat)
            defended = mission::defend(mission, f, id, s, map, sight, sc, today);
        if (u.alive() && u.action != Action::Retreat) {
            one_sided(id, s, u.strength, std::uint8_t(f.parties[u.party].identity));
            if (inc.osv_party[s] == u.party) {
                // The killing goes on until troops stop it: those on the spot once they are
                // out of their base, otherwise a quick-reaction force if it arrives in time.
                const auto r =
                    defended ? mission::on_the_spot(mission, sc)
                             : mission::respond(mission, f, s, id, map, sight, presence, sc, today);
                inc.osv_p[s] = float(inc.osv_p[s] * r.share_done);
            }
            auto& res = f.parties[u.party].resources;
            res = std::min(1.0, res + loot);
            u.action = Action::Hold;
        }
        u.target = no_target;
        u.dest_x = u.base_x, u.dest_y = u.base_y;
    }
};
}  // namespace

void fall_back(Unit& u) {
    u.action = Action::Retreat;
    u.dest_x = u.base_x, u.dest_y = u.base_y;
}

void record_losses(Forces& f, std::uint32_t party, std::int64_t n) {
    f.parties[party].losses += n;
    f.today[party].losses += n;
}

void resolve(Forces& f, Incidents& inc, mission::State& mission, const world::Map& map,
             const world::Sight& sight, const population::Presence& presence,
             const politics::Track& politics, const scenario::Scenario& sc,
             const core::Today& today) {
    f.fought.assign(f.units.size(), 0);

    Resolver r{f, inc, mission, map, sight, presence, politics, sc, today};
    for (std::uint32_t id = 0; id < f.units.size(); ++id) {
        Unit& u = f.units[id];
        if (!u.alive() || f.fought[id]) continue;
        if (u.action == Action::AttackUnit && u.target != no_target) {
            Unit& t = f.units[u.target];
            if (t.alive() && !f.fought[u.target] &&
                dist_cells(u.x, u.y, t.x, t.y) <= sight.engage &&
                !politics::truce_between(f.parties, politics, u.party, t.party)) {
                r.battle(id, u.target);
                if (u.action != Action::Retreat)
                    u.action = Action::Hold;  // a broken unit falls back
                u.target = no_target;
            }
        } else if (u.action == Action::AttackMission && u.target != no_target) {
            const auto& m = mission.units[u.target];
            if (m.active() && dist_cells(u.x, u.y, m.x, m.y) <= sight.engage) {
                mission::battle(mission, f, id, u.target, false, sc, today);
                if (u.action != Action::Retreat) u.action = Action::Hold;
                u.target = no_target;
            }
        } else if (u.action == Action::AttackSettlement && u.target != no_target) {
            r.raid(id);
        }
    }
    mission::offensives(mission, f, sight, sc, today);
    // Today's chance that a recruited civilian is among a group's dead.
    f.attrition.assign(f.parties.size(), 0.0);
    for (std::size_t p = 0; p < f.parties.size(); ++p)
        if (f.today[p].fighters_at_dawn > 0)
            f.attrition[p] = double(f.today[p].losses) / double(f.today[p].fighters_at_dawn);
}

}  // namespace peacesim::actors
