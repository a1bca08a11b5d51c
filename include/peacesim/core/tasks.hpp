#pragma once
// Independent runs on plain threads (the validation suite, policy comparisons): each thread takes
// the next task; every run is serial in its own arena, so runs share nothing but the counter and
// the result does not depend on the number of threads.
#include <cstddef>
#include <functional>

namespace peacesim::core {

/// Runs work(k) for every k in [0, n) on `jobs` threads (0: every core). progress(done, n) is
/// called after each task, one call at a time; when cancelled() turns true no new task starts.
/// The first exception a task throws is rethrown once every thread has stopped. Returns the
/// number of tasks done (n unless cancelled).
std::size_t run_tasks(std::size_t n, int jobs, const std::function<void(std::size_t)>& work,
                      const std::function<void(int, int)>& progress = {},
                      const std::function<bool()>& cancelled = {});

}  // namespace peacesim::core
