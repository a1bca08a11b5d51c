// Checkpoints and the decision log (sim/engine/checkpoint.cpp, sim/engine/levers.cpp): a run
// continued from a checkpoint, or replayed from its log, gives the bits of a run never stopped.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "../support/runs.hpp"
#include "../support/scratch_dir.hpp"
#include "../support/settings.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;
namespace fs = std::filesystem;

namespace {

// A run with something of everything: a mandate changed, orders, events, a split group.
scenario::Scenario busy() {
    auto sc = test::small_scenario(test::sized({{"mission.mandate", "multidimensional"}}));
    scenario::add_injects(sc, {"20:offensive:0", "35:splinter:1", "50:coup"});
    scenario::add_decisions(sc, {"15:mission.mandate=robust_poc", "40:mission.troops=900"},
                            {"25:2:move=30,40", "30:1:posture=hold"}, "trainees");
    return sc;
}

}  // namespace

TEST_CASE(
    "a run continued from a checkpoint gives the hash of one never stopped, at any thread "
    "count",
    "[checkpoint][property]") {
    test::ScratchDir tmp("checkpoint");
    const auto sc = busy();
    engine::Simulation whole(sc, 11);
    std::vector<std::string> hashes;
    for (int d = 0; d < 70; ++d) {
        engine::run_days(whole, 1, 2);
        hashes.push_back(whole.state_hash());
    }
    for (int at : {0, 1, 18, 33, 51}) {
        for (int threads : {1, 2, 3}) {
            DYNAMIC_SECTION("checkpoint after " << at << " days, continued on " << threads
                                                << " threads") {
                engine::Simulation first(sc, 11);
                engine::run_days(first, at, threads);
                const auto file = tmp.file("c.ckpt");
                first.save_checkpoint(file);
                auto resumed = engine::Simulation::load_checkpoint(file);
                CHECK(resumed.day() == at);
                if (at > 0) CHECK(resumed.state_hash() == hashes[std::size_t(at - 1)]);
                for (int d = at; d < 70; d += 7) {
                    engine::run_days(resumed, std::min(7, 70 - d), threads);
                    CHECK(resumed.state_hash() == hashes[std::size_t(resumed.day() - 1)]);
                }
                CHECK(resumed.history().size() == whole.history().size());
                CHECK(resumed.events().size() == whole.events().size());
                CHECK(resumed.decision_log().size() == whole.decision_log().size());
            }
        }
    }
}

TEST_CASE("a checkpoint of a checkpoint, and of a steered run, continues exactly", "[checkpoint]") {
    test::ScratchDir tmp("checkpoint");
    engine::Simulation live(test::small_scenario(test::sized({})), 4);
    engine::run_days(live, 12, 2);
    live.set_role("trainees");
    live.adjust({{"mission.posture", "mobile"}, {"mobility.ied_threat", "0.5"}});
    live.order_posture(3, 0);
    live.fire(scenario::InjectKind::Drought, "60");
    engine::run_days(live, 6, 2);
    live.save_checkpoint(tmp.file("a"));
    auto b = engine::Simulation::load_checkpoint(tmp.file("a"));
    engine::run_days(b, 5, 1);
    b.save_checkpoint(tmp.file("b"));
    auto c = engine::Simulation::load_checkpoint(tmp.file("b"));
    engine::run_days(live, 30, 2);
    engine::run_days(c, 25, 2);
    CHECK(c.state_hash() == live.state_hash());
    REQUIRE(c.decision_log().size() == live.decision_log().size());
    CHECK(c.decision_log()[0].role == "trainees");
}

TEST_CASE("a steered run replays exactly from its decision log", "[checkpoint][decisions]") {
    engine::Simulation live(busy(), 9);
    engine::run_days(live, 22, 2);
    live.set_role("trainees");
    live.adjust({{"mission.roe", "defend_mandate"}});
    CHECK(live.order_move(4, 60, 60) == live.decision_log().back().done);
    engine::run_days(live, 9, 2);
    live.set_role("control");
    live.fire(scenario::InjectKind::CouncilDivided, "0.1");
    live.schedule(scenario::Inject{45, scenario::InjectKind::Drought, ""});
    CHECK(live.cancel(live.scenario().injects.size() - 1));  // the coup on day 50: called off
    engine::run_days(live, 40, 2);

    const auto replay = live.replay_scenario();
    // Through the file form too: what the run writes as scenario.toml loads back the same.
    const auto text = scenario::to_toml(replay);
    engine::Simulation again(scenario::load_text(text, "replay.toml"), 9);
    engine::run_days(again, 71, 1);
    CHECK(again.state_hash() == live.state_hash());
    // Without the decisions, the same events and seed give another run.
    auto bare = replay;
    bare.decisions.clear();
    engine::Simulation without(bare, 9);
    engine::run_days(without, 71, 2);
    CHECK(without.state_hash() != live.state_hash());
    // The log says who decided, and the state at that moment.
    bool trainee_set = false, control_inject = false;
    for (const auto& d : live.decision_log()) {
        trainee_set |= d.role == "trainees" && d.kind == "set" && d.day == 22;
        control_inject |= d.role == "control" && d.kind == "inject" && d.day == 31;
        CHECK(d.civilians_killed >= 0);
    }
    CHECK(trainee_set);
    CHECK(control_inject);
}

