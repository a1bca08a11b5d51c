// Movement over the map (sim/world/movement.cpp): a day's budget along the straight line, each
// cell costing its terrain or road factor in the season.
#include "world/movement.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace peacesim;

namespace {
world::Map flat(world::Terrain t, world::Road r = world::Road::None) {
    world::Map m;
    m.width = 64, m.height = 8, m.cell_km = 2.0;
    m.terrain.assign(std::size_t(m.width) * m.height, t);
    m.road.assign(m.terrain.size(), r);
    m.region.assign(m.terrain.size(), 0);
    return m;
}
int day_march(const world::Map& m, bool rainy, double km = 30.0) {
    std::int32_t x = 0, y = 4;
    world::advance(m, x, y, 63, 4, km, rainy);
    return x;
}
}  // namespace

TEST_CASE("roads are faster than open country, forest slower, rain slower still",
          "[world][movement]") {
    const auto plain = flat(world::Terrain::Plain);
    const auto forest = flat(world::Terrain::Forest);
    const auto road = flat(world::Terrain::Forest, world::Road::Primary);
    const auto track = flat(world::Terrain::Plain, world::Road::Track);
    CHECK(day_march(road, false) > day_march(plain, false));
    CHECK(day_march(plain, false) > day_march(forest, false));
    CHECK(day_march(plain, true) < day_march(plain, false));
    CHECK(day_march(track, true) < day_march(track, false));
    // A primary road hardly slows in the rains.
    CHECK(day_march(road, true) >= day_march(road, false) * 3 / 4);
}

TEST_CASE("a mover always makes headway and stops at its destination", "[world][movement]") {
    const auto water = flat(world::Terrain::Water);
    CHECK(day_march(water, true, 1.0) == 1);  // a cell dearer than a whole day still takes one
    const auto road = flat(world::Terrain::Plain, world::Road::Primary);
    std::int32_t x = 10, y = 4;
    world::advance(road, x, y, 12, 4, 500.0, false);
    CHECK(x == 12);
    CHECK(y == 4);
}
