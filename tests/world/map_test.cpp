// The generated map keeps the promises of docs/model.md (Initialisation, Movement) and of
// world/map.hpp, at several seeds and two sizes: a pure function of scenario and seed, settlements
// where [world] puts them, people and identities that add up, regions around their capitals,
// towns joined by roads, and a cost of movement that the rains change as documented.
#include "peacesim/world/map.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <deque>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "peacesim/scenario/load.hpp"

using namespace peacesim;
using world::Road;
using world::SettlementKind;
using world::Terrain;

namespace {

struct Size {
    int width, height;
    double cell_km;
    int towns, villages, camps, regions;
    double origin_lat, origin_lon;
};
// A small square country and a larger oblong one with a different cell size, south of the
// equator and west of Greenwich, so that no dimension or sign can be swapped unnoticed.
constexpr Size sizes[] = {
    {64, 64, 2.0, 6, 60, 2, 6, 4.0, 18.0},
    {256, 192, 1.5, 12, 200, 3, 8, -12.5, -60.0},
};
constexpr std::uint64_t seeds[] = {1, 7, 982451653};
constexpr std::int64_t population = 40000;

scenario::Scenario scenario_for(const Size& z) {
    return scenario::load_default({{"world.width", std::to_string(z.width)},
                                   {"world.height", std::to_string(z.height)},
                                   {"world.cell_km", std::to_string(z.cell_km)},
                                   {"world.population", std::to_string(population)},
                                   {"world.towns", std::to_string(z.towns)},
                                   {"world.villages", std::to_string(z.villages)},
                                   {"world.camps", std::to_string(z.camps)},
                                   {"world.regions", std::to_string(z.regions)},
                                   {"world.origin_lat", std::to_string(z.origin_lat)},
                                   {"world.origin_lon", std::to_string(z.origin_lon)}});
}

std::size_t count_kind(const world::Map& m, SettlementKind kind) {
    return std::size_t(std::count_if(m.settlements.begin(), m.settlements.end(),
                                     [&](const auto& s) { return s.kind == kind; }));
}

/// Cells reachable from (x, y) over cells that pass `ok`, stepping to any of the 8 neighbours:
/// roads are drawn as Bresenham lines, which move diagonally.
std::vector<char> flood(const world::Map& m, int x, int y, auto ok) {
    std::vector<char> seen(m.terrain.size(), 0);
    std::deque<std::pair<int, int>> todo{{x, y}};
    seen[m.cell(x, y)] = 1;
    while (!todo.empty()) {
        const auto [cx, cy] = todo.front();
        todo.pop_front();
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int nx = cx + dx, ny = cy + dy;
                if (!m.inside(nx, ny) || seen[m.cell(nx, ny)] || !ok(m.cell(nx, ny))) continue;
                seen[m.cell(nx, ny)] = 1;
                todo.emplace_back(nx, ny);
            }
    }
    return seen;
}

void check_same(const world::Map& a, const world::Map& b) {
    CHECK(a.width == b.width);
    CHECK(a.height == b.height);
    CHECK(a.terrain == b.terrain);
    CHECK(a.road == b.road);
    CHECK(a.region == b.region);
    REQUIRE(a.settlements.size() == b.settlements.size());
    for (std::size_t i = 0; i < a.settlements.size(); ++i) {
        const auto &s = a.settlements[i], &t = b.settlements[i];
        INFO("settlement " << i);
        CHECK(s.name == t.name);
        CHECK(s.kind == t.kind);
        CHECK(s.x == t.x);
        CHECK(s.y == t.y);
        CHECK(s.region == t.region);
        CHECK(s.majority_group == t.majority_group);
        CHECK(s.initial_population == t.initial_population);
        CHECK(s.composition == t.composition);
    }
    REQUIRE(a.regions.size() == b.regions.size());
    for (std::size_t r = 0; r < a.regions.size(); ++r) {
        CHECK(a.regions[r].name == b.regions[r].name);
        CHECK(a.regions[r].capital == b.regions[r].capital);
    }
}

}  // namespace

TEST_CASE("a map is a pure function of scenario and seed", "[world][map][determinism]") {
    for (const auto& z : sizes) {
        const auto sc = scenario_for(z);
        for (const auto seed : seeds) {
            INFO(z.width << "x" << z.height << ", seed " << seed);
            check_same(world::generate_map(sc, seed), world::generate_map(sc, seed));
        }
        // Another seed gives another country: terrain, places and roads all move.
        const auto a = world::generate_map(sc, seeds[0]), b = world::generate_map(sc, seeds[1]);
        INFO(z.width << "x" << z.height);
        CHECK(a.terrain != b.terrain);
        CHECK(a.road != b.road);
        CHECK(a.region != b.region);
        std::size_t moved = 0;
        for (std::size_t i = 0; i < a.settlements.size(); ++i)
            moved += a.settlements[i].x != b.settlements[i].x ||
                     a.settlements[i].y != b.settlements[i].y;
        CHECK(moved > a.settlements.size() / 2);
    }
}

