// Training exercises (sim/exercise): exercise files and master events lists are read with every
// problem placed, a scripted exercise runs headless end to end and replays from its record, and
// the after-action review's figures are right on cases whose answer is known.
#include "peacesim/exercise/exercise.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "../support/scratch_dir.hpp"
#include "peacesim/compare/compare.hpp"
#include "peacesim/engine/feed.hpp"
#include "peacesim/output/writers.hpp"

using namespace peacesim;
namespace fs = std::filesystem;

namespace {

// A small country, so that the runs of a review take a moment.
const std::string small_exercise = R"(
[exercise]
name = "Test exercise"
set = ["world.population=40000", "world.forces_population=40000", "world.width=96", "world.height=96", "world.villages=80",
       "world.towns=6", "world.regions=4", "government.forces=1200",
       "armed_groups.0.fighters=400", "armed_groups.1.fighters=250",
       "armed_groups.2.fighters=200", "armed_groups.0.home_region=1",
       "armed_groups.1.home_region=2", "armed_groups.2.home_region=3",
       "identity_groups.1.home_region=1", "identity_groups.2.home_region=2",
       "mission.troops=1500", "mission.budget_musd=120"]
seed = 3
days = 60

[roles.trainees]
name = "Staff"
levers = ["mission.*"]
orders = true

[[events]]
serial = "A1"
day = 5
time = "0630"
from = "Sector"
to = "HQ"
message = "Unrest"
expected_action = "Presence"
inject = "coup"

[[decision_points]]
day = 4
title = "Act?"
)";

exercise::Record run_record(const test::ScratchDir& tmp, const std::string& exercise_text,
                            const std::string& name) {
    const auto file = tmp.write(name + ".toml", exercise_text);
    const auto ex = exercise::load_exercise(file);
    engine::Simulation sim(ex.scenario, ex.seed);
    engine::run_days(sim, ex.days, 2);
    const fs::path dir = tmp.path() / name;
    fs::create_directories(dir);
    for (const auto& [f, content] : exercise::record_files(ex, sim, output::RunInfo{}))
        std::ofstream(dir / f, std::ios::binary) << content;
    return exercise::read_record(dir.string());
}

}  // namespace

TEST_CASE("an exercise file puts its serials and decisions on the scenario's timeline",
          "[exercise]") {
    test::ScratchDir tmp("exercise");
    const auto ex = exercise::load_exercise(tmp.write(
        "e.toml", small_exercise + "[[decisions]]\nday = 6\nset = \"mission.posture=mobile\"\n"));
    CHECK(ex.name == "Test exercise");
    CHECK(ex.days == 60);
    CHECK(ex.seed == 3);
    CHECK(ex.scenario.world.population == 40000);
    REQUIRE(ex.events.size() == 1);
    CHECK(ex.events[0].time == "06:30");  // read as the master events list reads it
    REQUIRE(ex.event_inject.size() == 1);
    REQUIRE(ex.event_inject[0] >= 0);
    CHECK(ex.scenario.injects[std::size_t(ex.event_inject[0])].event == scenario::InjectKind::Coup);
    REQUIRE(ex.scenario.decisions.size() == 1);
    CHECK(ex.scenario.decisions[0].role == "trainees");
    // A control cell is added when the file names none.
    const auto* control = ex.role("control");
    REQUIRE(control);
    CHECK(control->injects);
    CHECK(ex.trainees()->may_set("mission.roe"));
    CHECK_FALSE(ex.trainees()->may_set("politics.mediation"));
}

