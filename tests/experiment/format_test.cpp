// Reading experiment files: what is accepted, and errors that name the place and what was
// expected.
#include <catch2/catch.hpp>

#include "peacesim/experiment/experiment.hpp"
#include "support.hpp"

using namespace peacesim;

namespace {

/// The diagnostics of a file that must not load.
std::vector<scenario::Diagnostic> problems(const std::string& text) {
    try {
        experiment::load_text(text, "exp.toml");
    } catch (const scenario::ScenarioError& e) {
        return e.diagnostics();
    }
    FAIL("the experiment loaded");
    return {};
}

bool mentions(const std::vector<scenario::Diagnostic>& ds, const std::string& key,
              const std::string& words) {
    for (const auto& d : ds)
        if (d.key == key && d.str().find(words) != std::string::npos && d.line > 0) return true;
    return false;
}

}  // namespace

TEST_CASE("An experiment file gives its factors, levels and settings") {
    const auto ex = experiment::load_text(test::tiny_experiment(), "exp.toml");
    CHECK(ex.name == "tiny");
    CHECK(ex.days == 30);
    CHECK(ex.replicates == 2);
    CHECK(ex.seed == 7);
    CHECK(ex.base.empty());
    REQUIRE(ex.factors.size() == 2);
    CHECK(ex.factors[0].key == "mission.troops");
    CHECK(ex.factors[0].kind == experiment::FactorKind::Lever);
    CHECK(ex.factors[0].integer);
    CHECK(ex.factors[1].kind == experiment::FactorKind::Uncertainty);
    // range = [first, step, last] includes the last.
    REQUIRE(ex.factors[1].levels.size() == 2);
    CHECK(ex.factors[1].levels[0].text == "0.2");
    CHECK(ex.factors[1].levels[1].text == "0.8");
    CHECK(ex.keep_series);
    CHECK(ex.keep_events);
    CHECK(ex.series.size() == 3);
}

TEST_CASE("A range's levels stop at the last value without drift") {
    const auto ex = experiment::load_text(R"([experiment]
name = "r"
[[factors]]
key = "government.hr_compliance"
range = [0.1, 0.1, 0.7]
[[factors]]
key = "mission.troops"
range = [0, 2500, 10000]
)",
                                          "exp.toml");
    REQUIRE(ex.factors[0].levels.size() == 7);
    CHECK(ex.factors[0].levels[2].text == "0.3");
    CHECK(ex.factors[0].levels[6].text == "0.7");
    REQUIRE(ex.factors[1].levels.size() == 5);
    CHECK(ex.factors[1].levels[4].text == "10000");
    CHECK(ex.days == 365);  // the scenario's own length when the experiment gives none
}

TEST_CASE("A key the scenario does not have is refused with a suggestion") {
    const auto ds = problems(R"([experiment]
name = "x"
[[factors]]
key = "mission.trops"
values = [1000, 2000]
)");
    CHECK(mentions(ds, "factors.0", "did you mean 'troops'"));
    CHECK(ds.front().file == "exp.toml");
    CHECK(ds.front().line == 5);
}

TEST_CASE("A level outside the schema's range is refused where it is written") {
    const auto ds = problems(R"([experiment]
name = "x"
[[factors]]
key = "mission.troops"
values = [1000, -5]
)");
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 5);
    CHECK(ds[0].column == 17);
    CHECK(mentions(ds, "factors.0", "mission.troops = -5"));
}

TEST_CASE("Bad ranges are refused") {
    auto with_range = [](const std::string& range) {
        return problems(
            "[experiment]\nname = \"x\"\n[[factors]]\nkey = "
            "\"government.hr_compliance\"\nrange = " +
            range + "\n");
    };
    CHECK(mentions(with_range("[0.2, -0.1, 1.0]"), "factors.0.range", "never goes from"));
    CHECK(mentions(with_range("[0.2, 0.0, 1.0]"), "factors.0.range", "must not be zero"));
    CHECK(mentions(with_range("[0.2, 1.0]"), "factors.0.range", "[first, step, last]"));
    CHECK(mentions(with_range("[0.0, 1e-9, 1.0]"), "factors.0.range", "at most"));
    // An integer key cannot take fractional levels.
    CHECK(!problems("[experiment]\nname = \"x\"\n[[factors]]\nkey = \"mission.troops\"\nrange = "
                    "[0, 0.5, 2]\n")
               .empty());
}

