// The map (docs/model.md, sections 2 and 5): generated from the map seed (world.seed) and [world]:
// terrain from value noise cut at the scenario's shares, towns, villages and camps, regions, roads,
// and who lives where.
#include "peacesim/world/map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "peacesim/core/random.hpp"

namespace peacesim::world {

using core::Purpose;
using core::Stream;

namespace {
/// Kilometres per degree of latitude (and of longitude at the equator).
constexpr double km_per_degree = 111.32;
constexpr double pi = 3.14159265358979;
/// Rain multiplies the cost of open country by this much (mud, swollen streams); roads have
/// their own wet-season costs.
constexpr double rainy_offroad_factor = 1.8;
/// Village sizes are lognormal with this spread of the log (a few large villages, many small).
constexpr double village_size_sigma = 0.8;
/// Identity groups concentrate in their home region: their weight there and elsewhere, before
/// raking restores the national shares.
constexpr double home_affinity = 12.0, away_affinity = 0.35;
constexpr int raking_iterations = 30;
}  // namespace

double Map::latitude(int y) const noexcept {
    return origin_lat + (y + 0.5) * cell_km / km_per_degree;
}

double Map::longitude(int x, int y) const noexcept {
    const double lat = latitude(y) * pi / 180.0;
    return origin_lon + (x + 0.5) * cell_km / (km_per_degree * std::max(0.05, std::cos(lat)));
}

std::int32_t priogrid_gid(double latitude, double longitude) noexcept {
    constexpr double cell_degrees = 0.5;
    constexpr int rows = 360, cols = 720;
    const int row = std::clamp(int(std::floor((latitude + 90.0) / cell_degrees)), 0, rows - 1);
    const double lon = std::fmod(std::fmod(longitude + 180.0, 360.0) + 360.0, 360.0);
    const int col = std::clamp(int(std::floor(lon / cell_degrees)), 0, cols - 1);
    return std::int32_t(row) * cols + col + 1;
}

double Map::border_km(int x, int y) const noexcept {
    const int d = std::min({x, y, width - 1 - x, height - 1 - y});
    return (d + 0.5) * cell_km;
}

double Map::move_cost(std::size_t c, bool rainy) const noexcept {
    // Off-road factors after the movement tables used in military route planning: forest and
    // hills roughly halve speed, swamp a third, water is impassable without a crossing.
    static constexpr double terrain_dry[] = {1.0, 1.8, 3.0, 2.2, 25.0};
    static constexpr double road_dry[] = {0.0, 0.8, 0.5, 0.35};
    static constexpr double road_wet[] = {0.0, 2.0, 0.9, 0.4};
    const auto r = static_cast<int>(road[c]);
    if (r > 0) return rainy ? road_wet[r] : road_dry[r];
    const double t = terrain_dry[static_cast<int>(terrain[c])];
    return rainy ? t * rainy_offroad_factor : t;
}

namespace {

// Smooth value noise from the counter-based stream: a random value at each lattice point,
// interpolated with a smoothstep; four octaves.
class Noise {
  public:
    Noise(std::uint64_t seed, std::uint32_t layer) : seed_(seed), layer_(layer) {}
    double at(double x, double y) const {
        double sum = 0, amp = 1, norm = 0, freq = 1.0 / 48.0;
        for (std::uint32_t o = 0; o < 4; ++o) {
            sum += amp * lattice(x * freq, y * freq, o);
            norm += amp;
            amp *= 0.5;
            freq *= 2.0;
        }
        return sum / norm;
    }

