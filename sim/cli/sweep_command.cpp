// `peacesim sweep`, `merge` and `export`: argument parsing and output only; the experiment
// module does the work.
#include "sweep_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "peacesim/compare/compare.hpp"
#include "peacesim/core/files.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/exercise/exercise.hpp"
#include "peacesim/experiment/mpi_sweep.hpp"
#include "peacesim/experiment/sweep.hpp"
#include "peacesim/validation/suite.hpp"
#include "terminal.hpp"

namespace peacesim::cli {

namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_sweep_signal(int) { interrupted = true; }

/// Runs a subcommand's body and turns what it throws into a message and an exit code; the one
/// place these commands speak about errors.
template <class Body>
[[noreturn]] void finish(Body&& body) {
    int rc = 1;
    try {
        rc = body();
    } catch (const scenario::ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
        rc = 2;
    } catch (const std::runtime_error& e) {
        // The experiment module's runtime errors are about the user's files (a database of
        // another experiment, an index out of range, a file that cannot be opened).
        std::fprintf(stderr, "peacesim: %s\n", e.what());
        rc = 2;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
                     "peacesim: out of memory: lower world.population, or run fewer jobs at "
                     "once (--jobs)\n");
        rc = 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peacesim: internal error: %s\n", e.what());
        rc = 1;
    }
    std::fflush(stdout);
    std::fflush(stderr);
    std::exit(rc);
}

/// Runs done, rate and time left on one line of stderr, redrawn at most four times a second.
class RunProgress {
  public:
    explicit RunProgress(bool enabled) : enabled_(enabled), start_(clock::now()) {}
    void update(std::int64_t done, std::int64_t total) {
        if (!enabled_) return;
        const auto now = clock::now();
        if (done < total && now - last_ < std::chrono::milliseconds(250)) return;
        last_ = now;
        const double secs = std::chrono::duration<double>(now - start_).count();
        const int width = 30, fill = total ? int(done * width / total) : width;
        const double per_min = secs > 0 ? 60.0 * double(done) / secs : 0.0;
        const double eta = done ? secs * double(total - done) / double(done) : 0.0;
        std::fprintf(stderr, "\r  [%s%s] %lld/%lld runs  %.1f runs/min  %.0f s left ",
                     std::string(std::size_t(fill), '#').c_str(),
                     std::string(std::size_t(width - fill), '.').c_str(), (long long)done,
                     (long long)total, per_min, eta);
        if (done >= total) std::fputc('\n', stderr);
        std::fflush(stderr);
    }

  private:
    using clock = std::chrono::steady_clock;
    bool enabled_;
    clock::time_point start_, last_{};
};

std::string default_db(const std::string& experiment_path) {
    return std::filesystem::path(experiment_path).stem().string() + ".db";
}

struct SweepArgs {
    std::string file, out;
    int jobs = 0;
    bool resume = false, only_failed = false, missing = false, quiet = false;
    std::int64_t index = -1, stop_after = 0;
};

/// The summary line and the exit code of a sweep, for one process or an MPI job alike.
int report_sweep(const SweepArgs& a, const std::string& db, const experiment::SweepReport& r,
                 bool tty) {
    if (r.stopped && tty) std::fputc('\n', stderr);
    if (!a.quiet)
        std::printf(
            "%s: %lld ok, %lld failed of %lld this time (%lld in the experiment), "
            "%.1f s; database writes %.2f s\n",
            db.c_str(), (long long)r.ok, (long long)r.failed, (long long)r.planned,
            (long long)r.total, r.wall_seconds, r.store_seconds);
    if (interrupted) {
        std::fprintf(stderr,
                     "peacesim: interrupted; committed runs are kept, --resume "
                     "continues\n");
        return 130;
    }
    if (r.failed > 0 && !a.quiet)
        std::fprintf(stderr,
                     "peacesim: %lld runs failed (see runs.error); --only-failed "
                     "reruns them\n",
                     (long long)r.failed);
    return 0;
}

