// The SQLite results database (schema in docs/experiments.md). One writer; each run is one
// transaction, so a killed sweep leaves only whole runs behind and --resume continues from them.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "detail/results.hpp"
#include "peacesim/core/files.hpp"

namespace peacesim::experiment::detail {

namespace {

std::string now_iso() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

/// A factor's level as stored: numbers as numbers, strings without their TOML quotes.
Cell level_cell(const Level& l) {
    if (l.number) {
        if (std::floor(*l.number) == *l.number && l.text.find_first_of(".eE") == std::string::npos)
            return std::int64_t(*l.number);
        return *l.number;
    }
    if (l.text.size() >= 2 && l.text.front() == '"') {
        std::string s;
        for (std::size_t i = 1; i + 1 < l.text.size(); ++i) {
            if (l.text[i] == '\\' && i + 2 < l.text.size()) ++i;
            s += l.text[i];
        }
        return s;
    }
    return l.text;
}

}  // namespace

std::string quote_id(const std::string& name) {
    std::string q = "\"";
    for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

void Store::open(const std::string& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        const std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw std::runtime_error(fmt::format("cannot open {}: {}", path_, msg));
    }
    sqlite3_busy_timeout(db_, 10'000);
    // A database this program did not make is left as it was: refused before any pragma
    // writes to it.
    if (!(flags & SQLITE_OPEN_CREATE)) {
        sqlite3_stmt* st = nullptr;
        bool ours = false;
        if (sqlite3_prepare_v2(db_,
                               "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                               "'experiment'",
                               -1, &st, nullptr) == SQLITE_OK)
            ours = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!ours) {
            sqlite3_close(db_);
            db_ = nullptr;
            throw std::runtime_error(
                fmt::format("{}: not a results database of peacesim (no experiment table)", path_));
        }
    }
    // WAL lets `--missing` or an analysis read while the sweep writes; NORMAL sync is
    // enough because a run lost in a power cut is simply run again on --resume.
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
}

Store::Store(const std::string& path, const Experiment* ex, bool must_be_new) : path_(path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (exists && must_be_new)
        throw std::runtime_error(fmt::format(
            "{} exists; use --resume to continue it or --out to write elsewhere", path));
    if (!exists && !ex) throw std::runtime_error(fmt::format("{}: no such results database", path));
    if (exists) {
        // Not even an SQLite file (a text file, an empty one): SQLite would take an empty
        // file for a new database and write one over it.
        char head[16] = {};
        std::FILE* f = std::fopen(path.c_str(), "rb");
        const bool sqlite = f && std::fread(head, 1, sizeof head, f) == sizeof head &&
                            std::memcmp(head, "SQLite format 3", 16) == 0;
        if (f) std::fclose(f);
        if (fs::is_directory(path, ec))
            throw std::runtime_error(fmt::format("{}: a directory, not a results database", path));
        if (!sqlite)
            throw std::runtime_error(
                fmt::format("{}: not a results database (not an SQLite file)", path));
    }
    // A new database is set up under a staging name and renamed into place whole, so a sweep
    // killed while creating it leaves no half-made file that --resume would refuse.
    core::remove_left_behind(fs::path(path));
    const fs::path staging = core::staging_name(path);
    // A constructor that throws runs no destructor: the connection is closed here instead.
    try {
        if (!exists) {
            fs::remove(staging, ec);
            open(staging.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            create(*ex);
            sqlite3_close(db_);  // the last connection folds the WAL into the file
            db_ = nullptr;
            if (!core::publish_new_file(staging, path)) {
                fs::remove(staging, ec);
                throw std::runtime_error(fmt::format(
                    "{} exists; use --resume to continue it or --out to write elsewhere", path));
            }
        }
        open(path, SQLITE_OPEN_READWRITE);
        if (exists && ex && !same_experiment(*ex)) {
            throw std::runtime_error(
                fmt::format("{} holds the results of a different experiment (other runs, "
                            "levels, seeds or outputs); use another --out",
                            path));
        }
        if (ex) series_columns_ = series_columns(*ex);
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        fs::remove(staging, ec);
        throw;
    }
}

Store::~Store() { sqlite3_close(db_); }

void Store::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw std::runtime_error(fmt::format("SQLite: {} ({}: {})", msg, path_, sql.substr(0, 60)));
    }
}

