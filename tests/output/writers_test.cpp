#include "peacesim/output/writers.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "../support/runs.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
    const fs::path p =
        fs::temp_directory_path() / fmt::format("peacesim-test-{}-{}", name, ::getpid());
    fs::remove_all(p);
    return p;
}
int cli(const std::string& args) {
    const int rc = std::system(fmt::format("{} {} >/dev/null 2>&1", PEACESIM_CLI, args).c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
// A CSV line's fields, quotes removed ("" inside quotes is one quote).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
            out.back() += '"', ++i;
        else if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}
std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) out.push_back(c);
    return out;
}
const char* small = "--set world.population=20000 --set world.villages=100";
}  // namespace

TEST_CASE("run --out writes the contract's three files and the resolved scenario",
          "[output][cli]") {
    const auto dir = fresh_dir("contract");
    REQUIRE(cli(fmt::format("run --days 40 --seed 3 --threads 2 --quiet --out {} {}", dir.string(),
                            small)) == 0);
    for (auto f : {"summary.json", "timeseries.csv", "events.csv", "scenario.toml"})
        REQUIRE(fs::file_size(dir / f) > 0);
    const auto j = nlohmann::json::parse(slurp(dir / "summary.json"));
    for (auto k : {"scenario", "seed", "days", "threads", "state_hash", "wall_seconds",
                   "agent_updates_per_second"})
        CHECK(j.contains(k));
    for (auto k : {"civilians_killed", "battle_deaths", "peacekeeper_fatalities", "displaced_peak",
                   "refugees", "cost_musd"})
        CHECK(j["totals"].contains(k));
    CHECK(j["scenario"] == "default");
    CHECK(j["seed"] == 3);
    CHECK(j["days"] == 40);
    CHECK(j["threads"] == 2);
    CHECK(j["state_hash"].get<std::string>().size() == 16);
    std::int64_t status_sum = 0;
    for (auto& [k, v] : j["final_status"].items()) status_sum += v.get<std::int64_t>();
    CHECK(status_sum == 20000);

    std::stringstream ts(slurp(dir / "timeseries.csv"));
    std::string header, line;
    std::getline(ts, header);
    CHECK_THAT(header, Catch::StartsWith("day,date,"));
    const auto cols = split(header).size();
    int rows = 0;
    while (std::getline(ts, line)) {
        CHECK(split(line).size() == cols);
        CHECK(split(line)[0] == std::to_string(rows));
        ++rows;
    }
    CHECK(rows == 40);

    std::stringstream ev(slurp(dir / "events.csv"));
    std::getline(ev, header);
    CHECK(header ==
          "id,year,date_start,date_end,type_of_violence,conflict_new_id,dyad_new_id,side_a_new_id,"
          "side_a,side_b_new_id,side_b,where_prec,adm_1,latitude,longitude,priogrid_gid,country,"
          "event_clarity,date_prec,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,low,"
          "high,day,cell_x,cell_y");
    // No stray temporary files.
    int files = 0;
    for (auto& e : fs::directory_iterator(dir)) {
        ++files;
        CHECK(e.path().filename().string()[0] != '.');
    }
    CHECK(files == 6);  // with decisions.csv and feed.csv
    CHECK(fs::exists(dir / "decisions.csv"));
    CHECK(fs::exists(dir / "feed.csv"));
    fs::remove_all(dir);
}

