// Units move towards their destination as far as a day's march allows (docs/model.md, 7.5).
#include "world/movement.hpp"

#include "actors/actors.hpp"

namespace peacesim::actors {

void move(Forces& f, const world::Map& map, const scenario::Scenario& sc, bool rainy) {
    for (auto& u : f.units)
        if (u.alive())
            world::advance(map, u.x, u.y, u.dest_x, u.dest_y, sc.conflict.unit_speed_km, rainy);
}

}  // namespace peacesim::actors
