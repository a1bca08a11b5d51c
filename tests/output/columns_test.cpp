#include "peacesim/output/columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "../support/runs.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/output/writers.hpp"

using namespace peacesim;
using output::Aggregate;
using output::Value;

namespace {
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) out.push_back(c);
    return out;
}
std::int64_t as_count(const Value& v) { return std::get<std::int64_t>(v); }
}  // namespace

TEST_CASE("docs/outputs.md carries the column table", "[output][docs]") {
    std::ifstream in(PEACESIM_SOURCE_DIR "/docs/outputs.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    const std::string table = output::columns_markdown();
    INFO("replace the table under `## timeseries.csv` in docs/outputs.md with:\n" << table);
    CHECK(text.str().find(table) != std::string::npos);
}

TEST_CASE("timeseries.csv has one header name per column and none twice", "[output]") {
    const auto cols = output::columns();
    std::string header = output::csv_header();
    REQUIRE(header.back() == '\n');
    header.pop_back();
    const auto names = split(header);
    REQUIRE(names.size() == cols.size());
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
    for (std::size_t k = 0; k < cols.size(); ++k) {
        INFO(names[k]);
        CHECK(names[k] == cols[k].name);
        // Plain names: nothing a CSV reader would need quoted, nothing a script must escape.
        CHECK(std::all_of(names[k].begin(), names[k].end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        }));
        CHECK(output::find_column(names[k]) == &cols[k]);
    }
    // The file starts with that header, and every row has a cell per column.
    const auto sim = test::run_small(5, 1, 1);
    std::stringstream csv(output::timeseries_csv(sim));
    std::string line;
    std::getline(csv, line);
    CHECK(line == header);
    int rows = 0;
    while (std::getline(csv, line)) {
        CHECK(split(line).size() == cols.size());
        ++rows;
    }
    CHECK(rows == 5);
}

TEST_CASE("each column declares one kind of value and an aggregate that fits it", "[output]") {
    const auto sim = test::run_small(3, 1, 1);
    const engine::DayStats blank;
    for (const auto& c : output::columns()) {
        INFO(c.name);
        const Value v = c.read(sim.history().back());
        // One kind per column, or nothing on a day it is undefined.
        const Value b = c.read(blank);
        CHECK((v.index() == b.index() || std::holds_alternative<std::monostate>(v) ||
               std::holds_alternative<std::monostate>(b)));
        CHECK_FALSE(c.unit.empty());
        CHECK_FALSE(c.meaning.empty());
        // The Markdown table breaks on these.
        CHECK(c.unit.find_first_of("|\n") == std::string_view::npos);
        CHECK(c.meaning.find_first_of("|\n") == std::string_view::npos);
        if (std::holds_alternative<double>(v)) CHECK(c.decimals > 0);
        if (std::holds_alternative<std::string>(v)) {
            CHECK(c.aggregate != Aggregate::Sum);
            CHECK(c.aggregate != Aggregate::Peak);
        }
    }
}

