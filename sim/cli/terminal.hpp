#pragma once
// What the command's subcommands share on the terminal: bad input, Ctrl-C, a progress bar, the
// summary's last lines, and where checkpoints go.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace peacesim::cli {

/// Bad input: the message is printed as "peacesim: ..." and the command exits 2.
struct BadInput : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Set by SIGINT and SIGTERM once on_signal is installed; runs stop between days.
extern std::atomic<bool> interrupted;
extern "C" void on_signal(int);

/// A one-line progress bar on stderr, redrawn at most ten times a second.
class Progress {
  public:
    Progress(int total, bool enabled) : total_(total), enabled_(enabled), start_(clock::now()) {}
    void update(int done) {
        if (!enabled_) return;
        const auto now = clock::now();
        if (done < total_ && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        const int width = 30, fill = total_ ? done * width / total_ : width;
        const double eta = done ? secs * (total_ - done) / done : 0.0;
        std::fprintf(stderr, "\r  [%s%s] day %d/%d  %.1f s  eta %.0f s ",
                     std::string(std::size_t(fill), '#').c_str(),
                     std::string(std::size_t(width - fill), '.').c_str(), done, total_, secs, eta);
        if (done >= total_) std::fputc('\n', stderr);
        std::fflush(stderr);
    }
    void abandon() {
        if (enabled_) std::fputc('\n', stderr);
    }

  private:
    using clock = std::chrono::steady_clock;
    int total_;
    bool enabled_;
    clock::time_point start_, last_{};
};

/// The last lines of a run's terminal summary, whichever the model.
void print_footer(const std::string& state_hash, std::uint64_t agent_updates, double wall,
                  const std::string& out);

/// --checkpoint DAY:FILE or FILE (at the end of the run): when and where to save, checked
/// against a run from day `first` to day `last`; throws BadInput.
std::vector<std::pair<int, std::string>> checkpoint_plan(const std::vector<std::string>& specs,
                                                         int first, int last);

struct ExerciseOptions {
    std::string file, out;
    int days = 0, threads = 0;
    std::int64_t seed = -1;
    std::vector<std::string> checkpoints;
    bool without_decisions = false, quiet = false;
    std::string command_line;
};
/// `peacesim exercise`: an exercise run headless with its scripted decisions (a rehearsal, a
/// replay, a test), its record written whole for the after-action review.
int cmd_exercise(const ExerciseOptions& o);

}  // namespace peacesim::cli

namespace CLI {
class App;
}

namespace peacesim::cli {
/// Adds `soak`: every scenario over many seeds with the run's invariants checked every day.
void add_soak_command(CLI::App& app);
/// Adds `bench` (docs/performance.md); run_bench runs it with the options parsed, inside main's
/// error handling.
CLI::App* add_bench_command(CLI::App& app);
int run_bench(const CLI::App& bench);

/// The check of an option that takes a number: finite, from `lo` (above it, where `above_lo`)
/// to `hi`; its message names what the number is. CLI11's own Range lets "nan" through and
/// prints a range up to the largest double in full.
CLI::Validator finite_number(double lo, double hi, bool above_lo, const std::string& what);

}  // namespace peacesim::cli
