// Funding (docs/model.md, section 8.11): assessed contributions arrive in instalments, of which
// only the paid fraction comes; running costs are paid daily, reimbursement to contributors
// monthly when cash allows; flight hours are allotted monthly and cut first when cash runs low.
// Contributors kept waiting lose readiness, and after six months some withdraw.
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;

namespace {
constexpr int days_per_year = 365, month_days = 30;
/// Reimbursement is paid only when cash exceeds it plus this many days of running costs.
constexpr double reserve_days_before_paying = 30;
/// Flight hours: the full allotment above two months of running costs, half above two-thirds
/// of a month, none below.
constexpr double full_hours_days = 60, half_hours_days = 20, half_allotment = 0.5;
/// Unpaid contributors lose readiness after this many days, to a floor; they regain it when paid.
constexpr int readiness_loss_after_days = 90;
constexpr float readiness_loss = 0.003f, readiness_floor = 0.3f, readiness_gain = 0.005f;
/// After this many days unpaid each unit withdraws with this daily chance.
constexpr int withdrawal_after_days = 180;
constexpr double withdrawal_rate = 0.004;
}  // namespace

std::int64_t helicopters_deployed(const State& m) {
    std::int64_t n = 0;
    for (const auto& u : m.units)
        n += u.active() && (u.kind == UnitKind::Helicopter || u.kind == UnitKind::AttackHelicopter);
    return n;
}

Staffing staffing(const State& m) {
    Staffing s;
    for (const auto& u : m.units) {
        if (!u.active()) continue;
        if (u.kind == UnitKind::CivilianTeam)
            s.staff += u.strength;
        else if (u.kind != UnitKind::Helicopter && u.kind != UnitKind::AttackHelicopter &&
                 u.kind != UnitKind::Regional)  // the regional force is funded outside the UN
            s.uniformed += u.strength;
    }
    return s;
}

void receive_contributions(State& m, const scenario::Scenario& sc, const core::Today& today) {
    const auto& p = sc.mission;
    const auto& f = p.funding;
    const int period = std::max(1, int(days_per_year / f.payments_per_year));
    if (!m.on || today.day % period != 0) return;
    m.cash += sc.per_head(p.budget_musd) * 1e6 / double(f.payments_per_year) * f.paid_fraction;
    allot(m, sc);
}

void allot(State& m, const scenario::Scenario& sc) {
    const auto& p = sc.mission;
    const auto& f = p.funding;
    const int period = std::max(1, int(days_per_year / f.payments_per_year));
    const double appropriation = sc.per_head(p.budget_musd) * 1e6 / double(f.payments_per_year);
    // The budget is what the mission may spend in the period. Personnel, their upkeep and the
    // helicopters' leases come first; what is left pays for operations (patrol fuel, flight
    // hours) and for reimbursing contributors, both cut in proportion when it falls short.
    const Staffing staff = staffing(m);
    const std::int64_t helicopters = helicopters_deployed(m);
    const double days = double(period);
    const double committed =
        days * (double(staff.uniformed) * f.upkeep_usd_per_day +
                double(staff.staff) * f.civilian_usd_per_month / month_days +
                double(helicopters) * sc.per_head(f.helicopter_usd_per_month) / month_days);
    const double reimbursement = days * double(staff.uniformed) * f.reimbursement_usd / month_days;
    double patrols_per_day = 0;
    if (m.tasks.patrols)
        for (const auto& u : m.units)
            if (u.active() && u.kind == UnitKind::Company && u.orders != 0)
                patrols_per_day += u.orders == 1 ? 1.0 : patrol_share(m.posture);
    const double fuel = days * patrols_per_day * sc.per_head(f.patrol_usd);
    const double flying = days / month_days * double(helicopters) * p.flight_hours_per_month *
                          sc.per_head(f.flight_hour_usd);
    const double wanted = fuel + flying + reimbursement;
    m.ops_share = wanted > 0 ? std::clamp((appropriation - committed) / wanted, 0.0, 1.0) : 1.0;
    m.fuel_left = m.ops_share * fuel;
}

void pay(State& m, const Staffing& staff, const scenario::Scenario& sc, const core::Today& today) {
    const auto& p = sc.mission;
    const auto& f = p.funding;
    const int day = today.day;
    const double running = double(staff.uniformed) * f.upkeep_usd_per_day +
                           double(staff.staff) * f.civilian_usd_per_month / 30.0;
    const std::int64_t helicopters = helicopters_deployed(m);
    // Machines keep their number when the country is scaled; their cost scales with the rest.
    const double leases =
        double(helicopters) * sc.per_head(f.helicopter_usd_per_month) / month_days;
    m.cash -= running + leases;  // rations, salaries and leases cannot wait
    m.cost += running + leases;
    m.totals.helicopter_lease_musd += leases / 1e6;
    // Reimbursement to contributors falls due monthly and waits when cash is short.
    if (day % month_days == month_days - 1) {
        m.owed += double(staff.uniformed) * f.reimbursement_usd;
        if (m.oldest_unpaid < 0) m.oldest_unpaid = day;
    }
    if (m.owed > 0 && m.cash > m.owed + running * reserve_days_before_paying) {
        m.cash -= m.owed;
        m.cost += m.owed;
        m.owed = 0;
        m.oldest_unpaid = -1;
    }
    const std::int64_t delay = m.oldest_unpaid < 0 ? 0 : day - m.oldest_unpaid;
    m.max_delay = std::max(m.max_delay, delay);
    m.today.reimbursement_delay_days = delay;
    // Flight hours are allotted monthly, as far as the period's budget pays for them, and cut
    // first when cash runs low.
    if (day % month_days == 0) {
        const double factor = m.cash > running * full_hours_days   ? 1.0
                              : m.cash > running * half_hours_days ? half_allotment
                                                                   : 0.0;
        m.flight_hours_left = factor * m.ops_share * double(helicopters) * p.flight_hours_per_month;
    }
    // Contributors kept waiting lose readiness; after six months some withdraw.
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        Unit& u = m.units[id];
        if (!u.active() || u.kind == UnitKind::CivilianTeam || u.kind == UnitKind::Regional)
            continue;
        if (delay > readiness_loss_after_days)
            u.readiness = std::max(readiness_floor, u.readiness - readiness_loss);
        else
            u.readiness = std::min(1.0f, u.readiness + readiness_gain);
        if (delay > withdrawal_after_days &&
            today.stream(id, Purpose::MissionWithdraw).bernoulli(withdrawal_rate)) {
            u.status = UnitStatus::Withdrawn;
            ++m.totals.contingents_withdrawn;
        }
    }
}

}  // namespace peacesim::mission