/// The sweep of an MPI job of two or more ranks: rank 0 hands out runs and writes `db`, the
/// others run them, `--jobs` at once each (default 1: a rank per core is the usual launch).
int cmd_cluster_sweep(const SweepArgs& a, const std::string& db, experiment::Cluster& cluster) {
    experiment::SweepOptions o;
    o.jobs = a.jobs > 0 ? a.jobs : 1;
    o.resume = a.resume;
    o.only_failed = a.only_failed;
    o.stop_after = a.stop_after;
    o.interrupt = &interrupted;
    std::signal(SIGINT, on_sweep_signal);
    std::signal(SIGTERM, on_sweep_signal);
    if (cluster.rank() != 0) {
        // Rank 0 reports every problem, a worker's included; a worker only says it stopped.
        return cluster.serve([&] { return experiment::load_file(a.file); }, o) ? 0 : 2;
    }
    const bool tty = ::isatty(STDERR_FILENO) && !a.quiet;
    RunProgress bar(tty);
    o.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    const auto r = cluster.lead(
        [&] {
            auto ex = experiment::load_file(a.file);
            if (!a.quiet)
                std::fprintf(stderr,
                             "peacesim sweep: %s, %zu runs (%d days each) into %s, %d ranks "
                             "running %d jobs each\n",
                             ex.name.c_str(), experiment::run_plans(ex).size(), ex.days, db.c_str(),
                             cluster.size() - 1, o.jobs);
            return ex;
        },
        db, o);
    return report_sweep(a, db, r, tty);
}

int cmd_sweep(const SweepArgs& a) {
    std::int64_t index = a.index;
    if (index < 0) {
        if (const char* task = std::getenv("SLURM_ARRAY_TASK_ID")) {
            const auto v = scenario::parse_integer(task);
            if (!v || *v < 0)
                throw std::runtime_error(
                    fmt::format("SLURM_ARRAY_TASK_ID={} is not a run index", task));
            index = *v;
        }
    }
    std::string db = a.out.empty() ? default_db(a.file) : a.out;
    // Under mpirun every rank runs this command. MPI is initialised only then, so a plain run
    // never touches it; a job of one rank is a plain sweep.
    std::optional<experiment::Cluster> cluster;
    if (experiment::mpi_launched()) cluster.emplace();
    if (cluster && cluster->size() > 1) {
        if (!a.missing && index < 0) return cmd_cluster_sweep(a, db, *cluster);
        // --missing and --index are one process's work: rank 0 does it, the others wait.
        if (cluster->rank() != 0) return 0;
    }
    const auto ex = experiment::load_file(a.file);
    if (a.missing) {
        std::printf("%s\n", experiment::array_spec(experiment::missing_runs(ex, db)).c_str());
        return 0;
    }
    experiment::SweepOptions o;
    o.jobs = a.jobs > 0 ? a.jobs : engine::default_threads();
    o.resume = a.resume;
    o.only_failed = a.only_failed;
    o.stop_after = a.stop_after;
    if (index >= 0) {
        // An array task writes its own small file; a retried task continues it.
        o.index = index;
        o.resume = true;
        db += fmt::format(".{}", index);
    }
    const bool tty = ::isatty(STDERR_FILENO) && !a.quiet;
    RunProgress bar(tty);
    o.progress = [&](std::int64_t done, std::int64_t total) { bar.update(done, total); };
    o.interrupt = &interrupted;
    std::signal(SIGINT, on_sweep_signal);
    std::signal(SIGTERM, on_sweep_signal);
    const auto runs = experiment::run_plans(ex).size();
    if (!a.quiet)
        std::fprintf(stderr, "peacesim sweep: %s, %zu runs (%d days each) into %s, %d jobs\n",
                     ex.name.c_str(), runs, ex.days, db.c_str(), o.jobs);
    const auto r = experiment::sweep(ex, db, o);
    return report_sweep(a, db, r, tty);
}

