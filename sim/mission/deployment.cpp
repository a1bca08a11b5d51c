// The mission's units and where they deploy (docs/model.md, sections 8.2 and 8.15): strength
// follows the mandate and the scenario's numbers, and changes during a run as levers move.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "actors/state.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using scenario::Mandate;

namespace {
/// Persons per unit of each kind (companies take mission.company_size; regional companies the
/// same). Formed police units of 140 and engineer companies of 150 follow the UN's usual
/// sizes; observers work in teams of 8, civilian staff in teams of 25.
constexpr std::int32_t unit_sizes[] = {0, 140, 8, 1, 25, 150, 1, 0, 0};
/// Spread of training and equipment between contingents around mission.training.
constexpr double training_spread = 0.15;
/// A place with no band in reach still counts this many bands' worth of exposure, so that
/// among quiet places the populous come first.
constexpr double exposure_floor = 0.1;
}  // namespace

void init(State& m, const actors::Forces& forces, const world::Map& map, const world::Sight& sight,
          const std::vector<float>& violence_memory, const scenario::Scenario& sc,
          const core::Today& today) {
    apply_mandate(m, sc.mission);
    const std::size_t ns = map.settlements.size();
    // Where the bases go: the mission's planners (a technical assessment mission) rank places by
    // their people and by the armed bands of other communities within a raid of them.
    std::vector<double> score(ns, 0.0);
    const int raid = sight.raid;
    double band_size = 0;
    std::size_t bands = 0;
    for (const auto& b : forces.units)
        if (b.party != 0 && b.alive()) band_size += b.strength, ++bands;
    band_size = bands ? band_size / double(bands) : 1.0;
    for (std::size_t s = 0; s < ns; ++s) {
        const auto& st = map.settlements[s];
        double threat = 0;
        for (const auto& b : forces.units) {
            if (b.party == 0 || !b.alive() ||
                forces.parties[b.party].identity == int(st.majority_group))
                continue;
            const double d = world::detail::dist_cells(b.x, b.y, st.x, st.y);
            if (d <= raid) threat += double(b.strength) / band_size / (1.0 + d / raid);
        }
        score[s] = std::sqrt(double(st.initial_population)) * (exposure_floor + threat);
    }
    m.base_order.resize(ns);
    for (std::uint32_t s = 0; s < ns; ++s) m.base_order[s] = s;
    std::stable_sort(m.base_order.begin(), m.base_order.end(),
                     [&](auto a, auto b) { return score[a] > score[b]; });
    m.guard.assign(ns, 0.0f);
    m.safety.assign(ns, 0.0f);
    m.poc.assign(ns, 0);
    m.reported.assign(ns, 0);
    m.civil_affairs_here.assign(ns, 0);
    m.truce_until.assign(ns, -1);
    m.misconduct_here.assign(ns, 0);
    m.response_share.assign(ns, 1.0f);
    m.police_near.assign(ns, 0.0f);
    m.policed.assign(ns, 0);
    m.response_threat.assign(ns, 0.0f);
    m.cash = sc.per_head(sc.mission.funding.reserve_musd) * 1e6;
    m.impartiality = 1.0;
    if (sc.regional_force.troops > 0 && sc.regional_force.arrival_day == 0)
        deploy_regional(m, sc.regional_force.troops, map, sight, violence_memory, sc);
    retune(m, map, sc, today);
    if (m.on) allot(m, sc);
    const std::int64_t helicopters = helicopters_deployed(m);
    m.flight_hours_left =
        m.on ? m.ops_share * double(helicopters) * sc.mission.flight_hours_per_month : 0.0;
}

