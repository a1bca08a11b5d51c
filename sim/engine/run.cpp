// Running days on a bounded number of threads. Each call runs its days inside a task arena of its
// own, so two simulations in one process (a comparison, a sweep's jobs, the visualizer's compare
// run) are each limited on their own and never throttle each other, as a process-wide limit
// would. With PEACESIM_STD_THREADS (core/parallel.hpp) the calling thread's budget does the same.
#include <algorithm>
#include <thread>

#include "core/parallel.hpp"
#include "peacesim/engine/simulation.hpp"

#ifndef PEACESIM_STD_THREADS
#include <tbb/info.h>
#include <tbb/task_arena.h>
#endif

namespace peacesim {

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
