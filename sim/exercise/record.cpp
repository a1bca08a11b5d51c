// An exercise's record (docs/training.md, "The record"): written by `peacesim exercise` and by
// the visualizer when an exercise is saved, read by the after-action review and the replay.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "peacesim/core/version.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/exercise/exercise.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::exercise {

namespace {

using json = nlohmann::json;
using scenario::ScenarioError;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    std::stringstream buf;
    buf << in.rdbuf();
    return buf.str();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> record_files(const Exercise& ex,
                                                              const engine::Simulation& sim,
                                                              const output::RunInfo& info) {
    json j;
    j["exercise"] = ex.name;
    j["description"] = ex.description;
    j["file"] = ex.file;
    j["scenario_file"] = ex.scenario_file.empty() ? "<default>" : ex.scenario_file;
    j["seed"] = sim.seed();
    j["days_planned"] = ex.days;
    j["days_run"] = sim.day();
    j["fog_of_war"] = ex.fog_of_war;
    j["trainees"] = ex.trainees() ? ex.trainees()->id : "trainees";
    j["state_hash"] = sim.state_hash();
    j["version"] = core::version_string();
    j["roles"] = json::array();
    for (const auto& r : ex.roles)
        j["roles"].push_back({{"id", r.id},
                              {"name", r.name},
                              {"levers", r.levers},
                              {"orders", r.orders},
                              {"injects", r.injects}});
    j["decision_points"] = json::array();
    for (const auto& p : ex.decision_points)
        j["decision_points"].push_back(
            {{"day", p.day}, {"title", p.title}, {"guidance", p.guidance}});
    output::RunInfo run = info;
    run.seed = sim.seed();
    run.days = sim.day();
    return {{"summary.json", output::summary_json(sim, run)},
            {"timeseries.csv", output::timeseries_csv(sim)},
            {"events.csv", output::events_csv(sim)},
            {"decisions.csv", output::decisions_csv(sim)},
            {"feed.csv", output::feed_csv(sim)},
            {"scenario.toml", output::scenario_toml(sim.replay_scenario(), run)},
            {"exercise.json", j.dump(2) + "\n"},
            {"mel.csv", mel_csv(ex.events)},
            {"exercise.toml", slurp(ex.file)}};
}

Record read_record(const std::string& dir) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir))
        throw ScenarioError({{dir, 0, 0, "",
                              "not a directory: give the --out directory of "
                              "`peacesim exercise` or of a saved exercise"}});
    const std::string meta_path = (fs::path(dir) / "exercise.json").string();
    const std::string text = slurp(meta_path);
    if (text.empty())
        throw ScenarioError({{meta_path, 0, 0, "",
                              "missing or empty: this directory holds no exercise record (a plain "
                              "`peacesim run` has none; run `peacesim exercise FILE --out DIR`)"}});
    Record r;
    r.dir = dir;
    try {
        const json j = json::parse(text);
        r.name = j.at("exercise").get<std::string>();
        r.description = j.value("description", "");
        r.seed = j.at("seed").get<std::uint64_t>();
        r.days = j.at("days_run").get<int>();
        r.state_hash = j.at("state_hash").get<std::string>();
        r.trainees = j.at("trainees").get<std::string>();
        for (const auto& x : j.at("roles"))
            r.roles.push_back(
                {x.at("id"), x.at("name"), x.at("levers"), x.at("orders"), x.at("injects")});
        for (const auto& x : j.at("decision_points"))
            r.decision_points.push_back({x.at("day"), x.at("title"), x.at("guidance")});
    } catch (const json::exception& e) {
        throw ScenarioError({{meta_path, 0, 0, "", fmt::format("cannot read it: {}", e.what())}});
    }
    r.scenario = scenario::load_file((fs::path(dir) / "scenario.toml").string());
    const std::string mel = (fs::path(dir) / "mel.csv").string();
    if (fs::exists(mel) && fs::file_size(mel) > 0) {
        // An exercise with no serials has a header only.
        const std::string content = slurp(mel);
        if (content.find('\n') + 1 < content.size())
            r.events = read_mel_csv(mel, r.scenario.meta.start_date);
    }
    return r;
}

scenario::Scenario without_role(const scenario::Scenario& sc, const std::string& role) {
    scenario::Scenario out = sc;
    out.decisions.clear();
    for (const auto& d : sc.decisions)
        if (d.role != role) out.decisions.push_back(d);
    return out;
}

}  // namespace peacesim::exercise
