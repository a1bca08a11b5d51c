#include "peacesim/scenario/load.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace peacesim::scenario;

namespace {
struct BadCase {
    const char* what;
    std::string toml;
    std::vector<std::string> sets;
    int line;  // 0: no position expected
    int column;
    std::string key;
    std::string message;  // a substring of the message
};

Diagnostic first_error(const std::string& toml, const std::vector<std::string>& sets) {
    std::vector<Override> o;
    try {
        for (const auto& s : sets) o.push_back(parse_override(s));
        load_text(toml, "bad.toml", o);
    } catch (const ScenarioError& e) {
        REQUIRE_FALSE(e.diagnostics().empty());
        return e.diagnostics().front();
    }
    FAIL("no error for: " << toml);
    return {};
}
}  // namespace

TEST_CASE("each bad scenario gets a message naming file, line, column and key",
          "[scenario][errors]") {
    const std::vector<BadCase> cases = {
        {"misspelt key",
         "[world]\nwidht = 100\n",
         {},
         2,
         1,
         "world.widht",
         "unknown key (did you mean 'width'?)"},
        {"misspelt section",
         "[wrold]\nwidth = 100\n",
         {},
         1,
         2,
         "wrold",
         "unknown section (did you mean 'world'?)"},
        {"string for integer",
         "[world]\npopulation = \"many\"\n",
         {},
         2,
         14,
         "world.population",
         "expected an integer from 1000 to 1000000000, got the string \"many\""},
        {"negative population",
         "[world]\npopulation = -5\n",
         {},
         2,
         14,
         "world.population",
         "expected an integer from 1000 to 1000000000, got the integer -5"},
        {"fractional people",
         "[world]\npopulation = 2500.5\n",
         {},
         2,
         14,
         "world.population",
         "expected an integer"},
        {"legitimacy above 1",
         "[government]\nlegitimacy = 1.5\n",
         {},
         2,
         14,
         "government.legitimacy",
         "expected a number from 0 to 1, got the number 1.5"},
        {"boolean for number",
         "[government]\ncapacity = true\n",
         {},
         2,
         12,
         "government.capacity",
         "expected a number from 0 to 1, got true"},
        {"unknown stance",
         "[[armed_groups]]\nname = \"X\"\nstance = \"angry\"\n",
         {},
         3,
         10,
         "armed_groups.0.stance",
         "expected one of \"fighting\", \"negotiating\", \"signatory\", \"spoiler\""},
        {"syntax error", "[world\npopulation = 3\n", {}, 1, 7, "", "TOML syntax error"},
        {"section is a number",
         "world = 5\n",
         {},
         1,
         9,
         "world",
         "expected a table [world], got the integer 5"},
        {"array section as table",
         "[armed_groups]\nname = \"X\"\n",
         {},
         1,
         1,
         "armed_groups",
         "expected an array of tables [[armed_groups]]"},
        {"not a date",
         "[scenario]\nstart_date = \"June\"\n",
         {},
         2,
         14,
         "scenario.start_date",
         "expected a date YYYY-MM-DD"},
        {"month 13",
         "[world]\nrainy_end_month = 13\n",
         {},
         2,
         19,
         "world.rainy_end_month",
         "expected an integer from 1 to 12"},
        {"shares do not sum to 1",
         "[[identity_groups]]\nname = \"A\"\nshare = 0.5\n[[identity_groups]]\nname = \"B\"\nshare "
         "= 0.2\n"
         "[[armed_groups]]\nidentity = 0\n",
         {},
         1,
         1,
         "identity_groups",
         "shares sum to 0.700; they must sum to 1"},
        {"identity out of range",
         "[[armed_groups]]\nname = \"X\"\nidentity = 5\n",
         {},
         3,
         12,
         "armed_groups.0.identity",
         "expected an identity group index from 0 to 2, got 5"},
        {"more regions than towns",
         "[world]\ntowns = 3\nregions = 6\n",
         {},
         3,
         11,
         "world.regions",
         "each region needs a town"},
        {"home region beyond the map",
         "[world]\nregions = 6\n[[armed_groups]]\nhome_region = 7\n",
         {},
         4,
         15,
         "armed_groups.0.home_region",
         "expected a region from 0 to 5"},
        {"a default that no longer fits",
         "[world]\nregions = 4\n",
         {},
         0,
         0,
         "identity_groups.2.home_region",
         "expected -1 or a region from 0 to 3 (world.regions is 4), got 5 (a default: set it in "
         "the file)"},
        {"--set unknown key",
         "",
         {"world.popul=5"},
         0,
         0,
         "world.popul",
         "unknown key (did you mean 'population'?)"},
        {"--set bad value",
         "",
         {"world.population=abc"},
         0,
         0,
         "world.population",
         "expected an integer from 1000 to 1000000000, got the string \"abc\""},
        {"--set out of range",
         "",
         {"government.hr_compliance=-0.1"},
         0,
         0,
         "government.hr_compliance",
         "expected a number from 0 to 1"},
        {"--set without =",
         "",
         {"world.population"},
         0,
         0,
         "world.population",
         "expected KEY=VALUE"},
        {"--set unknown section",
         "",
         {"mision.troops=5"},
         0,
         0,
         "mision.troops",
         "unknown section 'mision'"},
        {"--set index out of range",
         "",
         {"armed_groups.9.fighters=5"},
         0,
         0,
         "armed_groups.9.fighters",
         "INDEX from 0 to 2"},
        {"--set a whole section", "", {"world=5"}, 0, 0, "world", "expected a dotted key"},
        {"--set a huge index",
         "",
         {"armed_groups.99999999999999999999999.fighters=1"},
         0,
         0,
         "armed_groups.99999999999999999999999.fighters",
         "INDEX from 0 to 2"},
        {"--set text that is not UTF-8",
         "",
         {"government.name=Gov\xff"},
         0,
         0,
         "government.name",
         "not valid UTF-8"},
        {"an event without its kind (it would be a coup on its day)",
         "[[injects]]\nday = 5\n",
         {},
         1,
         1,
         "injects.0",
         "has no `event`"},
        {"an event without its day",
         "[[injects]]\nevent = \"drought\"\n",
         {},
         1,
         1,
         "injects.0",
         "has no `day`"},
        {"a decision without its day",
         "[[decisions]]\nset = \"mission.troops=100\"\n",
         {},
         1,
         1,
         "decisions.0",
         "has no `day`"},
        {"two armed groups of one name",
         "[[armed_groups]]\nname = \"A\"\n[[armed_groups]]\nname = \"A\"\n",
         {},
         4,
         8,
         "armed_groups.1.name",
         "is already the name of armed group 0"},
        {"vision too wide for the settlements",
         "[population]\nvision_km = 200\n[world]\nvillages = 200000\nwidth = 2048\nheight = "
         "2048\npopulation = 1000000\n",
         {},
         2,
         13,
         "population.vision_km",
         "needs too much memory"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const Diagnostic d = first_error(c.toml, c.sets);
        INFO(d.str());
        CHECK(d.line == c.line);
        if (c.line > 0) CHECK(d.column == c.column);
        CHECK(d.key == c.key);
        CHECK_THAT(d.message, Catch::Contains(c.message));
        if (c.sets.empty())
            CHECK(d.file == "bad.toml");
        else
            CHECK_THAT(d.file, Catch::StartsWith("--set"));
        CHECK_THAT(d.str(), Catch::Contains(c.key));
    }
}

TEST_CASE("all problems in a file are reported together", "[scenario][errors]") {
    try {
        load_text("[world]\nwidht = 1\npopulation = -1\n[government]\nlegitimacy = 2\n",
                  "many.toml");
        FAIL("no error");
    } catch (const ScenarioError& e) {
        CHECK(e.diagnostics().size() == 3);
        CHECK_THAT(std::string(e.what()), Catch::Contains("many.toml:2:1: world.widht"));
        CHECK_THAT(std::string(e.what()), Catch::Contains("many.toml:5:14: government.legitimacy"));
    }
}

TEST_CASE("a file of many problems is reported by its first ones and a count",
          "[scenario][errors]") {
    std::string text = "[world]\n";
    for (int i = 0; i < 5000; ++i) text += "unknown_" + std::to_string(i) + " = 1\n";
    try {
        load_text(text, "noise.toml");
        FAIL("no error");
    } catch (const ScenarioError& e) {
        REQUIRE(e.diagnostics().size() == max_diagnostics + 1);
        CHECK(e.diagnostics().front().line == 2);
        CHECK(e.diagnostics().back().message == "and 4950 more problems like these");
    }
}

TEST_CASE("a file too large for a scenario is refused before it is read whole",
          "[scenario][errors]") {
    // A device that never ends: the reader stops just past the limit.
    try {
        load_file("/dev/zero");
        FAIL("/dev/zero loaded");
    } catch (const ScenarioError& e) {
        CHECK_THAT(e.diagnostics().front().message, Catch::Contains("more than 16 MB"));
    }
}

TEST_CASE("a missing file is a clear error", "[scenario][errors]") {
    try {
        load_file("/no/such/scenario.toml");
        FAIL("no error");
    } catch (const ScenarioError& e) {
        CHECK(e.diagnostics().front().str() ==
              "/no/such/scenario.toml: cannot open the file (does it exist?)");
    }
    try {
        load_file(PEACESIM_SOURCE_DIR "/scenarios");
        FAIL("a directory loaded");
    } catch (const ScenarioError& e) {
        CHECK_THAT(e.diagnostics().front().str(),
                   Catch::Contains("is a directory, not a scenario file"));
    }
}

TEST_CASE("overrides given with --set reach every kind of key", "[scenario][set]") {
    const auto sc = load_default({{"world.population", "20000"},
                                  {"armed_groups.1.fighters", "55"},
                                  {"armed_groups.0.stance", "spoiler"},
                                  {"scenario.start_date", "2024-03-01"},
                                  {"scenario.name", "my run"},
                                  {"government.legitimacy", "0.7"},
                                  {"mission.accountability", "off"},
                                  {"mission.tasks.patrols", "false"},
                                  {"mission.funding.paid_fraction", "0.5"},
                                  {"world.population", "1e5"}});  // the last one wins
    CHECK(sc.world.population == 100000);
    CHECK(sc.armed_groups[1].fighters == 55);
    CHECK(sc.armed_groups[0].stance == Stance::Spoiler);
    CHECK(sc.meta.start_date == peacesim::core::Date{2024, 3, 1});
    CHECK(sc.meta.name == "my run");
    CHECK(sc.government.legitimacy == Approx(0.7));
    CHECK_FALSE(sc.mission.accountability);
    CHECK(sc.mission.tasks.patrols == Switch::Off);
    CHECK(sc.mission.funding.paid_fraction == Approx(0.5));
}

TEST_CASE("keys left out keep their defaults, an empty file is the struct's defaults",
          "[scenario]") {
    const auto sc = load_text("[world]\npopulation = 5000\n", "small.toml");
    const Scenario d;
    CHECK(sc.world.population == 5000);
    CHECK(sc.world.width == d.world.width);
    CHECK(sc.armed_groups.size() == d.armed_groups.size());
    CHECK(sc.government.forces == d.government.forces);
}

TEST_CASE("the built-in scenario is the shipped default.toml and documents every key",
          "[scenario]") {
    const std::string text(default_scenario_text());
    REQUIRE_NOTHROW(load_default());
    for (const auto& p : parameters()) {
        const auto dot = p.key.rfind('.');
        INFO(p.key);
        // The default has no timeline: no events, no decisions.
        if (p.key.rfind("injects[]", 0) == 0 || p.key.rfind("decisions[]", 0) == 0) continue;
        // The civil-violence model's keys are documented by its own scenario.
        if (p.key.rfind("epstein.", 0) == 0) {
            std::ifstream in(PEACESIM_SOURCE_DIR "/scenarios/epstein.toml");
            const std::string classic((std::istreambuf_iterator<char>(in)),
                                      std::istreambuf_iterator<char>());
            CHECK(classic.find("\n" + p.key.substr(dot + 1) + " = ") != std::string::npos);
            continue;
        }
        // Task switches left out follow the mandate, so the default lists them in a comment.
        if (p.key.rfind("mission.tasks.", 0) == 0) {
            CHECK(text.find(p.key.substr(dot + 1)) != std::string::npos);
            continue;
        }
        CHECK(text.find("\n" + p.key.substr(dot + 1) + " = ") != std::string::npos);
        CHECK_FALSE(p.doc.empty());
    }
}

TEST_CASE("every shipped scenario validates", "[scenario][shipped]") {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(PEACESIM_SOURCE_DIR "/scenarios")) {
        if (e.path().extension() != ".toml") continue;
        INFO(e.path().string());
        CHECK_NOTHROW(load_file(e.path().string()));
        ++n;
    }
    CHECK(n >= 1);
}