TEST_CASE("the map has the scenario's size, settlements and terrain shares", "[world][map]") {
    for (const auto& z : sizes) {
        const auto sc = scenario_for(z);
        for (const auto seed : seeds) {
            INFO(z.width << "x" << z.height << ", seed " << seed);
            const auto m = world::generate_map(sc, seed);
            CHECK(m.width == z.width);
            CHECK(m.height == z.height);
            CHECK(m.cell_km == Approx(z.cell_km));
            const auto cells = std::size_t(z.width) * std::size_t(z.height);
            CHECK(m.terrain.size() == cells);
            CHECK(m.road.size() == cells);
            CHECK(m.region.size() == cells);

            REQUIRE(m.settlements.size() == std::size_t(z.towns + z.villages + z.camps));
            CHECK(count_kind(m, SettlementKind::Town) == std::size_t(z.towns));
            CHECK(count_kind(m, SettlementKind::Village) == std::size_t(z.villages));
            CHECK(count_kind(m, SettlementKind::Camp) == std::size_t(z.camps));
            // The code relies on the order: towns first (the first are the capitals), then
            // villages, then camps.
            for (std::size_t i = 0; i < m.settlements.size(); ++i) {
                const auto kind = i < std::size_t(z.towns)                ? SettlementKind::Town
                                  : i < std::size_t(z.towns + z.villages) ? SettlementKind::Village
                                                                          : SettlementKind::Camp;
                CHECK(m.settlements[i].kind == kind);
            }

            // Each settlement has a cell of its own, on land, inside the map.
            std::set<std::pair<int, int>> cells_taken;
            for (std::size_t i = 0; i < m.settlements.size(); ++i) {
                const auto& s = m.settlements[i];
                INFO("settlement " << i << " (" << world::settlement_kind_names[int(s.kind)]
                                   << ") at " << s.x << "," << s.y);
                REQUIRE(m.inside(s.x, s.y));
                CHECK(m.terrain[m.cell(s.x, s.y)] != Terrain::Water);
                CHECK(cells_taken.emplace(s.x, s.y).second);
                CHECK(!s.name.empty());
            }

            // Water and hills are the two ends of one elevation field cut at quantiles.
            const auto share = [&](Terrain t) {
                return double(std::count(m.terrain.begin(), m.terrain.end(), t)) / double(cells);
            };
            CHECK(share(Terrain::Water) == Approx(sc.world.water).margin(0.01));
            CHECK(share(Terrain::Hills) == Approx(sc.world.hills).margin(0.01));
            CHECK(share(Terrain::Plain) > 0.05);
        }
    }
}

TEST_CASE("the people add up and each group's shares are consistent", "[world][map][population]") {
    for (const auto& z : sizes) {
        const auto sc = scenario_for(z);
        const std::size_t ng = sc.identity_groups.size();
        for (const auto seed : seeds) {
            INFO(z.width << "x" << z.height << ", seed " << seed);
            const auto m = world::generate_map(sc, seed);
            std::int64_t total = 0, urban = 0;
            std::vector<double> by_group(ng, 0.0), in_home_region(ng, 0.0),
                home_region_pop(ng, 0.0);
            for (std::size_t i = 0; i < m.settlements.size(); ++i) {
                const auto& s = m.settlements[i];
                INFO("settlement " << i);
                // Camps start empty and fill with the displaced; everywhere else someone lives.
                if (s.kind == SettlementKind::Camp)
                    CHECK(s.initial_population == 0);
                else
                    CHECK(s.initial_population >= 1);
                total += s.initial_population;
                if (s.kind == SettlementKind::Town) urban += s.initial_population;

                REQUIRE(s.composition.size() == ng);
                CHECK(std::accumulate(s.composition.begin(), s.composition.end(), 0.0) ==
                      Approx(1.0).margin(1e-5));
                for (const float c : s.composition) CHECK((c >= 0.0f && c <= 1.0f));
                REQUIRE(s.majority_group < ng);
                CHECK(s.composition[s.majority_group] ==
                      *std::max_element(s.composition.begin(), s.composition.end()));
                for (std::size_t g = 0; g < ng; ++g) {
                    const double people = double(s.initial_population) * s.composition[g];
                    by_group[g] += people;
                    if (int(s.region) == sc.identity_groups[g].home_region) {
                        in_home_region[g] += people;
                        home_region_pop[g] += double(s.initial_population);
                    }
                }
            }
            CHECK(total == sc.world.population);
            // Zipf's rule on rank gives the towns their share, up to one person per settlement
            // of rounding (which the largest town takes).
            CHECK(double(urban) / double(total) == Approx(sc.world.urban_share).margin(0.01));
            for (std::size_t t = 1; t + 1 < std::size_t(z.towns); ++t)
                CHECK(m.settlements[t].initial_population >=
                      m.settlements[t + 1].initial_population);
            // Raking restores the national shares; groups with a home region are concentrated
            // there.
            for (std::size_t g = 0; g < ng; ++g) {
                INFO("group " << g);
                CHECK(by_group[g] / double(total) ==
                      Approx(sc.identity_groups[g].share).margin(0.005));
                if (sc.identity_groups[g].home_region >= 0 && home_region_pop[g] > 0)
                    CHECK(in_home_region[g] / home_region_pop[g] > sc.identity_groups[g].share);
            }
        }
    }
}

