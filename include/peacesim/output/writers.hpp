#pragma once
// The run's outputs (docs/outputs.md): the daily time series, the event log in the shape of the
// UCDP GED, the run summary and the resolved scenario. Formatting is separate from writing so that
// tests and the visualizer can use the same text.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/output/columns.hpp"

namespace peacesim::output {

struct RunInfo {
    std::string scenario;    // name from [scenario], or the file it came from
    std::string source;      // path of the scenario file, or "<default>"
    std::uint64_t seed = 0;  // the run seed; the map seed is the scenario's world.seed
    int days = 0;
    int threads = 1;
    double wall_seconds = 0;
    std::string command_line;  // the command as typed, quoted for a POSIX shell (shell_join)
};

/// One row per simulated day; the first column is `day`.
std::string timeseries_csv(const engine::Simulation& sim);
/// UCDP GED column names first, then day, cell_x, cell_y (docs/outputs.md).
std::string events_csv(const engine::Simulation& sim);
/// The columns of events.csv, in file order; the results database's events table uses them too.
const std::vector<std::string>& event_columns();
/// One event's values in event_columns() order: whole numbers, the coordinates as reals rounded
/// to the 4 decimals events.csv prints, and labels.
std::vector<Value> event_row(const engine::Simulation& sim, const engine::Event& e);

/// The GED's numeric ids for events.csv (docs/outputs.md, events.csv). Stable within a scenario:
/// they follow the parties' order (the government 0, the scenario's armed groups 1.., then the
/// splinters in the order they split) and the identity groups', not the run's events.
namespace ged {
/// side_b of one-sided violence, as in the GED.
inline constexpr std::int64_t civilians_id = 1;
/// An event side (engine::Event::side_a/side_b): party p is 1000 + p, the communal militia of
/// identity group g is 100 + g.
std::int64_t side_id(std::uint32_t side) noexcept;
/// side_b_new_id: civilians_id for one-sided violence, else side_id(side_b).
std::int64_t side_b_id(const engine::Event& e) noexcept;
/// The unordered pair of sides, lower id first: low * 100000 + high. A dyad is the same whichever
/// side attacked.
std::int64_t dyad_id(const engine::Event& e) noexcept;
/// As UCDP groups dyads into conflicts: every state-based dyad is one conflict over the
/// government, 1; a non-state conflict is its dyad (dyad_id); one-sided violence is one
/// "conflict" per perpetrator (its side_id).
std::int64_t conflict_id(const engine::Event& e) noexcept;
}  // namespace ged
/// summary.json: scenario, seed, days, threads, totals{...}, state_hash, wall_seconds,
/// agent_updates_per_second and more; with the provenance: command_line, version (the project's
/// and its git commit) and seeds {run, map}.
std::string summary_json(const engine::Simulation& sim, const RunInfo& info);
/// scenario.toml: the scenario as the run resolved it (file or built-in default, every --set and
/// every --inject merged) with a comment saying how it was run. `peacesim run scenario.toml
/// --days D --seed S` with the run's days and seed reproduces the run's state hash, so pass the
/// scenario as it was before the run (a run's own copy changes as injects fire).
std::string scenario_toml(const scenario::Scenario& resolved, const RunInfo& info);

/// A CSV field, quoted (RFC 4180) where it holds a comma, a quote or a line break.
std::string csv_quote(const std::string& s);
/// feed.csv: what a staff would hear of, day by day (engine/feed.hpp): day, date, kind,
/// weight (0 routine to 3 grave), text, and the cell where it happened (x, y; empty if none).
std::string feed_csv(const engine::Simulation& sim);
/// decisions.csv: the decision log (docs/training.md), one row per lever changed, order given,
/// event fired or cancelled: day, date, role, kind, what, done, the command-line form, and the
/// state at that moment (civilians killed and battle deaths so far, displaced and armed-group
/// fighters the day before, the national track's stage, the government's legitimacy).
std::string decisions_csv(const engine::Simulation& sim);

/// The words of a command joined by spaces, each quoted for a POSIX shell where it needs it
/// (spaces, quotes, $, globs, ...; an empty word as ''), so that the line pastes back into a
/// shell as the same words.
std::string shell_join(const std::vector<std::string>& words);

/// An output that cannot be written: a full disk, a folder without permission. The user can fix
/// it, so the command exits 2.
struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Writes a set of files into a directory so that, whatever the moment a run is stopped (Ctrl-C,
/// SIGKILL, a full disk), the directory holds either the previous complete set or the new one
/// (docs/outputs.md, "Safe against any kill"). The files are written into a fresh folder beside
/// the target, made durable, and exchanged with the target in one atomic rename; files of the
/// target that this set does not replace are carried over. Nothing is created before the first
/// file is added, and folders left by a killed run are removed by the next one.
class AtomicDir {
  public:
    /// Checks that the directory can be written (it may not exist yet); throws
    /// std::runtime_error with a clear message otherwise.
    explicit AtomicDir(std::filesystem::path dir);
    ~AtomicDir();
    AtomicDir(const AtomicDir&) = delete;
    AtomicDir& operator=(const AtomicDir&) = delete;

    /// Writes one file of the set (not visible until commit); throws std::runtime_error naming
    /// the file and the reason (a full disk says so).
    void add(const std::string& name, const std::string& content);
    /// A file of the set that the caller writes itself (too large to hold as a string): its
    /// path in the folder being written. Made durable at commit().
    std::filesystem::path reserve(const std::string& name);
    /// Puts the whole set in place at once. The target's other files go over with it, except
    /// the outputs of an earlier set (a summary, a record, a review, a table of results) that
    /// this one does not write again: they described another run.
    void commit();
    /// The names of the files the program writes into an output folder.
    static const std::vector<std::string_view>& output_names();
    const std::filesystem::path& path() const noexcept { return dir_; }

  private:
    std::filesystem::path dir_, staging_;
    std::filesystem::path made_;  // the outermost folder made for the output, if any
    std::vector<std::string> names_, reserved_;
    bool committed_ = false;
    void start();
};

}  // namespace peacesim::output
