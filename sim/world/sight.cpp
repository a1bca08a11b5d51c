// What each settlement sees and where its people would flee (docs/model.md, sections 7.1-7.2).
#include "world/sight.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace peacesim::world {

using detail::dist_cells;

Sight make_sight(const Map& map, const scenario::Scenario& sc) {
    Sight s;
    const double ck = map.cell_km;
    s.cell_km = ck;
    s.vision = std::max(1, int(std::lround(sc.population.vision_km / ck)));
    s.raid = std::max(1, int(std::lround(sc.conflict.raid_range_km / ck)));
    s.engage = std::max(1, int(std::lround(sc.conflict.engage_km / ck)));
    s.block_cells = std::max(1, int(std::lround(memory_block_km / ck)));
    s.blocks_w = (map.width + s.block_cells - 1) / s.block_cells;
    s.blocks_h = (map.height + s.block_cells - 1) / s.block_cells;

    const std::size_t ns = map.settlements.size();
    s.settlements.build(map.width, map.height, s.raid, ns, [&](std::size_t i) {
        return std::tuple{true, int(map.settlements[i].x), int(map.settlements[i].y)};
    });
    s.vision_blocks.assign(ns, {});
    s.vision_weights.assign(ns, {});
    s.settlement_block.assign(ns, 0);
    s.refuges.assign(ns, {});
    s.near_border.assign(ns, 0);
    std::vector<std::uint32_t> havens;  // towns and camps: where the displaced go
    for (std::size_t i = 0; i < ns; ++i)
        if (map.settlements[i].kind != SettlementKind::Village) havens.push_back(std::uint32_t(i));
    const int bc = s.block_cells;
    for (std::size_t i = 0; i < ns; ++i) {
        const auto& st = map.settlements[i];
        const int bx = st.x / bc, by = st.y / bc;
        s.settlement_block[i] = std::uint32_t(by * s.blocks_w + bx);
        const int rb = s.vision / bc + 1;
        const double reach = s.vision + bc * 0.5;
        for (int y = std::max(0, by - rb); y <= std::min(s.blocks_h - 1, by + rb); ++y)
            for (int x = std::max(0, bx - rb); x <= std::min(s.blocks_w - 1, bx + rb); ++x) {
                const double cx = (x + 0.5) * bc, cy = (y + 0.5) * bc;
                const double d = dist_cells(int(cx), int(cy), st.x, st.y);
                if (d > reach) continue;
                // Violence close by weighs more than violence at the edge of sight.
                s.vision_blocks[i].push_back(std::uint32_t(y * s.blocks_w + x));
                s.vision_weights[i].push_back(
                    float(1.0 - vision_edge_discount * std::min(1.0, d / reach)));
            }
        // The nearest havens (and the settlement itself if it is one).
        std::vector<std::pair<double, std::uint32_t>> c;
        for (auto h : havens) {
            const auto& o = map.settlements[h];
            c.push_back({dist_cells(st.x, st.y, o.x, o.y), h});
        }
        const std::size_t k = std::min(refuge_candidates, c.size());
        std::partial_sort(c.begin(), c.begin() + std::ptrdiff_t(k), c.end());
        for (std::size_t j = 0; j < k; ++j) s.refuges[i].push_back(c[j].second);
        s.near_border[i] = map.border_km(st.x, st.y) <= sc.population.refugee_border_km;
    }
    return s;
}

std::uint32_t Sight::settlement_near(const Map& map, int x, int y, int r) const {
    std::uint32_t best = detail::none32;
    double bd = r + 0.5;
    settlements.near(x, y, r, [&](std::uint32_t i) {
        const double d = dist_cells(x, y, map.settlements[i].x, map.settlements[i].y);
        if (d < bd) bd = d, best = i;
    });
    return best;
}

}  // namespace peacesim::world
