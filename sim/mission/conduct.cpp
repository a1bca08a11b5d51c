// Performance, accountability and misconduct (docs/model.md, section 8.12): a company's
// performance rises with the tasks it does (a day on guard at its base under a presence task
// among them) and decays otherwise; with accountability on, each quarter the worst are replaced
// by a fresh contingent that relieves them in place a month later, so the force never thins;
// misconduct happens at a rate set by discipline and oversight, and costs the trust of the place
// where it happens.
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;

namespace {
/// Performance decays by this share a day, twice as fast with national caveats; a day on guard
/// duty (a presence task, no caveats) raises it by this share of the distance to 1, so a
/// company that only guards settles at 0.5.
constexpr float performance_decay = 0.01f, caveat_decay_factor = 2.0f, duty_performance = 0.01f;
/// Accountability reviews every quarter: companies below the bar are replaced by a fresh
/// contingent, which takes over in place after the month it takes to deploy; at most a quarter
/// of the companies are replaced at one review, the worst first.
constexpr int review_period_days = 90, rotation_days = 30;
constexpr float performance_bar = 0.35f, fresh_performance = 0.7f;
constexpr double most_replaced = 0.25;
/// Accountability halves misconduct (oversight, vetting, sanctions).
constexpr double accountability_misconduct_factor = 0.5;
}  // namespace

void account(State& m, const Staffing& staff, const world::Map& map, const world::Sight& sight,
             const scenario::Scenario& sc, const core::Today& today) {
    const auto& p = sc.mission;
    const int day = today.day;
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        Unit& u = m.units[id];
        if (u.relieved_on >= 0 && day >= u.relieved_on && u.active()) {
            // The relief contingent takes over: fresh troops at full strength, with their own
            // training and caveats.
            auto r = today.stream(id, Purpose::MissionInit);
            u.relieved_on = -1;
            u.strength = u.full_strength;
            u.training = float(std::max(double(u.training), p.training));
            u.readiness = 1.0f;
            u.performance = fresh_performance;
            u.caveated = r.bernoulli(p.caveats);
        }
        if (u.infantry() && u.active()) {
            u.performance -=
                performance_decay * u.performance * (u.caveated ? caveat_decay_factor : 1.0f);
            if (m.tasks.presence && !u.caveated)
                u.performance += duty_performance * (1.0f - u.performance);
        }
    }
    if (p.accountability && day % review_period_days == review_period_days - 1) {
        std::vector<std::pair<float, std::uint32_t>> under;
        std::size_t companies = 0;
        for (std::uint32_t id = 0; id < m.units.size(); ++id) {
            const Unit& u = m.units[id];
            if (!u.active() || !u.infantry()) continue;
            ++companies;
            if (u.performance < performance_bar && u.relieved_on < 0)
                under.push_back({u.performance, id});
        }
        std::sort(under.begin(), under.end());
        const auto n = std::min(
            under.size(), std::max<std::size_t>(1, std::size_t(most_replaced * double(companies))));
        for (std::size_t k = 0; k < n; ++k) {
            m.units[under[k].second].relieved_on = day + rotation_days;
            ++m.totals.rotations;
        }
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
