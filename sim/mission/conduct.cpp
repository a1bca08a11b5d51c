// Performance, accountability and misconduct (docs/model.md, section 8.12): a company's
// performance rises with the tasks it does and decays otherwise; with accountability on, the
// worst are rotated out each quarter; misconduct happens at a rate set by discipline and
// oversight, and costs the trust of the place where it happens.
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;

namespace {
/// Performance decays by this share a day, twice as fast with national caveats.
constexpr float performance_decay = 0.01f, caveat_decay_factor = 2.0f;
/// Accountability reviews every quarter: companies below the bar rotate out for a month and
/// come back with a fresh contingent.
constexpr int review_period_days = 90, rotation_days = 30;
constexpr float performance_bar = 0.35f, fresh_performance = 0.7f;
/// Accountability halves misconduct (oversight, vetting, sanctions).
constexpr double accountability_misconduct_factor = 0.5;
}  // namespace

void account(State& m, const Staffing& staff, const world::Map& map, const world::Sight& sight,
             const scenario::Scenario& sc, const core::Today& today) {
    const auto& p = sc.mission;
    const int day = today.day;
    for (auto& u : m.units) {
        if (u.status == UnitStatus::Rotating && day >= u.back_on) {
            u.status = UnitStatus::Deployed;
            u.training = float(std::max(double(u.training), p.training));
            u.performance = fresh_performance;
            u.caveated = false;
        }
        if (u.kind == UnitKind::Company && u.active())
            u.performance -=
                performance_decay * u.performance * (u.caveated ? caveat_decay_factor : 1.0f);
    }
    if (p.accountability && day % review_period_days == review_period_days - 1)
        for (auto& u : m.units)
            if (u.active() && u.kind == UnitKind::Company && u.performance < performance_bar) {
                u.status = UnitStatus::Rotating;
                u.back_on = day + rotation_days;
                ++m.totals.rotations;
            }
    // Misconduct (sexual exploitation and abuse among it) at a rate set by discipline and
    // oversight; each case costs the mission the trust of the place where it happened.
    const double rate = p.misconduct_rate / 30.0 * double(staff.uniformed) / 1000.0 *
                        (1.0 - p.discipline) *
                        (p.accountability ? accountability_misconduct_factor : 1.0);
    auto r = today.stream(0, Purpose::MissionConduct);
    const auto cases = r.poisson(rate);
    for (std::uint32_t c = 0; c < cases; ++c) {
        std::vector<std::uint32_t> live;
        for (std::uint32_t id = 0; id < m.units.size(); ++id)
            if (m.units[id].active() && m.units[id].kind != UnitKind::CivilianTeam)
                live.push_back(id);
        if (live.empty()) break;
        const Unit& u = m.units[live[r.below(std::uint32_t(live.size()))]];
        std::uint32_t near = 0;
        double bd = 1e300;
        sight.settlements.near(u.x, u.y, sight.engage + 2, [&](std::uint32_t s) {
            const double d = dist_cells(u.x, u.y, map.settlements[s].x, map.settlements[s].y);
            if (d < bd) bd = d, near = s;
        });
        if (bd < 1e300) m.misconduct_here[near] = 1;
        ++m.today.misconduct;
    }
}

}  // namespace peacesim::mission