TEST_CASE("bad input exits 2 and leaves nothing behind", "[output][cli]") {
    const auto dir = fresh_dir("bad");
    CHECK(cli(fmt::format("run --days 5 --quiet --out {} --set world.population=-1",
                          dir.string())) == 2);
    CHECK_FALSE(fs::exists(dir));
    CHECK(cli(fmt::format("run --days 5 --quiet --out {} --set no.such=1", dir.string())) == 2);
    CHECK(cli(fmt::format("run /no/such/file.toml --days 5 --quiet --out {}", dir.string())) == 2);
    CHECK(cli(fmt::format("run --days 0 --quiet --out {}", dir.string())) == 2);
    CHECK(cli(fmt::format("run --threads abc --quiet --out {}", dir.string())) == 2);
    CHECK(cli("run --no-such-option") == 2);
    CHECK(cli("frobnicate") == 2);
    CHECK_FALSE(fs::exists(dir));
    // --out naming a file, not a directory.
    const auto file = fresh_dir("file");
    std::ofstream(file) << "x";
    CHECK(cli(fmt::format("run --days 5 --quiet --out {} {}", file.string(), small)) == 2);
    CHECK(slurp(file) == "x");
    fs::remove(file);
    // validate names the problem and exits 2.
    const auto bad = fresh_dir("bad-toml");
    std::ofstream(bad) << "[world]\npopulation = \"lots\"\n";
    CHECK(cli(fmt::format("validate {}", bad.string())) == 2);
    CHECK(cli(fmt::format("validate {}/scenarios/default.toml", PEACESIM_SOURCE_DIR)) == 0);
    fs::remove(bad);
    // Said out loud, not silently accepted: an empty --out, a value with a line break.
    CHECK(cli("run --days 5 --quiet --out ''") == 2);
    CHECK(cli("run --days 5 --quiet --set \"$(printf 'mission.troops=100\\nworld.seed=9')\"") == 2);
    CHECK(cli("exercise " PEACESIM_SOURCE_DIR "/exercises/ngalindi_rains.toml --quiet --out ''") ==
          2);
}

TEST_CASE("an --out where nothing can be written is refused before the run", "[output][cli]") {
    // /proc takes no new folder even from root, whom permission bits let through: the check
    // must make a folder, not read the bits.
    if (!fs::is_directory("/proc")) return;
    CHECK_THROWS_WITH(output::AtomicDir("/proc/peacesim-out"),
                      Catch::Contains("cannot write in /proc"));
    CHECK(cli("bench --population 1000 --threads 1 --days 1 --repeat 1 --no-triad --no-epstein "
              "--out /proc/peacesim-out") == 2);
    // And the bench's other numbers: a rate for the ratio must be a number above 0.
    CHECK(cli("bench --no-conflict --no-triad --mesa-rate -3") == 2);
    CHECK(cli("bench --no-conflict --no-triad --mesa-rate abc") == 2);
}

TEST_CASE("outputs appear all at once or not at all", "[output]") {
    const auto dir = fresh_dir("atomic");
    {
        output::AtomicDir d(dir);
        d.add("a.csv", "1\n");
        d.add("b.csv", "2\n");
        CHECK_FALSE(fs::exists(dir / "a.csv"));  // nothing visible before commit
    }                                            // dropped without commit: as after a failure
    CHECK_FALSE(fs::exists(dir));
    {
        output::AtomicDir d(dir);
        d.add("a.csv", "1\n");
        d.commit();
    }
    CHECK(slurp(dir / "a.csv") == "1\n");
    int files = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);
    // A new set replaces the old one whole; a file of the folder that the set does not write (a
    // review, a note) stays.
    std::ofstream(dir / "notes.txt") << "mine";
    {
        output::AtomicDir d(dir);
        d.add("a.csv", "new\n");
        d.add("b.csv", "new\n");
        CHECK(slurp(dir / "a.csv") == "1\n");  // the old set until the commit
        d.commit();
    }
    CHECK(slurp(dir / "a.csv") == "new\n");
    CHECK(slurp(dir / "b.csv") == "new\n");
    CHECK(slurp(dir / "notes.txt") == "mine");
    // Nothing beside it: no folder of the run, old or new.
    for (auto& e : fs::directory_iterator(dir.parent_path()))
        CHECK(e.path().filename().string().rfind("." + dir.filename().string(), 0) != 0);
    // What a run killed while writing left is removed by the next run.
    const auto stale = dir.parent_path() / ("." + dir.filename().string() + ".peacesim-new-999999");
    fs::create_directories(stale);
    { output::AtomicDir d(dir); }
    CHECK_FALSE(fs::exists(stale));
    // A folder inside the target cannot go over in one step: refused before the run.
    fs::create_directories(dir / "sub");
    CHECK_THROWS_AS(output::AtomicDir(dir), std::runtime_error);
    fs::remove_all(dir);
}