TEST_CASE("few people in many villages: everyone is housed, one person at least a place",
          "[world][map][population]") {
    // The towns' share by Zipf's law and one person at least in each village overdraw the
    // population when it is small and nearly all urban; the schema's floor (two people a
    // settlement) must still give every village someone and nobody a negative count.
    for (const double urban : {0.5, 0.9, 0.99, 1.0})
        for (const std::int64_t people : {1000, 1001, 1500, 4000})
            for (const auto seed : seeds) {
                INFO("urban share " << urban << ", " << people << " people, seed " << seed);
                const auto sc =
                    scenario::load_default({{"world.population", std::to_string(people)},
                                            {"world.urban_share", std::to_string(urban)}});
                const auto m = world::generate_map(sc, seed);
                std::int64_t total = 0;
                for (const auto& s : m.settlements) {
                    if (s.kind == SettlementKind::Camp)
                        CHECK(s.initial_population == 0);
                    else
                        CHECK(s.initial_population >= 1);
                    total += s.initial_population;
                }
                CHECK(total == people);
            }
}

TEST_CASE("regions form around their capitals", "[world][map][regions]") {
    for (const auto& z : sizes) {
        const auto sc = scenario_for(z);
        for (const auto seed : seeds) {
            INFO(z.width << "x" << z.height << ", seed " << seed);
            const auto m = world::generate_map(sc, seed);
            REQUIRE(m.regions.size() == std::size_t(z.regions));
            std::set<std::uint32_t> capitals;
            for (std::size_t r = 0; r < m.regions.size(); ++r) {
                INFO("region " << r);
                const auto cap = m.regions[r].capital;
                REQUIRE(cap < m.settlements.size());
                CHECK(m.settlements[cap].kind == SettlementKind::Town);
                CHECK(m.settlements[cap].region == r);
                CHECK(m.region[m.cell(m.settlements[cap].x, m.settlements[cap].y)] == r);
                CHECK(capitals.insert(cap).second);
                CHECK(!m.regions[r].name.empty());
            }
            // Every cell belongs to a region, the one of the nearest capital; settlements to the
            // region of their cell. Count failures rather than assert per cell.
            std::size_t invalid = 0, not_nearest = 0;
            std::vector<std::size_t> cells_of(m.regions.size(), 0);
            for (int y = 0; y < m.height; ++y)
                for (int x = 0; x < m.width; ++x) {
                    const auto r = m.region[m.cell(x, y)];
                    if (r >= m.regions.size()) {
                        ++invalid;
                        continue;
                    }
                    ++cells_of[r];
                    const auto d2 = [&](std::size_t k) {
                        const auto& c = m.settlements[m.regions[k].capital];
                        const std::int64_t dx = x - c.x, dy = y - c.y;
                        return dx * dx + dy * dy;
                    };
                    for (std::size_t k = 0; k < m.regions.size(); ++k) not_nearest += d2(k) < d2(r);
                }
            CHECK(invalid == 0);
            CHECK(not_nearest == 0);
            for (const auto n : cells_of) CHECK(n > 0);
            for (const auto& s : m.settlements) CHECK(s.region == m.region[m.cell(s.x, s.y)]);
        }
    }
}

