// `peacesim exercise` (docs/training.md): an exercise run headless, its record written whole.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/exercise/exercise.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/output/writers.hpp"
#include "terminal.hpp"

namespace peacesim::cli {

int cmd_exercise(const ExerciseOptions& o) {
    exercise::Exercise ex = exercise::load_exercise(o.file);
    const int days = o.days > 0 ? o.days : ex.days;
    const std::uint64_t seed = o.seed >= 0 ? std::uint64_t(o.seed) : ex.seed;
    const int threads = o.threads > 0 ? o.threads : engine::default_threads();
    if (o.without_decisions) {
        const std::string who = ex.trainees() ? ex.trainees()->id : "trainees";
        ex.scenario = exercise::without_role(ex.scenario, who);
    }
    const auto plan = checkpoint_plan(o.checkpoints, 0, days);
    if (auto problem =
            engine::memory_problem(engine::memory_estimate(ex.scenario), engine::memory_available(),
                                   ex.scenario.world.population))
        throw BadInput(*problem);
    std::unique_ptr<output::AtomicDir> dir;
    if (!o.out.empty()) {
        try {
            dir = std::make_unique<output::AtomicDir>(o.out);
        } catch (const std::runtime_error& e) {
            throw BadInput(e.what());
        }
    }
    const bool tty = ::isatty(STDERR_FILENO) && !o.quiet;
    if (!o.quiet)
        std::fprintf(stderr,
                     "peacesim: exercise \"%s\" on %s, %zu serials, %zu scripted decisions%s, "
                     "%d days, seed %llu\n",
                     ex.name.c_str(), ex.scenario.meta.name.c_str(), ex.events.size(),
                     ex.scenario.decisions.size(), o.without_decisions ? " (left out)" : "", days,
                     (unsigned long long)seed);
    const auto t0 = std::chrono::steady_clock::now();
    engine::Simulation sim(ex.scenario, seed);
    Progress bar(days, tty);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    const int done = engine::run_days(sim, days, threads, [&](int d) {
        bar.update(d);
        for (const auto& [day, file] : plan)
            if (day == sim.day()) sim.save_checkpoint(file);
        return !interrupted.load();
    });
    if (done < days) {
        bar.abandon();
        std::fprintf(stderr, "peacesim: interrupted on day %d of %d; no output written\n", done,
                     days);
        return 130;
    }
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    output::RunInfo info{ex.name, o.file, seed, days, threads, wall, o.command_line};
    if (dir) {
        for (const auto& [name, content] : exercise::record_files(ex, sim, info))
            dir->add(name, content);
        dir->commit();
    }
    if (!o.quiet) {
        const auto t = output::totals(sim);
        std::printf("\n%s: %d days, %zu decisions logged\n", ex.name.c_str(), days,
                    sim.decision_log().size());
        std::printf("  civilians killed     %lld\n", (long long)t.civilians_killed);
        std::printf("  displaced (peak)     %lld\n", (long long)t.displaced_peak);
        print_footer(sim.state_hash(), sim.agent_updates(), wall, dir ? o.out : std::string());
        if (dir) std::printf("  review               peacesim aar %s\n", o.out.c_str());
    }
    return 0;
}

}  // namespace peacesim::cli
