// The day's incidents become events (docs/model.md, section 2 "Observation"): deaths are
// attributed to the incident that caused them, incidents with at least one death enter the log
// in the shape of the UCDP Georeferenced Event Dataset (Sundberg and Melander 2013), the mission
// reports what its monitors saw, and each death adds to the violence people remember.
#include <cmath>

#include "engine/engine.hpp"
#include "mission/mission.hpp"

namespace peacesim::engine {

using core::Purpose;
using world::detail::none32;
using world::detail::none8;

namespace {
/// Reported figures bracket the true count, as the GED's low and high estimates do: low is
/// drawn from [low_min, 1] of best, high from [1, high_max] of it.
constexpr double low_min = 0.6, high_max = 1.8;
}  // namespace

void Incidents::reset_day() {
    today.clear();
    std::fill(osv_p.begin(), osv_p.end(), 0.0f);
    std::fill(collateral_p.begin(), collateral_p.end(), 0.0f);
    std::fill(osv_party.begin(), osv_party.end(), none32);
    std::fill(osv_event.begin(), osv_event.end(), none32);
    std::fill(collateral_event.begin(), collateral_event.end(), none32);
    std::fill(osv_spare.begin(), osv_spare.end(), none8);
    std::fill(osv_only.begin(), osv_only.end(), none8);
    violations = 0;
    violation_sites.clear();
}

void init_incidents(Incidents& inc, std::size_t settlements, std::size_t blocks) {
    inc.memory.assign(blocks, 0.0f);
    inc.osv_p.assign(settlements, 0.0f);
    inc.collateral_p.assign(settlements, 0.0f);
    inc.osv_party.assign(settlements, none32);
    inc.osv_event.assign(settlements, none32);
    inc.collateral_event.assign(settlements, none32);
    inc.osv_spare.assign(settlements, none8);
    inc.osv_only.assign(settlements, none8);
    inc.deaths.assign(settlements, 0);
}

void attribute_deaths(Incidents& inc, const communities::State& com,
                      const population::DayOutcome& day) {
    for (std::size_t s = 0; s < inc.deaths.size(); ++s) {
        if (inc.osv_event[s] != none32)
            inc.today[inc.osv_event[s]].deaths_civilians += day.osv_dead[s];
        if (inc.collateral_event[s] != none32)
            inc.today[inc.collateral_event[s]].deaths_civilians += day.battle_dead[s];
        if (com.clash_event[s] != none32) {
            inc.today[com.clash_event[s]].deaths_a += day.clash_dead_a[s];
            inc.today[com.clash_event[s]].deaths_b += day.clash_dead_b[s];
        }
        inc.deaths[s] =
            day.osv_dead[s] + day.battle_dead[s] + day.clash_dead_a[s] + day.clash_dead_b[s];
    }
}

Logged log_incidents(Incidents& inc, std::vector<Event>& log, actors::Forces& forces,
                     mission::State& mission, const world::Map& map, const world::Sight& sight,
                     const scenario::Scenario& sc, const core::Today& today) {
    const auto& cp = sc.conflict;
    Logged out;
    // The mission's fights and IED strikes join the day's incidents, after the parties'.
    inc.today.insert(inc.today.end(), mission.incidents.begin(), mission.incidents.end());
    mission.incidents.clear();
    for (auto& e : inc.today) {
        if (e.best() == 0) continue;  // UCDP records only incidents with at least one death
        e.id = std::int64_t(log.size()) + 1;
        e.day = today.day;
        e.date = today.date;
        e.region = map.region[map.cell(e.cell_x, e.cell_y)];
        auto r = today.stream(std::uint32_t(e.id), Purpose::Reporting);
        const double best = double(e.best());
        e.low = std::int64_t(std::floor(best * r.uniform(low_min, 1.0)));
        e.high = std::int64_t(std::ceil(best * r.uniform(1.0, high_max)));
        if (e.type == 1)
            ++out.events_state;
        else if (e.type == 2)
            ++out.events_nonstate;
        else
            ++out.events_onesided;
        const bool communal = e.side_a >= Event::communal_side;
        // Battle deaths are the parties' (a regional force is one); peacekeepers killed are
        // counted apart, as the UN counts them.
        if (e.side_a == Event::mission_side)
            out.battle_deaths += e.deaths_b;
        else if (!communal)
            out.battle_deaths += e.deaths_a + e.deaths_b;
        if (e.type == 3)
            (e.side_a == 0 ? out.killed_by_state : out.killed_by_others) += e.deaths_civilians;
        mission::report(mission, forces, e);
        // Remembered violence: each death adds threat where it happened, per head (a country
        // ten times as populous fears ten deaths as the other fears one).
        inc.memory[sight.block_of(e.cell_x, e.cell_y)] +=
            float(cp.threat_per_death * best / sc.force_scale());
        log.push_back(e);
    }
    const float decay = float(std::exp(-1.0 / cp.threat_memory_days));
    for (auto& v : inc.memory) v *= decay;
    return out;
}

}  // namespace peacesim::engine
