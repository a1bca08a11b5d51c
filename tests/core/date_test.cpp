#include "peacesim/core/date.hpp"

#include <catch2/catch.hpp>

using peacesim::core::Date;

TEST_CASE("dates round-trip through day numbers", "[core][date]") {
    CHECK(Date{1970, 1, 1}.to_days() == 0);
    CHECK(Date{2000, 3, 1}.to_days() == 11017);
    for (std::int64_t d = -800000; d < 800000; d += 997) CHECK(Date::from_days(d).to_days() == d);
    CHECK(Date{2024, 2, 28}.plus_days(1) == Date{2024, 2, 29});
    CHECK(Date{2023, 2, 28}.plus_days(1) == Date{2023, 3, 1});
    CHECK(Date{2025, 12, 31}.plus_days(1) == Date{2026, 1, 1});
    CHECK(Date{2025, 1, 1}.plus_days(364).iso() == "2025-12-31");
}

TEST_CASE("date parsing accepts real dates only", "[core][date]") {
    CHECK(Date::parse("2025-06-30") == Date{2025, 6, 30});
    CHECK_FALSE(Date::parse("2025-06-31"));
    CHECK_FALSE(Date::parse("2023-02-29"));
    CHECK(Date::parse("2024-02-29"));
    CHECK_FALSE(Date::parse("2000-02-30"));
    CHECK(Date::parse("2000-02-29"));
    CHECK_FALSE(Date::parse("1900-02-29"));
    CHECK_FALSE(Date::parse("25-06-30"));
    CHECK_FALSE(Date::parse("2025/06/30"));
    CHECK_FALSE(Date::parse("2025-13-01"));
    CHECK_FALSE(Date::parse(""));
}
