// Tidy CSV from a results database: one row per run (runs.csv), the long series (series.csv) and
// the events (events.csv), for R, pandas or a spreadsheet.
#include <filesystem>
#include <fstream>

#include "detail/results.hpp"
#include "peacesim/experiment/sweep.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::experiment {

namespace {

std::string csv_field(sqlite3_stmt* s, int i) {
    switch (sqlite3_column_type(s, i)) {
        case SQLITE_NULL:
            return "";
        case SQLITE_INTEGER:
            return fmt::format("{}", sqlite3_column_int64(s, i));
        case SQLITE_FLOAT:
            return fmt::format("{}", sqlite3_column_double(s, i));  // shortest exact form
        default: {
            const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
            std::string v(t, std::size_t(sqlite3_column_bytes(s, i)));
            if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
            std::string q = "\"";
            for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
            return q + "\"";
        }
    }
}

/// Writes a query's rows as CSV with its column names as the header; returns the rows written.
std::int64_t write_query(sqlite3* db, const std::string& sql, const std::filesystem::path& file) {
    detail::Statement s(db, sql);
    std::ofstream out(file, std::ios::binary);
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
    const int n = sqlite3_column_count(s.get());
    for (int i = 0; i < n; ++i) out << (i ? "," : "") << sqlite3_column_name(s.get(), i);
    out << '\n';
    std::int64_t rows = 0;
    std::string line;
    while (s.step()) {
        line.clear();
        for (int i = 0; i < n; ++i) {
            if (i) line += ',';
            line += csv_field(s.get(), i);
        }
        out << line << '\n';
        ++rows;
    }
    if (!out) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
    return rows;
}

}  // namespace

std::vector<std::string> export_csv(const std::string& db_path, const std::string& dir) {
    detail::Store store(db_path, nullptr, false);
    // The tables go in as one set: a failure leaves the folder as it was, and a database
    // without events leaves no events.csv of an earlier export beside the new tables.
    output::AtomicDir out(dir);
    const std::filesystem::path d(dir);
    std::vector<std::string> written;
    write_query(store.handle(), "SELECT * FROM runs ORDER BY id", out.reserve("runs.csv"));
    written.push_back((d / "runs.csv").string());
    auto has_rows = [&](const char* table) {
        detail::Statement s(store.handle(), fmt::format("SELECT 1 FROM {} LIMIT 1", table));
        return s.step();
    };
    if (has_rows("series")) {
        write_query(store.handle(),
                    "SELECT run_id, day, \"column\", value FROM series ORDER BY run_id, day, rowid",
                    out.reserve("series.csv"));
        written.push_back((d / "series.csv").string());
    }
    if (has_rows("events")) {
        write_query(store.handle(), "SELECT * FROM events ORDER BY run_id, rowid",
                    out.reserve("events.csv"));
        written.push_back((d / "events.csv").string());
    }
    out.commit();
    return written;
}

}  // namespace peacesim::experiment
