// Who stands where (docs/model.md, section 7.2 "perception" and 7.3 "control"): the armed men of
// each party within sight of each settlement, counted at the start of the day, and the ground
// they hold. The side with the most armed men within sight holds a settlement; an empty one stays
// with its last holder.

#include <algorithm>
#include <tuple>

#include "actors/actors.hpp"
#include "core/parallel.hpp"

namespace peacesim::actors {

using world::detail::dist_cells;

void survey(Forces& f, const world::Map& map, const world::Sight& sight,
            const mission::State& mission) {
    f.unit_index.build(map.width, map.height, std::max(sight.vision, sight.engage), f.units.size(),
                       [&](std::size_t i) {
                           const Unit& u = f.units[i];
                           return std::tuple{u.alive(), int(u.x), int(u.y)};
                       });
    // The parties' day starts here: losses count from dawn, patrols' fights included.
    f.today.assign(f.parties.size(), PartyDay{});
    for (const auto& u : f.units) f.today[u.party].fighters_at_dawn += u.strength;
    const std::size_t ns = map.settlements.size(), np = f.parties.size();
    f.armed.assign(ns * np, 0);
    f.soldiers.assign(ns, 0);
    f.fighters.assign(ns, 0);
    const int vision = sight.vision, engage = sight.engage;
    core::parallel_for(core::Range(0, ns, 64), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            std::int64_t* by_party = &f.armed[f.armed_at(s, 0)];
            std::int32_t companies = 0, guard = 0;
            f.unit_index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                const Unit& u = f.units[id];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > vision) return;
                by_party[u.party] += u.strength;
                if (u.party == 0) {
                    f.soldiers[s] += u.strength;
                    if (d <= engage) ++companies, guard += u.strength;
                } else {
                    f.fighters[s] += u.strength;
                }
            });
            f.gov_companies[s] = companies;
            f.gov_guard[s] = guard;
            // Under a stabilization mandate the mission's troops extend the state's authority.
            if (mission.tasks.offensive_ops)
                mission.index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                    const auto& m = mission.units[id];
                    if (m.active() && m.kind == mission::UnitKind::Company &&
                        dist_cells(m.x, m.y, st.x, st.y) <= vision)
                        by_party[0] += m.strength;
                });
        }
    });
}

void take_ground(Forces& f) {
    const std::size_t np = f.parties.size();
    for (std::size_t s = 0; s < f.control.size(); ++s) {
        std::int64_t top = 0;
        std::uint32_t holder = f.control[s];
        for (std::size_t p = 0; p < np; ++p)
            if (f.armed[f.armed_at(s, p)] > top)
                top = f.armed[f.armed_at(s, p)], holder = std::uint32_t(p);
        f.control[s] = holder;
    }
}

}  // namespace peacesim::actors
