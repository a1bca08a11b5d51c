// Headquarters planning and early warning (docs/model.md, section 8.6): every week the companies
// the posture frees move from where they are needed least to where incidents and early warning
// point, if the host lets them.
#include <algorithm>
#include <cmath>

#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;
using world::detail::none32;

namespace {
constexpr int planning_period_days = 7;
/// Share of companies headquarters may move each week, by posture: static, mobile, robust.
constexpr double movable_static = 0.05, movable_mobile = 0.2, movable_robust = 0.3;
/// A company moves only where the need is at least this many times the need where it stands.
constexpr double worth_moving = 2.0;
}  // namespace

void plan(State& m, const actors::Forces& forces, const world::Map& map, const world::Sight& sight,
          const population::Presence& presence, const population::Perception& perception,
          const std::vector<float>& violence_memory, const scenario::Scenario& sc,
          const core::Today& today) {
    if (!m.on || today.day % planning_period_days != 0 || !m.tasks.presence) return;
    const double deny = denial_chance(m, forces, sc);
    const double movable = m.posture == scenario::Posture::Static   ? movable_static
                           : m.posture == scenario::Posture::Mobile ? movable_mobile
                                                                    : movable_robust;
    std::vector<double> need(map.settlements.size(), 0.0);
    std::vector<std::pair<double, std::uint32_t>> hot;
    for (std::uint32_t s = 0; s < map.settlements.size(); ++s) {
        double v = 0;
        for (auto b : sight.vision_blocks[s]) v += violence_memory[b];
        const std::int64_t here = presence.residents_at(s);
        if (here == 0) continue;
        // Early warning: what the mission learns of threats depends on people's trust in it.
        const double trust = double(presence.trust_mission[s]) / 1e4 / double(here);
        double hostile = 0;
        for (std::size_t g = 0; g < presence.groups; ++g)
            hostile = std::max(hostile, double(perception.threat[presence.at(s, g)]));
        need[s] = (v + trust * hostile) * std::sqrt(double(here)) /
                  (1.0 + double(m.guard[s]) / double(sc.unit_size(sc.mission.company_size)));
        hot.push_back({-need[s], s});
    }
    std::sort(hot.begin(), hot.end());
    // The need of the place where a company stands (0 away from any settlement).
    auto need_at = [&](int x, int y) {
        double best_d = 1.5, n = 0;
        sight.settlements.near(x, y, 1, [&](std::uint32_t s) {
            const double d = dist_cells(x, y, map.settlements[s].x, map.settlements[s].y);
            if (d < best_d) best_d = d, n = need[s];
        });
        return n;
    };
    std::vector<std::uint32_t> companies;
    for (std::uint32_t id = 0; id < m.units.size(); ++id)
        if (m.units[id].active() && m.units[id].kind == UnitKind::Company && m.units[id].orders < 0)
            companies.push_back(id);
    const auto n = std::size_t(movable * double(companies.size()) + 0.5);
    for (std::size_t k = 0; k < n && k < hot.size(); ++k) {
        // The company doing least where it stands moves: the one whose place needs it least.
        std::uint32_t best = none32;
        double least = 1e300;
        for (auto id : companies) {
            const Unit& u = m.units[id];
            if (u.dest_x != u.x || u.dest_y != u.y) continue;  // already on the move
            const double here = need_at(u.x, u.y);
            if (here < least) least = here, best = id;
        }
        if (best == none32) break;
        Unit& u = m.units[best];
        const auto& target = map.settlements[hot[k].second];
        if (-hot[k].first <= least * worth_moving) break;  // not worth the move
        auto r = today.stream(best, Purpose::MissionPlan);
        if (r.bernoulli(deny)) {
            ++m.today.denials;
            continue;
        }
        u.dest_x = target.x, u.dest_y = target.y;
    }
}

}  // namespace peacesim::mission
