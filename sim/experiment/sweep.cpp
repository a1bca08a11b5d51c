// Running an experiment: workers take run plans in index order, each run on one thread of its
// own; the calling thread alone writes the database, one transaction per run. A run's result
// depends only on its plan (scenario, seed), never on the number of workers or on the order in
// which runs finish.
#include "peacesim/experiment/sweep.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "detail/results.hpp"
#include "peacesim/core/files.hpp"

namespace peacesim::experiment {

namespace {

using clock = std::chrono::steady_clock;

double since(clock::time_point t0) {
    return std::chrono::duration<double>(clock::now() - t0).count();
}

/// Results travel from the workers to the writer through this queue.
class Mailbox {
  public:
    void put(detail::RunResult r) {
        {
            std::lock_guard lock(m_);
            q_.push_back(std::move(r));
        }
        cv_.notify_one();
    }
    detail::RunResult take() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return !q_.empty(); });
        auto r = std::move(q_.front());
        q_.pop_front();
        return r;
    }

  private:
    std::mutex m_;
    std::condition_variable cv_;
    std::deque<detail::RunResult> q_;
};

}  // namespace

namespace detail {

std::vector<const RunPlan*> runs_to_do(const std::vector<RunPlan>& plans, const Store& store,
                                       const SweepOptions& options) {
    const auto ok = store.ids("ok");
    const auto failed = store.ids("failed");
    std::vector<const RunPlan*> todo;
    for (const auto& p : plans) {
        if (options.index && p.index != *options.index) continue;
        if (options.only_failed ? !failed.count(p.index) : ok.count(p.index) > 0) continue;
        todo.push_back(&p);
    }
    return todo;
}

}  // namespace detail

SweepReport sweep(const Experiment& ex, const std::string& db_path, const SweepOptions& options) {
    const auto t0 = clock::now();
    const auto plans = run_plans(ex);
    SweepReport report;
    report.total = std::int64_t(plans.size());
    if (options.index && (*options.index < 0 || *options.index >= report.total))
        throw std::runtime_error(
            fmt::format("--index {} is out of range: the experiment has runs "
                        "0 to {}",
                        *options.index, report.total - 1));
    const bool may_exist = options.resume || options.only_failed;
    detail::Store store(db_path, &ex, !may_exist);
    const auto todo = detail::runs_to_do(plans, store, options);
    report.planned = std::int64_t(todo.size());

    // Workers are plain threads: each run is serial inside its own oneTBB arena
    // (engine::run_days with one thread), and runs share nothing but the job counter.
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> next{0};
    Mailbox mailbox;
    auto stopping = [&] { return stop.load() || (options.interrupt && options.interrupt->load()); };
    std::atomic<bool> stop_runs{false};  // runs in flight watch it (and the interrupt)
    const int jobs =
        std::max(1, std::min<int>(options.jobs, int(std::max<std::size_t>(todo.size(), 1))));
    std::vector<std::jthread> workers;
    for (int w = 0; w < jobs; ++w)
        workers.emplace_back([&] {
            for (;;) {
                const std::size_t i = next.fetch_add(1);
                if (i >= todo.size() || stopping()) {
                    detail::RunResult end;
                    end.plan.index = -1;  // marks this worker's end
                    mailbox.put(std::move(end));
                    return;
                }
                auto r = detail::run_plan(ex, *todo[i], options.before_run, [&] {
                    return stop_runs.load(std::memory_order_relaxed) ||
                           (options.interrupt &&
                            options.interrupt->load(std::memory_order_relaxed));
                });
                mailbox.put(std::move(r));
            }
        });
    int finished_workers = 0;
    std::int64_t done = 0;
    try {
        while (finished_workers < jobs) {
            auto r = mailbox.take();
            if (r.plan.index < 0) {
                ++finished_workers;
                continue;
            }
            if (r.abandoned || stop.load()) continue;  // a killed sweep would not have it either
            const auto w0 = clock::now();
            store.write(ex, r);
            report.store_seconds += since(w0);
            report.run_seconds += r.wall_seconds;
            ++(r.ok ? report.ok : report.failed);
            ++done;
            if (options.progress) options.progress(done, report.planned);
            if (options.stop_after > 0 && done >= options.stop_after) stop = stop_runs = true;
        }
    } catch (...) {
        // The database cannot be written (disk full, say): stop the workers before leaving.
        stop = stop_runs = true;
        workers.clear();
        throw;
    }
    report.stopped = done < report.planned;
    report.wall_seconds = since(t0);
    return report;
}

