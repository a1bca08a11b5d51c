// Policy comparison: options run over common seeds, and what is compared (docs/compare.md).
#include "peacesim/compare/compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "peacesim/core/tasks.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/output/columns.hpp"
#include "peacesim/output/totals.hpp"

namespace peacesim::compare {

namespace {

using validation::Estimate;

// The run totals compared, then the mission's counters that say why options differ.
constexpr OutcomeDef outcome_table[] = {
    {"civilians_killed", "Civilians killed", "people", false, false},
    {"battle_deaths", "Battle deaths", "people", false, false},
    {"displaced_peak", "Displaced at the peak", "people", false, false},
    {"refugees", "Refugees", "people", false, false},
    {"peacekeeper_fatalities", "Peacekeepers killed", "people", false, false},
    {"cost_musd", "Mission cost", "US$ million", false, false},
    {"raids_not_attempted", "Raids not attempted (deterred)", "raids", true, true},
    {"raids_retargeted", "Raids turned elsewhere", "raids", false, true},
    {"raids_met_on_the_spot", "Raids met by troops on the spot", "raids", true, true},
    {"local_truces", "Local truces brokered where troops stood", "truces", true, true},
    {"responses_in_time", "Responses in time", "responses", true, true},
    {"responses_late", "Responses too late", "responses", false, true},
    {"responses_denied", "Responses held by the host", "responses", false, true},
    {"responses_unanswered", "Attacks no force could answer", "attacks", false, true},
    {"attacks_not_alerted", "Attacks the mission never heard of", "attacks", false, true},
    {"sorties", "Helicopter sorties", "sorties", true, true},
    {"patrols", "Patrols", "patrols", true, true},
    {"patrols_unfunded", "Patrols the budget could not pay", "patrols", false, true},
    {"movement_denials", "Movements denied by the host", "denials", false, true},
    {"reimbursement_delay_days", "Longest reimbursement delay", "days", false, true},
    {"contingents_withdrawn", "Contingents withdrawn", "contingents", false, true},
};

}  // namespace

std::span<const OutcomeDef> outcome_defs() { return outcome_table; }

std::vector<double> outcome_totals(const engine::Simulation& sim) {
    const auto t = output::totals(sim);
    const auto m = sim.mission_totals();
    const auto& w = m.why;
    return {double(t.civilians_killed),
            double(t.battle_deaths),
            double(t.displaced_peak),
            double(t.refugees),
            double(m.fatalities),
            m.cost_musd,
            double(w.raids_not_attempted),
            double(w.raids_retargeted),
            double(w.raids_met_on_the_spot),
            double(w.local_truces),
            double(w.responses_in_time),
            double(w.responses_late),
            double(w.responses_denied),
            double(w.responses_unanswered),
            double(w.attacks_not_alerted),
            double(w.sorties),
            double(m.patrols),
            double(w.patrols_unfunded),
            double(m.movement_denials),
            double(m.reimbursement_delay_days),
            double(m.contingents_withdrawn)};
}

namespace {

struct SeriesDef {
    const char* column;
    const char* label;
    const char* unit;
    bool cumulative;
};
constexpr SeriesDef series_defs[] = {
    {"civilians_killed", "Civilians killed since the start", "people", true},
    {"battle_deaths", "Battle deaths since the start", "people", true},
    {"displaced", "Internally displaced", "people", false},
    {"mission_cash_musd", "The mission's cash in hand", "US$ million", false},
};

double number(const output::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return double(*i);
    if (const auto* x = std::get_if<double>(&v)) return *x;
    return 0.0;
}

std::string trim(std::string s) {
    const auto a = s.find_first_not_of(" \t");
    const auto b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

}  // namespace

Option parse_option(const std::string& text) {
    const auto fail = [&](const std::string& why) {
        throw scenario::ScenarioError(
            {{"--option " + text, 0, 0, "", why + "; expected NAME:KEY=VALUE[,KEY=VALUE...]"}});
    };
    const auto colon = text.find(':');
    if (colon == std::string::npos) fail("no ':' after the option's name");
    Option o;
    o.name = trim(text.substr(0, colon));
    if (o.name.empty()) fail("the option has no name");
    std::string rest = text.substr(colon + 1);
    if (trim(rest).empty()) fail("the option sets no key");
    std::size_t start = 0;
    while (start <= rest.size()) {
        const auto comma = rest.find(',', start);
        const std::string item = trim(
            rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (item.empty()) fail("an empty KEY=VALUE");
        auto ov = scenario::parse_override(item);
        if (ov.key == "budget") ov.key = "mission.budget_musd";
        o.sets.push_back(ov);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return o;
}

const Outcome& Result::outcome(std::string_view key) const {
    for (const auto& o : outcomes)
        if (o.key == key) return o;
    throw std::logic_error(fmt::format("compare: no outcome {}", key));
}

Result run(const Options& opt) {
    const auto t0 = std::chrono::steady_clock::now();
    if (opt.options.size() < 2)
        throw std::runtime_error("compare: give at least two --option (the first is the baseline)");
    for (std::size_t i = 0; i < opt.options.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (opt.options[i].name == opt.options[j].name)
                throw std::runtime_error(
                    fmt::format("compare: two options are named {}", opt.options[i].name));
    Result res;
    res.options = opt;
    const std::size_t no = opt.options.size();
    const int n = std::max(2, opt.runs);
    res.options.runs = n;
    // Every option's scenario is loaded first, so that a bad key stops the comparison before
    // any run, with the option named.
    std::vector<scenario::Scenario> sc;
    for (const auto& o : opt.options) {
        std::vector<scenario::Override> sets;
        for (const auto& s : opt.base_sets) sets.push_back(scenario::parse_override(s));
        sets.insert(sets.end(), o.sets.begin(), o.sets.end());
        try {
            if (!opt.scenario_text.empty())
                sc.push_back(scenario::load_text(opt.scenario_text, "<scenario>", sets));
            else
                sc.push_back(opt.scenario.empty() ? scenario::load_default(sets)
                                                  : scenario::load_file(opt.scenario, sets));
        } catch (const scenario::ScenarioError& e) {
            auto d = e.diagnostics();
            for (auto& x : d) {
                // A setting of an option read from a file is reported at its [[option]] table;
                // one of the options' shared --set stays a --set.
                const bool own = std::any_of(o.sets.begin(), o.sets.end(), [&](const auto& s) {
                    return x.file.find(s.key + "=") != std::string::npos;
                });
                if (own && !o.file.empty() && x.file.rfind("--set", 0) == 0) {
                    x.message = fmt::format("option {}, {}: {}", o.name, x.file, x.message);
                    x.file = o.file, x.line = o.line, x.column = 1;
                } else {
                    x.message = fmt::format("option {}: {}", o.name, x.message);
                }
            }
            throw scenario::ScenarioError(std::move(d));
        }
        if (sc.back().meta.model != scenario::Model::Conflict)
            throw std::runtime_error(
                "compare: the scenario runs Epstein's civil-violence model; "
                "compare runs the conflict model");
    }
    const int days = opt.days > 0 ? opt.days : int(sc.front().meta.compare_days);
    res.days = days;
    res.scenario_name = sc.front().meta.name;
    res.country = sc.front().meta.country;
    res.start_date = sc.front().meta.start_date.iso();
    for (int i = 0; i < n; ++i) res.seeds.push_back(opt.first_seed + std::uint64_t(i));

    // [option][seed] totals and [option][seed][series][day] values.
    std::vector<std::vector<std::vector<double>>> totals(
        no, std::vector<std::vector<double>>(std::size_t(n)));
    std::vector<std::vector<std::vector<std::vector<double>>>> daily(
        no, std::vector<std::vector<std::vector<double>>>(std::size_t(n)));
    std::vector<const output::Column*> columns;
    for (const auto& d : series_defs) columns.push_back(output::find_column(d.column));
    const std::size_t tasks = no * std::size_t(n);
    const std::size_t done = core::run_tasks(
        tasks, opt.jobs,
        [&](std::size_t k) {
            const std::size_t o = k % no, s = k / no;
            engine::Simulation sim(sc[o], res.seeds[s]);
            engine::run_days(sim, days, 1);
            totals[o][s] = outcome_totals(sim);
            auto& out = daily[o][s];
            out.assign(columns.size(), std::vector<double>(sim.history().size(), 0.0));
            for (std::size_t c = 0; c < columns.size(); ++c) {
                double sum = 0;
                for (std::size_t d = 0; d < sim.history().size(); ++d) {
                    const double v = number(columns[c]->read(sim.history()[d]));
                    sum += v;
                    out[c][d] = series_defs[c].cumulative ? sum : v;
                }
            }
        },
        opt.progress, opt.cancelled);
    if (done < tasks) throw std::runtime_error("compare interrupted; no report written");

    for (std::size_t k = 0; k < std::size(outcome_table); ++k) {
        const auto& d = outcome_table[k];
        Outcome out{d.key, d.label, d.unit, d.higher_is_better, d.mechanism, {}, {}, {}, false};
        out.runs.assign(no, {});
        for (std::size_t o = 0; o < no; ++o)
            for (int s = 0; s < n; ++s) out.runs[o].push_back(totals[o][std::size_t(s)][k]);
        out.identical = true;
        for (std::size_t o = 0; o < no; ++o) {
            out.mean.push_back(validation::mean_interval(out.runs[o]));
            out.difference.push_back(validation::paired_difference(out.runs[0], out.runs[o]));
            out.identical = out.identical && out.runs[o] == out.runs[0];
        }
        res.outcomes.push_back(std::move(out));
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto& sd = series_defs[c];
        Series s{sd.column, sd.label, sd.unit, sd.cumulative, {}, {}, {}};
        s.mean.assign(no, {}), s.lo.assign(no, {}), s.hi.assign(no, {});
        for (std::size_t o = 0; o < no; ++o)
            for (int d = 0; d < days; ++d) {
                std::vector<double> v;
                for (int r = 0; r < n; ++r)
                    v.push_back(daily[o][std::size_t(r)][c][std::size_t(d)]);
                const auto e = validation::mean_interval(v);
                s.mean[o].push_back(e.value), s.lo[o].push_back(e.lo), s.hi[o].push_back(e.hi);
            }
        res.series.push_back(std::move(s));
    }
    // Cost per civilian death averted against the baseline, paired by seed.
    const auto& killed = res.outcome("civilians_killed").runs;
    const auto& cost = res.outcome("cost_musd").runs;
    for (std::size_t o = 0; o < no; ++o) {
        std::vector<double> extra, saved;
        for (int s = 0; s < n; ++s) {
            extra.push_back(cost[o][std::size_t(s)] - cost[0][std::size_t(s)]);
            saved.push_back(killed[0][std::size_t(s)] - killed[o][std::size_t(s)]);
        }
        // Defined only where the option averted deaths beyond chance: with an interval of
        // deaths averted that reaches 0, the cost per death averted has no upper bound.
        const auto saved_estimate = validation::mean_interval(saved);
        res.averted.push_back(o > 0 && saved_estimate.lo > 0);
        res.cost_per_death_averted.push_back(o > 0 ? validation::ratio_of_sums(extra, saved)
                                                   : Estimate{});
    }
    // What the reader must know before trusting the comparison.
    if (days < 365)
        res.warnings.push_back(fmt::format(
            "The horizon ({} days) is shorter than a budget year: contributions arrive in {} "
            "instalments a year and a cut bites from the next one, so funding effects may not "
            "show yet. The scenario's scenario.compare_days ({}) is the horizon it declares for "
            "comparisons.",
            days, sc.front().mission.funding.payments_per_year, sc.front().meta.compare_days));
    const auto& costs = res.outcome("cost_musd").mean;
    const double base_cost = costs[0].value;
    for (std::size_t o = 1; o < no; ++o) {
        const double c = costs[o].value;
        if (base_cost > 0 && std::fabs(c - base_cost) > opt.cost_tolerance * base_cost)
            res.warnings.push_back(fmt::format(
                "Not an equal-cost comparison: {} costs US${:.1f} million against {}'s US${:.1f} "
                "million ({:+.0f}%, more than the {:.0f}% tolerance).",
                opt.options[o].name, c, opt.options[0].name, base_cost, 100 * (c / base_cost - 1),
                100 * opt.cost_tolerance));
        bool same = true;
        for (const auto& out : res.outcomes) same = same && out.runs[o] == out.runs[0];
        if (same)
            res.warnings.push_back(fmt::format(
                "{} had no effect: every run is identical to {}'s in every outcome (the same "
                "seeds give the same results), so its settings changed nothing here.",
                opt.options[o].name, opt.options[0].name));
    }
    std::string cmd = "peacesim compare";
    if (!opt.scenario.empty()) cmd += " " + opt.scenario;
    for (const auto& s : opt.base_sets) cmd += " --set " + s;
    for (const auto& o : opt.options) {
        std::string sets;
        for (const auto& s : o.sets) sets += (sets.empty() ? "" : ",") + s.key + "=" + s.value;
        cmd += " --option '" + o.name + ":" + sets + "'";
    }
    cmd += fmt::format(" --runs {} --days {}", n, days);
    if (opt.first_seed != 1) cmd += fmt::format(" --first-seed {}", opt.first_seed);
    res.command = cmd;
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

}  // namespace peacesim::compare
