// Presence and protection sites (docs/model.md, sections 8.3, 8.10 and 8.13): what the mission's
// units in sight of each settlement do for it today: deter raids, make people feel safe, watch and
// report, convene dialogues; and where protection sites shelter the displaced.

#include <algorithm>
#include <tuple>

#include "core/parallel.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using world::detail::dist_cells;

namespace {
/// Safety people feel from the mission is scaled by (safety_base + their trust in it).
constexpr double safety_base = 0.5;
/// Share of days a helicopter is serviceable.
constexpr double serviceable = 0.75;
}  // namespace

void sense(State& m, const world::Map& map, const world::Sight& sight,
           const population::Presence& presence, const scenario::Scenario& sc,
           const core::Today& today) {
    std::fill(m.guard.begin(), m.guard.end(), 0.0f);
    std::fill(m.safety.begin(), m.safety.end(), 0.0f);
    std::fill(m.poc.begin(), m.poc.end(), 0);
    std::fill(m.reported.begin(), m.reported.end(), 0);
    std::fill(m.civil_affairs_here.begin(), m.civil_affairs_here.end(), 0);
    std::fill(m.police_near.begin(), m.police_near.end(), 0.0f);
    std::fill(m.policed.begin(), m.policed.end(), 0);
    // A new day's flying: a helicopter down for maintenance today counts as having flown its
    // hours (UN air fleets keep about three in four aircraft serviceable on a given day).
    for (std::uint32_t id = 0; id < m.units.size(); ++id) {
        Unit& u = m.units[id];
        u.hours_today = 0;
        if ((u.kind == UnitKind::Helicopter || u.kind == UnitKind::AttackHelicopter) &&
            !today.stream(id, core::Purpose::MissionAir).bernoulli(serviceable))
            u.hours_today = float(sc.mobility.helicopter_daily_hours);
    }
    m.incidents.clear();
    m.index.build(map.width, map.height, std::max(sight.vision, sight.engage), m.units.size(),
                  [&](std::size_t i) {
                      return std::tuple{m.units[i].active(), int(m.units[i].x), int(m.units[i].y)};
                  });
    if (m.units.empty()) return;
    const int vision = sight.vision, engage = sight.engage;
    const auto& tasks = m.tasks;
    core::parallel_for(core::Range(0, map.settlements.size(), 64), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            double guard = 0, safety = 0, police = 0;
            bool base = false;
            m.index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                const Unit& u = m.units[id];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > vision) return;
                switch (u.kind) {
                    case UnitKind::Company:
                    case UnitKind::QuickReaction:
                    case UnitKind::Police:
                        // Formed police support the host's policing: they count among the
                        // coercive agents in sight, and keep public order where they stand.
                        if (u.kind == UnitKind::Police && tasks.presence) {
                            police += u.strength;
                            if (d <= engage) m.policed[s] = 1;
                        }
                        // Troops who observe and report do so where they stand, as the
                        // battalions of a traditional mission report the violations on their
                        // line (docs/model.md, section 8.10).
                        if (tasks.observe_report && d <= engage && u.infantry()) m.reported[s] = 1;
                        // Raiders expect a fight from the troops on the spot as often as
                        // their rules and caveats let them fight.
                        if (!tasks.presence || d > engage) break;
                        guard += fighting_strength(u) * engage_chance(m, u);
                        safety += 1.0;
                        base = base || u.infantry();
                        break;
                    case UnitKind::Regional:
                        if (d <= engage)
                            guard += fighting_strength(u) * engage_chance(m, u), safety += 1.0;
                        break;
                    case UnitKind::Observers:
                        if (tasks.observe_report) m.reported[s] = 1;
                        break;
                    case UnitKind::CivilianTeam:
                        if (tasks.human_rights) m.reported[s] = 1;
                        if (tasks.civil_affairs) m.civil_affairs_here[s] = 1;
                        break;
                    default:
                        break;
                }
            });
            m.guard[s] = float(guard);
            m.police_near[s] = float(police);
            // Trust shapes how much safety people feel the mission gives them.
            m.safety[s] = float(safety * (safety_base + presence.mean_trust_mission(s)));
            m.poc[s] = tasks.protection_sites && base && st.kind != world::SettlementKind::Village;
        }
    });
    anticipate(m, map, sight, presence, sc, today);
}

}  // namespace peacesim::mission