void Store::create(const Experiment& ex) {
    exec("BEGIN");
    exec(
        "CREATE TABLE experiment(name TEXT, file TEXT, text TEXT, base_scenario TEXT, "
        "seed INTEGER, days INTEGER, replicates INTEGER, design TEXT, runs INTEGER, "
        "started TEXT)");
    exec("CREATE TABLE factors(position INTEGER PRIMARY KEY, key TEXT, kind TEXT)");
    std::string runs =
        "CREATE TABLE runs(id INTEGER PRIMARY KEY, point INTEGER, replicate "
        "INTEGER, seed INTEGER";
    for (const auto& f : ex.factors) runs += ", " + quote_id(f.key);
    for (const auto& c : total_columns()) runs += ", " + quote_id(c);
    runs += ", state_hash TEXT, status TEXT NOT NULL, error TEXT, wall_seconds REAL)";
    exec(runs);
    exec(
        "CREATE TABLE series(run_id INTEGER NOT NULL, day INTEGER NOT NULL, "
        "\"column\" TEXT NOT NULL, value)");
    exec("CREATE INDEX series_run ON series(run_id)");
    std::string events = "CREATE TABLE events(run_id INTEGER NOT NULL";
    for (const auto& c : event_columns()) events += ", " + quote_id(c);
    exec(events + ")");
    exec("CREATE INDEX events_run ON events(run_id)");
    Statement e(db_, "INSERT INTO experiment VALUES(?,?,?,?,?,?,?,?,?,?)");
    const Cell cells[] = {ex.name,
                          ex.file,
                          ex.text,
                          ex.base.empty() ? std::string("default") : ex.base,
                          std::int64_t(ex.seed),
                          std::int64_t(ex.days),
                          std::int64_t(ex.replicates),
                          std::string(design_names[int(ex.design)]),
                          std::int64_t(run_plans(ex).size()),
                          now_iso()};
    for (int i = 0; i < 10; ++i) e.bind(i + 1, cells[i]);
    e.run_and_reset();
    Statement f(db_, "INSERT INTO factors VALUES(?,?,?)");
    for (std::size_t i = 0; i < ex.factors.size(); ++i) {
        f.bind(1, std::int64_t(i));
        f.bind(2, ex.factors[i].key);
        f.bind(3, std::string(factor_kind_names[int(ex.factors[i].kind)]));
        f.run_and_reset();
    }
    exec("COMMIT");
}

bool Store::same_experiment(const Experiment& ex) const {
    const std::string stored = experiment_text();
    if (stored == ex.text) return true;
    // Not the same text: the same experiment all the same if it runs the same runs into the same
    // tables (a comment or the layout changed). The stored file is read as if it stood where
    // this one stands, so that a relative base scenario resolves alike.
    try {
        const auto dir = std::filesystem::path(ex.file).parent_path();
        const auto before = load_text(stored, "<stored>", dir.empty() ? "." : dir.string());
        return fingerprint(before) == fingerprint(ex);
    } catch (const std::exception&) {
        return false;
    }
}

std::string Store::experiment_text() const {
    Statement s(db_, "SELECT text FROM experiment");
    if (!s.step()) return {};
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s.get(), 0));
    return t ? std::string(t, std::size_t(sqlite3_column_bytes(s.get(), 0))) : std::string();
}

std::set<std::int64_t> Store::ids(const char* status) const {
    Statement s(db_, "SELECT id FROM runs WHERE status = ?");
    s.bind(1, std::string(status));
    std::set<std::int64_t> out;
    while (s.step()) out.insert(sqlite3_column_int64(s.get(), 0));
    return out;
}

void Store::write(const Experiment& ex, const RunResult& r) {
    const std::int64_t id = r.plan.index;
    exec("BEGIN IMMEDIATE");
    try {
        for (const char* table : {"series", "events"}) {
            Statement del(db_, fmt::format("DELETE FROM {} WHERE run_id = ?", table));
            del.bind(1, id);
            del.run_and_reset();
        }
        const std::size_t n = 4 + ex.factors.size() + total_columns().size() + 4;
        std::string sql = "INSERT OR REPLACE INTO runs VALUES(?";
        for (std::size_t i = 1; i < n; ++i) sql += ",?";
        Statement row(db_, sql + ")");
        int k = 1;
        row.bind(k++, id);
        row.bind(k++, std::int64_t(r.plan.point));
        row.bind(k++, std::int64_t(r.plan.replicate));
        row.bind(k++, std::int64_t(r.plan.seed));
        for (const auto& l : r.plan.levels) row.bind(k++, level_cell(l));
        for (std::size_t i = 0; i < total_columns().size(); ++i)
            row.bind(k++, i < r.totals.size() ? r.totals[i] : Cell{});
        row.bind(k++, r.ok ? Cell(r.state_hash) : Cell{});
        row.bind(k++, std::string(r.ok ? "ok" : "failed"));
        row.bind(k++, r.ok ? Cell{} : Cell(r.error));
        row.bind(k++, r.wall_seconds);
        row.run_and_reset();
        if (!r.series.empty()) {
            Statement s(db_, "INSERT INTO series VALUES(?,?,?,?)");
            for (const auto& v : r.series) {
                s.bind(1, id);
                s.bind(2, std::int64_t(v.day));
                s.bind(3, series_columns_[std::size_t(v.column)]);
                s.bind(4, v.value);
                s.run_and_reset();
            }
        }
        if (!r.events.empty()) {
            std::string esql = "INSERT INTO events VALUES(?";
            for (std::size_t i = 0; i < event_columns().size(); ++i) esql += ",?";
            Statement e(db_, esql + ")");
            for (const auto& ev : r.events) {
                e.bind(1, id);
                for (std::size_t i = 0; i < ev.size(); ++i) e.bind(int(i) + 2, ev[i]);
                e.run_and_reset();
            }
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

}  // namespace peacesim::experiment::detail
