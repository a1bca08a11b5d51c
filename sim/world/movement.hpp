#pragma once
// Movement over the map (docs/model.md, section 7.5): a day's journey along the straight line,
// each cell costing its length times its terrain or road factor in the season.
#include <cstdint>

#include "peacesim/world/map.hpp"

namespace peacesim::world {

/// Moves (x, y) towards (x1, y1) for a day's budget in km. A mover always makes some headway:
/// a cell dearer than a whole day still takes one.
void advance(const Map& map, std::int32_t& x, std::int32_t& y, int x1, int y1, double budget_km,
             bool rainy);

}  // namespace peacesim::world