std::vector<std::int64_t> missing_runs(const Experiment& ex, const std::string& db_path) {
    const auto n = std::int64_t(run_plans(ex).size());
    std::set<std::int64_t> ok;
    std::error_code ec;
    if (std::filesystem::exists(db_path, ec)) ok = detail::Store(db_path, &ex, false).ids("ok");
    std::vector<std::int64_t> out;
    for (std::int64_t i = 0; i < n; ++i)
        if (!ok.count(i)) out.push_back(i);
    return out;
}

std::string array_spec(const std::vector<std::int64_t>& indices) {
    std::string out;
    for (std::size_t i = 0; i < indices.size();) {
        std::size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
        if (!out.empty()) out += ',';
        out +=
            j == i ? fmt::format("{}", indices[i]) : fmt::format("{}-{}", indices[i], indices[j]);
        i = j + 1;
    }
    return out;
}

std::int64_t merge(const std::string& db_path, const std::vector<std::string>& files) {
    if (files.empty()) return 0;
    std::error_code ec;
    // Every part is checked first, and the database too where it exists: one that is not a
    // results database, or holds another experiment, leaves everything as it was.
    {
        std::string text;
        const bool have = std::filesystem::exists(db_path, ec);
        if (have) text = detail::Store(db_path, nullptr, false).experiment_text();
        for (std::size_t i = 0; i < files.size(); ++i) {
            const std::string t = detail::Store(files[i], nullptr, false).experiment_text();
            if (i == 0 && !have) text = t;
            if (t != text)
                throw std::runtime_error(
                    fmt::format("{} holds runs of a different experiment than {}", files[i],
                                have ? db_path : files[0]));
        }
    }
    std::size_t first = 0;
    if (!std::filesystem::exists(db_path, ec)) {
        // The first file becomes the database, schema and experiment row included. It is
        // copied under a staging name and renamed into place whole, so a merge killed while
        // copying leaves no half-made database.
        core::remove_left_behind(std::filesystem::path(db_path));
        const auto staging = core::staging_name(db_path);
        std::filesystem::remove(staging, ec);
        {
            detail::Store src(files[0], nullptr, false);
            src.exec(fmt::format("VACUUM INTO '{}'", [&] {
                std::string s;
                for (char c : staging.string())
                    s += c == '\'' ? std::string("''") : std::string(1, c);
                return s;
            }()));
        }
        if (!core::publish_new_file(staging, db_path)) {
            std::filesystem::remove(staging, ec);
            throw std::runtime_error(
                fmt::format("{} was created by another process while merging", db_path));
        }
        first = 1;
    }
    detail::Store dst(db_path, nullptr, false);
    const std::string text = dst.experiment_text();
    std::int64_t taken =
        first == 1 ? std::int64_t(dst.ids("ok").size() + dst.ids("failed").size()) : 0;
    for (std::size_t i = first; i < files.size(); ++i) {
        std::string path;
        for (char c : files[i]) path += c == '\'' ? std::string("''") : std::string(1, c);
        dst.exec(fmt::format("ATTACH DATABASE '{}' AS part", path));
        try {
            dst.exec("BEGIN IMMEDIATE");
            // A run committed ok replaces a missing or failed one, never the reverse.
            dst.exec(
                "CREATE TEMP TABLE taken AS SELECT id FROM part.runs r WHERE r.status = 'ok' "
                "OR r.id NOT IN (SELECT id FROM main.runs)");
            dst.exec("DELETE FROM main.series WHERE run_id IN (SELECT id FROM temp.taken)");
            dst.exec("DELETE FROM main.events WHERE run_id IN (SELECT id FROM temp.taken)");
            dst.exec(
                "INSERT OR REPLACE INTO main.runs SELECT * FROM part.runs WHERE id IN "
                "(SELECT id FROM temp.taken)");
            dst.exec(
                "INSERT INTO main.series SELECT * FROM part.series WHERE run_id IN "
                "(SELECT id FROM temp.taken)");
            dst.exec(
                "INSERT INTO main.events SELECT * FROM part.events WHERE run_id IN "
                "(SELECT id FROM temp.taken)");
            {
                detail::Statement count(dst.handle(), "SELECT count(*) FROM temp.taken");
                taken += count.step() ? sqlite3_column_int64(count.get(), 0) : 0;
            }
            dst.exec("DROP TABLE temp.taken");
            dst.exec("COMMIT");
        } catch (...) {
            sqlite3_exec(dst.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_exec(dst.handle(), "DETACH DATABASE part", nullptr, nullptr, nullptr);
            throw;
        }
        dst.exec("DETACH DATABASE part");
    }
    return taken;
}

}  // namespace peacesim::experiment