TEST_CASE("summary and series agree with the simulation", "[output]") {
    const auto sim = test::run_small(60, 2, 2);
    const auto j =
        nlohmann::json::parse(output::summary_json(sim, {"default", "<default>", 2, 60, 2, 1.5}));
    const auto t = output::totals(sim);
    CHECK(j["totals"]["civilians_killed"] == t.civilians_killed);
    CHECK(j["totals"]["battle_deaths"] == t.battle_deaths);
    CHECK(j["state_hash"] == sim.state_hash());
    CHECK(j["agent_updates_per_second"].get<double>() == Approx(double(sim.agent_updates()) / 1.5));
    std::int64_t killed = 0;
    std::stringstream ts(output::timeseries_csv(sim));
    std::string line;
    std::getline(ts, line);
    while (std::getline(ts, line)) killed += std::stoll(split(line)[3]);
    CHECK(killed == t.civilians_killed);
}

TEST_CASE("the command line is quoted where a shell needs it", "[output]") {
    CHECK(output::shell_join(
              {"peacesim", "run", "--set", "world.population=2e5", "--out", "out/a_1"}) ==
          "peacesim run --set world.population=2e5 --out out/a_1");
    CHECK(output::shell_join({"run", "--set", "scenario.name=two words"}) ==
          "run --set 'scenario.name=two words'");
    CHECK(output::shell_join({"it's", "", "$HOME", "a*b", "x\"y"}) ==
          "'it'\\''s' '' '$HOME' 'a*b' 'x\"y'");
}

TEST_CASE("run --out records what was run, and its scenario.toml reproduces it", "[output][cli]") {
    const auto a = fresh_dir("prov-a"), b = fresh_dir("prov-b"), c = fresh_dir("prov-c");
    const std::string sets = fmt::format(
        "{} --set mission.mandate=robust_poc --set 'scenario.description=a run, \"quoted\"'",
        small);
    const std::string injects = "--inject 20:coup --inject 25:offensive:1";
    REQUIRE(cli(fmt::format("run --days 40 --seed 5 --threads 2 --quiet --out {} {} {}", a.string(),
                            sets, injects)) == 0);
    const auto ja = nlohmann::json::parse(slurp(a / "summary.json"));
    const std::string line = ja["command_line"];
    CHECK_THAT(line, Catch::Contains("run --days 40 --seed 5"));
    CHECK_THAT(line, Catch::Contains("--inject 20:coup --inject 25:offensive:1"));
    CHECK_THAT(line, Catch::Contains("'scenario.description=a run, \"quoted\"'"));
    CHECK_THAT(ja["version"].get<std::string>(), Catch::StartsWith("0."));
    CHECK_THAT(ja["version"].get<std::string>(), Catch::Contains("(commit "));
    CHECK(ja["seeds"]["run"] == 5);
    CHECK(ja["seeds"]["map"] == 1);

    // The resolved scenario holds the --set values and the injects ...
    const auto resolved = scenario::load_file((a / "scenario.toml").string());
    CHECK(resolved.world.population == 20000);
    CHECK(resolved.mission.mandate == scenario::Mandate::RobustPoc);
    CHECK(resolved.meta.description == "a run, \"quoted\"");
    REQUIRE(resolved.injects.size() == 2);
    CHECK(resolved.injects[0].event == scenario::InjectKind::Coup);
    CHECK(resolved.injects[1].args == "1");
    // ... and gives the run's state with the run's days and seed, which the injects changed.
    REQUIRE(cli(fmt::format("run {} --days 40 --seed 5 --threads 1 --quiet --out {}",
                            (a / "scenario.toml").string(), b.string())) == 0);
    const auto jb = nlohmann::json::parse(slurp(b / "summary.json"));
    CHECK(jb["state_hash"] == ja["state_hash"]);
    CHECK(slurp(b / "events.csv") == slurp(a / "events.csv"));
    REQUIRE(cli(fmt::format("run --days 40 --seed 5 --threads 2 --quiet --out {} {}", c.string(),
                            sets)) == 0);
    CHECK(nlohmann::json::parse(slurp(c / "summary.json"))["state_hash"] != ja["state_hash"]);
    fs::remove_all(c);

    // A map seed of its own is recorded and carried over too.
    REQUIRE(cli(fmt::format("run --days 20 --seed 5 --quiet --out {} {} --set world.seed=8",
                            c.string(), small)) == 0);
    const auto jc = nlohmann::json::parse(slurp(c / "summary.json"));
    CHECK(jc["seeds"]["run"] == 5);
    CHECK(jc["seeds"]["map"] == 8);
    CHECK(scenario::load_file((c / "scenario.toml").string()).world.seed == 8);
    for (const auto& d : {a, b, c}) fs::remove_all(d);
}