TEST_CASE("Unknown designs, keys and missing design settings are refused") {
    const std::string head = "[experiment]\nname = \"x\"\n[[factors]]\nkey = \"mission.troops\"\n";
    CHECK(mentions(problems(head + "values = [1]\n[design]\ntype = \"fast\"\n"), "design.type",
                   "unknown design 'fast'"));
    CHECK(mentions(problems(head + "min = 0\nmax = 10\n[design]\ntype = \"sobol\"\n"),
                   "design.samples", "samples = N"));
    CHECK(mentions(problems(head + "min = 0\nmax = 10\n[design]\ntype = \"morris\"\n"),
                   "design.trajectories", "trajectories = R"));
    CHECK(mentions(problems(head + "min = 0\nmax = 10\n[design]\ntype = \"morris\"\n"
                                   "trajectories = 4\ngrid_levels = 3\n"),
                   "design.grid_levels", "even number"));
    CHECK(mentions(problems(head + "values = [1, 2]\n[design]\ntype = \"morris\"\n"
                                   "trajectories = 4\n"),
                   "factors.0", "expected min"));
    CHECK(mentions(problems(head + "values = [1]\n[design]\ntype = \"latin_hypercube\"\n"),
                   "factors.0", "expected min and max"));
    CHECK(mentions(problems(head + "min = 0\nmax = 10\n[design]\ntype = \"latin_hypercube\"\n"),
                   "design.points", "points = N"));
    CHECK(mentions(problems(head + "values = [1, 2]\n[design]\ntype = \"one_at_a_time\"\n"),
                   "factors.0", "base ="));
    CHECK(mentions(problems(head + "values = [1]\nstep = 3\n"), "factors.0.step", "unknown key"));
    CHECK(mentions(problems(head + "values = [1]\nrange = [1, 1, 3]\n"), "factors.0",
                   "exactly one of"));
    CHECK(mentions(problems(head + "values = [1]\nkind = \"policy\"\n"), "factors.0.kind",
                   "\"lever\""));
    CHECK(mentions(problems("[experiment]\nname = \"x\"\ndayz = 3\n[[factors]]\nkey = "
                            "\"mission.troops\"\nvalues = [1]\n"),
                   "experiment.dayz", "unknown key"));
    CHECK(mentions(problems(head + "values = [1]\n[outputs]\nseries = [\"civilian_killed\"]\n"),
                   "outputs.series", "no time-series column"));
}

TEST_CASE("Fixed overrides are checked and point at `set`") {
    const auto ds = problems(
        "[experiment]\nname = \"x\"\nset = [\"world.population=-1\"]\n"
        "[[factors]]\nkey = \"mission.troops\"\nvalues = [1]\n");
    REQUIRE(!ds.empty());
    CHECK(ds[0].key == "experiment.set");
    CHECK(ds[0].line == 3);
}

TEST_CASE("The shipped experiment loads, its base scenario resolved against its folder") {
    const auto ex =
        experiment::load_file(PEACESIM_SOURCE_DIR "/scenarios/experiments/mission_size.toml");
    CHECK(ex.name == "mission_size");
    CHECK(experiment::run_plans(ex).size() == 45);
    const auto rel = test::ScratchDir("format-rel");
    rel.write("base.toml", std::string(scenario::default_scenario_text()));
    const auto path = rel.write("exp.toml",
                                "[experiment]\nname = \"x\"\nscenario = "
                                "\"base.toml\"\n[[factors]]\nkey = "
                                "\"mission.troops\"\nvalues = [1]\n");
    CHECK(experiment::load_file(path).base == rel.file("base.toml"));
}

TEST_CASE("Levers by futures wants levels for levers and ranges for uncertainties") {
    const std::string head = "[experiment]\nname = \"x\"\n[[factors]]\nkey = \"mission.troops\"\n";
    CHECK(mentions(problems(head + "values = [0, 100]\n[design]\ntype = \"levers_by_futures\"\n"
                                   "points = 4\n"),
                   "factors.0", "an uncertainty is sampled"));
    CHECK(mentions(problems(head + "kind = \"lever\"\nmin = 0\nmax = 10\n[design]\n"
                                   "type = \"levers_by_futures\"\npoints = 4\n"),
                   "factors.0", "a lever takes values or range"));
    CHECK(mentions(problems(head + "kind = \"lever\"\nvalues = [0, 100]\n[design]\n"
                                   "type = \"levers_by_futures\"\n"),
                   "design.points", "points = N"));
}

TEST_CASE("Structural problems and bad levels are reported together, in one pass") {
    const auto p = problems(
        "[experiment]\nname = \"x\"\n[[factors]]\nkey = \"mission.troops\"\nvalues = [-5]\n"
        "[[factors]]\nkey = \"government.hr_compliance\"\nvalues = [0.5]\n"
        "[design]\ntype = \"fast\"\n");
    CHECK(mentions(p, "design.type", "unknown design 'fast'"));
    CHECK(mentions(p, "factors.0", "mission.troops = -5"));
}
