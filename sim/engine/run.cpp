// Running days on a bounded number of threads. Each call runs its days inside a task arena of its
// own, so two simulations in one process (a comparison, a sweep's jobs, the visualizer's compare
// run) are each limited on their own and never throttle each other, as a process-wide limit
// would. With PEACESIM_STD_THREADS (core/parallel.hpp) the calling thread's budget does the same.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "core/parallel.hpp"
#include "peacesim/engine/simulation.hpp"

#ifndef PEACESIM_STD_THREADS
#include <tbb/info.h>
#include <tbb/task_arena.h>
#endif

namespace peacesim {

namespace engine {

std::uint64_t memory_estimate(const scenario::Scenario& sc) noexcept {
    constexpr std::uint64_t per_person = 34, per_cell = 8, base = 16ull << 20;
    return std::uint64_t(sc.world.population) * per_person +
           std::uint64_t(sc.world.width) * std::uint64_t(sc.world.height) * per_cell + base;
}

std::uint64_t memory_available() noexcept {
    std::FILE* f = std::fopen("/proc/meminfo", "r");
    if (!f) return 0;
    char line[256];
    std::uint64_t kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "MemAvailable: %lu kB", &kb) == 1) break;
    std::fclose(f);
    return kb * 1024;
}

std::optional<std::string> memory_problem(std::uint64_t needed, std::uint64_t available,
                                          std::int64_t population) {
    if (available == 0 || needed <= available) return std::nullopt;
    const double gb = 1024.0 * 1024 * 1024;
    return fmt::format(
        "this run needs about {:.1f} GB of memory ({} people at about 34 bytes each, and the "
        "map); this machine has {:.1f} GB available: lower world.population, or run it where "
        "there is more",
        double(needed) / gb, population, double(available) / gb);
}

}  // namespace engine

#ifdef PEACESIM_STD_THREADS
namespace core {
int& thread_budget() noexcept {
    thread_local int budget = 1;
    return budget;
}
}  // namespace core

namespace engine {
int default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

int run_days(Simulation& sim, int days, int threads, const std::function<bool(int)>& after_day) {
    core::thread_budget() = threads > 0 ? threads : default_threads();
    for (int d = 0; d < days; ++d) {
        sim.step();
        if (after_day && !after_day(d + 1)) return d + 1;
    }
    return days;
}
}  // namespace engine

#else

namespace engine {
int default_threads() { return std::max(1, tbb::info::default_concurrency()); }

int run_days(Simulation& sim, int days, int threads, const std::function<bool(int)>& after_day) {
    tbb::task_arena arena(threads > 0 ? threads : default_threads());
    for (int d = 0; d < days; ++d) {
        arena.execute([&] { sim.step(); });
        if (after_day && !after_day(d + 1)) return d + 1;
    }
    return days;
}
}  // namespace engine

#endif

}  // namespace peacesim
