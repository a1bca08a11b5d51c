#pragma once
// What one run leaves behind, and the SQLite results store. Internal to the experiment module.
#include <fmt/format.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "peacesim/experiment/experiment.hpp"
#include "peacesim/experiment/sweep.hpp"
#include "peacesim/output/columns.hpp"

namespace peacesim::experiment::detail {

/// A database cell: NULL, a count, a real or a text.
using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

/// The run totals kept in `runs`, in column order: every series column with a run total (the
/// column table's aggregates), then what only the engine knows (peaks, stages, relapses), then
/// the mission's totals prefixed `mission_`. Fixed by the build, so the table can be created
/// before any run ends.
const std::vector<std::string>& total_columns();
/// The columns of `events`, after run_id: those of events.csv.
const std::vector<std::string>& event_columns();

struct RunResult {
    RunPlan plan;
    bool ok = false;
    bool abandoned = false;  // interrupted: nothing of it is written
    std::string error;
    std::string state_hash;
    double wall_seconds = 0;
    std::vector<Cell> totals;  // total_columns() order; empty for a failed run
    struct SeriesValue {
        int day;
        int column;  // into the experiment's series column list
        Cell value;
    };
    std::vector<SeriesValue> series;
    std::vector<std::vector<Cell>> events;  // event_columns() order
};

/// The series columns the experiment keeps (all with a run total or none if it keeps none).
std::vector<std::string> series_columns(const Experiment& ex);

/// Runs one plan on the calling thread, catching any error into the result; abandons it (no
/// result) as soon as cancelled() says so.
RunResult run_plan(const Experiment& ex, const RunPlan& plan,
                   const std::function<void(const RunPlan&)>& before_run,
                   const std::function<bool()>& cancelled);

/// One results database. Not thread-safe: the sweep writes it from one thread.
class Store {
  public:
    /// Opens or creates `path`. With `create`, a missing file is set up for `ex`; an existing
    /// one must hold the same experiment text (else std::runtime_error).
    Store(const std::string& path, const Experiment* ex, bool must_be_new);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    /// Run ids by status.
    std::set<std::int64_t> ids(const char* status) const;
    /// Writes a run with all its data in one transaction, replacing any earlier row of it.
    void write(const Experiment& ex, const RunResult& r);
    /// The experiment text stored in the file.
    std::string experiment_text() const;
    /// Whether `ex` is the experiment whose results this database holds: the same text, or a
    /// text that runs the same runs into the same tables (experiment::fingerprint).
    bool same_experiment(const Experiment& ex) const;
    sqlite3* handle() const noexcept { return db_; }

    void exec(const std::string& sql) const;

  private:
    void open(const std::string& file, int flags);
    void create(const Experiment& ex);
    sqlite3* db_ = nullptr;
    std::string path_;
    std::vector<std::string> series_columns_;
};

/// A prepared statement, finalized on scope exit.
class Statement {
  public:
    Statement(sqlite3* db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &s_, nullptr) != SQLITE_OK)
            throw std::runtime_error(fmt::format("SQLite: {} in {}", sqlite3_errmsg(db), sql));
    }
    ~Statement() { sqlite3_finalize(s_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int i, const Cell& c) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>)
                    sqlite3_bind_null(s_, i);
                else if constexpr (std::is_same_v<T, std::int64_t>)
                    sqlite3_bind_int64(s_, i, v);
                else if constexpr (std::is_same_v<T, double>)
                    sqlite3_bind_double(s_, i, v);
                else
                    sqlite3_bind_text(s_, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT);
            },
            c);
    }
    /// Steps once; true while there is a row.
    bool step() {
        const int rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE)
            throw std::runtime_error(fmt::format("SQLite: {}", sqlite3_errmsg(db_)));
        return false;
    }
    void run_and_reset() {
        step();
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    sqlite3_stmt* get() const noexcept { return s_; }

  private:
    sqlite3* db_;
    sqlite3_stmt* s_ = nullptr;
};

/// The plans a sweep with `options` sets out to run, in index order: with only_failed the runs
/// `store` holds as failed, else those it does not hold as ok; with index that run alone.
/// Shared by the threaded and the MPI sweep, so that --resume and --only-failed mean the same.
std::vector<const RunPlan*> runs_to_do(const std::vector<RunPlan>& plans, const Store& store,
                                       const SweepOptions& options);

/// "name" quoted as an SQL identifier.
std::string quote_id(const std::string& name);

}  // namespace peacesim::experiment::detail
