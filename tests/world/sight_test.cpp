// What each settlement sees and where its people would flee (sim/world/sight.cpp).
#include "world/sight.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "../support/runs.hpp"

using namespace peacesim;

TEST_CASE("vision covers nearby blocks, weighted down towards the edge", "[world][sight]") {
    const auto sc = test::small_scenario();
    const auto map = world::generate_map(sc, 5);
    const auto s = world::make_sight(map, sc);
    CHECK(s.vision == int(std::lround(sc.population.vision_km / map.cell_km)));
    CHECK(s.block_count() == std::size_t(s.blocks_w) * s.blocks_h);
    REQUIRE(s.vision_blocks.size() == map.settlements.size());
    for (std::size_t i = 0; i < map.settlements.size(); ++i) {
        const auto& st = map.settlements[i];
        INFO("settlement " << i);
        // Its own block is in sight, and counts fully or nearly.
        const auto own =
            std::find(s.vision_blocks[i].begin(), s.vision_blocks[i].end(), s.settlement_block[i]);
        REQUIRE(own != s.vision_blocks[i].end());
        CHECK(s.vision_weights[i][std::size_t(own - s.vision_blocks[i].begin())] > 0.8f);
        CHECK(s.settlement_block[i] == s.block_of(st.x, st.y));
        for (float w : s.vision_weights[i]) {
            CHECK(w >= 1.0f - float(world::vision_edge_discount) - 1e-6f);
            CHECK(w <= 1.0f);
        }
    }
}

TEST_CASE("refuges are the nearest towns and camps, and the border is near the edge",
          "[world][sight]") {
    const auto sc = test::small_scenario();
    const auto map = world::generate_map(sc, 6);
    const auto s = world::make_sight(map, sc);
    for (std::size_t i = 0; i < map.settlements.size(); ++i) {
        const auto& st = map.settlements[i];
        CHECK(s.refuges[i].size() <= world::refuge_candidates);
        CHECK(!s.refuges[i].empty());
        double last = 0;
        for (auto h : s.refuges[i]) {
            CHECK(map.settlements[h].kind != world::SettlementKind::Village);
            const double d =
                world::detail::dist_cells(st.x, st.y, map.settlements[h].x, map.settlements[h].y);
            CHECK(d >= last);  // nearest first
            last = d;
        }
        CHECK(bool(s.near_border[i]) ==
              (map.border_km(st.x, st.y) <= sc.population.refugee_border_km));
    }
}

TEST_CASE("the settlement near a place is the closest within reach", "[world][sight]") {
    const auto sc = test::small_scenario();
    const auto map = world::generate_map(sc, 7);
    const auto s = world::make_sight(map, sc);
    const auto& st = map.settlements[3];
    CHECK(s.settlement_near(map, st.x, st.y, s.engage) == 3);
    // Far from everything: none.
    bool empty_found = false;
    for (int y = 0; y < map.height && !empty_found; y += 7)
        for (int x = 0; x < map.width && !empty_found; x += 7) {
            bool alone = true;
            for (const auto& o : map.settlements)
                alone = alone && world::detail::dist_cells(x, y, o.x, o.y) > s.engage + 0.5;
            if (!alone) continue;
            empty_found = true;
            CHECK(s.settlement_near(map, x, y, s.engage) == world::detail::none32);
        }
    CHECK(empty_found);
}