void retune(State& ms, const world::Map& map, const scenario::Scenario& sc,
            const core::Today& today) {
    const auto& m = sc.mission;
    const int level = int(m.mandate);
    // Which components deploy: a political mission has staff only, an observer mission adds
    // observers, a traditional one troops; multidimensional and beyond bring everything.
    const bool troops = level >= int(Mandate::Traditional);
    const bool observers = level >= int(Mandate::Observer);
    const std::size_t ns = map.settlements.size();
    const std::size_t kinds = std::size(unit_kind_names);
    std::vector<std::int64_t> target(kinds, 0);
    auto at = [](UnitKind k) { return std::size_t(k); };
    if (troops) {
        // Of the infantry companies, a share (at least one where rapid response is a task) is
        // held at the sector hubs as quick-reaction forces.
        const std::int64_t infantry = sc.units(m.troops, m.company_size);
        std::int64_t qrf = std::int64_t(m.quick_reaction_share * double(infantry) + 0.5);
        if (ms.tasks.rapid_response && infantry > 0) qrf = std::max<std::int64_t>(qrf, 1);
        if (!ms.tasks.rapid_response) qrf = 0;
        target[at(UnitKind::QuickReaction)] = std::min(qrf, infantry);
        target[at(UnitKind::Company)] = infantry - target[at(UnitKind::QuickReaction)];
        target[at(UnitKind::Police)] = sc.units(m.police, unit_sizes[at(UnitKind::Police)]);
        target[at(UnitKind::Helicopter)] = m.helicopters;
        target[at(UnitKind::AttackHelicopter)] = m.attack_helicopters;
        target[at(UnitKind::Engineers)] =
            sc.units(m.engineers, unit_sizes[at(UnitKind::Engineers)]);
    }
    if (observers)
        target[at(UnitKind::Observers)] =
            sc.units(m.observers, unit_sizes[at(UnitKind::Observers)]);
    if (ms.on)
        target[at(UnitKind::CivilianTeam)] =
            sc.units(m.civilian_staff, unit_sizes[at(UnitKind::CivilianTeam)]);
    // Settlements by population, largest first (ties by index): bases go where people are.
    std::vector<std::uint32_t> order(ns);
    for (std::uint32_t s = 0; s < ns; ++s) order[s] = s;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return map.settlements[a].initial_population > map.settlements[b].initial_population;
    });
    std::vector<std::uint32_t> camps;
    for (std::uint32_t c = 0; c < ns; ++c)
        if (map.settlements[c].kind == world::SettlementKind::Camp) camps.push_back(c);
    // Sector hubs: the regional capitals, most populous first. Quick-reaction forces and
    // helicopters are based there, the k-th of each at the k-th hub, so that the first
    // helicopters stand beside the first quick-reaction forces.
    if (ms.hubs.empty()) {
        for (const auto& r : map.regions) ms.hubs.push_back(r.capital);
        std::stable_sort(ms.hubs.begin(), ms.hubs.end(), [&](auto a, auto b) {
            return map.settlements[a].initial_population > map.settlements[b].initial_population;
        });
    }
    const auto companies = std::max<std::int64_t>(1, target[at(UnitKind::Company)]);
    auto place = [&](UnitKind kind, std::int64_t k) -> std::uint32_t {
        switch (kind) {
            case UnitKind::Company:
                return ms
                    .base_order[std::size_t(k) % std::min<std::size_t>(ns, std::size_t(companies))];
            case UnitKind::Police:  // formed police guard camps first, then the largest towns
                return std::size_t(k) < camps.size() ? camps[std::size_t(k)]
                                                     : order[(std::size_t(k) - camps.size()) % ns];
            case UnitKind::QuickReaction:
            case UnitKind::Helicopter:
            case UnitKind::AttackHelicopter:
                return ms.hubs[std::size_t(k) % ms.hubs.size()];
            default:
                return map.regions[std::size_t(k) % map.regions.size()].capital;
        }
    };
    for (std::size_t kk = 0; kk < kinds; ++kk) {
        const auto kind = UnitKind(kk);
        if (kind == UnitKind::Regional) continue;
        std::int64_t active = 0, ever = 0;
        for (const auto& u : ms.units)
            if (u.kind == kind) ++ever, active += u.status != UnitStatus::Withdrawn;
        for (; active < target[kk]; ++active, ++ever) {
            const auto s = place(kind, ever);
            Unit u;
            u.kind = kind;
            u.x = u.dest_x = u.hub_x = map.settlements[s].x;
            u.y = u.dest_y = u.hub_y = map.settlements[s].y;
            u.strength = u.full_strength =
                u.infantry() ? sc.unit_size(m.company_size) : sc.unit_size(unit_sizes[kk]);
            auto r = today.stream(std::uint32_t(ms.units.size()), Purpose::MissionInit);
            u.training = float(std::clamp(m.training + training_spread * r.normal(), 0.1, 1.0));
            u.caveated = r.bernoulli(m.caveats);
            ms.units.push_back(u);
        }
        // Too many: the most recently deployed leave first.
        for (auto it = ms.units.rbegin(); it != ms.units.rend() && active > target[kk]; ++it)
            if (it->kind == kind && it->status != UnitStatus::Withdrawn) {
                it->status = UnitStatus::Withdrawn;
                --active;
            }
    }
}

void deploy_regional(State& m, std::int64_t troops, const world::Map& map,
                     const world::Sight& sight, const std::vector<float>& violence_memory,
                     const scenario::Scenario& sc) {
    // The regional force deploys where violence is worst: to the regional capitals, hottest first.
    std::vector<std::pair<double, std::uint32_t>> capitals;
    for (const auto& r : map.regions) {
        double v = 0;
        for (auto b : sight.vision_blocks[r.capital]) v += violence_memory[b];
        capitals.push_back({-v, r.capital});
    }
    std::sort(capitals.begin(), capitals.end());
    // As many companies as the scenario's troops make, each of the country's size.
    const auto size = sc.unit_size(sc.mission.company_size);
    for (std::int64_t k = 0; k < sc.units(troops, sc.mission.company_size); ++k) {
        const auto& st = map.settlements[capitals[std::size_t(k) % capitals.size()].second];
        Unit u;
        u.kind = UnitKind::Regional;
        u.x = u.dest_x = u.hub_x = st.x;
        u.y = u.dest_y = u.hub_y = st.y;
        u.strength = u.full_strength = size;
        u.training = float(sc.regional_force.training);
        m.units.push_back(u);
    }
}

void withdraw_companies(State& m, std::int64_t n) {
    // The most recently deployed companies leave first.
    for (auto it = m.units.rbegin(); it != m.units.rend() && n > 0; ++it)
        if (it->active() && it->kind == UnitKind::Company) {
            it->status = UnitStatus::Withdrawn;
            ++m.totals.contingents_withdrawn;
            --n;
        }
}

}  // namespace peacesim::mission
