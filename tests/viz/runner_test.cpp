// The visualizer's runner: the simulation on its own thread, steered by commands, gives the same
// run as the library driven directly.
#include "runner.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "../support/runs.hpp"

using namespace peacesim;

namespace {
std::shared_ptr<const engine::Snapshot> wait_for_day(viz::Runner& r, int day) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
        auto s = r.snapshot();
        if (s->day >= day) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    FAIL("the runner did not reach day " << day);
    return nullptr;
}
}  // namespace

TEST_CASE("the runner reproduces the library's run, steered or not", "[viz][runner]") {
    const auto sc = test::small_scenario();
    viz::Runner runner(sc, 3, 2);
    runner.hash_snapshots();
    runner.run_to(25);
    const auto snap = wait_for_day(runner, 25);
    const auto direct = test::run_small(25, 3, 1);
    CHECK(snap->state_hash == direct.state_hash());
    CHECK(snap->history.size() == 25);
    for (std::size_t i = 0; i < 25; ++i) {
        CHECK(snap->history[i].day == direct.history()[i].day);
        CHECK(snap->history[i].civilians_killed() == direct.history()[i].civilians_killed());
    }

    // Levers and injects go in as commands and take effect from the next day.
    runner.command([](engine::Simulation& sim) { sim.adjust({{"mission.troops", "0"}}); });
    runner.fire(scenario::InjectKind::Coup, "");
    runner.step();
    const auto after = wait_for_day(runner, 26);
    REQUIRE(after->decisions.size() == 2);  // the lever, then the event fired
    CHECK(after->decisions[0].day == 25);
    CHECK(after->decisions[0].kind == "set");
    CHECK(after->decisions[1].kind == "inject");
    REQUIRE(after->injects.size() == 1);
    CHECK(after->injects[0].day == 25);
    auto replay = test::small_scenario();
    engine::Simulation same(replay, 3);
    engine::run_days(same, 25, 2);
    same.adjust({{"mission.troops", "0"}});
    same.fire(scenario::InjectKind::Coup);
    engine::run_days(same, 1, 2);
    CHECK(after->state_hash == same.state_hash());
    // The later snapshot shares the earlier one's days rather than copying them.
    CHECK(after->history.size() == 26);
    CHECK(after->history.chunk_data(0) == snap->history.chunk_data(0));

    // A bad command is reported, not fatal.
    runner.command([](engine::Simulation& sim) { sim.adjust({{"world.width", "64"}}); });
    runner.step();
    wait_for_day(runner, 27);
    CHECK_THAT(runner.last_error(), Catch::Contains("cannot change during a run"));
}
