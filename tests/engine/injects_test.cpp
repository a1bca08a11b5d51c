// Injects change nothing before their day and something from it on; bad ones are bad input.
#include <catch2/catch.hpp>

#include "../support/runs.hpp"
#include "peacesim/output/writers.hpp"

using namespace peacesim;

namespace {
std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto nl = text.find('\n', at);
        out.push_back(text.substr(at, nl - at));
        at = nl == std::string::npos ? text.size() : nl + 1;
    }
    return out;
}
}  // namespace

TEST_CASE("every inject leaves the days before it untouched and changes the run from its day",
          "[injects]") {
    const auto base_sc = test::small_scenario();
    engine::Simulation base(base_sc, 4);
    engine::run_days(base, 140, 2);
    const auto base_rows = lines(output::timeseries_csv(base));
    const std::vector<std::pair<std::string, int>> specs = {
        {"rainy_season", 60},
        {"dry_season", 130},
        {"coup", 100},
        {"elections", 100},
        {"offensive:0", 100},
        {"splinter:1", 100},
        {"reinforcements:Mbolo Self-Defence Militia,300", 100},
        {"mediation_surge:1", 100},
        {"council_divided", 100},
        {"drought", 100},
        {"communal_incident", 100},
        {"funding_cut:0.9", 80},
        {"consent_withdrawn", 100},
        {"contingent_withdrawn:5", 100},
        {"regional_force_arrives:1500", 100},
    };
    for (const auto& [spec, day] : specs) {
        INFO(spec << " on day " << day);
        auto sc = base_sc;
        scenario::add_injects(sc, {std::to_string(day) + ":" + spec});
        engine::Simulation sim(sc, 4);
        engine::run_days(sim, day, 2);
        // Up to the inject's day the run is the base run.
        const auto rows = lines(output::timeseries_csv(sim));
        for (int r = 0; r <= day; ++r) REQUIRE(rows[std::size_t(r)] == base_rows[std::size_t(r)]);
        engine::run_days(sim, 140 - day, 2);
        CHECK(sim.state_hash() != base.state_hash());
    }
}

TEST_CASE("an inject fired live is the same as one in the timeline", "[injects]") {
    auto sc = test::small_scenario();
    auto timeline = sc;
    scenario::add_injects(timeline, {"50:coup"});
    engine::Simulation planned(timeline, 9), live(sc, 9);
    engine::run_days(planned, 90, 2);
    engine::run_days(live, 50, 2);
    live.fire(scenario::InjectKind::Coup);
    engine::run_days(live, 40, 2);
    CHECK(live.state_hash() == planned.state_hash());
    REQUIRE(live.scenario().injects.size() == 1);  // kept for the after-action record
    CHECK(live.scenario().injects[0].day == 50);
    CHECK_THROWS_AS(live.fire(scenario::InjectKind::Offensive, "no such group"),
                    std::invalid_argument);
    CHECK_THROWS_AS(live.schedule({10, scenario::InjectKind::Coup, ""}), std::invalid_argument);
    // Scheduled for later, it waits for its day.
    engine::Simulation later(sc, 9);
    engine::run_days(later, 20, 2);
    later.schedule({50, scenario::InjectKind::Coup, ""});
    engine::run_days(later, 70, 2);
    CHECK(later.state_hash() == planned.state_hash());
    // A scheduled event can be taken back before its day, not after.
    engine::Simulation undo(sc, 9);
    undo.schedule({50, scenario::InjectKind::Coup, ""});
    engine::run_days(undo, 10, 2);
    CHECK(undo.cancel(0));
    engine::run_days(undo, 80, 2);
    engine::Simulation plain(sc, 9);
    engine::run_days(plain, 90, 2);
    CHECK(undo.state_hash() == plain.state_hash());
    CHECK_FALSE(live.cancel(0));  // its day has passed
}

TEST_CASE("a coup lowers legitimacy and conduct", "[injects]") {
    auto sc = test::small_scenario();
    scenario::add_injects(sc, {"10:coup"});
    engine::Simulation sim(sc, 1);
    engine::run_days(sim, 10, 1);
    const double before = sim.parties()[0].legitimacy, hr = sim.parties()[0].hr_compliance;
    engine::run_days(sim, 1, 1);
    CHECK(sim.parties()[0].legitimacy < before - 0.2);
    CHECK(sim.parties()[0].hr_compliance < hr - 0.2);
}

TEST_CASE("bad injects are bad input with a message naming them", "[injects][errors]") {
    const struct {
        const char* spec;
        const char* message;
    } cases[] = {
        {"5:no_such_event", "unknown event \"no_such_event\""},
        {"5:cuop", "did you mean 'coup'?"},
        {"coup", "expected DAY:EVENT[:ARGS]"},
        {"-3:coup", "expected DAY:EVENT[:ARGS]"},
        {"x:coup", "expected DAY:EVENT[:ARGS]"},
        {"5:coup:now", "coup takes no arguments"},
        {"5:offensive:7", "offensive takes an armed group index from 0 to 2 or its name"},
        {"5:offensive", "offensive takes an armed group index"},
        {"5:rainy_season:0", "rainy_season takes a duration in days from 1 to 3650"},
        {"5:council_divided:2", "council_divided takes a level from 0 to 1"},
        {"5:reinforcements:0,abc", "reinforcements takes FIGHTERS from 1 to 1000000"},
        {"5:communal_incident:99999",
         "communal_incident takes a settlement's name or its index from 0 to"},
        {"5:reinforcements:0,1e3", "reinforcements takes FIGHTERS from 1 to 1000000"},
        {"5:drought:0x10", "drought takes a duration in days"},
        {"5:splinter:99999999999999999999999", "splinter takes an armed group index"},
        {"99999999999999999999:coup", "expected DAY:EVENT[:ARGS]"},
    };
    for (const auto& c : cases) {
        INFO(c.spec);
        auto sc = test::small_scenario();
        try {
            scenario::add_injects(sc, {c.spec});
            FAIL("accepted");
        } catch (const scenario::ScenarioError& e) {
            CHECK_THAT(e.diagnostics().front().str(), Catch::Contains(c.message));
            CHECK_THAT(e.diagnostics().front().file, Catch::StartsWith("--inject"));
        }
    }
    // The same checks apply to [[injects]] in a file, with the line.
    try {
        scenario::load_text("[[injects]]\nday = 3\nevent = \"offensive\"\nargs = \"nobody\"\n",
                            "t.toml");
        FAIL("accepted");
    } catch (const scenario::ScenarioError& e) {
        CHECK_THAT(e.diagnostics().front().str(),
                   Catch::Contains("t.toml:4:8: injects.0.args: offensive takes"));
    }
    try {
        scenario::load_text("[[injects]]\nday = 3\nevent = \"putsch\"\n", "t.toml");
        FAIL("accepted");
    } catch (const scenario::ScenarioError& e) {
        CHECK_THAT(e.diagnostics().front().str(),
                   Catch::Contains("t.toml:3:9: injects.0.event: expected one of"));
    }
}

TEST_CASE("a group split makes a new party that carries on its own", "[injects]") {
    auto sc = test::small_scenario();
    scenario::add_injects(sc, {"5:splinter:Kessi Liberation Front"});
    engine::Simulation sim(sc, 2);
    engine::run_days(sim, 30, 2);
    REQUIRE(sim.parties().size() == 5);
    CHECK(sim.parties()[4].name == "Kessi Liberation Front splinter faction");
    std::int64_t split_fighters = 0;
    for (const auto& u : sim.units())
        if (u.party == 4) split_fighters += u.strength;
    CHECK(split_fighters > 0);
}
