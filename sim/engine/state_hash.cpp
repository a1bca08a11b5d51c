// The state hash (docs/architecture.md, "Determinism"): 16 hex digits over every variable that
// carries from one day to the next. The order of the fields is part of the golden results in
// tests/engine/golden_test.cpp: changing it changes every expected hash.
#include "engine/state.hpp"
#include "peacesim/core/hash.hpp"

namespace peacesim::engine {

std::string Simulation::state_hash() const {
    const State& s = *s_;
    core::StateHasher h;
    h.add(std::int64_t(s.day));
    h.add(s.seed);
    const auto& c = s.civ;
    h.add(c.home), h.add(c.location), h.add(c.group), h.add(c.status), h.add(c.affiliation);
    h.add(c.hardship), h.add(c.risk_aversion), h.add(c.grievance), h.add(c.trust_state);
    h.add(c.jail_days), h.add(s.presence.actives), h.add(s.presence.residents);
    for (const auto& u : s.forces.units) {  // field by field: the struct has padding
        h.add(u.party), h.add(u.x), h.add(u.y), h.add(u.dest_x), h.add(u.dest_y);
        h.add(u.base_x), h.add(u.base_y), h.add(u.strength), h.add(u.full_strength);
        h.add(std::uint8_t(u.action)), h.add(u.target), h.add(u.days_on_task);
    }
    for (const auto& p : s.forces.parties) {
        h.add(p.legitimacy), h.add(p.cohesion), h.add(p.resources), h.add(int(p.stance));
        h.add(p.recruits), h.add(p.losses);
    }
    h.add(s.incidents.memory), h.add(s.forces.control), h.add(s.presence.present);
    const auto& com = s.communities;
    h.add(com.tension), h.add(com.capacity), h.add(com.access);
    const auto& pol = s.politics;
    h.add(int(pol.stage)), h.add(pol.stage_day), h.add(pol.mediation), h.add(pol.council_unity);
    h.add(pol.inclusion), h.add(pol.violence_ema), h.add(pol.threat_ema), h.add(pol.violations_ema);
    h.add(pol.relapses);
    h.add(s.season.rain_until), h.add(s.season.dry_until), h.add(s.season.drought_until);
    h.add(pol.elections_until);
    for (const auto& p : s.forces.parties) {
        h.add(p.pain), h.add(p.offensive_until), h.add(p.capacity), h.add(p.hr_compliance),
            h.add(p.consent);
        h.add(p.initial_legitimacy), h.add(p.initial_cohesion), h.add(p.splinter_of),
            h.add(p.brutality);
    }
    const auto& m = s.mission;
    h.add(c.trust_mission), h.add(m.cash), h.add(m.owed), h.add(m.impartiality),
        h.add(m.flight_hours_left);
    h.add(m.truce_until);
    for (const auto& u : m.units) {
        h.add(std::uint8_t(u.kind)), h.add(std::uint8_t(u.status)), h.add(u.x), h.add(u.y);
        h.add(u.dest_x), h.add(u.dest_y), h.add(u.strength), h.add(u.training), h.add(u.readiness);
        h.add(u.performance), h.add(u.orders);
    }
    h.add(m.response_times);
    // Carried to the next day too: who patrolled today (presence reads it tomorrow), national
    // caveats and full strength, what the mission has spent and owes since when.
    for (const auto& u : m.units) h.add(u.patrolling), h.add(u.caveated), h.add(u.full_strength);
    h.add(m.cost), h.add(m.oldest_unpaid), h.add(m.max_delay), h.add(m.on);
    // Tasks under way, reliefs due, the period's operations allotment, the mission's record as
    // raiders read it, and the counters summary.json explains the mission by.
    for (const auto& u : m.units) h.add(u.tasked_until), h.add(u.relieved_on);
    h.add(m.ops_share), h.add(m.fuel_left), h.add(m.record);
    const auto& w = m.totals.why;
    h.add(w.raids_not_attempted), h.add(w.raids_retargeted), h.add(w.responses_tasked),
        h.add(w.responses_in_time), h.add(w.attacks_cut_short), h.add(w.patrol_contacts);
    h.add(w.local_truces), h.add(w.local_truces_broken), h.add(w.attacks_not_alerted);
    h.add(s.map.road);
    h.add(pol.election_deaths), h.add(pol.election_baseline), h.add(std::uint64_t(s.next_inject));
    h.add(pol.furthest);
    for (const auto& e : s.events) {
        h.add(e.id), h.add(e.day), h.add(e.type), h.add(e.side_a), h.add(e.side_b);
        h.add(e.cell_x), h.add(e.cell_y), h.add(e.deaths_a), h.add(e.deaths_b);
        h.add(e.deaths_civilians), h.add(e.low), h.add(e.high);
    }
    return h.hex();
}

}  // namespace peacesim::engine
