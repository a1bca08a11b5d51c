// One run of an experiment: the scenario of its point, one thread, and what the results database
// keeps of it.
#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "detail/results.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::experiment::detail {

namespace {

Cell cell(const output::Value& v) {
    return std::visit([](const auto& x) { return Cell(x); }, v);
}

/// The mission's totals, in the order of mission::Totals, by the names the runs table uses.
std::vector<std::pair<std::string, Cell>> mission_cells(const mission::Totals& m) {
    // A response time is undefined (NULL) in a run without responses, not 0.
    const auto hours = [&](double h) { return m.responses > 0 ? Cell{h} : Cell{}; };
    const auto& w = m.why;
    return {{"mission_patrols", m.patrols},
            {"mission_responses", m.responses},
            {"mission_movement_denials", m.movement_denials},
            {"mission_contingents_withdrawn", m.contingents_withdrawn},
            {"mission_misconduct_cases", m.misconduct_cases},
            {"mission_fatalities", m.fatalities},
            {"mission_reports", m.reports},
            {"mission_rotations", m.rotations},
            {"mission_flight_hours", m.flight_hours},
            {"mission_cost_musd", m.cost_musd},
            {"mission_response_time_median_h", hours(m.response_time_median_h)},
            {"mission_response_time_p90_h", hours(m.response_time_p90_h)},
            {"mission_reimbursement_delay_days", m.reimbursement_delay_days},
            {"mission_final_impartiality", m.final_impartiality},
            {"mission_roads_repaired", m.roads_repaired},
            {"mission_regional_fatalities", m.regional_fatalities},
            {"mission_regional_operations", m.regional_operations},
            // Why the mission did what it did (summary.json's mission.deterrence, .response,
            // .patrolling, .air, .process, .policing; docs/outputs.md).
            {"mission_raids_not_attempted", w.raids_not_attempted},
            {"mission_raids_retargeted", w.raids_retargeted},
            {"mission_raids_met_on_the_spot", w.raids_met_on_the_spot},
            {"mission_raids_broken_by_defenders", w.raids_broken_by_defenders},
            {"mission_responses_tasked", w.responses_tasked},
            {"mission_responses_in_time", w.responses_in_time},
            {"mission_responses_late", w.responses_late},
            {"mission_responses_held_by_host", w.responses_denied},
            {"mission_responses_retasked", w.responses_retasked},
            {"mission_responses_unanswered", w.responses_unanswered},
            {"mission_attacks_not_alerted", w.attacks_not_alerted},
            {"mission_responses_by_air", w.responses_by_air},
            {"mission_attacks_cut_short", w.attacks_cut_short},
            {"mission_patrol_contacts", w.patrol_contacts},
            {"mission_patrol_ied_strikes", w.patrol_ied_strikes},
            {"mission_patrols_not_funded", w.patrols_unfunded},
            {"mission_convoy_ied_strikes", w.convoy_ied_strikes},
            {"mission_sorties", w.sorties},
            {"mission_air_strikes", w.air_strikes},
            {"mission_battles", w.mission_battles},
            {"mission_violations_verified", w.violations_verified},
            {"mission_clashes_policed", w.clashes_policed},
            {"mission_local_truces", w.local_truces},
            {"mission_local_truces_broken", w.local_truces_broken},
            {"mission_helicopter_lease_musd", m.helicopter_lease_musd}};
}

/// What output::totals adds to the series' own run totals.
std::vector<std::pair<std::string, Cell>> engine_cells(const output::Totals& t) {
    return {{"displaced_peak", t.displaced_peak},
            {"final_stage", std::string(scenario::stage_names[int(t.final_stage)])},
            {"furthest_stage", std::string(scenario::stage_names[int(t.furthest_stage)])},
            {"relapses", std::int64_t(t.relapses)}};
}

std::vector<Cell> totals_of(const engine::Simulation& sim) {
    const auto series = output::column_totals(sim.history());
    std::vector<Cell> out;
    for (const auto& c : output::columns())
        if (c.aggregate != output::Aggregate::None)
            out.push_back(cell(series.find(c.name)->second));
    for (auto& [name, v] : engine_cells(output::totals(sim))) out.push_back(std::move(v));
    for (auto& [name, v] : mission_cells(sim.mission_totals())) out.push_back(std::move(v));
    return out;
}

}  // namespace

const std::vector<std::string>& total_columns() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const auto& c : output::columns())
            if (c.aggregate != output::Aggregate::None) n.emplace_back(c.name);
        for (const auto& [name, v] : engine_cells({})) n.push_back(name);
        for (const auto& [name, v] : mission_cells({})) n.push_back(name);
        return n;
    }();
    return names;
}

const std::vector<std::string>& event_columns() { return output::event_columns(); }

std::vector<std::string> series_columns(const Experiment& ex) {
    if (!ex.keep_series) return {};
    if (!ex.series.empty()) return ex.series;
    std::vector<std::string> all;
    for (const auto& c : output::columns())
        if (c.name != "day") all.emplace_back(c.name);
    return all;
}

RunResult run_plan(const Experiment& ex, const RunPlan& plan,
                   const std::function<void(const RunPlan&)>& before_run,
                   const std::function<bool()>& cancelled) {
    RunResult r;
    r.plan = plan;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        if (before_run) before_run(plan);
        engine::Simulation sim(plan_scenario(ex, plan), plan.seed);
        // One thread per run: a sweep's parallelism is over runs, which share nothing.
        const int done = engine::run_days(sim, ex.days, 1, [&](int) { return !cancelled(); });
        if (done < ex.days) {
            r.abandoned = true;
            return r;
        }
        r.totals = totals_of(sim);
        r.state_hash = sim.state_hash();
        const auto cols = series_columns(ex);
        std::vector<const output::Column*> picked;
        for (const auto& name : cols) picked.push_back(output::find_column(name));
        r.series.reserve(sim.history().size() * picked.size());
        for (const auto& d : sim.history())
            for (std::size_t c = 0; c < picked.size(); ++c)
                r.series.push_back({d.day, int(c), cell(picked[c]->read(d))});
        if (ex.keep_events)
            for (const auto& e : sim.events()) {
                auto& row = r.events.emplace_back();
                for (const auto& v : output::event_row(sim, e)) row.push_back(cell(v));
            }
        r.ok = true;
    } catch (const scenario::ScenarioError& e) {
        std::string msg;
        for (const auto& d : e.diagnostics()) msg += (msg.empty() ? "" : "; ") + d.str();
        r.error = msg;
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

}  // namespace peacesim::experiment::detail