TEST_CASE("decisions change nothing before their day and something after it", "[decisions]") {
    auto base = test::small_scenario(test::sized({}));
    auto steered = base;
    scenario::add_decisions(steered, {"30:mission.troops=0"}, {});
    engine::Simulation a(base, 2), b(steered, 2);
    engine::run_days(a, 30, 2);
    engine::run_days(b, 30, 2);
    CHECK(a.state_hash() == b.state_hash());
    engine::run_days(a, 30, 2);
    engine::run_days(b, 30, 2);
    CHECK(a.state_hash() != b.state_hash());
}

TEST_CASE("bad decisions and places are refused with the key", "[decisions]") {
    auto sc = test::small_scenario();
    CHECK_THROWS_AS(scenario::add_decisions(sc, {"10:world.population=5"}, {}),
                    scenario::ScenarioError);
    CHECK_THROWS_AS(scenario::add_decisions(sc, {"10:mission.troops=-4"}, {}),
                    scenario::ScenarioError);
    CHECK_THROWS_AS(scenario::add_decisions(sc, {"ten:mission.troops=4"}, {}),
                    scenario::ScenarioError);
    CHECK_THROWS_AS(scenario::add_decisions(sc, {}, {"10:2:posture=asleep"}),
                    scenario::ScenarioError);
    CHECK_THROWS_AS(scenario::add_decisions(sc, {}, {"10:2:move=9999,3"}), scenario::ScenarioError);
    CHECK(sc.decisions.empty());
    // A place by name is checked against the map when the run starts.
    auto named = sc;
    scenario::add_decisions(named, {}, {"10:2:move=Nowhere-on-this-map"});
    try {
        engine::Simulation sim(named, 1);
        FAIL("a move to a settlement the map does not have was accepted");
    } catch (const scenario::ScenarioError& e) {
        CHECK(e.diagnostics().front().key == "decisions.0.move_to");
    }
    // One that exists is found, and the unit goes there.
    engine::Simulation probe(sc, 1);
    const std::string town = probe.map().settlements[3].name;
    auto to_town = sc;
    scenario::add_decisions(to_town, {}, {"0:0:move=" + town});
    engine::Simulation sim(to_town, 1);
    engine::run_days(sim, 1, 2);
    REQUIRE(sim.decision_log().size() == 1);
    CHECK(sim.decision_log()[0].what.find(town) != std::string::npos);
    // A file's decision with no action names the key and line.
    try {
        scenario::load_text("[[decisions]]\nday = 3\n", "d.toml");
        FAIL("an empty decision was accepted");
    } catch (const scenario::ScenarioError& e) {
        CHECK(e.diagnostics().front().key == "decisions.0.day");
        CHECK(e.diagnostics().front().line > 0);
    }
}

TEST_CASE("a damaged, foreign or cut-short checkpoint is refused with a clear error",
          "[checkpoint]") {
    test::ScratchDir tmp("checkpoint");
    engine::Simulation sim(test::small_scenario(), 1);
    engine::run_days(sim, 3, 2);
    sim.save_checkpoint(tmp.file("good"));
    std::string bytes;
    {
        std::ifstream in(tmp.file("good"), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto write = [&](const std::string& name, const std::string& content) {
        std::ofstream(tmp.file(name), std::ios::binary) << content;
        return tmp.file(name);
    };
    auto refused = [](const std::string& path, const std::string& words) {
        try {
            (void)engine::Simulation::load_checkpoint(path);
        } catch (const engine::CheckpointError& e) {
            const std::string what = e.what();
            CHECK(what.find(path) != std::string::npos);
            INFO(what);
            CHECK(what.find(words) != std::string::npos);
            return true;
        }
        return false;
    };
    CHECK(refused(write("cut", bytes.substr(0, bytes.size() / 2)), "damaged"));
    auto flipped = bytes;
    flipped[flipped.size() - 100] ^= 0x10;
    CHECK(refused(write("flipped", flipped), "check sum"));
    CHECK(refused(write("toml", "[world]\npopulation = 4\n"), "not a peacesim checkpoint"));
    CHECK(refused(write("empty", ""), "not a peacesim checkpoint"));
    CHECK(refused(tmp.file("missing"), "cannot read"));
    CHECK(refused(tmp.path().string(), "cannot read"));
    // Another program version: the version string sits after the header and the format.
    auto other = bytes;
    const auto at = other.find("(commit ");
    REQUIRE(at != std::string::npos);
    other[at - 2] = other[at - 2] == '9' ? '8' : '9';
    CHECK(refused(write("other", other), "this is peacesim"));
    // Nothing half-written is left where a checkpoint was to go.
    CHECK_THROWS(sim.save_checkpoint(tmp.file("no/such/dir/c")));
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(tmp.path())) ++files;
    CHECK(files == 6);
}
