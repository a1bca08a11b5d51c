// A sweep over the ranks of an MPI job. Rank 0 is the dispatcher and the only writer; the others
// are workers. The protocol, all point to point except the opening handshake:
//
//   1. every rank loads the experiment; the ranks gather a Hello (load error, the texts) at 0;
//   2. rank 0 opens the database and broadcasts go (an empty string) or why not;
//   3. each worker sends Ready with its thread count; rank 0 answers with that many run indices
//      (fewer if the sweep has fewer left), one message each;
//   4. a worker sends each finished run up as a Result; rank 0 writes it and sends one more
//      index, or, once that worker has nothing in flight and nothing is left, a stop (-1);
//   5. on a stop a worker abandons what it still runs, sends Bye and leaves. Rank 0 returns
//      once every worker has said Bye, so no message is left unreceived at MPI_Finalize.
//
// A run's row is built on the worker exactly as on a sweep's thread (detail::run_plan) and
// travels as plain data, doubles bit for bit, so the database cannot tell the two apart.
#include "peacesim/experiment/mpi_sweep.hpp"

#include <fmt/format.h>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "detail/results.hpp"

namespace peacesim::experiment {

namespace mpi = boost::mpi;

namespace {

using clock = std::chrono::steady_clock;

double since(clock::time_point t0) {
    return std::chrono::duration<double>(clock::now() - t0).count();
}

// [SECTION] What travels

enum Tag : int { up = 1, down = 2 };  // worker to rank 0, rank 0 to worker

/// A database cell as plain data: Boost 1.74 cannot serialise std::variant.
struct WireCell {
    std::uint8_t type = 0;  // the Cell's alternative: 0 NULL, 1 integer, 2 real, 3 text
    std::int64_t i = 0;
    double d = 0;
    std::string s;

    template <class Archive>
    void serialize(Archive& ar, unsigned) {
        ar& type& i& d& s;
    }
};

WireCell to_wire(const detail::Cell& c) {
    WireCell w;
    w.type = std::uint8_t(c.index());
    if (auto* v = std::get_if<std::int64_t>(&c)) w.i = *v;
    if (auto* v = std::get_if<double>(&c)) w.d = *v;
    if (auto* v = std::get_if<std::string>(&c)) w.s = *v;
    return w;
}

detail::Cell from_wire(WireCell w) {
    switch (w.type) {
        case 1:
            return w.i;
        case 2:
            return w.d;
        case 3:
            return std::move(w.s);
        default:
            return {};
    }
}

struct WireSeriesValue {
    int day = 0, column = 0;
    WireCell value;

    template <class Archive>
    void serialize(Archive& ar, unsigned) {
        ar& day& column& value;
    }
};

/// detail::RunResult without its plan: rank 0 has the plans and looks the run up by index.
struct WireResult {
    std::int64_t index = -1;
    bool ok = false, abandoned = false;
    std::string error, state_hash;
    double wall_seconds = 0;
    std::vector<WireCell> totals;
    std::vector<WireSeriesValue> series;
    std::vector<std::vector<WireCell>> events;

    template <class Archive>
    void serialize(Archive& ar, unsigned) {
        ar& index& ok& abandoned& error& state_hash& wall_seconds& totals& series& events;
    }
};

WireResult to_wire(const detail::RunResult& r) {
    WireResult w;
    w.index = r.plan.index;
    w.ok = r.ok;
    w.abandoned = r.abandoned;
    w.error = r.error;
    w.state_hash = r.state_hash;
    w.wall_seconds = r.wall_seconds;
    for (const auto& c : r.totals) w.totals.push_back(to_wire(c));
    w.series.reserve(r.series.size());
    for (const auto& v : r.series) w.series.push_back({v.day, v.column, to_wire(v.value)});
    for (const auto& e : r.events) {
        auto& row = w.events.emplace_back();
        for (const auto& c : e) row.push_back(to_wire(c));
    }
    return w;
}

detail::RunResult from_wire(WireResult w, const RunPlan& plan) {
    detail::RunResult r;
    r.plan = plan;
    r.ok = w.ok;
    r.abandoned = w.abandoned;
    r.error = std::move(w.error);
    r.state_hash = std::move(w.state_hash);
    r.wall_seconds = w.wall_seconds;
    for (auto& c : w.totals) r.totals.push_back(from_wire(std::move(c)));
    r.series.reserve(w.series.size());
    for (auto& v : w.series) r.series.push_back({v.day, v.column, from_wire(std::move(v.value))});
    for (auto& e : w.events) {
        auto& row = r.events.emplace_back();
        for (auto& c : e) row.push_back(from_wire(std::move(c)));
    }
    return r;
}

/// The opening handshake: what each rank loaded, so that rank 0 can refuse a job whose ranks
/// read different files (a path that differs between machines, a file edited mid-launch).
struct Hello {
    std::string error;  // the load's message; empty when it loaded
    std::string text, base_text;

