#pragma once
// Calendar dates for the scenario's start and the event log (UCDP's date_start / date_end).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peacesim::core {

struct Date {
    int year = 2025;
    int month = 1;  // 1..12
    int day = 1;    // 1..31

    /// Days since 1970-01-01 (proleptic Gregorian; Hinnant's days_from_civil).
    std::int64_t to_days() const noexcept;
    static Date from_days(std::int64_t days) noexcept;
    Date plus_days(std::int64_t n) const noexcept { return from_days(to_days() + n); }
    /// ISO 8601, YYYY-MM-DD.
    std::string iso() const;
    /// Parses YYYY-MM-DD; nullopt when malformed or not a real date.
    static std::optional<Date> parse(std::string_view text) noexcept;
    static bool valid(int year, int month, int day) noexcept;
    bool operator==(const Date&) const = default;
};

}  // namespace peacesim::core
