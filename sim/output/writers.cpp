// The run's output files (docs/outputs.md): timeseries.csv, events.csv, summary.json and the
// resolved scenario.toml, and writing them so that a reader never sees half of one.
#include "peacesim/output/writers.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <variant>

#include "output/run_json.hpp"
#include "peacesim/core/version.hpp"
#include "peacesim/engine/feed.hpp"
#include "peacesim/output/columns.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"
#include "peacesim/world/map.hpp"

namespace peacesim::output {

std::string csv_quote(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string feed_csv(const engine::Simulation& sim) {
    std::string out = "day,date,kind,weight,text,x,y\n";
    const auto start = sim.scenario().meta.start_date;
    for (const auto& h : engine::run_happenings(sim))
        out += fmt::format("{},{},{},{},{},{},{}\n", h.day, start.plus_days(h.day).iso(), h.kind,
                           h.weight, csv_quote(h.text), h.x >= 0 ? std::to_string(h.x) : "",
                           h.y >= 0 ? std::to_string(h.y) : "");
    return out;
}

std::string timeseries_csv(const engine::Simulation& sim) {
    std::string out = csv_header();
    for (const auto& d : sim.history()) append_csv_row(out, d);
    return out;
}

std::string decisions_csv(const engine::Simulation& sim) {
    std::string out =
        "day,date,role,kind,what,done,option,civilians_killed_so_far,battle_deaths_so_far,"
        "displaced,fighters_groups,stage,legitimacy\n";
    const auto start = sim.scenario().meta.start_date;
    for (const auto& d : sim.decision_log())
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{:.4f}\n", d.day,
                           start.plus_days(d.day).iso(), csv_quote(d.role), d.kind,
                           csv_quote(d.what), d.done ? 1 : 0, csv_quote(d.option),
                           d.civilians_killed, d.battle_deaths, d.displaced, d.fighters_groups,
                           scenario::stage_names[int(d.stage)], d.legitimacy);
    return out;
}

namespace ged {

std::int64_t side_id(std::uint32_t side) noexcept {
    constexpr std::int64_t communal_base = 100, party_base = 1000, mission_id = 50,
                           regional_id = 51;
    if (side == engine::Event::mission_side) return mission_id;
    if (side == engine::Event::regional_side) return regional_id;
    return side >= engine::Event::communal_side
               ? communal_base + std::int64_t(side - engine::Event::communal_side)
               : party_base + std::int64_t(side);
}

std::int64_t side_b_id(const engine::Event& e) noexcept {
    return e.type == 3 ? civilians_id : side_id(e.side_b);
}

std::int64_t dyad_id(const engine::Event& e) noexcept {
    // Side ids stay below 100000 (parties would need to number 99,000), so the pair decodes.
    constexpr std::int64_t pair_base = 100000;
    const std::int64_t a = side_id(e.side_a), b = side_b_id(e);
    return std::min(a, b) * pair_base + std::max(a, b);
}

std::int64_t conflict_id(const engine::Event& e) noexcept {
    constexpr std::int64_t over_government = 1;
    if (e.type == 1) return over_government;
    if (e.type == 2) return dyad_id(e);
    return side_id(e.side_a);
}

}  // namespace ged

// The GED's columns in the GED's order (UCDP GED codebook 23.1), then ours. where_prec is the
// codebook's 1 (exact location) where the event happened at a settlement and 2 (within 25 km of a
// known point: the cell's centre) in the open; dates are exact days (date_prec 1) and every event
// is one clear incident (event_clarity 1).
const std::vector<std::string>& event_columns() {
    static const std::vector<std::string> names = {"id",
                                                   "year",
                                                   "date_start",
                                                   "date_end",
                                                   "type_of_violence",
                                                   "conflict_new_id",
                                                   "dyad_new_id",
                                                   "side_a_new_id",
                                                   "side_a",
                                                   "side_b_new_id",
                                                   "side_b",
                                                   "where_prec",
                                                   "adm_1",
                                                   "latitude",
                                                   "longitude",
                                                   "priogrid_gid",
                                                   "country",
                                                   "event_clarity",
                                                   "date_prec",
                                                   "deaths_a",
                                                   "deaths_b",
                                                   "deaths_civilians",
                                                   "deaths_unknown",
                                                   "best",
                                                   "low",
                                                   "high",
                                                   "day",
                                                   "cell_x",
                                                   "cell_y"};
    return names;
}

std::vector<Value> event_row(const engine::Simulation& sim, const engine::Event& e) {
    constexpr std::int64_t where_exact = 1, where_near = 2, date_exact_day = 1, clear_event = 1;
    const auto& m = sim.map();
    const std::string b = e.type == 3 ? std::string("Civilians") : sim.side_name(e.side_b);
    // The grid cell of the coordinates as written (4 decimals), so that a reader recomputing it
    // from them agrees.
    const double lat = std::round(m.latitude(e.cell_y) * 1e4) / 1e4;
    const double lon = std::round(m.longitude(e.cell_x, e.cell_y) * 1e4) / 1e4;
    const bool at_settlement = e.settlement != 0xFFFFFFFFu;
    using I = std::int64_t;
    return {e.id,
            I(e.date.year),
            e.date.iso(),
            e.date.iso(),
            I(e.type),
            ged::conflict_id(e),
            ged::dyad_id(e),
            ged::side_id(e.side_a),
            sim.side_name(e.side_a),
            ged::side_b_id(e),
            b,
            at_settlement ? where_exact : where_near,
            m.regions[e.region].name,
            lat,
            lon,
            I(world::priogrid_gid(lat, lon)),
            sim.scenario().meta.country,
            clear_event,
            date_exact_day,
            e.deaths_a,
            e.deaths_b,
            e.deaths_civilians,
            e.deaths_unknown,
            e.best(),
            e.low,
            e.high,
            I(e.day),
            I(e.cell_x),
            I(e.cell_y)};
}

std::string events_csv(const engine::Simulation& sim) {
    std::string out;
    for (const auto& c : event_columns()) out += (out.empty() ? "" : ",") + c;
    out += '\n';
    for (const auto& e : sim.events()) {
        bool first = true;
        for (const auto& v : event_row(sim, e)) {
            if (!first) out += ',';
            first = false;
            std::visit(
                [&](const auto& x) {
                    using T = std::decay_t<decltype(x)>;
                    if constexpr (std::is_same_v<T, std::monostate>)
                        return;  // undefined: an empty cell
                    else if constexpr (std::is_same_v<T, std::string>)
                        out += csv_quote(x);
                    else if constexpr (std::is_same_v<T, double>)
                        out += fmt::format("{:.4f}", x);
                    else
                        out += fmt::format("{}", x);
                },
                v);
        }
        out += '\n';
    }
    return out;
}

std::string summary_json(const engine::Simulation& sim, const RunInfo& info) {
    // Run totals of series columns come from the column table, so summary.json and
    // timeseries.csv cannot disagree. The engine supplies what no column aggregates: stages,
    // relapses, the peak of displaced plus sheltered people, the mission's cost, response-time
    // percentiles over all responses, and counts the series does not carry.
    const auto series = column_totals(sim.history());
    auto total = [&](std::string_view column) {
        const auto it = series.find(column);
        // A misspelt name fails every test that writes a summary.
        if (it == series.end())
            throw std::logic_error(
                fmt::format("summary.json: no column {} with a run total", column));
        return std::visit(
            [](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
                    return nlohmann::ordered_json(nullptr);
                else
                    return nlohmann::ordered_json(v);
            },
            it->second);
    };
    const auto t = output::totals(sim);
    nlohmann::ordered_json j;
    detail::add_provenance(j, info);
    j["seeds"] = {{"run", info.seed}, {"map", sim.scenario().world.seed}};
    j["country"] = sim.scenario().meta.country;
    j["seed"] = info.seed;
    j["days"] = info.days;
    j["threads"] = info.threads;
    j["start_date"] = sim.scenario().meta.start_date.iso();
    j["end_date"] =
        sim.scenario().meta.start_date.plus_days(info.days > 0 ? info.days - 1 : 0).iso();
    j["population"] = sim.civilians().size();
    nlohmann::ordered_json tot;
    for (const char* k :
         {"civilians_killed", "civilians_killed_government", "civilians_killed_groups",
          "civilians_killed_battle", "battle_deaths", "peacekeeper_fatalities"})
        tot[k] = total(k);
    const auto m = sim.mission_totals();
    tot["displaced_peak"] = t.displaced_peak;
    tot["refugees"] = total("refugees");
    tot["recruited"] = total("new_recruits");  // the flow; the column `recruited` is the stock
    tot["cost_musd"] = m.cost_musd;
    tot["communal_deaths"] = total("communal_deaths");
    tot["events"] = {{"state_based", total("events_state_based")},
                     {"non_state", total("events_non_state")},
                     {"one_sided", total("events_one_sided")}};
    j["totals"] = tot;
    const auto& mp = sim.scenario().mission;
    nlohmann::ordered_json mj;
    mj["mandate"] = scenario::mandate_names[int(mp.mandate)];
    nlohmann::ordered_json tasks;
    const auto tk = sim.mission_tasks();
    const std::pair<const char*, scenario::Switch> task_list[] = {
        {"presence", tk.presence},
        {"patrols", tk.patrols},
        {"protection_sites", tk.protection_sites},
        {"rapid_response", tk.rapid_response},
        {"observe_report", tk.observe_report},
        {"human_rights", tk.human_rights},
        {"civil_affairs", tk.civil_affairs},
        {"mediation", tk.mediation},
        {"electoral", tk.electoral},
        {"ddr", tk.ddr},
        {"offensive_ops", tk.offensive_ops}};
    for (const auto& [name, sw] : task_list) tasks[name] = sw == scenario::Switch::On;
    mj["tasks"] = tasks;
    mj["patrols"] = total("patrols");
    mj["responses"] = total("responses");
    // Undefined (null) in a run without responses, not 0.
    mj["response_time_median_h"] =
        m.responses > 0 ? nlohmann::ordered_json(m.response_time_median_h) : nullptr;
    mj["response_time_p90_h"] =
        m.responses > 0 ? nlohmann::ordered_json(m.response_time_p90_h) : nullptr;
    mj["flight_hours"] = total("flight_hours");
    mj["movement_denials"] = total("movement_denials");
    mj["reimbursement_delay_days"] = total("reimbursement_delay_days");
    mj["contingents_withdrawn"] = m.contingents_withdrawn;
    mj["misconduct_cases"] = total("misconduct_cases");
    mj["rotations"] = m.rotations;
    mj["reports"] = m.reports;
    mj["fatalities"] = total("peacekeeper_fatalities");
    mj["cost_musd"] = m.cost_musd;
    mj["final_impartiality"] = m.final_impartiality;
    mj["roads_repaired_cells"] = m.roads_repaired;
    // Why the mission did what it did for civilians, mechanism by mechanism.
    const auto& w = m.why;
    mj["deterrence"] = {{"raids_not_attempted", w.raids_not_attempted},
                        {"raids_retargeted", w.raids_retargeted},
                        {"raids_met_on_the_spot", w.raids_met_on_the_spot},
                        {"raids_broken_by_defenders", w.raids_broken_by_defenders}};
    mj["response"] = {{"tasked", w.responses_tasked},
                      {"in_time", w.responses_in_time},
                      {"late", w.responses_late},
                      {"held_by_host", w.responses_denied},
                      {"retasked", w.responses_retasked},
                      {"unanswered", w.responses_unanswered},
                      {"not_alerted", w.attacks_not_alerted},
                      {"by_air", w.responses_by_air},
                      {"attacks_cut_short", w.attacks_cut_short}};
    mj["patrolling"] = {{"contacts", w.patrol_contacts},
                        {"ied_strikes", w.patrol_ied_strikes},
                        {"not_funded", w.patrols_unfunded}};
    mj["air"] = {{"sorties", w.sorties},
                 {"air_strikes", w.air_strikes},
                 {"helicopter_lease_musd", m.helicopter_lease_musd}};
    mj["process"] = {{"violations_verified", w.violations_verified},
                     {"local_truces", w.local_truces},
                     {"local_truces_broken", w.local_truces_broken}};
    mj["policing"] = {{"clashes_policed", w.clashes_policed}};
    mj["battles"] = w.mission_battles;
    mj["convoy_ied_strikes"] = w.convoy_ied_strikes;
    j["mission"] = mj;
    const auto& rf = sim.scenario().regional_force;
    std::int64_t regional_troops = 0;
    for (const auto& u : sim.mission_units())
        if (u.kind == mission::UnitKind::Regional && u.active()) regional_troops += u.strength;
    j["regional_force"] = {{"name", rf.name},
                           {"mandate", scenario::regional_mandate_names[int(rf.mandate)]},
                           {"troops_at_end", regional_troops},
                           {"operations", m.regional_operations},
                           {"fatalities", m.regional_fatalities}};
    j["politics"] = {{"final_stage", scenario::stage_names[int(t.final_stage)]},
                     {"furthest_stage", scenario::stage_names[int(t.furthest_stage)]},
                     {"relapses", t.relapses},
                     {"local_dialogues", total("local_dialogues")},
                     {"communal_clashes", total("communal_clashes")},
                     {"demobilised", total("demobilised")}};
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    std::vector<std::int64_t> strength(sim.parties().size(), 0);
    for (const auto& u : sim.units()) strength[u.party] += u.strength;
    for (std::size_t p = 0; p < sim.parties().size(); ++p) {
        const auto& party = sim.parties()[p];
        groups.push_back({{"name", party.name},
                          {"government", party.government},
                          {"stance", party.government ? "government"
                                                      : scenario::stance_names[int(party.stance)]},
                          {"fighters", strength[p]},
                          {"recruits", party.recruits},
                          {"losses", party.losses}});
    }
    j["parties"] = groups;
    nlohmann::ordered_json fin;
    const auto counts = sim.status_counts();
    for (int s = 0; s < population::status_count; ++s)
        fin[population::status_names[s]] = counts[std::size_t(s)];
    j["final_status"] = fin;
    detail::add_throughput(j, sim.state_hash(), sim.agent_updates(), info);
    return j.dump(2) + "\n";
}

std::string scenario_toml(const scenario::Scenario& resolved, const RunInfo& info) {
    // Days and the run seed stay on the command line: the scenario's own [scenario] days and
    // seed are left as they were, and the comment says what the run used.
    auto comment = [](std::string s) {  // TOML comments end at a newline, take no controls
        for (char& c : s)
            if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) c = '?';
        return s;
    };
    return fmt::format(
        "# The scenario this run resolved (peacesim {}):\n"
        "# {} with every --set and --inject merged.\n"
        "# Run: {}\n"
        "# Reproduce: peacesim run scenario.toml --days {} --seed {}\n{}",
        core::version_string(), comment(info.source), comment(info.command_line), info.days,
        info.seed, scenario::to_toml(resolved));
}

std::string shell_join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        const bool plain = !w.empty() && w.find_first_not_of(
                                             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_@%+=:,./-") == std::string::npos;
        if (plain) {
            out += w;
            continue;
        }
        // Single quotes keep everything literal; a single quote itself closes, escapes, reopens.
        out += '\'';
        for (char c : w) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        out += '\'';
    }
    return out;
}

namespace fs = std::filesystem;

}  // namespace peacesim::output