    template <class Archive>
    void serialize(Archive& ar, unsigned) {
        ar& error& text& base_text;
    }
};

/// Everything a worker sends up, on one tag so that rank 0 can receive from any worker.
struct Up {
    enum Kind : std::uint8_t { ready, result, bye };
    std::uint8_t kind = ready;
    int slots = 0;  // ready: the worker's thread count
    WireResult run;

    template <class Archive>
    void serialize(Archive& ar, unsigned) {
        ar& kind& slots& run;
    }
};

Hello hello_of(const std::function<Experiment()>& load, std::optional<Experiment>& ex,
               std::exception_ptr& failure) {
    Hello h;
    try {
        ex = load();
        h.text = ex->text;
        h.base_text = ex->base_text;
    } catch (const scenario::ScenarioError& e) {
        failure = std::current_exception();
        for (const auto& d : e.diagnostics()) h.error += (h.error.empty() ? "" : "; ") + d.str();
    } catch (const std::exception& e) {
        failure = std::current_exception();
        h.error = e.what();
    }
    return h;
}

// [SECTION] A worker's threads

/// Run indices to the worker's threads, finished runs back; the rank's main thread alone speaks
/// MPI (MPI is initialised for one thread at a time).
class Queue {
  public:
    void push(std::int64_t index) {
        {
            std::lock_guard lock(m_);
            todo_.push_back(index);
        }
        cv_.notify_all();
    }
    void close() {
        {
            std::lock_guard lock(m_);
            closed_ = true;
        }
        cv_.notify_all();
    }
    /// The next index, or nothing once closed and empty.
    std::optional<std::int64_t> pop() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return closed_ || !todo_.empty(); });
        if (todo_.empty()) return std::nullopt;
        const auto i = todo_.front();
        todo_.pop_front();
        return i;
    }
    void put(detail::RunResult r) {
        {
            std::lock_guard lock(m_);
            done_.push_back(std::move(r));
        }
        cv_.notify_all();
    }
    /// A finished run, waiting at most `wait` for one.
    std::optional<detail::RunResult> take(std::chrono::milliseconds wait) {
        std::unique_lock lock(m_);
        cv_.wait_for(lock, wait, [&] { return !done_.empty(); });
        if (done_.empty()) return std::nullopt;
        auto r = std::move(done_.front());
        done_.pop_front();
        return r;
    }

  private:
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<std::int64_t> todo_;
    std::deque<detail::RunResult> done_;
    bool closed_ = false;
};

/// How long a rank's main thread sleeps between looks at its inbox. Runs take seconds, so
/// polling costs nothing measurable, and it lets Ctrl-C be seen while nothing arrives.
constexpr std::chrono::milliseconds poll{2};

}  // namespace

// [SECTION] Cluster

bool mpi_launched() noexcept {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(v)) return true;
    return false;
}

struct Cluster::Impl {
    // Single-threaded MPI: only each rank's main thread calls it. No abort on an exception:
    // rank 0 throws only after telling the others to stop, and finish() reports it.
    mpi::environment env{mpi::threading::single, false};
    mpi::communicator world;
};

Cluster::Cluster() : impl_(std::make_unique<Impl>()) {}
Cluster::~Cluster() = default;
int Cluster::rank() const noexcept { return impl_->world.rank(); }
int Cluster::size() const noexcept { return impl_->world.size(); }

