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
    {"default",          "e35969757e587bd4", 429, 384, 152139, 32680, 10, 1949},
    {"fragmented_state", "b85ef7a01a47b983", 1325, 418, 207751, 20132, 101, 1633},
    {"intercommunal",    "93d15e1078603d99", 304, 87, 424900, 97604, 7, 283},
    {"sahel",            "7badb79d61df9126", 489, 84, 115754, 26037, 11, 2290},
    {"frozen_conflict",  "31760916b7d90a8d", 84, 338, 47710, 25285, 1, 242},
    {"drawdown",         "6fac3d5be3490569", 130, 58, 85034, 1055, 11, 968},
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
