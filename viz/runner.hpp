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

namespace peacesim::viz {

/// What the map and panels draw: a copy of the small, changing parts of the state.
struct Snapshot {
    int day = 0;
    core::Date date;
    bool rainy = false;
    std::vector<actors::Unit> units;
    std::vector<mission::Unit> mission_units;
    std::vector<actors::Party> parties;
    std::vector<std::uint32_t> control;
    std::vector<std::int64_t> residents;
    std::vector<float> tension;
    std::vector<std::uint8_t> protection_sites;
    std::vector<float> violence;
    std::vector<world::Road> roads;
    std::int64_t roads_version = 0;  // changes whenever engineers have changed a road
    std::vector<engine::DayStats> history;
    std::vector<engine::Event> recent;  // newest first
    std::vector<std::string> side_names;  // by event side id, filled lazily
    scenario::Stage stage = scenario::Stage::Conflict;
    std::vector<scenario::Inject> injects;
    std::string state_hash;
    std::vector<std::pair<int, std::string>> adjustments;  // levers and orders, by day
    scenario::Scenario scenario;  // as it stands, with live changes and injects
};

class Runner {
public:
    Runner(scenario::Scenario sc, std::uint64_t seed, int threads);
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

    /// The latest snapshot; cheap to call every frame (shared, never copied).
    std::shared_ptr<const Snapshot> snapshot() const;
    int day() const noexcept { return day_; }

private:
    void loop();
    void publish();

    std::unique_ptr<engine::Simulation> sim_;
    world::Map map_;
    scenario::Scenario scenario_;
    int threads_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::shared_ptr<const Snapshot> snap_;
    std::atomic<bool> playing_{false}, quit_{false};
    std::atomic<int> steps_{0}, run_to_{-1}, day_{0};
    std::atomic<double> speed_{10.0};
    std::vector<std::function<void(engine::Simulation&)>> pending_;
    std::string error_;
    std::thread thread_;
};

}  // namespace peacesim::viz