/// Writes a report whole or not at all: to a hidden file beside it, then renamed.
void write_report(const std::string& out, const std::string& html) {
    namespace fs = std::filesystem;
    const fs::path path(out);
    const std::string prefix = fmt::format(".{}.tmp-", path.filename().string());
    core::remove_left_behind(path.parent_path(), prefix);  // of runs killed while writing
    const fs::path tmp = path.parent_path() / fmt::format("{}{}", prefix, ::getpid());
    std::error_code ec;
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    const bool ok = f && std::fwrite(html.data(), 1, html.size(), f) == html.size() &&
                    std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    const int err = errno;
    if (f) std::fclose(f);
    if (!ok) {
        fs::remove(tmp, ec);
        throw std::runtime_error(
            fmt::format("--out {}: cannot write the report: {}", out,
                        err == ENOSPC ? "the disk is full" : std::strerror(err)));
    }
    fs::rename(tmp, path);
}

/// Checks before any run that a report can be written at `out`.
void check_report_path(const std::string& out) {
    namespace fs = std::filesystem;
    if (out.empty()) throw std::runtime_error("--out: expected a file name for the report");
    std::error_code ec;
    if (fs::is_directory(out, ec))
        throw std::runtime_error(fmt::format(
            "--out {}: is a directory; give a file name such as {}/report.html", out, out));
    const fs::path path(out);
    const fs::path tmp =
        path.parent_path() / fmt::format(".{}.tmp-{}", path.filename().string(), ::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f)
        throw std::runtime_error(
            fmt::format("--out {}: cannot write there ({})", out, std::strerror(errno)));
    std::fclose(f);
    fs::remove(tmp, ec);
}

/// The part of validate-model and compare that is the same: a progress bar, Ctrl-C between
/// runs, the run itself, then the report written whole and the summary on the terminal.
template <class Options, class Run, class Html, class Text>
int run_to_report(Options& o, bool quiet, const std::string& out, const std::string& banner,
                  Run&& run, Html&& html, Text&& text) {
    const bool tty = ::isatty(STDERR_FILENO) && !quiet;
    RunProgress bar(tty);
    o.progress = [&](int done, int total) { bar.update(done, total); };
    o.cancelled = [] { return interrupted.load(); };
    std::signal(SIGINT, on_sweep_signal);
    std::signal(SIGTERM, on_sweep_signal);
    if (!quiet) std::fprintf(stderr, "%s\n", banner.c_str());
    decltype(run(o)) r;
    try {
        r = run(o);
    } catch (const std::runtime_error&) {
        if (!interrupted) throw;
        std::fprintf(stderr, "\npeacesim: interrupted; no report written\n");
        return 130;
    }
    write_report(out, html(r));
    if (!quiet) {
        std::fputs(text(r).c_str(), stdout);
        std::printf("  report               %s\n", out.c_str());
    }
    return 0;
}

struct ValidateArgs {
    int runs = validation::Options{}.runs, jobs = 0;
    std::int64_t population = validation::Options{}.population;
    std::string out = "validation.html";
    bool small = false, quiet = false;
};

/// `peacesim validate-model`: the stylized-facts suite into one offline HTML report, written
/// whole or not at all.
int cmd_validate_model(const ValidateArgs& a) {
    check_report_path(a.out);
    validation::Options o;
    o.runs = a.runs, o.jobs = a.jobs, o.population = a.population, o.small = a.small;
    return run_to_report(
        o, a.quiet, a.out,
        fmt::format("peacesim validate-model: 8 stylized facts, {} seeds per arm, {} people per "
                    "conflict run",
                    o.runs, o.population),
        validation::run_suite, validation::report_html, validation::report_text);
}

struct CompareArgs {
    std::string scenario, out = "compare.html", options_file;
    std::vector<std::string> options, sets;
    int runs = 0, days = 0, jobs = 0;  // 0: the options file's, else 20 seeds / compare_days
    std::int64_t first_seed = 1;
    double cost_tolerance = 0.10;
    bool quiet = false;
};

