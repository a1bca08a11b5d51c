#pragma once
// The columns of timeseries.csv, each declared once (sim/output/columns.cpp): the CSV header and
// rows, the run totals behind summary.json and the table in docs/outputs.md all come from the
// same descriptor, so adding an output is one entry in one table. Outputs are declared rather
// than written out by hand per file, as in FLAME GPU's LoggingConfig.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::output {

/// One cell of the daily series: a count, a real number or a label. A column always yields the
/// same alternative.
/// A cell: a count, a real, a label, or nothing (std::monostate: undefined that day, e.g. a
/// median over no responses), written as an empty CSV cell and NULL in the results database.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/// How a column is summarised over a run.
enum class Aggregate : std::uint8_t {
    None,  // no run total: dates, labels, medians
    Sum,   // flows: the total over all days
    Peak,  // the largest daily value
    Last,  // stocks: the value at the end of the last day
};
inline constexpr const char* aggregate_names[] = {"none", "sum", "peak", "last"};

struct Column {
    std::string_view name;     // the CSV header; a stable contract for scripts
    std::string_view unit;     // for docs/outputs.md
    std::string_view meaning;  // one line, for docs/outputs.md
    Value (*read)(const engine::DayStats&);
    int decimals = 0;  // digits after the point for a real value (fixed notation); else unused
    Aggregate aggregate = Aggregate::None;
};

/// Every column of timeseries.csv, in file order.
std::span<const Column> columns() noexcept;
/// The column of that name, or nullptr. For names that come from outside the code (a chart
/// picker in a front end, a script's request); code that wants every column iterates columns().
const Column* find_column(std::string_view name) noexcept;

/// A value as it appears in timeseries.csv.
std::string format_value(const Column& column, const Value& value);
/// The CSV header line, newline included.
std::string csv_header();
/// Appends one day's CSV row, newline included.
void append_csv_row(std::string& out, const engine::DayStats& day);

/// Run totals by column name, through each column's aggregate; columns whose aggregate is None
/// are absent. Over an empty history every total is zero (an empty label). Sums add the days in
/// order, so a real total equals one accumulated day by day.
std::map<std::string, Value, std::less<>> column_totals(std::span<const engine::DayStats> history);

/// The columns as a Markdown table (name, unit, meaning, run total), as in docs/outputs.md.
std::string columns_markdown();

}  // namespace peacesim::output