TEST_CASE("roads join every town, and villages and camps near one", "[world][map][roads]") {
    for (const auto& z : sizes) {
        const auto sc = scenario_for(z);
        for (const auto seed : seeds) {
            INFO(z.width << "x" << z.height << ", seed " << seed);
            const auto m = world::generate_map(sc, seed);
            const auto& t0 = m.settlements[0];
            // The towns' minimum spanning tree is all primary road.
            const auto primary =
                flood(m, t0.x, t0.y, [&](std::size_t c) { return m.road[c] == Road::Primary; });
            for (std::size_t t = 0; t < std::size_t(z.towns); ++t) {
                INFO("town " << t);
                CHECK(m.road[m.cell(m.settlements[t].x, m.settlements[t].y)] == Road::Primary);
                CHECK(primary[m.cell(m.settlements[t].x, m.settlements[t].y)]);
            }
            // Camps always, and villages within 40 km of their nearest town, hang off the
            // network by a track (or better).
            const auto any =
                flood(m, t0.x, t0.y, [&](std::size_t c) { return m.road[c] != Road::None; });
            std::size_t linked = 0;
            for (std::size_t i = std::size_t(z.towns); i < m.settlements.size(); ++i) {
                const auto& s = m.settlements[i];
                double nearest = 1e300;
                for (std::size_t t = 0; t < std::size_t(z.towns); ++t) {
                    const double dx = double(s.x) - m.settlements[t].x,
                                 dy = double(s.y) - m.settlements[t].y;
                    nearest = std::min(nearest, std::sqrt(dx * dx + dy * dy) * m.cell_km);
                }
                if (s.kind != SettlementKind::Camp && nearest > 40.0) continue;
                INFO("settlement " << i << " " << nearest << " km from a town");
                CHECK(any[m.cell(s.x, s.y)]);
                ++linked;
            }
            CHECK(linked >= std::size_t(z.camps));
            // No road leads nowhere: every road cell is part of the one network.
            std::size_t stray = 0;
            for (std::size_t c = 0; c < m.road.size(); ++c)
                stray += m.road[c] != Road::None && !any[c];
            CHECK(stray == 0);
        }
    }
}

TEST_CASE("the border is at the edge of the map", "[world][map][geography]") {
    for (const auto& z : sizes) {
        const auto m = world::generate_map(scenario_for(z), 1);
        INFO(z.width << "x" << z.height);
        const double half_cell = 0.5 * m.cell_km;
        for (int x = 0; x < m.width; ++x) {
            CHECK(m.border_km(x, 0) == Approx(half_cell));
            CHECK(m.border_km(x, m.height - 1) == Approx(half_cell));
        }
        for (int y = 0; y < m.height; ++y) {
            CHECK(m.border_km(0, y) == Approx(half_cell));
            CHECK(m.border_km(m.width - 1, y) == Approx(half_cell));
        }
        // Inwards from each edge it grows by a cell a step, up to the middle.
        const int cx = m.width / 2, cy = m.height / 2;
        for (int x = 1; x <= cx; ++x) CHECK(m.border_km(x, cy) >= m.border_km(x - 1, cy));
        for (int y = 1; y <= cy; ++y) CHECK(m.border_km(cx, y) >= m.border_km(cx, y - 1));
        CHECK(m.border_km(3, cy) == Approx(3.5 * m.cell_km));
        CHECK(m.border_km(cx, cy) == Approx((std::min(m.width, m.height) / 2 - 0.5) * m.cell_km));
    }
}

TEST_CASE("rain slows tracks and open country far more than primary roads",
          "[world][map][mobility]") {
    for (const auto& z : sizes) {
        const auto m = world::generate_map(scenario_for(z), 7);
        INFO(z.width << "x" << z.height);
        // Every cell is slower or as fast in the rains, and paved roads are the fastest.
        double worst_primary_ratio = 0, best_track_ratio = 1e9, best_offroad_ratio = 1e9;
        double slowest_primary_wet = 0, fastest_offroad_wet = 1e9;
        std::size_t slower_when_dry = 0, n_primary = 0, n_track = 0, n_offroad = 0;
        for (std::size_t c = 0; c < m.road.size(); ++c) {
            const double dry = m.move_cost(c, false), wet = m.move_cost(c, true);
            slower_when_dry += wet < dry || dry <= 0;
            const double ratio = wet / dry;
            if (m.road[c] == Road::Primary) {
                ++n_primary;
                worst_primary_ratio = std::max(worst_primary_ratio, ratio);
                slowest_primary_wet = std::max(slowest_primary_wet, wet);
            } else if (m.road[c] == Road::Track) {
                ++n_track;
                best_track_ratio = std::min(best_track_ratio, ratio);
            } else if (m.road[c] == Road::None) {
                ++n_offroad;
                best_offroad_ratio = std::min(best_offroad_ratio, ratio);
                fastest_offroad_wet = std::min(fastest_offroad_wet, wet);
            }
        }
        REQUIRE(n_primary > 0);
        REQUIRE(n_track > 0);
        REQUIRE(n_offroad > 0);
        CHECK(slower_when_dry == 0);
        CHECK(best_track_ratio > 1.5 * worst_primary_ratio);
        CHECK(best_offroad_ratio > 1.5 * worst_primary_ratio);
        CHECK(fastest_offroad_wet > 2 * slowest_primary_wet);
        // Water stays the dearest cell to cross in any season.
        for (std::size_t c = 0; c < m.road.size(); ++c)
            if (m.terrain[c] == Terrain::Water && m.road[c] == Road::None) {
                CHECK(m.move_cost(c, false) >= 10);
                break;
            }
    }
}