int cmd_compare(const CompareArgs& a) {
    if (a.options.empty() && a.options_file.empty())
        throw std::runtime_error(
            "compare: give the options with --option NAME:KEY=VALUE (two or "
            "more) or --options FILE");
    check_report_path(a.out);
    // An options file gives the options and its defaults; the command line adds and overrides.
    compare::Options o;
    if (!a.options_file.empty()) o = compare::load_options_file(a.options_file);
    if (!a.scenario.empty()) o.scenario = a.scenario;
    o.base_sets.insert(o.base_sets.end(), a.sets.begin(), a.sets.end());
    for (const auto& text : a.options) o.options.push_back(compare::parse_option(text));
    if (a.runs > 0) o.runs = a.runs;
    if (a.days > 0) o.days = a.days;
    o.jobs = a.jobs;
    o.first_seed = std::uint64_t(a.first_seed);
    o.cost_tolerance = a.cost_tolerance;
    return run_to_report(
        o, a.quiet, a.out,
        fmt::format("peacesim compare: {} options x {} seeds", o.options.size(), o.runs),
        compare::run, compare::report_html, compare::report_text);
}

struct AarArgs {
    std::string dir, out;
    int runs = 6, jobs = 0, max_decisions = 10;
    bool quiet = false;
};

int cmd_aar(const AarArgs& a) {
    if (!std::filesystem::is_directory(a.dir))
        throw BadInput(fmt::format(
            "{}: no such record; give the folder an exercise wrote (its --out, or what the "
            "visualizer's Save wrote)",
            a.dir));
    const std::string out =
        a.out.empty() ? (std::filesystem::path(a.dir) / "aar.html").string() : a.out;
    check_report_path(out);
    exercise::AarOptions o;
    o.dir = a.dir, o.runs = a.runs, o.jobs = a.jobs, o.max_decisions = a.max_decisions;
    return run_to_report(
        o, a.quiet, out,
        fmt::format("peacesim aar: {} replayed, with and without the trainees' decisions, over "
                    "{} seeds",
                    a.dir, a.runs),
        exercise::run_aar, exercise::aar_html, exercise::aar_text);
}

}  // namespace

