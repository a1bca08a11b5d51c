// `peacesim soak` (docs/architecture.md, "Reliability"): many runs of every shipped scenario over
// many seeds, with the run's invariants checked every day. Small in CI, a night in the bench.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "peacesim/core/tasks.hpp"
#include "peacesim/engine/invariants.hpp"
#include "peacesim/scenario/load.hpp"
#include "terminal.hpp"

namespace peacesim::cli {

namespace {

struct SoakArgs {
    std::vector<std::string> paths;
    int seeds = 3, days = 365, jobs = 0;
    std::int64_t population = 100'000;
    bool quiet = false;
};

int cmd_soak(const SoakArgs& a) {
    namespace fs = std::filesystem;
    // The scenarios: files given, every .toml of directories given, or the shipped ones.
    std::vector<std::string> files;
    std::vector<std::string> paths = a.paths;
    if (paths.empty() && fs::is_directory("scenarios")) paths.push_back("scenarios");
    std::vector<bool> named;  // a file given by name, not found in a directory
    for (const auto& p : paths) {
        if (fs::is_directory(p)) {
            std::vector<std::string> found;
            for (const auto& e : fs::directory_iterator(p))
                if (e.path().extension() == ".toml") found.push_back(e.path().string());
            if (found.empty() && !a.paths.empty())
                throw BadInput(fmt::format("{}: no scenario files (*.toml) in this directory", p));
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
            named.resize(files.size(), false);
        } else {
            files.push_back(p);
            named.push_back(true);
        }
    }
    std::vector<std::pair<std::string, scenario::Scenario>> scenarios;
    const std::vector<scenario::Override> size = {
        {"world.population", std::to_string(a.population)}};
    if (files.empty()) scenarios.emplace_back("<default>", scenario::load_default(size));
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& f = files[i];
        scenario::Scenario sc;
        try {
            sc = scenario::load_file(f, size);
        } catch (const scenario::ScenarioError& e) {
            // Say which scenario, when the size given is what does not fit it.
            auto d = e.diagnostics();
            for (auto& x : d)
                if (x.file.rfind("--set", 0) == 0) x.file = fmt::format("{}: {}", f, x.file);
            throw scenario::ScenarioError(std::move(d));
        }
        // The classic model has no mission, politics or people to keep invariants over: its own
        // tests dock it against the published results.
        if (sc.meta.model != scenario::Model::Conflict) {
            if (named[i])
                throw BadInput(fmt::format(
                    "{}: the soak runs the conflict model; this is the classic civil-violence "
                    "model (check it with `peacesim validate-model` or `peacesim run`)",
                    f));
            if (!a.quiet)
                std::fprintf(stderr, "peacesim soak: %s skipped (the classic model)\n", f.c_str());
            continue;
        }
        scenarios.emplace_back(f, std::move(sc));
    }
    const std::size_t runs = scenarios.size() * std::size_t(a.seeds);
    if (!a.quiet)
        std::fprintf(stderr, "peacesim soak: %zu scenarios x %d seeds x %d days at %lld people\n",
                     scenarios.size(), a.seeds, a.days, (long long)a.population);
    std::mutex lock;
    std::vector<std::string> problems;
    std::vector<std::int64_t> checked(scenarios.size(), 0);
    const auto t0 = std::chrono::steady_clock::now();
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    Progress bar(int(runs), !a.quiet && ::isatty(2));
    const std::size_t done = core::run_tasks(
        runs, a.jobs,
        [&](std::size_t k) {
            const std::size_t s = k % scenarios.size();
            const std::uint64_t seed = 1 + k / scenarios.size();
            engine::Simulation sim(scenarios[s].second, seed);
            engine::InvariantChecker check(sim);
            std::vector<std::string> bad;
            engine::run_days(sim, a.days, 1, [&](int) {
                for (auto& b : check.check(sim)) bad.push_back(std::move(b));
                return bad.size() < 20;
            });
            std::lock_guard g(lock);
            checked[s] += sim.day();
            for (auto& b : bad)
                problems.push_back(fmt::format("{} seed {}: {}", scenarios[s].first, seed, b));
        },
        [&](int d, int) { bar.update(d); }, [] { return interrupted.load(); });
    if (done < runs) {
        bar.abandon();
        std::fprintf(stderr, "peacesim soak: interrupted after %zu of %zu runs\n", done, runs);
        return 130;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (std::size_t s = 0; s < scenarios.size(); ++s)
        std::printf("  %-40s %d seeds, %lld days checked\n", scenarios[s].first.c_str(), a.seeds,
                    (long long)checked[s]);
    for (const auto& p : problems) std::printf("  FAIL %s\n", p.c_str());
    std::printf("peacesim soak: %zu runs, %.1f s, %s\n", runs, wall,
                problems.empty() ? "every invariant held every day"
                                 : fmt::format("{} invariants broken", problems.size()).c_str());
    return problems.empty() ? 0 : 1;
}

}  // namespace

void add_soak_command(CLI::App& app) {
    static SoakArgs a;
    auto* soak = app.add_subcommand(
        "soak",
        "Run every scenario over many seeds, checking the run's invariants every day (people "
        "conserved, no negative stock, no NaN, every death in the event log)");
    soak->add_option("scenarios", a.paths,
                     "Scenario files or directories (default: ./scenarios, else the built-in "
                     "default)");
    soak->add_option("--seeds", a.seeds, "Seeds per scenario")->check(CLI::Range(1, 100000));
    soak->add_option("--days", a.days, "Days per run")->check(CLI::Range(1, 36500));
    soak->add_option("--population", a.population, "People in each run")
        ->check(CLI::Range(std::int64_t(1000), std::int64_t(50'000'000)));
    soak->add_option("--jobs,-j", a.jobs, "Runs at once (default: all cores)")
        ->check(CLI::Range(1, 1024));
    soak->add_flag("--quiet,-q", a.quiet, "No progress");
    soak->callback([] {
        int rc = 1;
        try {
            rc = cmd_soak(a);
        } catch (const scenario::ScenarioError& e) {
            for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
            rc = 2;
        } catch (const BadInput& e) {
            std::fprintf(stderr, "peacesim: %s\n", e.what());
            rc = 2;
        }
        std::fflush(stdout);
        std::exit(rc);
    });
}

}  // namespace peacesim::cli
