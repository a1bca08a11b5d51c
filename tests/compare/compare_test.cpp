// Policy comparison: options parsed as users write them, statistics with known answers, and the
// report's numbers against the runs' own outputs.
#include "peacesim/compare/compare.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {

compare::Options small(std::vector<std::string> options, int runs = 3, int days = 120) {
    compare::Options o;
    o.base_sets = {"world.population=40000", "world.width=128", "world.height=128"};
    for (const auto& t : options) o.options.push_back(compare::parse_option(t));
    o.runs = runs;
    o.days = days;
    o.jobs = 2;
    return o;
}

bool has_warning(const compare::Result& r, const std::string& words) {
    for (const auto& w : r.warnings)
        if (w.find(words) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("compare: options are read as users write them", "[compare]") {
    const auto o = compare::parse_option("robust:mission.mandate=robust_poc,mission.troops=8000");
    CHECK(o.name == "robust");
    REQUIRE(o.sets.size() == 2);
    CHECK(o.sets[0].key == "mission.mandate");
    CHECK(o.sets[1].value == "8000");
    CHECK(compare::parse_option("cheap:budget=300").sets.at(0).key == "mission.budget_musd");
    CHECK_THROWS_AS(compare::parse_option("no-colon"), scenario::ScenarioError);
    CHECK_THROWS_AS(compare::parse_option(":mission.troops=1"), scenario::ScenarioError);
    CHECK_THROWS_AS(compare::parse_option("empty:"), scenario::ScenarioError);
    CHECK_THROWS_AS(compare::parse_option("gap:mission.troops=1,,x=2"), scenario::ScenarioError);
    // A bad key stops the comparison before any run, naming the option.
    CHECK_THROWS_WITH(compare::run(small({"a:mission.troops=1", "b:mission.trops=2"})),
                      Catch::Contains("option b"));
    CHECK_THROWS(compare::run(small({"a:mission.troops=1"})));  // one option compares nothing
    CHECK_THROWS(compare::run(small({"a:mission.troops=1", "a:mission.troops=2"})));
}

TEST_CASE("compare: identical options differ by exactly nothing and are reported as such",
          "[compare]") {
    const auto r = compare::run(small({"a:mission.troops=6000", "b:mission.troops=6000"}, 3, 60));
    for (const auto& out : r.outcomes) {
        INFO(out.key);
        CHECK(out.identical);
        CHECK(out.difference[1].value == 0.0);
        CHECK(out.difference[1].lo <= 0.0);
        CHECK(out.difference[1].hi >= 0.0);
        CHECK_FALSE(out.difference[1].excludes_zero());
    }
    CHECK(has_warning(r, "b had no effect"));
    CHECK(has_warning(r, "shorter than a budget year"));
    CHECK(compare::report_html(r).find("no difference in any seed") != std::string::npos);
}

TEST_CASE("compare: the report's numbers are the runs' own", "[compare]") {
    const auto o =
        small({"none:mission.troops=0,mission.police=0", "mission:mission.troops=6000"}, 2, 90);
    const auto r = compare::run(o);
    // Run option 0, seed 2 by hand.
    const auto sc = scenario::load_default({{"world.population", "40000"},
                                            {"world.width", "128"},
                                            {"world.height", "128"},
                                            {"mission.troops", "0"},
                                            {"mission.police", "0"}});
    engine::Simulation sim(sc, 2);
    engine::run_days(sim, 90, 1);
    const auto t = output::totals(sim);
    CHECK(r.seeds == std::vector<std::uint64_t>{1, 2});
    CHECK(r.outcomes[0].key == "civilians_killed");
    CHECK(r.outcomes[0].runs[0][1] == double(t.civilians_killed));
    CHECK(r.outcomes[1].runs[0][1] == double(t.battle_deaths));
    CHECK(r.outcomes[5].runs[0][1] == sim.mission_totals().cost_musd);
    // The cumulative series ends at the run's total.
    double mean_killed = 0;
    for (double v : r.outcomes[0].runs[0]) mean_killed += v / 2;
    CHECK(r.series[0].mean[0].back() == Approx(mean_killed));
    // Troops cost money: an unequal-cost comparison is flagged.
    CHECK(has_warning(r, "Not an equal-cost comparison"));
}

TEST_CASE(
    "compare: a mission that protects is found to, and its cost per death averted is "
    "finite",
    "[compare]") {
    // 16 seeds: a country of 40,000 sees a few dozen deaths in the time, per head as many as
    // the default country does (docs/model.md, section 5).
    const auto r = compare::run(
        small({"none:mission.troops=0,mission.police=0", "mission:mission.troops=6000"}, 16, 240));
    const auto& killed = r.outcomes[0];
    CHECK(killed.difference[1].value < 0);
    CHECK(killed.difference[1].hi < 0);
    REQUIRE(r.averted[1]);
    CHECK(r.cost_per_death_averted[1].value > 0);
    CHECK(r.cost_per_death_averted[1].lo <= r.cost_per_death_averted[1].value);
    CHECK(r.cost_per_death_averted[1].hi >= r.cost_per_death_averted[1].value);
    const auto html = compare::report_html(r);
    CHECK(html.find("averted") != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("peacesim compare --set world.population=40000") != std::string::npos);
}

TEST_CASE("compare: the result does not depend on the number of jobs", "[compare]") {
    auto o = small({"a:mission.troops=3000", "b:mission.troops=6000"}, 2, 60);
    o.jobs = 1;
    const auto one = compare::run(o);
    o.jobs = 2;
    const auto two = compare::run(o);
    for (std::size_t k = 0; k < one.outcomes.size(); ++k)
        CHECK(one.outcomes[k].runs == two.outcomes[k].runs);
}

TEST_CASE("compare: options files are read, and their mistakes named by file, line and key",
          "[compare]") {
    const auto o =
        compare::load_options_file(PEACESIM_SOURCE_DIR "/scenarios/compare/budget_cut.toml");
    REQUIRE(o.options.size() == 3);
    CHECK(o.options[0].name == "full budget");
    CHECK(o.options[1].sets.at(0).key == "mission.budget_musd");
    CHECK(o.options[2].sets.size() == 3);
    CHECK(o.runs == 20);
    CHECK(o.days == 730);
    CHECK(o.base_sets == std::vector<std::string>{"world.population=250000"});
    CHECK(o.scenario.empty());  // "default": the built-in scenario

    const auto dir = std::filesystem::temp_directory_path();
    const auto bad = (dir / "peacesim-bad-options.toml").string();
    std::ofstream(bad) << "runs = 1\n[[option]]\nname = \"a\"\nsett = [\"x=1\"]\n"
                          "[[option]]\nset = [\"mission.troops=2\"]\n";
    try {
        compare::load_options_file(bad);
        FAIL("no error");
    } catch (const scenario::ScenarioError& e) {
        std::string all;
        for (const auto& d : e.diagnostics()) all += d.str() + "\n";
        CHECK(all.find(":1:") != std::string::npos);  // runs, on line 1
        CHECK(all.find("option.0.sett") != std::string::npos);
        CHECK(all.find("option.1.name") != std::string::npos);
    }
    // A value the scenario refuses is found when the options are run: it is reported at the
    // [[option]] table that set it.
    std::ofstream(bad) << "runs = 2\ndays = 5\nset = [\"world.population=20000\"]\n"
                          "[[option]]\nname = \"a\"\n[[option]]\nname = \"b\"\n"
                          "budget_musd = -294\n";
    try {
        compare::run(compare::load_options_file(bad));
        FAIL("no error");
    } catch (const scenario::ScenarioError& e) {
        const auto& d = e.diagnostics().front();
        INFO(d.str());
        CHECK(d.file == bad);
        CHECK(d.line == 6);
        CHECK_THAT(d.message, Catch::Contains("option b"));
        CHECK(d.key == "mission.budget_musd");
    }
    std::filesystem::remove(bad);
    CHECK_THROWS_AS(compare::load_options_file("/nonexistent/options.toml"),
                    scenario::ScenarioError);
}