void add_sweep_commands(CLI::App& app) {
    static AarArgs r;
    auto* aar = app.add_subcommand(
        "aar",
        "After-action review of an exercise's record: what was planned, what happened, why, "
        "what to sustain or improve (offline HTML)");
    aar->add_option("record", r.dir,
                    "The exercise's output directory (peacesim exercise --out, "
                    "or saved from the visualizer)")
        ->required();
    aar->add_option("--out", r.out, "Report file (default: RECORD/aar.html)");
    aar->add_option("--runs", r.runs, "Seeds for the spread, the exercise's own first")
        ->check(CLI::Range(1, 1000));
    aar->add_option("--jobs", r.jobs, "Runs at once (default: all cores)")
        ->check(CLI::Range(1, 1024));
    aar->add_option("--decisions", r.max_decisions,
                    "Decisions weighed one by one (the rest together)")
        ->check(CLI::Range(0, 1000));
    aar->add_flag("--quiet,-q", r.quiet, "No progress or summary");
    aar->callback([] { finish([] { return cmd_aar(r); }); });

    static CompareArgs c;
    auto* cmp = app.add_subcommand(
        "compare",
        "Run mandate options over the same seeds and write an offline HTML report of their "
        "differences, costs and mechanisms");
    cmp->add_option("scenario", c.scenario, "Scenario file (default: the built-in default)");
    cmp->add_option("--option", c.options,
                    "NAME:KEY=VALUE[,KEY=VALUE...]; two or more, the first is "
                    "the baseline; budget=X is short for mission.budget_musd=X");
    cmp->add_option("--options", c.options_file,
                    "An options file (TOML: [[option]] name, set; docs/compare.md)");
    cmp->add_option("--set", c.sets, "Override a key for every option");
    cmp->add_option("--runs", c.runs, "Seeds per option (default 20)")
        ->check(CLI::Range(2, 100000));
    cmp->add_option("--days", c.days, "Horizon (default: the scenario's scenario.compare_days)")
        ->check(CLI::Range(1, 36500));
    cmp->add_option("--first-seed", c.first_seed, "First seed (default 1)")
        ->check(CLI::Range(std::int64_t(0), std::int64_t(1) << 52));
    cmp->add_option("--jobs,-j", c.jobs, "Runs at once (default: all cores)")
        ->check(CLI::Range(1, 1024));
    cmp->add_option("--cost-tolerance", c.cost_tolerance,
                    "Share by which options' costs may differ before the report warns (0.10)")
        ->check(finite_number(0, 10, false, "a share of the cost"));
    cmp->add_option("--out", c.out, "Report file (default: compare.html, here)");
    cmp->add_flag("--quiet,-q", c.quiet, "No progress or summary");
    cmp->callback([] { finish([] { return cmd_compare(c); }); });

    static ValidateArgs v;
    auto* validate = app.add_subcommand(
        "validate-model",
        "Run the stylized-facts suite (docs/validation.md) and write an offline HTML report");
    validate->add_option("--runs", v.runs, "Seeds per arm (default 40)")
        ->check(CLI::Range(2, 100000));
    validate->add_option("--out", v.out, "Report file (default: validation.html, here)");
    validate
        ->add_option("--population", v.population,
                     "People in each conflict run (forces and money scale per head)")
        ->check(CLI::Range(std::int64_t(20000), std::int64_t(50'000'000)));
    validate->add_option("--jobs,-j", v.jobs, "Runs at once (default: all cores)")
        ->check(CLI::Range(1, 1024));
    validate->add_flag("--small", v.small,
                       "Small maps and short horizons: the test suite's quick version");
    validate->add_flag("--quiet,-q", v.quiet, "No progress or summary");
    validate->callback([] { finish([] { return cmd_validate_model(v); }); });

    static SweepArgs a;
    auto* sweep = app.add_subcommand(
        "sweep", "Run an experiment (TOML: factors, design, replicates) into a SQLite database");
    sweep->add_option("experiment", a.file, "Experiment file (TOML)")->required();
    sweep->add_option("--out", a.out,
                      "Results database (default: the experiment file's name with .db, here)");
    sweep
        ->add_option("--jobs,-j", a.jobs,
                     "Runs at once, each on one thread (default: all "
                     "cores; under mpirun, 1 per rank); results do not depend on it")
        ->check(CLI::Range(1, 1024));
    sweep->add_flag("--resume", a.resume, "Continue a sweep: skip runs already committed ok");
    sweep->add_flag("--only-failed", a.only_failed, "Rerun only the runs recorded as failed");
    sweep
        ->add_option("--index", a.index,
                     "Run only run I into DB.I (a job-array task; default: "
                     "$SLURM_ARRAY_TASK_ID when set)")
        ->check(CLI::Range(std::int64_t(0), std::int64_t(1) << 40));
    sweep->add_flag("--missing", a.missing,
                    "Print the runs not yet committed ok, as SLURM --array= list (e.g. 3,5-9)");
    sweep
        ->add_option("--stop-after", a.stop_after,
                     "Stop after K runs are committed (split a sweep into sessions; --resume "
                     "continues)")
        ->check(CLI::Range(std::int64_t(1), std::int64_t(1) << 40));
    sweep->add_flag("--quiet,-q", a.quiet, "No progress or summary");
    sweep->callback([] { finish([] { return cmd_sweep(a); }); });

    static std::string merge_db;
    static std::vector<std::string> merge_files;
    auto* merge = app.add_subcommand(
        "merge", "Gather the databases of job-array tasks (DB.I files) into one database");
    merge->add_option("db", merge_db, "Results database to create or extend")->required();
    merge->add_option("files", merge_files, "Databases to take runs from")->required();
    merge->callback([] {
        finish([] {
            const auto n = experiment::merge(merge_db, merge_files);
            std::printf("%s: took %lld runs from %zu files\n", merge_db.c_str(), (long long)n,
                        merge_files.size());
            return 0;
        });
    });

    static std::string export_db, export_dir;
    auto* exp = app.add_subcommand(
        "export", "Write a results database as tidy CSV: runs.csv, series.csv, events.csv");
    exp->add_option("db", export_db, "Results database")->required();
    exp->add_option("--out", export_dir, "Directory (default: DB's name without .db + -csv)");
    exp->callback([] {
        finish([] {
            std::string dir = export_dir;
            if (dir.empty()) {
                auto p = std::filesystem::path(export_db);
                dir = (p.parent_path() / (p.stem().string() + "-csv")).string();
            }
            for (const auto& f : experiment::export_csv(export_db, dir))
                std::printf("%s\n", f.c_str());
            return 0;
        });
    });
}

}  // namespace peacesim::cli
