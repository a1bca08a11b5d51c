#pragma once
// The simulation on its own thread, so the interface stays smooth on big maps. The UI sends
// commands (play, pause, step, speed, injects) and reads the latest snapshot; it never touches
// the simulation itself (Dear ImGui's rule: the front end reads data and owns nothing of the
// model).
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/engine/snapshot.hpp"

namespace peacesim::viz {

using engine::Snapshot;

class Runner {
  public:
    Runner(scenario::Scenario sc, std::uint64_t seed, int threads);
    /// Continues a run already under way: one loaded from a checkpoint, or a branch.
    Runner(engine::Simulation sim, int threads);
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    const world::Map& map() const noexcept { return map_; }  // the static part, copied once
    const scenario::Scenario& scenario() const noexcept { return scenario_; }

    void play(bool on);
    bool playing() const noexcept { return playing_; }
    void step();
    void set_speed(double days_per_second);
    /// Runs until the given day as fast as possible (for --screenshot), then pauses.
    void run_to(int day);
    void fire(scenario::InjectKind event, const std::string& args);
    /// Runs a command on the simulation thread before the next day (levers, orders).
    void command(std::function<void(engine::Simulation&)> f);
    std::string last_error();
    /// Snapshots published from the next one on carry the state_hash (a pass over every
    /// person: for tests and tools, not for drawing).
    void hash_snapshots() {
        command([this](engine::Simulation&) { builder_.hash_state(true); });
    }

    /// The latest snapshot; cheap to call every frame (shared, never copied). Any thread may
    /// read it for as long as it holds it.
    std::shared_ptr<const engine::Snapshot> snapshot() const;
    int day() const noexcept { return day_; }

    /// Replay: keep the snapshot of every day run from now on, to scrub through afterwards.
    void keep_days() { keep_ = true; }
    /// The kept snapshot after `day` days (the nearest kept one before it), or the latest.
    std::shared_ptr<const engine::Snapshot> snapshot_at(int day) const;

  private:
    void loop();
    void publish();

    std::unique_ptr<engine::Simulation> sim_;
    world::Map map_;
    scenario::Scenario scenario_;
    int threads_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    engine::SnapshotBuilder builder_;  // used on the simulation thread only
    std::shared_ptr<const engine::Snapshot> snap_;
    std::atomic<bool> playing_{false}, quit_{false};
    std::atomic<int> steps_{0}, run_to_{-1}, day_{0};
    std::atomic<double> speed_{10.0};
    std::vector<std::function<void(engine::Simulation&)>> pending_;
    std::atomic<bool> keep_{false};
    std::vector<std::shared_ptr<const engine::Snapshot>> kept_;  // by day, under mutex_
    std::string error_;
    std::thread thread_;
};

}  // namespace peacesim::viz
