// Seasons (sim/world/season.cpp): the calendar's rainy months, wrapping over the new year, and
// the injects that force a season for a while.
#include "world/season.hpp"

#include <catch2/catch.hpp>

using namespace peacesim;

namespace {
scenario::WorldParams months(int start, int end) {
    scenario::WorldParams w;
    w.rainy_start_month = start;
    w.rainy_end_month = end;
    return w;
}
core::Date on(int month) { return core::Date{2025, month, 15}; }
}  // namespace

TEST_CASE("the calendar's rainy months, also across the new year", "[world][season]") {
    const auto sahel = months(6, 9);
    for (int m = 1; m <= 12; ++m) CHECK(world::calendar_rainy(on(m), sahel) == (m >= 6 && m <= 9));
    const auto south = months(11, 3);  // wraps over December
    for (int m = 1; m <= 12; ++m) CHECK(world::calendar_rainy(on(m), south) == (m >= 11 || m <= 3));
}

TEST_CASE("injects force a season until their last day, then the calendar is back",
          "[world][season]") {
    const auto w = months(6, 9);
    world::Season s;
    const core::Date january = on(1), july = on(7);
    CHECK_FALSE(world::rainy(s, 10, january, w));
    s.rain_until = 20;
    CHECK(world::rainy(s, 20, january, w));
    CHECK_FALSE(world::rainy(s, 21, january, w));
    s = world::Season{};
    s.dry_until = 40;
    CHECK_FALSE(world::rainy(s, 40, july, w));
    CHECK(world::rainy(s, 41, july, w));
}

TEST_CASE("a dry spell lasts until the calendar's rains have passed", "[world][season]") {
    const auto w = months(6, 9);
    const core::Date start{2025, 1, 1};
    // From 1 July (day 181) the rains run to 30 September (day 272).
    CHECK(world::dry_spell_end(181, start, w) == 272);
    // Declared in the dry season it ends at once (the day before).
    CHECK(world::dry_spell_end(10, start, w) == 9);
    // Rain all year: bounded by a year.
    CHECK(world::dry_spell_end(0, start, months(1, 12)) == 365);
}
