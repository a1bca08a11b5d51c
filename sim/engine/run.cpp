#include <tbb/global_control.h>
#include <tbb/info.h>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::engine {

int default_threads() { return std::max(1, tbb::info::default_concurrency()); }

int run_days(Simulation& sim, int days, int threads, const std::function<bool(int)>& after_day) {
    // The limit holds for as long as this object lives: the whole run.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              std::size_t(threads > 0 ? threads : default_threads()));
    for (int d = 0; d < days; ++d) {
        sim.step();
        if (after_day && !after_day(d + 1)) return d + 1;
    }
    return days;
}

}  // namespace peacesim::engine
