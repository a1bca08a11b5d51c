#pragma once
// Spatial helpers every module shares (docs/model.md, sections 2 and 7.5): distances in cells,
// straight-line walks over the raster, and a coarse bucket grid for "who is within r of here".
// Internal to the library.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <tuple>
#include <utility>
#include <vector>

namespace peacesim::world::detail {

inline constexpr std::uint32_t none32 = 0xFFFFFFFFu;
inline constexpr std::uint8_t none8 = 0xFF;
/// Length of a diagonal step, in cells.
inline constexpr double diagonal = 1.41421356;

/// Ids bucketed on a coarse grid, rebuilt each day, for "who is within r of here".
struct Buckets {
    int cell = 1, bw = 1, bh = 1;
    std::vector<std::uint32_t> start, items;

    /// pos(i) gives (present, x, y) for each of the n ids; absent ids are left out.
    template <class Pos>
    void build(int width, int height, int bucket_cells, std::size_t n, Pos pos) {
        cell = std::max(1, bucket_cells);
        bw = (width + cell - 1) / cell;
        bh = (height + cell - 1) / cell;
        start.assign(std::size_t(bw) * bh + 1, 0);
        for (std::size_t i = 0; i < n; ++i)
            if (auto [ok, x, y] = pos(i); ok) ++start[std::size_t(y / cell) * bw + x / cell + 1];
        for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
        items.assign(start.back(), 0);
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i)  // ascending ids within each bucket
            if (auto [ok, x, y] = pos(i); ok)
                items[fill[std::size_t(y / cell) * bw + x / cell]++] = std::uint32_t(i);
    }
    /// Calls f(id) for every item in the buckets that overlap the square of radius r; the caller
    /// checks the exact distance. Order: bucket rows, then ascending id: deterministic.
    template <class F>
    void near(int x, int y, int r, F f) const {
        const int bx0 = std::max(0, (x - r) / cell), bx1 = std::min(bw - 1, (x + r) / cell);
        const int by0 = std::max(0, (y - r) / cell), by1 = std::min(bh - 1, (y + r) / cell);
        for (int by = by0; by <= by1; ++by)
            for (int bx = bx0; bx <= bx1; ++bx) {
                const std::size_t b = std::size_t(by) * bw + bx;
                for (std::uint32_t k = start[b]; k < start[b + 1]; ++k) f(items[k]);
            }
    }
};

inline double dist_cells(int x0, int y0, int x1, int y1) {
    const double dx = x0 - x1, dy = y0 - y1;
    return std::sqrt(dx * dx + dy * dy);
}

/// Walks the straight line (Bresenham) from (x0, y0) towards (x1, y1): calls
/// step(x, y, length) for each next cell, length 1 or sqrt 2 in cells, and stops at the end or
/// when step returns false. Returns the last cell reached.
template <class F>
std::pair<int, int> walk_line(int x0, int y0, int x1, int y1, F step) {
    const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, x = x0, y = y0;
    while (!(x == x1 && y == y1)) {
        const int e2 = 2 * err;
        int nx = x, ny = y;
        if (e2 >= dy) err += dy, nx += sx;
        if (e2 <= dx) err += dx, ny += sy;
        if (!step(nx, ny, (nx != x && ny != y) ? diagonal : 1.0)) break;
        x = nx, y = ny;
    }
    return {x, y};
}

}  // namespace peacesim::world::detail