TEST_CASE("params --json lists every key with its type, default and range", "[output][cli]") {
    const auto dir = fresh_dir("params");
    fs::create_directories(dir);
    const int rc = std::system(
        fmt::format("{} params --json > {}/p.json", PEACESIM_CLI, dir.string()).c_str());
    REQUIRE(WIFEXITED(rc));
    REQUIRE(WEXITSTATUS(rc) == 0);
    const auto j = nlohmann::json::parse(slurp(dir / "p.json"));
    REQUIRE(j.is_array());
    CHECK(j.size() >= 100);
    CHECK(j.size() == scenario::parameters().size());
    std::map<std::string, nlohmann::json> by_key;
    for (const auto& p : j) {
        INFO(p.dump());
        for (auto k : {"key", "type", "default", "range", "doc"}) REQUIRE(p.contains(k));
        CHECK_FALSE(p["doc"].get<std::string>().empty());
        const std::string type = p["type"];
        if (type == "integer") CHECK(p["default"].is_number_integer());
        if (type == "real") CHECK(p["default"].is_number());
        if (type == "integer" || type == "real") {
            CHECK(p["range"]["min"] <= p["default"]);
            CHECK(p["default"] <= p["range"]["max"]);
        }
        if (type == "choice") {
            const auto& ch = p["range"]["choices"];
            CHECK(std::find(ch.begin(), ch.end(), p["default"]) != ch.end());
        }
        by_key[p["key"]] = p;
    }
    CHECK(by_key["world.population"]["default"] == 1000000);
    CHECK(by_key["world.seed"]["default"] == 1);
    CHECK(by_key["world.seed"]["range"]["min"] == 0);
    CHECK(by_key["world.cell_km"]["default"] == 2.0);
    CHECK(by_key["scenario.country"]["default"] == "Republic of Kembara");
    CHECK(by_key["scenario.start_date"]["default"] == "2025-01-01");
    CHECK(by_key["mission.accountability"]["default"] == true);
    CHECK(by_key["mission.mandate"]["type"] == "choice");
    CHECK(by_key["mission.mandate"]["default"] == "multidimensional");
    CHECK(by_key.count("armed_groups[].fighters"));
    fs::remove_all(dir);
}

