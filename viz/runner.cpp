// The simulation thread behind the visualizer (docs/visualizer.md): commands queue in order and
// run before the next day; each step publishes a library snapshot (engine::SnapshotBuilder).
#include "runner.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace peacesim::viz {

Runner::Runner(scenario::Scenario sc, std::uint64_t seed, int threads)
    : sim_(std::make_unique<engine::Simulation>(sc, seed)),
      map_(sim_->map()),
      scenario_(std::move(sc)),
      threads_(threads) {
    publish();
    thread_ = std::thread([this] { loop(); });
}

Runner::Runner(engine::Simulation sim, int threads)
    : sim_(std::make_unique<engine::Simulation>(std::move(sim))),
      map_(sim_->map()),
      scenario_(sim_->scenario()),
      threads_(threads) {
    day_ = sim_->day();
    publish();
    thread_ = std::thread([this] { loop(); });
}

Runner::~Runner() {
    quit_ = true;
    wake_.notify_all();
    thread_.join();
}

void Runner::play(bool on) {
    playing_ = on;
    wake_.notify_all();
}
void Runner::step() {
    // In the command queue, so a step comes after the levers and injects given before it.
    command([this](engine::Simulation&) { ++steps_; });
}
void Runner::set_speed(double d) { speed_ = d; }
void Runner::run_to(int day) {
    run_to_ = day;
    wake_.notify_all();
}
void Runner::fire(scenario::InjectKind event, const std::string& args) {
    command([event, args](engine::Simulation& sim) { sim.fire(event, args); });
}
void Runner::command(std::function<void(engine::Simulation&)> f) {
    {
        std::lock_guard lock(mutex_);
        pending_.push_back(std::move(f));
    }
    wake_.notify_all();
}
std::string Runner::last_error() {
    std::lock_guard lock(mutex_);
    return std::exchange(error_, {});
}
std::shared_ptr<const engine::Snapshot> Runner::snapshot() const {
    std::lock_guard lock(mutex_);
    return snap_;
}

void Runner::publish() {
    // Outside the lock: taking a snapshot reads the simulation, which only this thread touches.
    auto s = builder_.take(*sim_);
    std::lock_guard lock(mutex_);
    if (keep_) {
        if (kept_.size() <= std::size_t(s->day)) kept_.resize(std::size_t(s->day) + 1);
        kept_[std::size_t(s->day)] = s;
    }
    snap_ = std::move(s);
}

std::shared_ptr<const engine::Snapshot> Runner::snapshot_at(int day) const {
    std::lock_guard lock(mutex_);
    for (int d = std::min(day, int(kept_.size()) - 1); d >= 0; --d)
        if (kept_[std::size_t(d)]) return kept_[std::size_t(d)];
    return snap_;
}

void Runner::loop() {
    using clock = std::chrono::steady_clock;
    auto last = clock::now();
    while (!quit_) {
        {
            std::vector<std::function<void(engine::Simulation&)>> todo;
            {
                std::lock_guard lock(mutex_);
                todo.swap(pending_);
            }
            for (auto& f : todo) {
                try {
                    f(*sim_);
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex_);
                    error_ = e.what();
                }
            }
            if (!todo.empty()) publish();
        }
        const bool racing = run_to_ >= 0 && sim_->day() < run_to_;
        if (run_to_ >= 0 && sim_->day() >= run_to_) {
            run_to_ = -1;
            publish();
        }
        if (racing || steps_ > 0 || playing_) {
            if (!racing && steps_ == 0) {
                // Pace to the chosen speed.
                const auto due =
                    last + std::chrono::duration_cast<clock::duration>(
                               std::chrono::duration<double>(1.0 / std::max(0.1, speed_.load())));
                const auto soon = clock::now() + std::chrono::milliseconds(20);
                if (clock::now() < due) {
                    std::this_thread::sleep_until(due < soon ? due : soon);
                    continue;
                }
            }
            last = clock::now();
            engine::run_days(*sim_, 1, threads_);
            day_ = sim_->day();
            if (steps_ > 0) --steps_;
            if (!racing || keep_ || sim_->day() % 10 == 0) publish();
            continue;
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(50));
    }
}

}  // namespace peacesim::viz
