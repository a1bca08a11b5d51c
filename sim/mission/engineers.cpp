// Engineers (docs/model.md, section 8.14): each engineer company turns the nearest cell of track
// near its base into all-weather road every day, which speeds movement in the rains.
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

using world::detail::dist_cells;

namespace {
/// How far from its base an engineer company works.
constexpr double engineer_reach_km = 25.0;
}  // namespace

void repair_roads(State& m, world::Map& map) {
    // The nearest first (ties by row, then column).
    const int reach = std::max(1, int(engineer_reach_km / map.cell_km));
    for (auto& u : m.units) {
        if (!u.active() || u.kind != UnitKind::Engineers) continue;
        int best = -1;
        double bd = 1e300;
        for (int y = std::max(0, u.y - reach); y <= std::min(map.height - 1, u.y + reach); ++y)
            for (int x = std::max(0, u.x - reach); x <= std::min(map.width - 1, u.x + reach); ++x) {
                if (map.road[map.cell(x, y)] != world::Road::Track) continue;
                const double d = dist_cells(x, y, u.x, u.y);
                if (d < bd) bd = d, best = int(map.cell(x, y));
            }
        if (best < 0) continue;
        map.road[std::size_t(best)] = world::Road::Secondary;
        ++m.totals.roads_repaired;
    }
}

}  // namespace peacesim::mission