TEST_CASE("events.csv carries the GED's ids, grid cell and precision codes", "[output]") {
    const auto sim = test::run_small(150, 11, 2);
    std::stringstream ev(output::events_csv(sim));
    std::string line;
    std::getline(ev, line);
    const auto header = csv_fields(line);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
    std::map<std::string, std::int64_t> side_ids;  // one id per side name, and the reverse
    std::map<std::int64_t, std::string> side_names;
    auto same_side = [&](const std::string& name, std::int64_t id) {
        side_ids.emplace(name, id);
        side_names.emplace(id, name);
        CHECK(side_ids[name] == id);
        CHECK(side_names[id] == name);
    };
    std::set<int> types, wheres;
    int rows = 0;
    while (std::getline(ev, line)) {
        const auto f = csv_fields(line);
        REQUIRE(f.size() == header.size());
        auto num = [&](const char* c) { return std::stoll(f[col.at(c)]); };
        INFO(line);
        ++rows;
        const int type = int(num("type_of_violence"));
        types.insert(type);
        CHECK(f[col["year"]] == f[col["date_start"]].substr(0, 4));
        CHECK(f[col["country"]] == sim.scenario().meta.country);
        CHECK(num("date_prec") == 1);
        CHECK(num("event_clarity") == 1);
        wheres.insert(int(num("where_prec")));
        const double lat = std::stod(f[col["latitude"]]), lon = std::stod(f[col["longitude"]]);
        CHECK(num("priogrid_gid") == std::int64_t(std::floor((lat + 90) / 0.5)) * 720 +
                                         std::int64_t(std::floor((lon + 180) / 0.5)) + 1);
        const auto a = num("side_a_new_id"), b = num("side_b_new_id");
        same_side(f[col["side_a"]], a);
        same_side(f[col["side_b"]], b);
        CHECK(num("dyad_new_id") == std::min(a, b) * 100000 + std::max(a, b));
        if (type == 1) CHECK(num("conflict_new_id") == 1);
        if (type == 2) CHECK(num("conflict_new_id") == num("dyad_new_id"));
        if (type == 3) {
            CHECK(b == output::ged::civilians_id);
            CHECK(f[col["side_b"]] == "Civilians");
            CHECK(num("conflict_new_id") == a);
        }
    }
    CHECK(rows > 10);
    CHECK(types.size() >= 2);
    for (int w : wheres) CHECK((w == 1 || w == 2));
    CHECK(side_ids.at(sim.side_name(0)) == 1000);  // the government
}

TEST_CASE("cases that used to pass silently are refused: an empty scenario, an inject past the end",
          "[output][cli]") {
    const auto dir = fresh_dir("silent");
    fs::create_directories(dir);
    { std::ofstream(dir / "empty.toml"); }
    CHECK(cli(fmt::format("run {} --days 5 --quiet --out {}", (dir / "empty.toml").string(),
                          (dir / "o1").string())) == 2);
    CHECK_FALSE(fs::exists(dir / "o1" / "summary.json"));
    CHECK(cli(fmt::format("run --days 50 --inject 80:coup --quiet --set world.population=50000 "
                          "--out {}",
                          (dir / "o2").string())) == 2);
    CHECK_FALSE(fs::exists(dir / "o2" / "summary.json"));
    // On the last day it is fine.
    CHECK(cli(fmt::format("run --days 50 --inject 49:coup --quiet --set world.population=50000 "
                          "--out {}",
                          (dir / "o3").string())) == 0);
    fs::remove_all(dir);
}

TEST_CASE("an earlier set's outputs do not stay beside a new one; folders made for a failed run go",
          "[output][cli]") {
    const auto dir = fresh_dir("stale");
    {
        output::AtomicDir d(dir);
        d.add("summary.json", "{}");
        d.add("exercise.json", "{}");  // a record's file
        d.add("aar.html", "<p>old</p>");
        d.commit();
    }
    std::ofstream(dir / "notes.txt") << "mine";
    {
        output::AtomicDir d(dir);
        d.add("summary.json", "{\"new\": 1}");
        const auto big = d.reserve("series.csv");  // written by the caller
        std::ofstream(big) << "a,b\n1,2\n";
        d.commit();
    }
    CHECK(slurp(dir / "summary.json") == "{\"new\": 1}");
    CHECK(slurp(dir / "series.csv") == "a,b\n1,2\n");
    CHECK_FALSE(fs::exists(dir / "exercise.json"));  // described another run
    CHECK_FALSE(fs::exists(dir / "aar.html"));
    CHECK(slurp(dir / "notes.txt") == "mine");  // the user's own file stays
    fs::remove_all(dir);
    // A run refused after --out was checked (an order to a unit that does not exist is found
    // when the run starts) takes away the folders made for its output.
    const auto deep = fresh_dir("deep");
    CHECK(cli(fmt::format("run --days 10 --quiet {} --order 5:99999:posture=hold --out {}", small,
                          (deep / "a" / "b").string())) == 2);
    CHECK_FALSE(fs::exists(deep));
}

