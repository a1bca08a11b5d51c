// The mission's end of day (docs/model.md, section 8): money, conduct, arrivals, roads and
// impartiality, in that order, then the day's figures for the time series.
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

namespace {
/// Offensive operations cost impartiality every day they are mandated; without them it recovers
/// (docs/model.md, section 8.9).
constexpr double impartiality_loss_per_day = 0.0005, impartiality_recovery_per_day = 0.001;
}  // namespace

void end_day(State& m, world::Map& map, const world::Sight& sight,
             const population::Presence& presence, const std::vector<float>& violence_memory,
             const scenario::Scenario& sc, const core::Today& today, Day& out) {
    // Yesterday's misconduct has been felt by the civilians' update: today's cases start afresh.
    std::fill(m.misconduct_here.begin(), m.misconduct_here.end(), 0);
    receive_contributions(m, sc, today);
    if (m.on) {
        const Staffing staff = staffing(m);
        pay(m, staff, sc, today);
        account(m, staff, map, sight, sc, today);
    }
    const auto& rf = sc.regional_force;
    if (rf.troops > 0 && rf.arrival_day > 0 && today.day + 1 == rf.arrival_day)
        deploy_regional(m, rf.troops, map, sight, violence_memory, sc);
    if (m.on) repair_roads(m, map);
    if (m.tasks.offensive_ops)
        m.impartiality = std::max(0.0, m.impartiality - impartiality_loss_per_day);
    else
        m.impartiality = std::min(1.0, m.impartiality + impartiality_recovery_per_day);

    Day& d = m.today;
    d.cash_musd = m.cash / 1e6;
    d.impartiality = m.impartiality;
    for (const auto& u : m.units) d.companies_deployed += u.active() && u.infantry();
    if (!m.today_responses.empty()) {
        std::sort(m.today_responses.begin(), m.today_responses.end());
        d.response_median_h = m.today_responses[m.today_responses.size() / 2];
    }
    std::int64_t residents = 0, trust = 0;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        residents += presence.residents_at(s);
        trust += presence.trust_mission[s];
    }
    d.trust = residents > 0 ? double(trust) / 1e4 / double(residents) : 0.0;
    auto& t = m.totals;
    t.patrols += d.patrols;
    t.responses += d.responses;
    t.movement_denials += d.denials;
    t.misconduct_cases += d.misconduct;
    t.fatalities += d.fatalities;
    t.flight_hours += d.flight_hours;
    out = d;
    m.today = Day{};
    m.today_responses.clear();
}

void count_choices(State& m, std::int64_t not_attempted, std::int64_t retargeted) {
    m.totals.why.raids_not_attempted += not_attempted;
    m.totals.why.raids_retargeted += retargeted;
}

Totals run_totals(const State& m) {
    Totals t = m.totals;
    auto times = m.response_times;
    std::sort(times.begin(), times.end());
    if (!times.empty()) {
        t.response_time_median_h = times[times.size() / 2];
        t.response_time_p90_h =
            times[std::min(times.size() - 1, std::size_t(0.9 * double(times.size())))];
    }
    t.cost_musd = m.cost / 1e6;
    t.reimbursement_delay_days = m.max_delay;
    t.final_impartiality = m.impartiality;
    return t;
}

}  // namespace peacesim::mission
