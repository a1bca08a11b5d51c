#pragma once
// The map: a raster of cells with terrain, roads and an administrative region, and the
// settlements where civilians live. Generated from the map seed (world.seed) and the scenario's
// [world].
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::world {

enum class Terrain : std::uint8_t { Plain = 0, Forest, Swamp, Hills, Water };
inline constexpr const char* terrain_names[] = {"plain", "forest", "swamp", "hills", "water"};

/// Road quality class of a cell: 0 none, 1 track, 2 secondary, 3 primary.
enum class Road : std::uint8_t { None = 0, Track, Secondary, Primary };

enum class SettlementKind : std::uint8_t { Town = 0, Village, Camp };
inline constexpr const char* settlement_kind_names[] = {"town", "village", "camp"};

struct Settlement {
    std::string name;
    SettlementKind kind = SettlementKind::Village;
    std::uint16_t x = 0, y = 0;
    std::uint16_t region = 0;
    std::uint8_t majority_group = 0;
    std::int64_t initial_population = 0;
    /// Share of each identity group among its residents at the start.
    std::vector<float> composition;
};

struct Region {
    std::string name;
    std::uint32_t capital = 0;  // settlement index of its main town
};

struct Map {
    int width = 0, height = 0;
    double cell_km = 2.0;
    double origin_lat = 0, origin_lon = 0;
    std::vector<Terrain> terrain;      // width*height, row-major, y = 0 the southern edge
    std::vector<Road> road;            // width*height
    std::vector<std::uint8_t> region;  // width*height
    std::vector<Settlement> settlements;
    std::vector<Region> regions;

    std::size_t cell(int x, int y) const noexcept { return std::size_t(y) * width + x; }
    bool inside(int x, int y) const noexcept { return x >= 0 && y >= 0 && x < width && y < height; }
    double latitude(int y) const noexcept;
    double longitude(int x, int y) const noexcept;
    /// Distance in km from a cell to the nearest edge of the map (the international border).
    double border_km(int x, int y) const noexcept;
    /// Cost of crossing a cell, in km of good dry-season road per km of distance. Rain
    /// makes tracks and open country far slower than paved roads (see docs/model.md, Mobility).
    double move_cost(std::size_t cell, bool rainy) const noexcept;
};

/// The PRIO-GRID cell (Tollefsen, Strand and Buhaug 2012) holding a point: cells of 0.5 x 0.5
/// degrees numbered row by row from the south-west corner of the globe, gid = row * 720 + col + 1
/// with row counted from latitude -90 and col from longitude -180 (1 to 259200). Latitudes past
/// the poles fall in the polar rows; longitudes wrap.
std::int32_t priogrid_gid(double latitude, double longitude) noexcept;

/// Builds the map from the scenario's [world] and [[identity_groups]] and a map seed: a run passes
/// world.seed, not its run seed, so that replicates share a country.
Map generate_map(const scenario::Scenario& sc, std::uint64_t seed);

}  // namespace peacesim::world