TEST_CASE("docs/parameters.md is the schema's own documentation", "[scenario][docs]") {
    std::ifstream in(PEACESIM_SOURCE_DIR "/docs/parameters.md");
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    INFO("regenerate with: build/peacesim params --markdown > docs/parameters.md");
    CHECK(text.str() == parameters_markdown());
}

TEST_CASE("a scenario written out as TOML loads back to itself", "[scenario]") {
    for (const auto& e : std::filesystem::directory_iterator(PEACESIM_SOURCE_DIR "/scenarios")) {
        if (e.path().extension() != ".toml") continue;
        INFO(e.path().string());
        const auto sc = load_file(e.path().string());
        const std::string text = to_toml(sc);
        const auto again = load_text(text, "written.toml");
        CHECK(to_toml(again) == text);
    }
}

TEST_CASE("a scenario with no armed groups or injects writes them as empty, not as left out",
          "[scenario]") {
    // Left out, [[armed_groups]] would load back as the default three groups.
    const auto sc = load_text("armed_groups = []\n[world]\nseed = 4\n", "none.toml");
    REQUIRE(sc.armed_groups.empty());
    REQUIRE(sc.injects.empty());
    const auto again = load_text(to_toml(sc), "written.toml");
    CHECK(again.armed_groups.empty());
    CHECK(again.injects.empty());
    CHECK(again.world.seed == 4);
    CHECK(to_toml(again) == to_toml(sc));
}