TEST_CASE("a bad exercise file names the file, line and key of each problem", "[exercise]") {
    test::ScratchDir tmp("exercise");
    auto problems = [&](const std::string& text) {
        try {
            (void)exercise::load_exercise(tmp.write("bad.toml", text));
        } catch (const scenario::ScenarioError& e) {
            return e.diagnostics();
        }
        return std::vector<scenario::Diagnostic>{};
    };
    auto has = [](const std::vector<scenario::Diagnostic>& ds, const std::string& key, int line) {
        for (const auto& d : ds)
            if (d.key == key && (line == 0 || d.line == line)) return true;
        return false;
    };
    CHECK(has(problems("[exercise]\nname = \"x\"\ndayz = 3\n"), "exercise.dayz", 3));
    CHECK(has(problems("[exercise]\nname = \"x\"\n[[events]]\nday = 4\n"), "events.0.message", 3));
    CHECK(has(problems("[exercise]\nname = \"x\"\ndays = 10\n[[events]]\nday = 40\nmessage = "
                       "\"m\"\n"),
              "events.0.day", 5));
    CHECK(has(problems("[exercise]\nname = \"x\"\n[[events]]\nday = 4\nmessage = \"m\"\ninject "
                       "= \"coop\"\n"),
              "events.0.inject", 6));
    CHECK(has(problems("[exercise]\nname = \"x\"\n[roles.trainees]\nlevers = "
                       "[\"world.population\"]\n"),
              "roles.trainees.levers", 4));
    // The trainees may not pull a lever their role does not hold.
    CHECK(has(problems("[exercise]\nname = \"x\"\n[roles.trainees]\nlevers = "
                       "[\"mission.roe\"]\n[[decisions]]\nday = 3\nset = \"mission.troops=5\"\n"),
              "decisions.0", 5));
    CHECK(has(problems("[exercise]\nname = \"x\"\nset = [\"mission.troops=-3\"]\n"), "exercise.set",
              3));
    CHECK(!problems("[exercise]\nname = \"x\"\nmel_csv = \"none.csv\"\n").empty());
    // A time that is no time of day; a name that is a number.
    CHECK(has(problems("[exercise]\nname = \"x\"\n[[events]]\nday = 4\nmessage = \"m\"\ntime "
                       "= \"25:99\"\n"),
              "events.0.time", 6));
    CHECK(has(problems("[exercise]\nname = 5\n"), "exercise.name", 2));
    CHECK(has(problems("[exercise\n"), "", 1));
}

TEST_CASE("a master events list reads from CSV as training centres keep it", "[exercise][csv]") {
    test::ScratchDir tmp("exercise");
    const core::Date start{2025, 1, 1};
    const auto mel = exercise::read_mel_csv(
        tmp.write("mel.csv",
                  "\xEF\xBB\xBFSer,DTG,From,To,Message,Expected Action,Model event\r\n"
                  "1,D+3 14:00,Sector,HQ,\"Shots fired, \"\"many\"\" dead\nsay locals\",Go,\r\n"
                  "2,Day 10 0900,A,B,Rains,,rainy_season:30\r\n"
                  "3,2025-02-01 06:30,A,B,Coup,Report,coup\r\n"
                  ",,,,,,\r\n"
                  "4,12,A,B,Plain day,,\r\n"),
        start);
    REQUIRE(mel.size() == 4);
    CHECK(mel[0].serial == "1");
    CHECK(mel[0].day == 3);
    CHECK(mel[0].time == "14:00");
    CHECK(mel[0].message == "Shots fired, \"many\" dead\nsay locals");
    CHECK(mel[0].expected_action == "Go");
    CHECK(mel[1].day == 10);
    CHECK(mel[1].time == "09:00");
    CHECK(mel[1].inject == "rainy_season:30");
    CHECK(mel[2].day == 31);
    CHECK(mel[2].time == "06:30");
    CHECK(mel[3].day == 12);
    CHECK(mel[3].source.find(":7") != std::string::npos);  // the line, past the quoted break
    // Written back in the same columns, it reads back the same.
    const auto again = exercise::read_mel_csv(tmp.write("out.csv", exercise::mel_csv(mel)), start);
    REQUIRE(again.size() == mel.size());
    for (std::size_t i = 0; i < mel.size(); ++i) {
        CHECK(again[i].message == mel[i].message);
        CHECK(again[i].day == mel[i].day);
        CHECK(again[i].time == mel[i].time);
    }
    // What it cannot read, it says where.
    auto first_problem = [&](const std::string& text) {
        try {
            (void)exercise::read_mel_csv(tmp.write("bad.csv", text), start);
        } catch (const scenario::ScenarioError& e) {
            return e.diagnostics().front();
        }
        return scenario::Diagnostic{};
    };
    auto d = first_problem("Serial,When,Message\n1,D+3,ok\n2,next tuesday,bad\n");
    CHECK(d.line == 3);
    CHECK(d.key == "day and time");
    d = first_problem("Serial,Day,Message\n1,3,\"unclosed\n");
    CHECK(d.line == 2);
    d = first_problem("Serial,From,To\n1,a,b\n");
    CHECK(d.line == 1);
    d = first_problem("Serial,Day,Message\n1,2024-12-01,before the start\n");
    CHECK(d.line == 2);
    d = first_problem("Serial,Day,Message\n1,2025-02-30,no such day\n");  // not 2 March
    CHECK(d.line == 2);
    d = first_problem("");
    CHECK(d.message.find("empty") != std::string::npos);
}