TEST_CASE("column_totals equals the totals computed by hand", "[output]") {
    const auto sim = test::run_small(60, 2, 2);
    const auto& h = sim.history();
    REQUIRE(h.size() == 60);
    std::int64_t killed = 0, battle = 0, new_recruits = 0, peak_displaced = 0, peak_delay = 0;
    double flight_hours = 0;
    for (const auto& d : h) {
        killed += d.civilians_killed();
        battle += d.battle_deaths;
        new_recruits += d.recruited;
        flight_hours += d.mission.flight_hours;
        peak_displaced =
            std::max(peak_displaced, d.status[std::size_t(population::Status::Displaced)]);
        peak_delay = std::max(peak_delay, d.mission.reimbursement_delay_days);
    }
    const auto t = output::column_totals(h);
    CHECK(as_count(t.at("civilians_killed")) == killed);
    CHECK(as_count(t.at("battle_deaths")) == battle);
    CHECK(as_count(t.at("new_recruits")) == new_recruits);
    CHECK(std::get<double>(t.at("flight_hours")) == flight_hours);  // same order, same bits
    CHECK(as_count(t.at("displaced")) == peak_displaced);
    CHECK(as_count(t.at("reimbursement_delay_days")) == peak_delay);
    CHECK(as_count(t.at("refugees")) == h.back().status[std::size_t(population::Status::Refugee)]);
    CHECK(std::get<std::string>(t.at("agreement_stage")) ==
          scenario::stage_names[int(h.back().stage)]);
    // The run's totals take the series from the table and the rest from the engine: the peak
    // of displaced plus sheltered people is the peak of their daily sum.
    const auto e = output::totals(sim);
    CHECK(e.civilians_killed == killed);
    std::int64_t peak_uprooted = 0;
    for (const auto& d : h)
        peak_uprooted =
            std::max(peak_uprooted, d.status[std::size_t(population::Status::Displaced)] +
                                        d.status[std::size_t(population::Status::ProtectionSite)]);
    CHECK(e.displaced_peak == peak_uprooted);
    CHECK(e.refugees == sim.status_counts()[std::size_t(population::Status::Refugee)]);
    CHECK(e.final_stage == h.back().stage);
    // Columns without an aggregate have no total.
    for (auto name : {"day", "date", "response_time_median_h"}) CHECK(t.count(name) == 0);
    // A run with no days yet totals to zero.
    const auto none = output::column_totals({});
    CHECK(as_count(none.at("civilians_killed")) == 0);
    CHECK(std::get<double>(none.at("legitimacy")) == 0.0);
}

TEST_CASE("a front end finds a column by name", "[output]") {
    const auto sim = test::run_small(10, 1, 1);
    const auto* c = output::find_column("civilians_killed");
    REQUIRE(c != nullptr);
    for (const auto& d : sim.history()) CHECK(as_count(c->read(d)) == d.civilians_killed());
    const auto* legit = output::find_column("legitimacy");
    REQUIRE(legit != nullptr);
    CHECK(output::format_value(*legit, legit->read(sim.history().back())) ==
          fmt::format("{:.6f}", sim.history().back().legitimacy));
    CHECK(output::find_column("no_such_column") == nullptr);
}

TEST_CASE("an undefined value is an empty cell, and counts since the start say so by name",
          "[output]") {
    const auto* median = output::find_column("response_time_median_h");
    REQUIRE(median);
    engine::DayStats quiet;  // a day without responses
    CHECK(std::holds_alternative<std::monostate>(median->read(quiet)));
    engine::DayStats busy;
    busy.mission.responses = 2;
    busy.mission.response_median_h = 3.5;
    CHECK(std::get<double>(median->read(busy)) == 3.5);
    // In the CSV the empty cell sits between two commas.
    const auto sim = test::run_small(3, 1, 1);
    const auto csv = output::timeseries_csv(sim);
    const auto header = csv.substr(0, csv.find('\n'));
    std::size_t col = 0;
    for (std::size_t at = 0; at < header.find("response_time_median_h"); ++at)
        col += header[at] == ',';
    const auto first = csv.find('\n') + 1;
    const auto row = csv.substr(first, csv.find('\n', first) - first);
    std::size_t field = 0, start = 0;
    for (std::size_t at = 0; at < row.size() && field < col; ++at)
        if (row[at] == ',') ++field, start = at + 1;
    if (sim.history().front().mission.responses == 0) CHECK(row.at(start) == ',');
    // Cumulative counts end in _cumulative; the day's counts do not.
    for (const auto& c : output::columns()) {
        const std::string meaning(c.meaning);
        const std::string name(c.name);
        if (meaning.find("since the start") == std::string::npos || name == "day") continue;
        INFO(name);
        REQUIRE(name.size() > 11);
        CHECK(name.substr(name.size() - 11) == "_cumulative");
    }
}
