// Running days on a bounded number of threads. Each call runs its days inside a task arena of its
// own, so two simulations in one process (a comparison, a sweep's jobs, the visualizer's compare
// run) are each limited on their own and never throttle each other, as a process-wide limit
// would.
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::engine {

int default_threads() { return std::max(1, tbb::info::default_concurrency()); }

int run_days(Simulation& sim, int days, int threads, const std::function<bool(int)>& after_day) {
    tbb::task_arena arena(threads > 0 ? threads : default_threads());
    for (int d = 0; d < days; ++d) {
        arena.execute([&] { sim.step(); });
        if (after_day && !after_day(d + 1)) return d + 1;
    }
    return days;
}

}  // namespace peacesim::engine
