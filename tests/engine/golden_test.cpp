// Golden results: each shipped scenario, run as shipped for a fixed seed and horizon, ends in a
// fixed state (Box2D's EXPECTED_HASH). A refactor must leave every line of this table unchanged;
// a change that alters results on purpose updates the table in the same commit and says why.
//
// The horizon (400 days) covers every dated inject of the shipped timelines (the latest is
// frozen_conflict's on day 365). The headline totals are checked beside the hash so that a
// failure says what moved, not only that something did.
#include <catch2/catch.hpp>
#include <filesystem>
#include <iterator>
#include <string>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/epstein/model.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;

namespace {

struct Golden {
    const char* scenario;  // file name under scenarios/, without .toml
    const char* state_hash;
    std::int64_t civilians_killed, battle_deaths, displaced_peak, refugees, peacekeeper_fatalities,
        recruited;
};

constexpr int golden_days = 400;
constexpr std::uint64_t golden_seed = 1;

// clang-format off
constexpr Golden golden[] = {
    {"default",          "8a4160bf19a18c44", 591, 426, 210843, 41402, 10, 1972},
    {"fragmented_state", "efe69295fc8c7919", 1152, 149, 230082, 29289, 32, 1653},
    {"intercommunal",    "9c290c2e167a1602", 355, 110, 377648, 108190, 0, 340},
    {"sahel",            "518a58eff184d51b", 563, 68, 99493, 23216, 4, 2141},
    {"frozen_conflict",  "0e025071a62c6901", 85, 338, 47710, 25461, 1, 242},
    {"drawdown",         "fb94e6a476449a42", 134, 58, 85034, 1055, 11, 967},
};
// clang-format on

// The classic civil-violence model's docking scenario: hash, peak actives and arrests.
struct EpsteinGolden {
    const char* scenario;
    const char* state_hash;
    int peak_active;
    std::int64_t arrests;
};
constexpr EpsteinGolden epstein_golden = {"epstein", "2c1b0b67eb29f7fc", 350, 7740};

void check(const Golden& g) {
    const auto sc =
        scenario::load_file(std::string(PEACESIM_SOURCE_DIR "/scenarios/") + g.scenario + ".toml");
    engine::Simulation sim(sc, golden_seed);
    engine::run_days(sim, golden_days, 2);
    const auto t = output::totals(sim);
    const auto m = sim.mission_totals();
    CHECK(t.civilians_killed == g.civilians_killed);
    CHECK(t.battle_deaths == g.battle_deaths);
    CHECK(t.displaced_peak == g.displaced_peak);
    CHECK(t.refugees == g.refugees);
    CHECK(m.fatalities == g.peacekeeper_fatalities);
    CHECK(t.recruited == g.recruited);
    CHECK(sim.state_hash() == g.state_hash);
}

}  // namespace

TEST_CASE("golden: default", "[golden]") { check(golden[0]); }
TEST_CASE("golden: fragmented_state", "[golden]") { check(golden[1]); }
TEST_CASE("golden: intercommunal", "[golden]") { check(golden[2]); }
TEST_CASE("golden: sahel", "[golden]") { check(golden[3]); }
TEST_CASE("golden: frozen_conflict", "[golden]") { check(golden[4]); }
TEST_CASE("golden: drawdown", "[golden]") { check(golden[5]); }

TEST_CASE("golden: epstein", "[golden]") {
    const auto sc = scenario::load_file(std::string(PEACESIM_SOURCE_DIR "/scenarios/") +
                                        epstein_golden.scenario + ".toml");
    epstein::Model m(sc, golden_seed);
    for (int d = 0; d < golden_days; ++d) m.step();
    int peak = 0;
    std::int64_t arrests = 0;
    for (const auto& t : m.history()) peak = std::max(peak, t.active), arrests += t.arrests;
    CHECK(peak == epstein_golden.peak_active);
    CHECK(arrests == epstein_golden.arrests);
    CHECK(m.state_hash() == epstein_golden.state_hash);
}

TEST_CASE("golden: every shipped scenario has a row", "[golden]") {
    int shipped = 0;
    for (const auto& e : std::filesystem::directory_iterator(PEACESIM_SOURCE_DIR "/scenarios")) {
        if (e.path().extension() != ".toml") continue;
        const std::string name = e.path().stem().string();
        INFO(name);
        bool found = false;
        for (const auto& g : golden) found = found || name == g.scenario;
        found = found || name == epstein_golden.scenario;
        CHECK(found);
        ++shipped;
    }
    CHECK(shipped == int(std::size(golden)) + 1);
}