TEST_CASE(
    "slips that used to run: a checkpoint's day, an event of the classic model, nothing to "
    "bench",
    "[output][cli]") {
    const auto dir = fresh_dir("slips");
    fs::create_directories(dir);
    const auto at = [&](const char* f) { return (dir / f).string(); };
    // DAY:FILE with something else than a day before the colon, or no file.
    CHECK(cli(fmt::format("run --days 10 --quiet {} --checkpoint x:{}", small, at("e.ckpt"))) == 2);
    CHECK(cli(fmt::format("run --days 10 --quiet {} --checkpoint 5:", small)) == 2);
    // A checkpoint that cannot be written is said before any is written. (Two to one file are
    // a rolling checkpoint: the later replaces the earlier.)
    if (fs::is_directory("/proc")) {
        CHECK(cli(fmt::format("run --days 10 --quiet {} --checkpoint 3:{} --checkpoint "
                              "6:/proc/peacesim.ckpt",
                              small, at("ok.ckpt"))) == 2);
        CHECK_FALSE(fs::exists(dir / "ok.ckpt"));
    }
    // The classic model takes no events.
    CHECK(cli(fmt::format("run {}/scenarios/epstein.toml --days 10 --quiet --inject 5:coup",
                          PEACESIM_SOURCE_DIR)) == 2);
    // An index of a settlement below 0; a regional force of more troops than the schema allows.
    CHECK(cli(fmt::format("run --days 20 --quiet {} --inject 10:communal_incident:-1", small)) ==
          2);
    CHECK(cli(fmt::format("run --days 20 --quiet {} --inject 10:regional_force_arrives:200000",
                          small)) == 2);
    CHECK(cli("bench --no-triad --no-conflict --no-epstein") == 2);
    CHECK(cli("compare --cost-tolerance nan") == 2);
    fs::remove_all(dir);
}

TEST_CASE("the civil-violence scenario writes the four files, events in the GED's shape",
          "[output][cli][epstein]") {
    const auto dir = fresh_dir("epstein");
    REQUIRE(cli(fmt::format("run {}/scenarios/epstein.toml --days 120 --quiet --out {}",
                            PEACESIM_SOURCE_DIR, dir.string())) == 0);
    const auto ts = slurp(dir / "timeseries.csv");
    CHECK(ts.rfind("day,date,legitimacy,quiet,active,jailed,arrests\n", 0) == 0);
    const auto ev = slurp(dir / "events.csv");
    for (const char* c :
         {"date_start", "type_of_violence", "side_a", "side_b", "best", "low", "high"})
        CHECK(ev.substr(0, ev.find('\n')).find(c) != std::string::npos);
    const auto j = nlohmann::json::parse(slurp(dir / "summary.json"));
    CHECK(j["model"] == "epstein");
    CHECK(j["totals"]["outbursts"].get<int>() >= 1);
    // The resolved scenario reproduces the run.
    const auto again = fresh_dir("epstein2");
    REQUIRE(cli(fmt::format("run {}/scenario.toml --days 120 --quiet --out {}", dir.string(),
                            again.string())) == 0);
    CHECK(nlohmann::json::parse(slurp(again / "summary.json"))["state_hash"] == j["state_hash"]);
    fs::remove_all(dir);
    fs::remove_all(again);
}
