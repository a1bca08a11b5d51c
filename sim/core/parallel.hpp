#pragma once
// The engine's parallel loops (docs/architecture.md, "Determinism"). Two back ends behind one
// interface: oneTBB, the default; and plain std::threads (PEACESIM_STD_THREADS), for
// ThreadSanitizer builds, where the system oneTBB's own synchronisation is invisible to the
// sanitizer and every handover between its workers would look like a race. The loops' bodies,
// the application's code, are the same in both. Internal to the library.
#include <cstddef>
#include <functional>

#ifdef PEACESIM_STD_THREADS
#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>
#else
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#endif

namespace peacesim::core {

#ifdef PEACESIM_STD_THREADS

/// A range of indices with the grain its loop splits it by.
class Range {
  public:
    Range(std::size_t begin, std::size_t end, std::size_t grain = 1)
        : begin_(begin), end_(end), grain_(std::max<std::size_t>(1, grain)) {}
    std::size_t begin() const noexcept { return begin_; }
    std::size_t end() const noexcept { return end_; }
    std::size_t grain() const noexcept { return grain_; }

  private:
    std::size_t begin_, end_, grain_;
};

/// Threads the loops of the calling thread may use (set by engine::run_days).
int& thread_budget() noexcept;

/// Runs body(sub-range) over the range, on up to thread_budget() threads.
template <class Body>
void parallel_for(const Range& range, const Body& body) {
    const std::size_t n = range.end() - range.begin();
    const std::size_t chunks = (n + range.grain() - 1) / range.grain();
    const int threads =
        int(std::min<std::size_t>(chunks, std::size_t(std::max(1, thread_budget()))));
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
            const std::size_t b = range.begin() + c * range.grain();
            body(Range(b, std::min(range.end(), b + range.grain()), range.grain()));
        }
    };
    std::vector<std::thread> pool;
    for (int t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
}

/// One T per thread that takes part in a loop, created by `init` on first use; iterate after the
/// loop to combine them (in no set order: for order-free sums).
template <class T>
class PerThread {
  public:
    explicit PerThread(std::function<T()> init) : init_(std::move(init)) {}
    T& local() {
        std::lock_guard lock(mutex_);
        auto it = index_.find(std::this_thread::get_id());
        if (it != index_.end()) return items_[it->second];
        index_.emplace(std::this_thread::get_id(), items_.size());
        return items_.emplace_back(init_());
    }
    auto begin() { return items_.begin(); }
    auto end() { return items_.end(); }

  private:
    std::function<T()> init_;
    std::mutex mutex_;
    std::map<std::thread::id, std::size_t> index_;
    std::deque<T> items_;
};

#else

using Range = tbb::blocked_range<std::size_t>;

template <class Body>
void parallel_for(const Range& range, const Body& body) {
    tbb::parallel_for(range, body);
}

template <class T>
using PerThread = tbb::enumerable_thread_specific<T>;

#endif

}  // namespace peacesim::core
