// Sweeps into a results database: independent of the number of jobs, resumable after a kill,
// failed runs kept and rerun, array tasks merged, exported as tidy CSV.
#include "peacesim/experiment/sweep.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "peacesim/output/writers.hpp"
#include "support.hpp"

using namespace peacesim;

namespace {

experiment::Experiment tiny() { return experiment::load_text(test::tiny_experiment(), "exp.toml"); }

std::string first_line(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace

TEST_CASE("Sweep results do not depend on the number of jobs") {
    const test::ScratchDir dir("sweep-jobs");
    const auto ex = tiny();
    experiment::SweepOptions one, two;
    one.jobs = 1;
    two.jobs = 2;
    const auto r1 = experiment::sweep(ex, dir.file("one.db"), one);
    const auto r2 = experiment::sweep(ex, dir.file("two.db"), two);
    CHECK(r1.ok == 8);
    CHECK(r2.ok == 8);
    CHECK(!r1.stopped);
    const auto a = test::results(dir.file("one.db")), b = test::results(dir.file("two.db"));
    CHECK(a.size() > 8 + 8 * 30 * 3);  // runs, series (8 runs x 30 days x 3 columns), events
    CHECK(a == b);
    // Every run row is whole: a state hash, ok, no error.
    CHECK(test::rows(dir.file("one.db"),
                     "SELECT count(*) FROM runs WHERE status = 'ok' AND length(state_hash) = 16 "
                     "AND error IS NULL")
              .front() == "8");
    // The experiment row keeps the file's text.
    CHECK(test::rows(dir.file("one.db"), "SELECT text FROM experiment") ==
          std::vector<std::string>{test::tiny_experiment()});
    CHECK(test::rows(dir.file("one.db"), "SELECT runs, seed, days FROM experiment").front() ==
          "8|7|30");
}

TEST_CASE("A sweep killed part way and resumed ends as an uninterrupted one") {
    const test::ScratchDir dir("sweep-resume");
    const auto ex = tiny();
    experiment::SweepOptions whole;
    whole.jobs = 2;
    experiment::sweep(ex, dir.file("whole.db"), whole);

    experiment::SweepOptions killed = whole;
    killed.stop_after = 3;  // stands in for a kill: runs in flight are never committed
    const auto first = experiment::sweep(ex, dir.file("part.db"), killed);
    CHECK(first.stopped);
    CHECK(first.ok == 3);
    CHECK(experiment::missing_runs(ex, dir.file("part.db")).size() == 5);
    // Without --resume an existing database is refused rather than overwritten.
    CHECK_THROWS_AS(experiment::sweep(ex, dir.file("part.db"), whole), std::runtime_error);
    experiment::SweepOptions resume = whole;
    resume.resume = true;
    const auto second = experiment::sweep(ex, dir.file("part.db"), resume);
    CHECK(second.planned == 5);
    CHECK(second.ok == 5);
    CHECK(test::results(dir.file("part.db")) == test::results(dir.file("whole.db")));
    CHECK(experiment::missing_runs(ex, dir.file("part.db")).empty());
    // A database holds one experiment: another experiment's results are refused...
    auto changed = test::tiny_experiment();
    changed.replace(changed.find("values = [0, 3000]"), 18, "values = [0, 4000]");
    const auto other = experiment::load_text(changed, "other.toml");
    CHECK_THROWS_AS(experiment::sweep(other, dir.file("part.db"), resume), std::runtime_error);
    // ... but the same experiment with a comment added, or a factor's kind relabelled, resumes.
    auto commented = "# a note on the experiment\n" + test::tiny_experiment("# changed\n");
    commented.replace(commented.find("kind = \"lever\""), 14, "kind = \"uncertainty\"");
    const auto same = experiment::load_text(commented, "exp.toml");
    const auto again = experiment::sweep(same, dir.file("part.db"), resume);
    CHECK(again.planned == 0);  // nothing left to run
    CHECK(test::results(dir.file("part.db")) == test::results(dir.file("whole.db")));
}

TEST_CASE("A failed run is recorded with its error, the sweep goes on, and can be rerun") {
    const test::ScratchDir dir("sweep-failed");
    const auto ex = tiny();
    experiment::SweepOptions o;
    o.jobs = 2;
    o.before_run = [](const experiment::RunPlan& p) {
        if (p.index == 3) throw std::runtime_error("out of memory on node 7");
    };
    const auto r = experiment::sweep(ex, dir.file("f.db"), o);
    CHECK(r.ok == 7);
    CHECK(r.failed == 1);
    CHECK(test::rows(dir.file("f.db"),
                     "SELECT id, status, error, state_hash FROM runs WHERE "
                     "status != 'ok'") ==
          std::vector<std::string>{"3|failed|out of memory on node 7|NULL"});
    CHECK(experiment::array_spec(experiment::missing_runs(ex, dir.file("f.db"))) == "3");

    experiment::SweepOptions rerun;
    rerun.only_failed = true;
    const auto again = experiment::sweep(ex, dir.file("f.db"), rerun);
    CHECK(again.planned == 1);
    CHECK(again.ok == 1);
    experiment::sweep(ex, dir.file("whole.db"), {});
    CHECK(test::results(dir.file("f.db")) == test::results(dir.file("whole.db")));
}

TEST_CASE("Array tasks' files merged equal a whole sweep") {
    const test::ScratchDir dir("sweep-merge");
    const auto ex = tiny();
    experiment::sweep(ex, dir.file("whole.db"), {});
    std::vector<std::string> parts;
    for (std::int64_t i = 7; i >= 0; --i) {  // in any order
        experiment::SweepOptions o;
        o.index = i;
        const auto path = dir.file("tasks.db." + std::to_string(i));
        const auto r = experiment::sweep(ex, path, o);
        CHECK(r.planned == 1);
        parts.push_back(path);
    }
    CHECK(experiment::merge(dir.file("merged.db"), parts) == 8);
    CHECK(test::results(dir.file("merged.db")) == test::results(dir.file("whole.db")));
    // Merging again changes nothing.
    experiment::merge(dir.file("merged.db"), parts);
    CHECK(test::results(dir.file("merged.db")) == test::results(dir.file("whole.db")));
    experiment::SweepOptions out_of_range;
    out_of_range.index = 8;
    CHECK_THROWS_AS(experiment::sweep(ex, dir.file("x.db"), out_of_range), std::runtime_error);
}

TEST_CASE("A file that is not a results database is refused and left as it was") {
    const test::ScratchDir dir("sweep-foreign");
    const auto ex = tiny();
    const auto read = [](const std::string& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    // An empty file (SQLite would take it for a new database) and a text file.
    std::ofstream(dir.file("empty.db")).flush();
    std::ofstream(dir.file("text.db")) << "not a database\n";
    experiment::SweepOptions resume;
    resume.resume = true;
    for (const auto* name : {"empty.db", "text.db"}) {
        INFO(name);
        const auto before = read(dir.file(name));
        CHECK_THROWS_WITH(experiment::sweep(ex, dir.file(name), resume),
                          Catch::Contains("not a results database"));
        CHECK(read(dir.file(name)) == before);
    }
    // A merge with one bad part makes no database and changes none.
    experiment::SweepOptions task;
    task.index = 0;
    experiment::sweep(ex, dir.file("tasks.db.0"), task);
    CHECK_THROWS(
        experiment::merge(dir.file("merged.db"), {dir.file("tasks.db.0"), dir.file("text.db")}));
    CHECK_FALSE(std::filesystem::exists(dir.file("merged.db")));
}

TEST_CASE("Missing runs are listed in SLURM's --array syntax") {
    CHECK(experiment::array_spec({}) == "");
    CHECK(experiment::array_spec({4}) == "4");
    CHECK(experiment::array_spec({0, 3, 5, 6, 7, 8, 9}) == "0,3,5-9");
    CHECK(experiment::array_spec({1, 2, 4, 5}) == "1-2,4-5");
    const test::ScratchDir dir("sweep-missing");
    CHECK(experiment::array_spec(experiment::missing_runs(tiny(), dir.file("none.db"))) == "0-7");
}

TEST_CASE("Export writes tidy CSV with factor and total columns") {
    const test::ScratchDir dir("sweep-export");
    experiment::sweep(tiny(), dir.file("e.db"), {});
    const auto files = experiment::export_csv(dir.file("e.db"), dir.file("csv"));
    CHECK(files.size() == 3);
    const auto runs = first_line(dir.file("csv/runs.csv"));
    CHECK(runs.rfind("id,point,replicate,seed,mission.troops,government.hr_compliance,", 0) == 0);
    for (const char* c : {",civilians_killed,", ",battle_deaths,", ",displaced_peak,",
                          ",final_stage,", ",mission_cost_musd,", ",state_hash,status,error,"})
        CHECK(runs.find(c) != std::string::npos);
    CHECK(first_line(dir.file("csv/series.csv")) == "run_id,day,column,value");
    // The events table has events.csv's columns (the GED's), after the run id.
    std::string events_header = "run_id";
    for (const auto& c : output::event_columns()) events_header += "," + c;
    CHECK(first_line(dir.file("csv/events.csv")) == events_header);
    std::ifstream in(dir.file("csv/runs.csv"));
    int lines = 0;
    for (std::string l; std::getline(in, l);) ++lines;
    CHECK(lines == 9);
}

TEST_CASE("peacesim sweep, merge and export from the command line") {
    const test::ScratchDir dir("sweep-cli");
    const auto exp = dir.write("tiny.toml", test::tiny_experiment());
    const std::string cli = PEACESIM_CLI;
    auto run = [&](const std::string& args) {
        const int rc = std::system((cli + " " + args + " >/dev/null 2>&1").c_str());
        return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    };
    const auto db = dir.file("t.db");
    CHECK(run("sweep " + exp + " --out " + db + " --jobs 2 --stop-after 2") == 0);
    CHECK(run("sweep " + exp + " --out " + db) == 2);  // exists: --resume needed
    CHECK(run("sweep " + exp + " --out " + db + " --resume") == 0);
    CHECK(run("sweep " + exp + " --out " + dir.file("a.db") + " --index 5") == 0);
    CHECK(std::ifstream(dir.file("a.db.5")).good());
    CHECK(run("merge " + dir.file("m.db") + " " + dir.file("a.db.5")) == 0);
    CHECK(run("export " + db + " --out " + dir.file("csv")) == 0);
    CHECK(std::ifstream(dir.file("csv/runs.csv")).good());
    const auto bad = dir.write("bad.toml",
                               "[experiment]\nname = \"b\"\n[[factors]]\nkey = "
                               "\"mission.troops\"\nrange = [1, 0, 3]\n");
    CHECK(run("sweep " + bad) == 2);
    CHECK(test::results(db) == [&] {
        experiment::sweep(tiny(), dir.file("whole.db"), {});
        return test::results(dir.file("whole.db"));
    }());
}
