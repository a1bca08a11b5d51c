// Local truces (docs/model.md, section 8.16): where the mission's troops stand and fighting goes
// on around them, the company and the mission's civil affairs officers bring the local
// commanders of the parties together, and a truce for the place follows at a daily rate. It
// binds every party but spoilers: they attack neither each other's units nor the settlement
// there until it runs out, or until violence in the place breaks it (Ruggeri, Dorussen and
// Gizelis 2017: local presence ends local episodes of violence; Autesserre 2010).
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;

namespace {
/// Violence remembered in sight of a settlement above this counts as fighting going on there
/// (the level at which communities see impunity, docs/model.md 7.10).
constexpr double fighting_nearby = 0.05;
}  // namespace

bool local_truce(const State& m, std::uint32_t settlement, int day) {
    return settlement < m.truce_until.size() && m.truce_until[settlement] >= day;
}

bool bound_by_local_truce(const actors::Forces& forces, std::uint32_t party) {
    return party < forces.parties.size() &&
           forces.parties[party].stance != scenario::Stance::Spoiler;
}

void mediate_locally(State& m, const world::Map& map, const world::Sight& sight,
                     const std::vector<float>& violence_memory,
                     const std::vector<std::int64_t>& deaths, const scenario::Scenario& sc,
                     const core::Today& today) {
    const int day = today.day;
    for (std::size_t s = 0; s < m.truce_until.size(); ++s)
        if (m.truce_until[s] >= day && s < deaths.size() && deaths[s] > 0) {
            m.truce_until[s] = -1;  // someone killed there today: the truce is over
            ++m.totals.why.local_truces_broken;
        }
    if (!m.on || !(m.tasks.civil_affairs || m.tasks.mediation) || m.units.empty() ||
        sc.mission.local_truce_rate <= 0)
        return;
    const int engage = sight.engage;
    for (std::uint32_t s = 0; s < m.truce_until.size(); ++s) {
        if (m.truce_until[s] >= day) continue;
        double near = 0;
        for (auto b : sight.vision_blocks[s]) near += violence_memory[b];
        if (near <= fighting_nearby) continue;
        const auto& st = map.settlements[s];
        bool troops = false;
        m.index.near(st.x, st.y, engage, [&](std::uint32_t id) {
            const Unit& u = m.units[id];
            troops = troops ||
                     (u.active() && u.infantry() && dist_cells(u.x, u.y, st.x, st.y) <= engage);
        });
        if (!troops) continue;
        if (today.stream(s, Purpose::MissionMediate).bernoulli(sc.mission.local_truce_rate)) {
            m.truce_until[s] = day + std::int32_t(sc.mission.local_truce_days);
            ++m.totals.why.local_truces;
            ++m.today.local_truces;
        }
    }
}

}  // namespace peacesim::mission