  private:
    double corner(std::int64_t ix, std::int64_t iy, std::uint32_t octave) const {
        const std::uint32_t id = std::uint32_t(ix & 0xFFFF) | (std::uint32_t(iy & 0xFFFF) << 16);
        return Stream(seed_, layer_ * 8 + octave, id, Purpose::MapTerrain).uniform();
    }
    double lattice(double x, double y, std::uint32_t octave) const {
        const double fx = std::floor(x), fy = std::floor(y);
        const auto ix = std::int64_t(fx), iy = std::int64_t(fy);
        auto s = [](double t) { return t * t * (3 - 2 * t); };
        const double tx = s(x - fx), ty = s(y - fy);
        const double a = corner(ix, iy, octave), b = corner(ix + 1, iy, octave);
        const double c = corner(ix, iy + 1, octave), d = corner(ix + 1, iy + 1, octave);
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
    }
    std::uint64_t seed_;
    std::uint32_t layer_;
};

double quantile(std::vector<float> v, double q) {
    if (v.empty()) return 0;
    const auto k = std::size_t(std::clamp(q, 0.0, 1.0) * double(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

void draw_road(Map& m, int x0, int y0, int x1, int y1, Road quality) {
    // Bresenham's line; a better class of road is never downgraded.
    int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
    for (;;) {
        auto& r = m.road[m.cell(x0, y0)];
        if (static_cast<int>(r) < static_cast<int>(quality)) r = quality;
        if (x0 == x1 && y0 == y1) break;
        const int e2 = 2 * err;
        if (e2 >= dy) err += dy, x0 += sx;
        if (e2 <= dx) err += dx, y0 += sy;
    }
}

std::string make_name(std::uint64_t seed, std::uint32_t id, Purpose purpose) {
    static constexpr const char* syll[] = {"ba", "ka", "lo", "mbe", "ndi", "sa", "ra",  "to",
                                           "go", "ma", "ki", "ze",  "bo",  "ya", "nga", "di",
                                           "wu", "fa", "li", "ku",  "mo",  "se", "ta",  "ri"};
    Stream r(seed, 0xFFFF, id, purpose);
    const int n = 2 + int(r.below(2));
    std::string s;
    for (int i = 0; i < n; ++i) s += syll[r.below(std::size(syll))];
    s[0] = char(std::toupper(s[0]));
    return s;
}

}  // namespace

Map generate_map(const scenario::Scenario& sc, std::uint64_t seed) {
    const auto& w = sc.world;
    Map m;
    m.width = int(w.width);
    m.height = int(w.height);
    m.cell_km = w.cell_km;
    m.origin_lat = w.origin_lat;
    m.origin_lon = w.origin_lon;
    const std::size_t n = std::size_t(m.width) * m.height;
    m.terrain.assign(n, Terrain::Plain);
    m.road.assign(n, Road::None);
    m.region.assign(n, 0);

    // Terrain: elevation and wetness noise, cut at quantiles so each class gets its share.
    // Noise is sampled in km so features keep their size whatever the cell size.
    const Noise elev(seed, 1), wet(seed, 2);
    std::vector<float> e(n), h(n);
    const double scale = m.cell_km / 2.0;
    for (int y = 0; y < m.height; ++y)
        for (int x = 0; x < m.width; ++x) {
            e[m.cell(x, y)] = float(elev.at(x * scale, y * scale));
            h[m.cell(x, y)] = float(wet.at(x * scale + 977, y * scale + 331));
        }
    const double water_cut = quantile(e, w.water);
    const double hills_cut = quantile(e, 1.0 - w.hills);
    const double land = std::max(1e-9, 1.0 - w.water - w.hills);
    const double swamp_cut = quantile(h, 1.0 - w.swamp / land);
    const double forest_cut = quantile(h, 1.0 - (w.swamp + w.forest) / land);
    for (std::size_t c = 0; c < n; ++c) {
        if (w.water > 0 && e[c] <= water_cut)
            m.terrain[c] = Terrain::Water;
        else if (w.hills > 0 && e[c] >= hills_cut)
            m.terrain[c] = Terrain::Hills;
        else if (w.swamp > 0 && h[c] >= swamp_cut)
            m.terrain[c] = Terrain::Swamp;
        else if (w.forest > 0 && h[c] >= forest_cut)
            m.terrain[c] = Terrain::Forest;
    }

    // Settlements on land, apart from each other: towns first (spread out), then villages.
    std::vector<std::uint8_t> taken(n, 0);
    auto place = [&](std::uint32_t id, int spacing, int tries) -> std::pair<int, int> {
        Stream r(seed, 0, id, Purpose::MapSettlements);
        for (int t = 0; t < tries; ++t) {
            const int margin = std::min(4, std::min(m.width, m.height) / 8);
            const int x = margin + int(r.below(std::uint32_t(m.width - 2 * margin)));
            const int y = margin + int(r.below(std::uint32_t(m.height - 2 * margin)));
            if (m.terrain[m.cell(x, y)] == Terrain::Water || taken[m.cell(x, y)]) continue;
            const int sp = std::max(1, spacing * (tries - t) / tries);  // relax when crowded
            bool ok = true;
            for (const auto& s : m.settlements)
                if (std::abs(s.x - x) < sp && std::abs(s.y - y) < sp) {
                    ok = false;
                    break;
                }
            if (ok) return {x, y};
        }
        for (std::uint32_t k = 0;; ++k) {  // guaranteed fallback: scan for a free land cell
            const std::size_t c = (std::size_t(r.next_u32()) + k) % n;
            if (!taken[c] && m.terrain[c] != Terrain::Water)
                return {int(c % m.width), int(c / m.width)};
            if (k > n) return {int(c % m.width), int(c / m.width)};
        }
    };
    const int town_spacing = int(std::sqrt(double(n) / double(w.towns)) * 0.6);
    const int village_spacing = std::max(
        2, int(std::sqrt(double(n) / double(std::max<std::int64_t>(1, w.villages))) * 0.5));
    auto add = [&](SettlementKind kind, int x, int y) {
        Settlement s;
        s.kind = kind;
        s.x = std::uint16_t(x);
        s.y = std::uint16_t(y);
        s.name = make_name(seed, std::uint32_t(m.settlements.size()), Purpose::MapSettlements);
        if (kind == SettlementKind::Camp) s.name += " camp";
        taken[m.cell(x, y)] = 1;
        m.settlements.push_back(std::move(s));
    };
    for (std::int64_t i = 0; i < w.towns; ++i) {
        auto [x, y] = place(std::uint32_t(m.settlements.size()), town_spacing, 200);
        add(SettlementKind::Town, x, y);
    }
    for (std::int64_t i = 0; i < w.villages; ++i) {
        auto [x, y] = place(std::uint32_t(m.settlements.size()), village_spacing, 60);
        add(SettlementKind::Village, x, y);
    }
    for (std::int64_t i = 0; i < w.camps; ++i) {
        // Camps grow on the edge of towns, where aid and markets are.
        const auto& t = m.settlements[std::size_t(i % w.towns)];
        int x = std::clamp(int(t.x) + 3 + int(i / w.towns), 0, m.width - 1), y = t.y;
        if (taken[m.cell(x, y)] || m.terrain[m.cell(x, y)] == Terrain::Water)
            std::tie(x, y) = place(std::uint32_t(m.settlements.size()), 1, 40);
        add(SettlementKind::Camp, x, y);
    }

    // Regions: the first towns are the capitals; every cell belongs to the nearest.
    const auto nreg = std::size_t(w.regions);
    for (std::size_t r = 0; r < nreg; ++r)
        m.regions.push_back(
            {make_name(seed, std::uint32_t(r), Purpose::MapRoads), std::uint32_t(r)});
    for (int y = 0; y < m.height; ++y)
        for (int x = 0; x < m.width; ++x) {
            std::int64_t best = std::numeric_limits<std::int64_t>::max();
            std::uint8_t arg = 0;
            for (std::size_t r = 0; r < nreg; ++r) {
                const auto& s = m.settlements[m.regions[r].capital];
                const std::int64_t dx = x - s.x, dy = y - s.y, d = dx * dx + dy * dy;
                if (d < best) best = d, arg = std::uint8_t(r);
            }
            m.region[m.cell(x, y)] = arg;
        }
    for (auto& s : m.settlements) s.region = m.region[m.cell(s.x, s.y)];

    // Roads: a minimum spanning tree over towns (Prim) as primary roads, a second link from
    // each town to its nearest other town as secondary, and a track from each village to the
    // nearest town or primary road point in reach.
    const auto towns = std::size_t(w.towns);
    auto d2 = [&](std::size_t a, std::size_t b) {
        const double dx = double(m.settlements[a].x) - m.settlements[b].x;
        const double dy = double(m.settlements[a].y) - m.settlements[b].y;
        return dx * dx + dy * dy;
    };
    {
        std::vector<char> in(towns, 0);
        std::vector<double> best(towns, std::numeric_limits<double>::infinity());
        std::vector<std::size_t> from(towns, 0);
        best[0] = 0;
        for (std::size_t it = 0; it < towns; ++it) {
            std::size_t u = towns;
            for (std::size_t v = 0; v < towns; ++v)
                if (!in[v] && (u == towns || best[v] < best[u])) u = v;
            in[u] = 1;
            if (u != 0) {
                const auto &a = m.settlements[u], &b = m.settlements[from[u]];
                draw_road(m, a.x, a.y, b.x, b.y, Road::Primary);
            }
            for (std::size_t v = 0; v < towns; ++v)
                if (!in[v] && d2(u, v) < best[v]) best[v] = d2(u, v), from[v] = u;
        }
        for (std::size_t u = 0; u < towns && towns > 2; ++u) {
            std::size_t nb = u == 0 ? 1 : 0;
            for (std::size_t v = 0; v < towns; ++v)
                if (v != u && d2(u, v) < d2(u, nb)) nb = v;
            const auto &a = m.settlements[u], &b = m.settlements[nb];
            draw_road(m, a.x, a.y, b.x, b.y, Road::Secondary);
        }
    }
    const double track_reach = 40.0 / m.cell_km;  // villages within 40 km of a town get a track
    for (std::size_t v = towns; v < m.settlements.size(); ++v) {
        std::size_t nb = 0;
        for (std::size_t t = 1; t < towns; ++t)
            if (d2(v, t) < d2(v, nb)) nb = t;
        if (m.settlements[v].kind == SettlementKind::Camp ||
            d2(v, nb) <= track_reach * track_reach) {
            const auto &a = m.settlements[v], &b = m.settlements[nb];
            draw_road(m, a.x, a.y, b.x, b.y, Road::Track);
        }
    }

    // Who lives where. Towns take the urban share by Zipf's law on rank; villages the rest
    // with lognormal sizes; camps start empty and fill with the displaced.
    const std::int64_t pop = w.population;
    std::vector<double> weight(m.settlements.size(), 0.0);
    double town_w = 0, village_w = 0;
    for (std::size_t i = 0; i < m.settlements.size(); ++i) {
        auto& s = m.settlements[i];
        if (s.kind == SettlementKind::Town)
            weight[i] = 1.0 / double(i + 1), town_w += weight[i];
        else if (s.kind == SettlementKind::Village) {
            Stream r(seed, 1, std::uint32_t(i), Purpose::MapSettlements);
            weight[i] = std::exp(village_size_sigma * r.normal());
            village_w += weight[i];
        }
    }
    const double urban = w.villages > 0 ? w.urban_share : 1.0;
    std::int64_t assigned = 0;
    std::size_t largest = 0;
    for (std::size_t i = 0; i < m.settlements.size(); ++i) {
        auto& s = m.settlements[i];
        double share = 0;
        if (s.kind == SettlementKind::Town)
            share = urban * weight[i] / town_w;
        else if (s.kind == SettlementKind::Village)
            share = (1 - urban) * weight[i] / village_w;
        s.initial_population = std::int64_t(std::floor(share * double(pop)));
        if (s.kind != SettlementKind::Camp)
            s.initial_population = std::max<std::int64_t>(1, s.initial_population);
        assigned += s.initial_population;
        if (s.initial_population > m.settlements[largest].initial_population) largest = i;
    }
    if (m.settlements[largest].initial_population + (pop - assigned) >= 1) {
        m.settlements[largest].initial_population += pop - assigned;  // rounding to the capital
    } else {
        // Few people and many villages: with one person at least in each, the shares overdraw
        // the population by more than the capital holds. The excess is taken from everyone
        // above one person, in proportion, and what rounding leaves from the largest first. The
        // schema's two people a settlement at least leave enough above one to take it from.
        const std::int64_t excess = assigned - pop;
        std::int64_t spare = 0;
        for (const auto& s : m.settlements)
            spare += std::max<std::int64_t>(0, s.initial_population - 1);
        std::int64_t taken = 0;
        for (auto& s : m.settlements) {
            const std::int64_t above = std::max<std::int64_t>(0, s.initial_population - 1);
            const auto cut =
                spare > 0 ? std::int64_t(double(excess) * double(above) / double(spare)) : 0;
            s.initial_population -= std::min(cut, above);
            taken += std::min(cut, above);
        }
        std::vector<std::size_t> by_size(m.settlements.size());
        std::iota(by_size.begin(), by_size.end(), std::size_t{0});
        std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
            return m.settlements[a].initial_population > m.settlements[b].initial_population;
        });
        for (bool took = true; taken < excess && took;) {
            took = false;
            for (std::size_t k = 0; k < by_size.size() && taken < excess; ++k) {
                auto& s = m.settlements[by_size[k]];
                if (s.initial_population > 1) --s.initial_population, ++taken, took = true;
            }
        }
    }

    // Identity composition: groups concentrate in their home region; raking (iterative
    // proportional fitting) then restores the scenario's national shares.
    const std::size_t ng = sc.identity_groups.size();
    std::vector<double> factor(ng, 1.0);
    for (auto& s : m.settlements) s.composition.assign(ng, 0.0f);
    for (int iter = 0; iter < raking_iterations; ++iter) {
        std::vector<double> total(ng, 0.0);
        for (auto& s : m.settlements) {
            double sum = 0;
            for (std::size_t g = 0; g < ng; ++g) {
                const auto& ig = sc.identity_groups[g];
                const double affinity =
                    ig.home_region < 0
                        ? 1.0
                        : (ig.home_region == s.region ? home_affinity : away_affinity);
                s.composition[g] = float(ig.share * affinity * factor[g]);
                sum += s.composition[g];
            }
            for (std::size_t g = 0; g < ng; ++g) {
                s.composition[g] = sum > 0 ? float(s.composition[g] / sum) : float(1.0 / ng);
                total[g] += s.composition[g] * double(s.initial_population);
            }
        }
        for (std::size_t g = 0; g < ng; ++g)
            if (total[g] > 0) factor[g] *= sc.identity_groups[g].share * double(pop) / total[g];
    }
    for (auto& s : m.settlements)
        s.majority_group = std::uint8_t(
            std::max_element(s.composition.begin(), s.composition.end()) - s.composition.begin());
    return m;
}

}  // namespace peacesim::world
