// The `peacesim` command: argument parsing and output only; the model lives in the library.
// Exit codes: 0 success, 1 internal error, 2 bad input (the message names file, line and key).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "peacesim/core/version.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/epstein/output.hpp"
#include "peacesim/exercise/exercise.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/output/writers.hpp"
#include "peacesim/scenario/load.hpp"
#include "sweep_command.hpp"
#include "terminal.hpp"

namespace {

using namespace peacesim;
using cli::BadInput;
using cli::checkpoint_plan;
using cli::ExerciseOptions;
using cli::interrupted;
using cli::on_signal;
using cli::print_footer;
using cli::Progress;

scenario::Scenario load(const std::string& path, const std::vector<std::string>& sets) {
    std::vector<scenario::Override> overrides;
    for (const auto& s : sets) overrides.push_back(scenario::parse_override(s));
    return path.empty() ? scenario::load_default(overrides) : scenario::load_file(path, overrides);
}

// A run of the classic civil-violence model (scenario.model = "epstein"): sequential, so one
// thread whatever --threads says.
int run_epstein(const scenario::Scenario& sc, const std::string& path, int days, std::uint64_t seed,
                output::AtomicDir* dir, bool quiet, const std::string& out,
                const std::string& command_line) {
    const bool tty = ::isatty(STDERR_FILENO) && !quiet;
    const auto& e = sc.epstein;
    if (!quiet)
        std::fprintf(stderr,
                     "peacesim: %s, Epstein's civil-violence model on a %lldx%lld torus, %d days, "
                     "seed %llu, 1 thread (the model is sequential)\n",
                     sc.meta.name.c_str(), (long long)e.width, (long long)e.height, days,
                     (unsigned long long)seed);
    const auto t0 = std::chrono::steady_clock::now();
    epstein::Model model(sc, seed);
    Progress bar(days, tty);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    for (int d = 0; d < days; ++d) {
        if (interrupted.load()) {
            bar.abandon();
            std::fprintf(stderr, "peacesim: interrupted on day %d of %d; no output written\n", d,
                         days);
            return 130;
        }
        model.step();
        bar.update(d + 1);
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    output::RunInfo info{sc.meta.name, path.empty() ? "<default>" : path, seed, days, 1, wall,
                         command_line};
    if (dir) {
        dir->add("summary.json", epstein::summary_json(model, info));
        dir->add("timeseries.csv", epstein::timeseries_csv(model));
        dir->add("events.csv", epstein::events_csv(model));
        dir->add("scenario.toml", output::scenario_toml(sc, info));
        dir->commit();
    }
    if (!quiet) {
        int peak = 0, peak_day = 0;
        std::int64_t arrests = 0;
        for (const auto& t : model.history()) {
            arrests += t.arrests;
            if (t.active > peak) peak = t.active, peak_day = t.day;
        }
        const auto& last = model.history().back();
        std::printf("\n%s: %d days of Epstein's model I, %d citizens, %d cops\n",
                    sc.meta.name.c_str(), days, model.citizens(), model.cops());
        std::printf("  legitimacy           %.3f to %.3f\n", model.legitimacy(0),
                    model.legitimacy(days - 1));
        std::printf("  at the end           %d quiet, %d active, %d jailed\n", last.quiet,
                    last.active, last.jailed);
        std::printf("  peak active          %d on day %d\n", peak, peak_day);
        std::printf("  outbursts            %zu (days with at least %.0f%% active)\n",
                    model.outbursts().size(), 100 * e.outburst_share);
        std::printf("  arrests              %lld\n", (long long)arrests);
        print_footer(model.state_hash(), model.agent_updates(), wall, dir ? out : std::string());
    }
    return 0;
}

struct RunOptions {
    std::string path, out, resume;
    int days = 0, threads = 0;
    std::int64_t seed = -1;
    std::vector<std::string> sets, injects, adjusts, orders, checkpoints;
    bool quiet = false;
    std::string command_line;
};

int cmd_run(RunOptions o) {
    const bool resuming = !o.resume.empty();
    if (resuming && (!o.path.empty() || !o.sets.empty() || o.seed >= 0))
        throw BadInput(
            "--resume continues a checkpoint with its own scenario and seed: give no scenario "
            "file, --set or --seed (--adjust, --order and --inject add to its timeline)");
    std::unique_ptr<engine::Simulation> resumed;
    scenario::Scenario sc;
    if (resuming) {
        try {
            resumed =
                std::make_unique<engine::Simulation>(engine::Simulation::load_checkpoint(o.resume));
        } catch (const engine::CheckpointError& e) {
            throw BadInput(e.what());
        }
        sc = resumed->scenario();
    } else {
        sc = load(o.path, o.sets);
    }
    // The command line's events and decisions, checked against the scenario before the run.
    scenario::Scenario timeline = resuming ? scenario::without_timeline(sc) : sc;
    scenario::add_injects(timeline, o.injects);
    scenario::add_decisions(timeline, o.adjusts, o.orders);
    const int days = o.days > 0 ? o.days : int(sc.meta.days);
    const int first = resuming ? resumed->day() : 0;
    if (days <= first)
        throw BadInput(
            fmt::format("{}: the checkpoint is at day {}; --days {} runs to day {}, "
                        "which it has passed (give a later day to run to)",
                        o.resume, first, days, days));
    // An event or decision given on the command line for a day the run never reaches, or one
    // that has passed, is a mistake worth saying (the scenario's own timeline may run past a
    // shorter --days).
    for (std::size_t i = 0; i < o.injects.size(); ++i) {
        const auto& in = timeline.injects[timeline.injects.size() - o.injects.size() + i];
        if (in.day >= days || in.day < first)
            throw BadInput(fmt::format(
                "--inject {}: day {} is outside this run, which goes from day {} to day {}",
                o.injects[i], in.day, first, days - 1));
    }
    const std::size_t given = o.adjusts.size() + o.orders.size();
    for (std::size_t i = timeline.decisions.size() - given; i < timeline.decisions.size(); ++i) {
        const auto& d = timeline.decisions[i];
        if (d.day >= days || d.day < first)
            throw BadInput(
                fmt::format("{}: day {} is outside this run, which goes from day {} to day {}",
                            scenario::decision_option(d), d.day, first, days - 1));
    }
    if (sc.meta.model == scenario::Model::Epstein &&
        (!o.injects.empty() || !o.adjusts.empty() || !o.orders.empty() || !o.checkpoints.empty()))
        throw BadInput(
            "the classic civil-violence model has no events, decisions or checkpoints; run it "
            "without --inject, --adjust, --order and --checkpoint");
    const auto plan = checkpoint_plan(o.checkpoints, first, days);
    if (resuming) {
        for (std::size_t i = timeline.injects.size() - o.injects.size();
             i < timeline.injects.size(); ++i) {
            try {
                resumed->schedule(timeline.injects[i]);
            } catch (const std::invalid_argument& e) {
                throw BadInput(e.what());
            }
        }
        for (std::size_t i = timeline.decisions.size() - given; i < timeline.decisions.size(); ++i)
            resumed->schedule(timeline.decisions[i]);
    } else {
        sc = std::move(timeline);
    }
    // The run's own copy changes as injects fire; scenario.toml records the one it started from.
    const scenario::Scenario resolved = resuming ? resumed->replay_scenario() : sc;
    const std::uint64_t seed = resuming      ? resumed->seed()
                               : o.seed >= 0 ? std::uint64_t(o.seed)
                                             : std::uint64_t(sc.meta.seed);
    // More threads than the machine has run no faster and change nothing (a run is the same
    // on any number of threads): the run uses, and records, what the machine has.
    int threads = o.threads <= 0 ? engine::default_threads() : o.threads;
    if (threads > engine::default_threads()) {
        if (!o.quiet)
            std::fprintf(stderr, "peacesim: --threads %d: this machine runs %d at once; using %d\n",
                         threads, engine::default_threads(), engine::default_threads());
        threads = engine::default_threads();
    }
    const std::string& out = o.out;
    const bool quiet = o.quiet;
    // Check the output directory before spending minutes on the run.
    std::unique_ptr<output::AtomicDir> dir;
    if (!out.empty()) {
        try {
            dir = std::make_unique<output::AtomicDir>(out);
        } catch (const std::runtime_error& e) {
            throw BadInput(e.what());
        }
    }
    if (!resuming && sc.meta.model == scenario::Model::Conflict)
        if (auto problem = engine::memory_problem(engine::memory_estimate(sc),
                                                  engine::memory_available(), sc.world.population))
            throw BadInput(*problem);
    if (sc.meta.model == scenario::Model::Epstein) {
        return run_epstein(resolved, o.path, days, seed, dir.get(), quiet, out, o.command_line);
    }
    const bool tty = ::isatty(STDERR_FILENO) && !quiet;
    if (!quiet)
        std::fprintf(stderr,
                     "peacesim: %s, %lld civilians, %d days from %s, seed %llu, %d threads\n",
                     sc.meta.name.c_str(), (long long)sc.world.population, days,
                     sc.meta.start_date.iso().c_str(), (unsigned long long)seed, threads);
    if (resuming && !quiet)
        std::fprintf(stderr, "peacesim: continuing %s from day %d\n", o.resume.c_str(), first);
    const auto t0 = std::chrono::steady_clock::now();
    engine::Simulation sim =
        resuming ? std::move(*resumed) : engine::Simulation(std::move(sc), seed);
    auto save_due = [&] {
        for (const auto& [day, file] : plan)
            if (day == sim.day()) {
                try {
                    sim.save_checkpoint(file);
                } catch (const std::runtime_error& e) {
                    throw BadInput(e.what());
                }
                if (!quiet)
                    std::fprintf(stderr, "%speacesim: checkpoint of day %d saved to %s\n",
                                 tty ? "\r" : "", day, file.c_str());
            }
    };
    save_due();
    Progress bar(days - first, tty);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const int done = first + engine::run_days(sim, days - first, threads, [&](int d) {
                         bar.update(d);
                         save_due();
                         return !interrupted.load();
                     });
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (done < days) {
        bar.abandon();
        std::fprintf(stderr, "peacesim: interrupted on day %d of %d; no output written\n", done,
                     days);
        return 130;
    }
    output::RunInfo info{sim.scenario().meta.name,
                         resuming         ? o.resume
                         : o.path.empty() ? "<default>"
                                          : o.path,
                         seed,
                         days,
                         threads,
                         wall,
                         o.command_line};
    if (dir) {
        dir->add("summary.json", output::summary_json(sim, info));
        dir->add("timeseries.csv", output::timeseries_csv(sim));
        dir->add("events.csv", output::events_csv(sim));
        dir->add("decisions.csv", output::decisions_csv(sim));
        dir->add("feed.csv", output::feed_csv(sim));
        dir->add("scenario.toml", output::scenario_toml(resolved, info));
        dir->commit();
    }
    if (!quiet) {
        const auto t = output::totals(sim);
        std::printf("\n%s: %d days, %s to %s\n", sim.scenario().meta.name.c_str(), days,
                    sim.scenario().meta.start_date.iso().c_str(),
                    sim.date().plus_days(-1).iso().c_str());
        std::printf(
            "  civilians killed     %lld  (state forces %lld, armed groups %lld, in battles "
            "%lld)\n",
            (long long)t.civilians_killed, (long long)t.civilians_killed_government,
            (long long)t.civilians_killed_groups, (long long)t.civilians_killed_battle);
        std::printf("  battle deaths        %lld\n", (long long)t.battle_deaths);
        std::printf("  events               %lld state-based, %lld non-state, %lld one-sided\n",
                    (long long)t.events_state, (long long)t.events_nonstate,
                    (long long)t.events_onesided);
        std::printf("  displaced (peak)     %lld\n", (long long)t.displaced_peak);
        std::printf("  refugees             %lld\n", (long long)t.refugees);
        std::printf("  joined armed groups  %lld\n", (long long)t.recruited);
        const auto m = sim.mission_totals();
        std::printf("  mission              %s mandate, cost US$%.1f million\n",
                    scenario::mandate_names[int(sim.scenario().mission.mandate)], m.cost_musd);
        std::printf("  peacekeeper deaths   %lld\n", (long long)m.fatalities);
        if (m.responses > 0)
            std::printf(
                "  responses            %lld (%lld in time), median %.1f h, 90th percentile "
                "%.1f h\n",
                (long long)m.responses, (long long)m.why.responses_in_time,
                m.response_time_median_h, m.response_time_p90_h);
        else
            std::printf("  responses            none\n");
        std::printf("  raids deterred       %lld not attempted, %lld re-targeted\n",
                    (long long)m.why.raids_not_attempted, (long long)m.why.raids_retargeted);
        if (m.why.local_truces > 0)
            std::printf("  local truces         %lld brokered, %lld broken by violence\n",
                        (long long)m.why.local_truces, (long long)m.why.local_truces_broken);
        print_footer(sim.state_hash(), sim.agent_updates(), wall, dir ? out : std::string());
    }
    return 0;
}

int cmd_validate(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
    int bad = 0;
    for (const auto& f : files) {
        try {
            const auto sc = load(f, sets);
            if (sc.meta.model == scenario::Model::Epstein) {
                // The classic model's own numbers, not the conflict model's defaults.
                const auto& e = sc.epstein;
                const double cells = double(e.width * e.height);
                const auto cops = std::llround(e.cop_density * cells);
                std::printf(
                    "%s: ok (%s, the classic civil-violence model: a %lldx%lld torus, "
                    "%lld citizens, %lld cops)\n",
                    f.c_str(), sc.meta.name.c_str(), (long long)e.width, (long long)e.height,
                    std::min((long long)cells - cops,
                             (long long)std::llround(e.citizen_density * cells)),
                    (long long)cops);
            } else {
                std::printf("%s: ok (%s, %lld civilians, %zu armed groups)\n", f.c_str(),
                            sc.meta.name.c_str(), (long long)sc.world.population,
                            sc.armed_groups.size());
            }
        } catch (const scenario::ScenarioError& e) {
            for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
            // Another kind of file given for a scenario: say which, and what reads it.
            const auto section = [&](const char* name) {
                return std::any_of(e.diagnostics().begin(), e.diagnostics().end(),
                                   [&](const auto& d) { return d.key == name; });
            };
            if (section("experiment"))
                std::fprintf(stderr,
                             "%s: an experiment file, not a scenario: `peacesim sweep %s` reads "
                             "it\n",
                             f.c_str(), f.c_str());
            else if (section("option"))
                std::fprintf(stderr,
                             "%s: a compare options file, not a scenario: `peacesim compare "
                             "--options %s` reads it\n",
                             f.c_str(), f.c_str());
            ++bad;
        }
    }
    return bad ? 2 : 0;
}

int cmd_params(bool markdown, bool json) {
    const auto params = scenario::parameters();
    if (markdown) {
        std::fputs(scenario::parameters_markdown().c_str(), stdout);
        return 0;
    }
    if (json) {
        std::fputs(scenario::parameters_json().c_str(), stdout);
        return 0;
    }
    for (const auto& p : params)
        std::printf("%-40s %-10s %-24s %s\n", p.key.c_str(), p.type.c_str(), p.value.c_str(),
                    p.doc.c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"peacesim: agent-based simulation of armed conflict and peace operations"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "peacesim " + core::version_string());

    std::string path, out;
    int days = 0, threads = 0;
    std::int64_t seed = -1;
    RunOptions ro;
    auto& sets = ro.sets;
    auto& injects = ro.injects;
    bool& quiet = ro.quiet;
    auto* run = app.add_subcommand("run", "Run a scenario (the built-in default if none is given)");
    run->add_option("scenario", path, "Scenario file (TOML)");
    run->add_option("--days", days, "Days to simulate (default: the scenario's)")
        ->check(CLI::Range(1, 36500));
    run->add_option("--seed", seed, "Run seed (default: the scenario's)")
        ->check(CLI::Range(std::int64_t(0), std::int64_t(9007199254740991)));
    run->add_option("--threads", threads, "Threads (default: all cores)")
        ->check(CLI::Range(1, 1024));
    run->add_option("--out", out,
                    "Directory for summary.json, timeseries.csv, events.csv and the resolved "
                    "scenario.toml");
    run->add_option("--set", sets, "Override a scenario key: --set world.population=200000");
    run->add_option("--inject", injects,
                    "Add an event to the timeline: DAY:EVENT[:ARGS], e.g. 100:coup");
    run->add_option("--adjust", ro.adjusts,
                    "A decision: change a live lever from the start of a day, DAY:KEY=VALUE, e.g. "
                    "100:mission.troops=12000");
    run->add_option("--order", ro.orders,
                    "A decision: order a mission unit from the start of a day, "
                    "DAY:UNIT:move=PLACE (a settlement's name or X,Y) or "
                    "DAY:UNIT:posture=headquarters|hold|patrol");
    run->add_option("--checkpoint", ro.checkpoints,
                    "Save the complete state (a checkpoint) after DAY days to FILE: DAY:FILE, or "
                    "FILE for the end of the run");
    run->add_option("--resume", ro.resume,
                    "Continue a saved checkpoint to --days (its scenario, seed and decisions "
                    "carry on; --adjust, --order and --inject branch from it)");
    run->add_flag("--quiet,-q", quiet, "No progress or summary on the terminal");

    std::vector<std::string> files;
    std::vector<std::string> vsets;
    auto* validate = app.add_subcommand("validate", "Check scenario files against the schema");
    validate->add_option("files", files, "Scenario files")->required();
    validate->add_option("--set", vsets, "Check these overrides too");

    bool markdown = false, json = false;
    auto* params =
        app.add_subcommand("params", "List every scenario key with its default and meaning");
    auto* as_markdown = params->add_flag("--markdown", markdown, "As a Markdown table");
    params
        ->add_flag("--json", json,
                   "As a JSON array of {key, type, default, range, doc}, for scripts")
        ->excludes(as_markdown);

    auto* bench = cli::add_bench_command(app);

    ExerciseOptions xo;
    auto* exer = app.add_subcommand(
        "exercise",
        "Run a training exercise headless with its scripted decisions and write its record for "
        "the after-action review");
    exer->add_option("file", xo.file, "Exercise file (TOML; see exercises/)")->required();
    exer->add_option("--out", xo.out,
                     "Directory for the record: the run's files, decisions.csv, feed.csv, "
                     "mel.csv, exercise.json");
    exer->add_option("--days", xo.days, "Days to run (default: the exercise's)")
        ->check(CLI::Range(1, 36500));
    exer->add_option("--seed", xo.seed, "Run seed (default: the exercise's)")
        ->check(CLI::Range(std::int64_t(0), std::int64_t(9007199254740991)));
    exer->add_option("--threads", xo.threads, "Threads (default: all cores)")
        ->check(CLI::Range(1, 1024));
    exer->add_option("--checkpoint", xo.checkpoints,
                     "Save the complete state after DAY days to FILE: DAY:FILE, or FILE for the "
                     "end");
    exer->add_flag("--without-decisions", xo.without_decisions,
                   "Leave out the trainees' decisions (the counterfactual)");
    exer->add_flag("--quiet,-q", xo.quiet, "No progress or summary on the terminal");

    peacesim::cli::add_sweep_commands(app);
    peacesim::cli::add_soak_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    try {
        // An empty --out would write nothing and say nothing.
        for (auto* sub : {run, exer})
            if (*sub && sub->get_option("--out")->count() > 0 &&
                (sub == run ? out : xo.out).empty())
                throw BadInput("--out \"\": expected a directory to write the outputs into");
        if (*run) {
            ro.path = path, ro.out = out, ro.days = days, ro.seed = seed, ro.threads = threads;
            ro.command_line = output::shell_join({argv, argv + argc});
            return cmd_run(std::move(ro));
        }
        if (*exer) {
            xo.command_line = output::shell_join({argv, argv + argc});
            return cli::cmd_exercise(xo);
        }
        if (*validate) return cmd_validate(files, vsets);
        if (*params) return cmd_params(markdown, json);
        if (*bench) return cli::run_bench(*bench);
    } catch (const scenario::ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
        return 2;
    } catch (const BadInput& e) {
        std::fprintf(stderr, "peacesim: %s\n", e.what());
        return 2;
    } catch (const engine::CheckpointError& e) {
        std::fprintf(stderr, "peacesim: %s\n", e.what());
        return 2;
    } catch (const output::OutputError& e) {  // a full disk, a folder that cannot be written
        std::fprintf(stderr, "peacesim: %s\n", e.what());
        return 2;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
                     "peacesim: out of memory: lower world.population, or run fewer jobs at "
                     "once\n");
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peacesim: internal error: %s\n", e.what());
        return 1;
    }
    return 1;
}
