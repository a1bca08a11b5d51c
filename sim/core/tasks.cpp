// Independent runs on plain threads; see include/peacesim/core/tasks.hpp.
#include "peacesim/core/tasks.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace peacesim::core {

std::size_t run_tasks(std::size_t n, int jobs, const std::function<void(std::size_t)>& work,
                      const std::function<void(int, int)>& progress,
                      const std::function<bool()>& cancelled) {
    std::atomic<std::size_t> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::mutex report;
    std::exception_ptr failure;
    auto worker = [&] {
        for (;;) {
            const std::size_t k = next.fetch_add(1);
            if (k >= n || stop.load()) return;
            if (cancelled && cancelled()) {
                stop = true;
                return;
            }
            try {
                work(k);
            } catch (...) {
                std::lock_guard<std::mutex> lock(report);
                if (!failure) failure = std::current_exception();
                stop = true;
                return;
            }
            const int now = ++done;
            if (progress) {
                std::lock_guard<std::mutex> lock(report);
                progress(now, int(n));
            }
        }
    };
    const int threads =
        std::max(1, std::min(int(std::max<std::size_t>(n, 1)),
                             jobs > 0 ? jobs : int(std::thread::hardware_concurrency())));
    {
        std::vector<std::jthread> pool;
        for (int w = 0; w < threads; ++w) pool.emplace_back(worker);
    }
    if (failure) std::rethrow_exception(failure);
    return std::size_t(done.load());
}

}  // namespace peacesim::core