TEST_CASE("cells are placed on the globe from the south-west corner", "[world][map][geography]") {
    for (const auto& z : sizes) {
        const auto m = world::generate_map(scenario_for(z), 1);
        INFO(z.width << "x" << z.height);
        CHECK(m.origin_lat == Approx(z.origin_lat));
        CHECK(m.origin_lon == Approx(z.origin_lon));
        const double km_per_degree = 111.32, cell_deg = m.cell_km / km_per_degree;
        // Cell centres: half a cell north and east of the corner; y = 0 is the southern edge.
        CHECK(m.latitude(0) == Approx(z.origin_lat + 0.5 * cell_deg));
        CHECK(m.latitude(m.height - 1) == Approx(z.origin_lat + (m.height - 0.5) * cell_deg));
        for (int y = 1; y < m.height; ++y) CHECK(m.latitude(y) > m.latitude(y - 1));
        // A degree of longitude shrinks with the cosine of latitude.
        const double lat0 = m.latitude(0) * 3.14159265358979 / 180.0;
        CHECK(m.longitude(0, 0) == Approx(z.origin_lon + 0.5 * cell_deg / std::cos(lat0)));
        CHECK(m.longitude(m.width - 1, 0) ==
              Approx(z.origin_lon + (m.width - 0.5) * cell_deg / std::cos(lat0)));
        for (int x = 1; x < m.width; ++x)
            CHECK(m.longitude(x, m.height / 2) > m.longitude(x - 1, m.height / 2));
        // The whole map spans its extent in km.
        CHECK((m.latitude(m.height - 1) - m.latitude(0)) * km_per_degree ==
              Approx((m.height - 1) * m.cell_km).epsilon(1e-6));
    }
}
TEST_CASE("camps stand on land", "[world][map]") {
    // A camp whose place beside its town is water goes to another free land cell, as towns and
    // villages do (seeds 6 and 59 put one in a lake before).
    const auto sc = scenario_for(sizes[0]);
    std::size_t wet = 0;
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        const auto m = world::generate_map(sc, seed);
        for (const auto& s : m.settlements) {
            if (s.kind != SettlementKind::Camp || m.terrain[m.cell(s.x, s.y)] != Terrain::Water)
                continue;
            ++wet;
            UNSCOPED_INFO("seed " << seed << ": " << s.name << " at " << s.x << "," << s.y);
        }
    }
    CHECK(wet == 0);
}

TEST_CASE("PRIO-GRID cells are numbered from the south-west, row by row", "[world][map]") {
    CHECK(world::priogrid_gid(-89.75, -179.75) == 1);             // the first cell
    CHECK(world::priogrid_gid(-89.75, -179.25) == 2);             // its eastern neighbour
    CHECK(world::priogrid_gid(-89.25, -179.75) == 721);           // the next row up
    CHECK(world::priogrid_gid(89.75, 179.75) == 259200);          // the last cell
    CHECK(world::priogrid_gid(0.0, 0.0) == 180 * 720 + 360 + 1);  // lower-left corner is inside
    // Oslo (59.91 N, 10.75 E): row 299 from the south, column 381 from the west.
    CHECK(world::priogrid_gid(59.91, 10.75) == 299 * 720 + 381 + 1);
    // Bangui (4.36 N, 18.55 E).
    CHECK(world::priogrid_gid(4.36, 18.55) == 188 * 720 + 397 + 1);
    // Past the poles and the date line: the polar rows, and longitude wraps.
    CHECK(world::priogrid_gid(95.0, 0.25) == world::priogrid_gid(89.9, 0.25));
    CHECK(world::priogrid_gid(-91.0, 0.25) == world::priogrid_gid(-89.9, 0.25));
    CHECK(world::priogrid_gid(4.36, 18.55 + 360.0) == world::priogrid_gid(4.36, 18.55));
    CHECK(world::priogrid_gid(4.36, 180.25) == world::priogrid_gid(4.36, -179.75));
}