SweepReport Cluster::lead(const std::function<Experiment()>& load, const std::string& db_path,
                          const SweepOptions& options) {
    auto& world = impl_->world;
    const auto t0 = clock::now();
    const int workers = world.size() - 1;

    // 1-2: load, compare, open the database; any failure is broadcast before it is thrown.
    std::optional<Experiment> loaded;
    std::exception_ptr failure;
    const Hello mine = hello_of(load, loaded, failure);
    std::vector<Hello> hellos;
    mpi::gather(world, mine, hellos, 0);
    std::optional<detail::Store> store;
    std::vector<RunPlan> plans;
    std::vector<const RunPlan*> todo;
    SweepReport report;
    if (!failure) {
        try {
            for (int r = 1; r <= workers; ++r) {
                const auto& h = hellos[std::size_t(r)];
                if (!h.error.empty())
                    throw std::runtime_error(fmt::format("rank {}: {}", r, h.error));
                if (h.text != mine.text || h.base_text != mine.base_text)
                    throw std::runtime_error(fmt::format(
                        "rank {} read a different experiment or base scenario than rank 0; "
                        "every rank must see the same files",
                        r));
            }
            plans = run_plans(*loaded);
            report.total = std::int64_t(plans.size());
            store.emplace(db_path, &*loaded, !(options.resume || options.only_failed));
            todo = detail::runs_to_do(plans, *store, options);
        } catch (...) {
            failure = std::current_exception();
        }
    }
    std::string verdict;
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            verdict = e.what();
        } catch (...) {
        }
        if (verdict.empty()) verdict = "rank 0 could not start the sweep";
    }
    mpi::broadcast(world, verdict, 0);
    if (failure) std::rethrow_exception(failure);
    const Experiment& ex = *loaded;
    report.planned = std::int64_t(todo.size());

    // 3-5: hand out indices on demand, write what comes back.
    std::size_t next = 0;
    std::vector<int> in_flight(std::size_t(world.size()), 0);
    std::vector<bool> told_stop(std::size_t(world.size()), false);
    int gone = 0;
    bool stopping = false;
    std::int64_t done = 0;
    auto stop_one = [&](int r) {
        if (told_stop[std::size_t(r)]) return;
        world.send(r, down, std::int64_t(-1));
        told_stop[std::size_t(r)] = true;
    };
    auto stop_all = [&] {
        stopping = true;
        for (int r = 1; r <= workers; ++r) stop_one(r);
    };
    auto hand_out = [&](int r) {
        if (!stopping && next < todo.size()) {
            world.send(r, down, todo[next++]->index);
            ++in_flight[std::size_t(r)];
        } else if (in_flight[std::size_t(r)] == 0) {
            stop_one(r);
        }
    };
    auto interrupted = [&] { return options.interrupt && options.interrupt->load(); };
    // A failure to write (disk full, say) stops the handing out, but rank 0 still waits for
    // every Bye: a worker may be blocked sending a large row, and leaving it there would hang
    // MPI_Finalize. It is thrown once all have gone.
    std::exception_ptr write_failure;
    while (gone < workers) {
        if (!stopping && interrupted()) stop_all();
        auto status = world.iprobe(mpi::any_source, up);
        if (!status) {
            std::this_thread::sleep_for(poll);
            continue;
        }
        const int r = status->source();
        Up msg;
        world.recv(r, up, msg);
        if (msg.kind == Up::bye) {
            ++gone;
            continue;
        }
        if (msg.kind == Up::ready) {
            for (int s = 0; s < std::max(1, msg.slots); ++s) hand_out(r);
            continue;
        }
        --in_flight[std::size_t(r)];
        if (msg.run.abandoned && !stopping) stop_all();  // that rank was interrupted
        if (!msg.run.abandoned && !stopping) {
            try {
                const auto index = std::size_t(msg.run.index);
                auto result = from_wire(std::move(msg.run), plans.at(index));
                const auto w0 = clock::now();
                store->write(ex, result);
                report.store_seconds += since(w0);
                report.run_seconds += result.wall_seconds;
                ++(result.ok ? report.ok : report.failed);
                ++done;
                if (options.progress) options.progress(done, report.planned);
                if (options.stop_after > 0 && done >= options.stop_after) stop_all();
            } catch (...) {
                write_failure = std::current_exception();
                stop_all();
            }
        }
        hand_out(r);
    }
    if (write_failure) std::rethrow_exception(write_failure);
    report.stopped = done < report.planned;
    report.wall_seconds = since(t0);
    return report;
}

bool Cluster::serve(const std::function<Experiment()>& load, const SweepOptions& options) {
    auto& world = impl_->world;
    std::optional<Experiment> loaded;
    std::exception_ptr failure;
    mpi::gather(world, hello_of(load, loaded, failure), 0);
    std::string verdict;
    mpi::broadcast(world, verdict, 0);
    if (!verdict.empty() || !loaded) return false;
    const Experiment& ex = *loaded;
    const auto plans = run_plans(ex);

    const int jobs = std::max(1, options.jobs);
    Queue queue;
    std::atomic<bool> stop_runs{false};
    std::vector<std::jthread> threads;
    for (int t = 0; t < jobs; ++t)
        threads.emplace_back([&] {
            while (auto index = queue.pop()) {
                const auto& plan = plans.at(std::size_t(*index));
                auto r = detail::run_plan(ex, plan, options.before_run, [&] {
                    return stop_runs.load(std::memory_order_relaxed) ||
                           (options.interrupt &&
                            options.interrupt->load(std::memory_order_relaxed));
                });
                if (stop_runs.load()) r.abandoned = true;
                queue.put(std::move(r));
            }
        });
    world.send(0, up, Up{Up::ready, jobs, {}});
    int in_flight = 0;
    bool stopping = false;
    while (!(stopping && in_flight == 0)) {
        bool busy = false;
        if (world.iprobe(0, down)) {
            std::int64_t index = -1;
            world.recv(0, down, index);
            if (index < 0) {
                stopping = true;
                stop_runs = true;
                queue.close();
            } else {
                queue.push(index);
                ++in_flight;
            }
            busy = true;
        }
        while (auto r = queue.take(busy ? std::chrono::milliseconds(0) : poll)) {
            --in_flight;
            // After a stop rank 0 writes nothing more; the run is dropped here.
            if (!stopping) world.send(0, up, Up{Up::result, 0, to_wire(*r)});
        }
    }
    queue.close();
    threads.clear();
    world.send(0, up, Up{Up::bye, 0, {}});
    return true;
}

}  // namespace peacesim::experiment
