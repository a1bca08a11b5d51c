// Movement over the map (docs/model.md, section 7.5).
#include "world/movement.hpp"

#include "world/detail/geometry.hpp"

namespace peacesim::world {

void advance(const Map& map, std::int32_t& x, std::int32_t& y, int x1, int y1, double budget_km,
             bool rainy) {
    double budget = budget_km;
    const auto [nx, ny] = detail::walk_line(x, y, x1, y1, [&](int cx, int cy, double len) {
        const double cost = len * map.cell_km * map.move_cost(map.cell(cx, cy), rainy);
        if (cost > budget && budget < budget_km) return false;
        budget -= cost;
        return true;
    });
    x = nx, y = ny;
}

}  // namespace peacesim::world
