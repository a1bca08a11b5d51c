#pragma once
// Geometry derived once from the map and the scenario (docs/model.md, sections 2 and 7.1-7.2
// Civilians, "perception"): radii in cells, the coarse blocks in which violence is remembered,
// what each settlement sees, and where its people would flee. Read-only during a run.
#include <cstdint>
#include <vector>

#include "peacesim/scenario/scenario.hpp"
#include "peacesim/world/map.hpp"
#include "world/detail/geometry.hpp"

namespace peacesim::world {

/// Violence is remembered per block of about this many km a side: fine enough to tell one
/// valley from the next, coarse enough that a settlement's vision covers a few dozen blocks.
inline constexpr double memory_block_km = 8.0;
/// Violence at the edge of sight weighs this much less than violence next door.
inline constexpr double vision_edge_discount = 0.75;
/// The displaced weigh this many of the nearest towns and camps as refuges.
inline constexpr std::size_t refuge_candidates = 6;

struct Sight {
    double cell_km = 2.0;
    int vision = 1;                                         // population.vision_km in cells
    int raid = 1;                                           // conflict.raid_range_km in cells
    int engage = 1;                                         // conflict.engage_km in cells
    int block_cells = 4, blocks_w = 1, blocks_h = 1;        // the violence-memory grid
    std::vector<std::vector<std::uint32_t>> vision_blocks;  // per settlement: blocks in sight
    std::vector<std::vector<float>> vision_weights;         // and their weights by distance
    std::vector<std::vector<std::uint32_t>> refuges;        // per settlement: candidate refuges
    std::vector<std::uint8_t> near_border;                  // per settlement
    std::vector<std::uint32_t> settlement_block;            // per settlement: its block
    detail::Buckets settlements;                            // settlements by position

    double km(double cells) const noexcept { return cells * cell_km; }
    std::size_t block_count() const noexcept { return std::size_t(blocks_w) * blocks_h; }
    std::size_t block_of(int x, int y) const noexcept {
        return std::size_t(y / block_cells) * blocks_w + x / block_cells;
    }
    /// The nearest settlement within r cells of a place (strictly closer than r + 0.5), or none.
    std::uint32_t settlement_near(const Map& map, int x, int y, int r) const;
};

Sight make_sight(const Map& map, const scenario::Scenario& sc);

}  // namespace peacesim::world