TEST_CASE("a scripted exercise runs end to end and its record replays exactly",
          "[exercise][property]") {
    test::ScratchDir tmp("exercise");
    const auto rec = run_record(
        tmp,
        small_exercise +
            "[[decisions]]\nday = 4\nset = \"mission.roe=defend_mandate\"\n[[decisions]]\nday = "
            "8\nunit = 0\nposture = \"patrol\"\n",
        "scripted");
    CHECK(rec.name == "Test exercise");
    CHECK(rec.days == 60);
    CHECK(rec.trainees == "trainees");
    REQUIRE(rec.events.size() == 1);
    CHECK(rec.events[0].serial == "A1");
    REQUIRE(rec.decision_points.size() == 1);
    REQUIRE(rec.scenario.decisions.size() == 2);
    engine::Simulation replay(rec.scenario, rec.seed);
    engine::run_days(replay, rec.days, 1);
    CHECK(replay.state_hash() == rec.state_hash);
    // The feed tells of the coup on its day.
    bool coup = false;
    for (const auto& h : engine::run_happenings(replay))
        coup |= h.day == 5 && h.kind == "event" && h.text.find("coup") != std::string::npos;
    CHECK(coup);
}

TEST_CASE("the after-action review measures what the decisions did", "[exercise][aar]") {
    test::ScratchDir tmp("exercise");
    SECTION("a decision that changes nothing makes no difference in any seed") {
        // Setting a lever to the value it has is a decision, and an idle one.
        const auto rec = run_record(
            tmp, small_exercise + "[[decisions]]\nday = 10\nset = \"mission.troops=1500\"\n",
            "idle");
        exercise::AarOptions o;
        o.dir = rec.dir, o.runs = 3, o.jobs = 2;
        const auto r = exercise::run_aar(o);
        CHECK(r.replayed);
        CHECK(r.trainee_decisions == 1);
        for (const auto& d : r.difference) {
            CHECK(d.value == 0);
            CHECK(d.lo == 0);
            CHECK(d.hi == 0);
        }
        REQUIRE(r.weighed.size() == 1);
        const auto html = exercise::aar_html(r);
        CHECK(html.find("changed nothing in any seed") != std::string::npos);
        for (const char* q : {"1. What was planned?", "2. What happened?", "3. Why did it happen?",
                              "4. What to sustain, what to improve?"})
            CHECK(html.find(q) != std::string::npos);
    }
    SECTION("sending the troops home cuts the cost in every seed, and the companies go") {
        const auto rec = run_record(
            tmp, small_exercise + "[[decisions]]\nday = 1\nset = \"mission.troops=0\"\n", "home");
        exercise::AarOptions o;
        o.dir = rec.dir, o.runs = 3, o.jobs = 2;
        const auto r = exercise::run_aar(o);
        CHECK(r.replayed);
        const auto defs = compare::outcome_defs();
        for (std::size_t k = 0; k < defs.size(); ++k) {
            const std::string key = defs[k].key;
            if (key == "cost_musd") {
                CHECK(r.difference[k].hi < 0);
                for (std::size_t s = 0; s < r.seeds.size(); ++s)
                    CHECK(r.with[k][s] < r.without[k][s]);
            }
        }
        // The exercise's own column is the record's run.
        REQUIRE(!r.exercise.empty());
        CHECK(int(r.exercise.size()) == rec.days);
        CHECK(r.exercise.back().mission.companies_deployed == 0);
        CHECK(r.counterfactual.back().mission.companies_deployed > 0);
        CHECK(r.log.size() == 1);
        CHECK(r.log[0].role == "trainees");
    }
    SECTION("a directory with no record is refused") {
        exercise::AarOptions o;
        o.dir = tmp.path().string();
        CHECK_THROWS_AS(exercise::run_aar(o), scenario::ScenarioError);
    }
}
