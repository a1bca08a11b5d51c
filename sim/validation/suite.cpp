// The validation suite: the experiments behind each stylized fact of docs/validation.md, run as
// paired arms over the same seeds (the same country, the same chance), and what is measured in
// each run. The criteria here are the ones docs/validation.md states; change both together.
#include "peacesim/validation/suite.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>

#include "peacesim/core/tasks.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/epstein/model.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"
#include "validation/measures.hpp"
#include "validation/scenarios.hpp"

namespace peacesim::validation {

namespace {

using detail::ConflictRun;
using detail::EpsteinRun;
using detail::measure;
using scenario::Override;

/// An experiment: a scenario, a horizon and one or two arms of overrides.
struct Experiment {
    std::string name;
    std::string_view text;  // the scenario's TOML
    std::string source;     // its file name, for messages and the report
    int days = 0;
    std::vector<Override> common;
    std::vector<std::vector<Override>> arms;
    bool epstein = false;
    int runs = 0;  // seeds; 0: the suite's
};

std::vector<Experiment> experiments(const Options& o) {
    std::vector<Override> size = {{"world.population", std::to_string(o.population)}};
    std::vector<Override> default_size = size, frozen_size = size;
    if (o.small) {
        default_size.push_back({"world.width", "128"});
        default_size.push_back({"world.height", "128"});
    }
    const std::vector<Override> no_mission = {{"mission.troops", "0"}, {"mission.police", "0"}};
    auto with = [](std::vector<Override> a, const std::vector<Override>& b) {
        a.insert(a.end(), b.begin(), b.end());
        return a;
    };
    std::vector<Experiment> ex;
    // 0. The default country with and without the mission's troops and police.
    ex.push_back({"mission",
                  scenario::default_scenario_text(),
                  "scenarios/default.toml",
                  o.small ? 365 : 730,
                  default_size,
                  {no_mission, {}},
                  false});
    // Relapse and inclusion are shares of runs (an agreement holds or fails), which take more
    // runs than a mean to resolve an effect of the same size: they run twice the seeds.
    const int binary_runs = 2 * std::max(2, o.runs);
    // 1. An agreement just signed, with and without the mission.
    // The main armed group has signed (the spoiler has not), so the agreement has a party to
    // break it.
    const std::vector<Override> agreed =
        with(frozen_size,
             {{"politics.initial_stage", "agreement"}, {"armed_groups.0.stance", "signatory"}});
    ex.push_back({"relapse",
                  frozen_conflict_text(),
                  "scenarios/frozen_conflict.toml",
                  o.small ? 540 : 1095,
                  agreed,
                  {no_mission, {}},
                  false,
                  binary_runs});
    // 2. The same agreement negotiated without and with women and civil society.
    ex.push_back({"inclusion",
                  frozen_conflict_text(),
                  "scenarios/frozen_conflict.toml",
                  o.small ? 540 : 1095,
                  agreed,
                  {{{"politics.inclusion", "0"}}, {{"politics.inclusion", "0.8"}}},
                  false,
                  binary_runs});
    // 3. Epstein's legitimacy crisis: 0.9 to 0.6 spread over 300 days, or at once on day 50.
    const std::vector<Override> crisis = {{"epstein.legitimacy", "0.9"},
                                          {"epstein.legitimacy_drop", "0.3"},
                                          {"epstein.drop_day", "50"},
                                          {"epstein.cop_density", "0.074"},
                                          {"epstein.max_jail_term", "1000"}};
    ex.push_back({"legitimacy",
                  epstein_text(),
                  "scenarios/epstein.toml",
                  400,
                  crisis,
                  {{{"epstein.drop_days", "300"}}, {{"epstein.drop_days", "0"}}},
                  true});
    // 4. The docking scenario as shipped (NetLogo's settings).
    ex.push_back({"docking", epstein_text(), "scenarios/epstein.toml", 500, {}, {{}}, true});
    // 5. The default country at its own size, for its events: units keep their number and
    // scale their size with the population (docs/model.md, section 5), so event sizes are the
    // shipped country's only at its shipped population.
    ex.push_back({"events",
                  scenario::default_scenario_text(),
                  "scenarios/default.toml",
                  365,
                  o.small ? default_size : std::vector<Override>{},
                  {{}},
                  false,
                  std::min(o.runs, 8)});
    return ex;
}

std::vector<double> mean_series(const std::vector<std::vector<double>>& runs) {
    std::size_t n = 0;
    for (const auto& r : runs) n = std::max(n, r.size());
    std::vector<double> out(n, 0.0);
    for (const auto& r : runs)
        for (std::size_t i = 0; i < r.size(); ++i) out[i] += r[i] / double(runs.size());
    return out;
}

template <class Run, class F>
std::vector<double> per_seed(const std::vector<Run>& runs, F&& f) {
    std::vector<double> out;
    for (const auto& r : runs) out.push_back(f(r));
    return out;
}

std::string pct(double x) { return fmt::format("{:+.0f}%", 100 * x); }

/// Fills a paired fact's estimates and our figure in words.
void summarise(Fact& f, const std::string& unit) {
    f.control_mean = mean_interval(f.control);
    f.treatment_mean = mean_interval(f.treatment);
    f.difference = paired_difference(f.control, f.treatment);
    f.relative = relative_change(f.control, f.treatment);
    f.ours = fmt::format(
        "{} {:.3g} vs {} {:.3g} {} (mean of {} seeds); paired difference {:+.3g} [{:+.3g}, "
        "{:+.3g}], {} [{}, {}]",
        f.treatment_label, f.treatment_mean.value, f.control_label, f.control_mean.value, unit,
        f.difference.n, f.difference.value, f.difference.lo, f.difference.hi, pct(f.relative.value),
        pct(f.relative.lo), pct(f.relative.hi));
}

}  // namespace

scenario::Scenario docking_scenario() {
    return scenario::load_text(epstein_text(), "scenarios/epstein.toml");
}

Result run_suite(const Options& opt) {
    const auto t0 = std::chrono::steady_clock::now();
    Result res;
    res.options = opt;
    const auto ex = experiments(opt);
    const int n = std::max(2, opt.runs);
    res.options.runs = n;
    struct Task {
        std::size_t exp, arm;
        int index;
    };
    std::vector<Task> tasks;
    for (std::size_t e = 0; e < ex.size(); ++e)
        for (std::size_t a = 0; a < ex[e].arms.size(); ++a)
            for (int i = 0; i < (ex[e].runs > 0 ? ex[e].runs : n); ++i) tasks.push_back({e, a, i});
    // Load every arm once on this thread, so that a bad override is reported before any run.
    std::vector<std::vector<scenario::Scenario>> scenarios(ex.size());
    for (std::size_t e = 0; e < ex.size(); ++e)
        for (const auto& arm : ex[e].arms) {
            auto o = ex[e].common;
            o.insert(o.end(), arm.begin(), arm.end());
            scenarios[e].push_back(scenario::load_text(ex[e].text, ex[e].source, o));
        }
    std::vector<std::vector<std::vector<ConflictRun>>> conflict(ex.size());
    std::vector<std::vector<std::vector<EpsteinRun>>> classic(ex.size());
    for (std::size_t e = 0; e < ex.size(); ++e) {
        const auto runs = std::size_t(ex[e].runs > 0 ? ex[e].runs : n);
        conflict[e].assign(ex[e].arms.size(), std::vector<ConflictRun>(runs));
        classic[e].assign(ex[e].arms.size(), std::vector<EpsteinRun>(runs));
    }
    // The longest runs first, so that the last minutes are not one long run on one core.
    std::vector<std::size_t> order(tasks.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return !ex[tasks[a].exp].epstein && ex[tasks[b].exp].epstein;
    });
    const std::size_t done = core::run_tasks(
        order.size(), opt.jobs,
        [&](std::size_t k) {
            const auto& t = tasks[order[k]];
            const auto& e = ex[t.exp];
            // Seeds shared by the arms: the runs of a pair differ only by the arm's settings.
            const auto seed = std::uint64_t(1000 + t.index);
            const auto& sc = scenarios[t.exp][t.arm];
            if (e.epstein) {
                epstein::Model m(sc, seed);
                for (int d = 0; d < e.days; ++d) m.step();
                classic[t.exp][t.arm][std::size_t(t.index)] = measure(m);
            } else {
                engine::Simulation sim(sc, seed);
                engine::run_days(sim, e.days, 1);
                conflict[t.exp][t.arm][std::size_t(t.index)] = measure(sim, e.days);
            }
        },
        opt.progress, opt.cancelled);
    if (done < order.size()) throw std::runtime_error("validation interrupted; no report written");
    res.runs_done = int(done);

    const auto& mission = conflict[0];
    const auto& relapse = conflict[1];
    const auto& inclusion = conflict[2];
    const auto& crisis = classic[3];
    const std::string in_default =
        fmt::format("{}, {} people, {} days", ex[0].source, opt.population, ex[0].days);
    const std::string in_frozen = fmt::format("{} from a signed agreement, {} people, {} days",
                                              ex[1].source, opt.population, ex[1].days);
    // A paired fact of one of the conflict experiments. Unless the fact says otherwise, its arms
    // are the mission's troops and police against none, and it passes when the treatment
    // lowers the measure with an interval that excludes no effect.
    auto conflict_fact = [&](const std::vector<std::vector<ConflictRun>>& arms,
                             double ConflictRun::*v, std::vector<double> ConflictRun::*series,
                             Fact f, const std::string& unit) {
        if (f.control_label.empty())
            f.control_label = "no troops or police", f.treatment_label = "mission as shipped";
        if (f.scenario.empty()) f.scenario = &arms == &relapse ? in_frozen : in_default;
        f.control = per_seed(arms[0], [&](const ConflictRun& r) { return r.*v; });
        f.treatment = per_seed(arms[1], [&](const ConflictRun& r) { return r.*v; });
        summarise(f, unit);
        if (series) {
            std::vector<std::vector<double>> c, t;
            for (const auto& r : arms[0]) c.push_back(r.*series);
            for (const auto& r : arms[1]) t.push_back(r.*series);
            f.series_control = mean_series(c), f.series_treatment = mean_series(t);
            // A last month of a few days would show as a fall in the chart.
            const int days = &arms == &mission ? ex[0].days : ex[1].days;
            if (days % detail::days_per_month != 0 && f.series_control.size() > 1)
                f.series_control.pop_back(), f.series_treatment.pop_back();
        }
        f.pass = f.difference.hi < 0;
        return f;
    };
    {
        Fact f;
        f.id = "osv";
        f.title = "UN troops and police reduce one-sided violence against civilians";
        f.source = "Hultman, Kathman & Shannon 2013";
        f.published =
            "Predicted civilian deaths fall from 106 a month with no UN troops to fewer than 2 "
            "with 8,000 troops, and from 96 with no police to about 0 with 500 police (African "
            "civil wars 1991-2008).";
        f.measure = "UCDP one-sided deaths (events of type 3, best estimate) over the horizon";
        f.criterion =
            "fewer one-sided deaths with the mission: the paired difference is negative "
            "and its 95% interval excludes 0";
        f.series_x = "month", f.series_y = "one-sided deaths per month";
        f = conflict_fact(mission, &ConflictRun::osv, &ConflictRun::monthly_osv, f, "deaths");
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "battle";
        f.title = "Armed troops reduce battle deaths";
        f.source = "Hultman, Kathman & Shannon 2014";
        f.published =
            "Predicted battle deaths fall from 22 a month with no UN troops to 6 with "
            "10,000 troops (about -70%); police and observers have no effect.";
        f.measure = "UCDP state-based deaths (events of type 1, best estimate) over the horizon";
        f.criterion =
            "fewer battle deaths with the mission's troops: the paired difference is "
            "negative and its 95% interval excludes 0";
        f.series_x = "month", f.series_y = "battle deaths per month";
        f = conflict_fact(mission, &ConflictRun::battle, &ConflictRun::monthly_battle, f, "deaths");
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "relapse";
        f.title =
            "A mission after an agreement lowers the risk of relapse; without one, relapse "
            "is common";
        f.source = "Fortna 2004, 2008; Walter 2010";
        f.published =
            "Peacekeeping cuts the risk of renewed war by 55-85% or more (Fortna 2008); "
            "57% of the countries that had a civil war in 1945-2009 relapsed at least "
            "once (Walter 2010).";
        f.measure =
            "share of runs in which the agreement fails (the track falls back to "
            "conflict) within the horizon";
        f.criterion =
            "without a mission, between 20% and 80% of runs relapse; with it, fewer: "
            "the paired difference is negative and its 95% interval excludes 0";
        f.series_x = "month", f.series_y = "share of runs still at peace";
        f = conflict_fact(relapse, &ConflictRun::relapsed, &ConflictRun::at_peace, f,
                          "share relapsed");
        f.pass = f.difference.hi < 0 && f.control_mean.value >= 0.2 && f.control_mean.value <= 0.8;
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "episodes";
        f.title = "Local presence shortens local episodes of violence";
        f.source = "Ruggeri, Dorussen & Gizelis 2017";
        f.published =
            "In PRIO-GRID cells of sub-Saharan Africa 1989-2006, the presence of "
            "peacekeepers makes the continuation of local conflict markedly less likely "
            "(shorter local episodes); it does not prevent their onset.";
        f.measure =
            "mean length, in 30-day months, of runs of consecutive months with at least "
            "one event in a 55-km block (PRIO-GRID's half degree)";
        f.criterion =
            "shorter local episodes with the mission: the paired difference is negative "
            "and its 95% interval excludes 0";
        f = conflict_fact(mission, &ConflictRun::episode_months, nullptr, f, "months");
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "spread";
        f.title = "A mission limits the geographic spread of violence";
        f.source = "Beardsley & Gleditsch 2015";
        f.published =
            "UN peacekeeping reduces the geographic extent of civil-war violence (the "
            "area its events span); more troops, smaller extent.";
        f.measure = "55-km blocks with at least one event over the horizon";
        f.criterion =
            "fewer blocks touched by violence with the mission: the paired difference "
            "is negative and its 95% interval excludes 0";
        f.series_x = "month", f.series_y = "blocks with violence that month";
        f = conflict_fact(mission, &ConflictRun::blocks, &ConflictRun::monthly_blocks, f, "blocks");
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "inclusion";
        f.title = "Agreements with women's participation last longer";
        f.source = "Krause, Krause & Bränfors 2018";
        f.published =
            "Agreements signed by women delegates are significantly more durable and "
            "see more of their provisions implemented (peace agreements 1989-2011).";
        f.measure =
            "share of runs in which the agreement fails within the horizon, with "
            "politics.inclusion 0 and 0.8";
        f.criterion =
            "fewer failures with inclusion: the paired difference is negative and its "
            "95% interval excludes 0";
        f.scenario = in_frozen;
        f.control_label = "no inclusion", f.treatment_label = "inclusion 0.8";
        f.series_x = "month", f.series_y = "share of runs still at peace";
        f = conflict_fact(inclusion, &ConflictRun::relapsed, &ConflictRun::at_peace, f,
                          "share relapsed");
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "tail";
        f.title = "Event sizes are heavy-tailed and their timing bursty";
        f.source = "Bohorquez et al. 2009; Clauset, Shalizi & Newman 2009";
        f.published =
            "Across nine insurgencies the sizes of events follow a power law with "
            "exponent near 2.5 (Bohorquez et al. 2009); terrorism 2.4 (Clauset, Shalizi "
            "& Newman 2009). Events cluster in time.";
        f.measure =
            "exponent of a discrete power law fitted to the deaths per event (x >= xmin "
            "chosen by the Kolmogorov-Smirnov distance), per seed; burstiness "
            "B = (sd - mean) / (sd + mean) of the days between events";
        f.criterion =
            "the exponent fitted to the events pooled over seeds lies between 2.0 and "
            "3.0, and the mean burstiness is above 0 with its 95% interval excluding 0";
        f.scenario = fmt::format("{} at its own population, {} days, mission as shipped, {} seeds",
                                 ex[5].source, ex[5].days, conflict[5][0].size());
        f.paired = false;
        f.treatment_label = "exponent per seed";
        std::vector<double> bursts;
        for (const auto& r : conflict[5][0]) {
            const auto pl = fit_power_law(r.sizes);
            if (pl.fitted) f.treatment.push_back(pl.alpha);
            bursts.push_back(burstiness(r.times));
            f.sizes.insert(f.sizes.end(), r.sizes.begin(), r.sizes.end());
        }
        f.control = bursts;  // shown as the second measure
        f.control_label = "burstiness per seed";
        f.tail = fit_power_law(f.sizes);
        f.treatment_mean = mean_interval(f.treatment);
        f.control_mean = mean_interval(f.control);
        f.pass =
            f.tail.fitted && f.tail.alpha >= 2.0 && f.tail.alpha <= 3.0 && f.control_mean.lo > 0;
        f.ours = f.tail.fitted
                     ? fmt::format(
                           "pooled exponent {:.2f} (standard error {:.2f}, xmin {}, {} of "
                           "{} events in the tail); per seed {:.2f} [{:.2f}, {:.2f}]; "
                           "burstiness {:.2f} [{:.2f}, {:.2f}]",
                           f.tail.alpha, f.tail.alpha_se, f.tail.xmin, f.tail.n_tail, f.tail.n,
                           f.treatment_mean.value, f.treatment_mean.lo, f.treatment_mean.hi,
                           f.control_mean.value, f.control_mean.lo, f.control_mean.hi)
                     : fmt::format("too few events ({}) to fit a tail", f.sizes.size());
        res.facts.push_back(f);
    }
    {
        Fact f;
        f.id = "legitimacy";
        f.title =
            "A sudden loss of legitimacy brings an outburst the same loss spread out does "
            "not";
        f.source = "Epstein 2002";
        f.published =
            "In the civil-violence model, legitimacy cut at once produces a large "
            "outburst of rebellion; the same fall in small steps produces little or "
            "none, as cops pick off the few who turn active.";
        f.measure =
            "peak number of active citizens, legitimacy 0.9 to 0.6 at once on day 50 or "
            "over 300 days (scenarios/epstein.toml, cop density 0.074, jail terms up to "
            "1,000)";
        f.criterion =
            "the sudden drop's mean peak is at least five times the gradual one's, "
            "and the paired difference's 95% interval excludes 0";
        f.scenario = fmt::format("{}, {} days", ex[3].source, ex[3].days);
        f.control_label = "gradual", f.treatment_label = "sudden";
        f.control = per_seed(crisis[0], [](const EpsteinRun& r) { return r.peak; });
        f.treatment = per_seed(crisis[1], [](const EpsteinRun& r) { return r.peak; });
        summarise(f, "active at the peak");
        f.series_x = "day", f.series_y = "active citizens";
        std::vector<std::vector<double>> c, t;
        for (const auto& r : crisis[0]) c.push_back(r.active);
        for (const auto& r : crisis[1]) t.push_back(r.active);
        f.series_control = mean_series(c), f.series_treatment = mean_series(t);
        f.pass = f.treatment_mean.value >= 5 * f.control_mean.value && f.difference.lo > 0;
        res.facts.push_back(f);
    }
    // The shipped scenario's events as UCDP users summarise the GED.
    {
        auto& s = res.events;
        const auto& runs = conflict[5][0];
        s.scenario = ex[5].source;
        s.runs = int(runs.size()), s.days = ex[5].days;
        s.population = scenarios[5][0].world.population;
        const std::size_t years = runs.front().events_by_year.size();
        s.events_by_year.assign(years, {0, 0, 0});
        s.deaths_by_year.assign(years, {0, 0, 0});
        std::vector<std::int64_t> all, osv;
        double events = 0, big = 0;
        std::vector<double> means, fanos, bursts;
        for (const auto& r : runs) {
            for (std::size_t y = 0; y < years; ++y)
                for (int k = 0; k < 3; ++k) {
                    s.events_by_year[y][std::size_t(k)] +=
                        r.events_by_year[y][std::size_t(k)] / double(runs.size());
                    s.deaths_by_year[y][std::size_t(k)] +=
                        r.deaths_by_year[y][std::size_t(k)] / double(runs.size());
                }
            all.insert(all.end(), r.sizes.begin(), r.sizes.end());
            osv.insert(osv.end(), r.sizes_osv.begin(), r.sizes_osv.end());
            events += double(r.times.size());
            for (auto x : r.sizes) big += x >= 10 ? 1 : 0;
            const auto m = mean_interval(r.monthly_events).value;
            double ss = 0;
            for (double c : r.monthly_events) ss += (c - m) * (c - m);
            const double var =
                r.monthly_events.size() > 1 ? ss / double(r.monthly_events.size() - 1) : 0.0;
            means.push_back(m);
            fanos.push_back(m > 0 ? var / m : 0.0);
            bursts.push_back(burstiness(r.times));
        }
        for (int k = 0; k < 3; ++k) {
            double deaths = 0;
            for (std::size_t y = 0; y < years; ++y) deaths += s.deaths_by_year[y][std::size_t(k)];
            s.deaths_per_100k_year[std::size_t(k)] =
                deaths / double(s.population) * 1e5 * 365.0 / double(ex[5].days);
        }
        s.share_10_plus = events > 0 ? big / events : 0.0;
        s.tail_all = fit_power_law(all);
        s.tail_one_sided = fit_power_law(osv);
        s.monthly_mean = mean_interval(means);
        s.monthly_fano = mean_interval(fanos);
        s.burstiness = mean_interval(bursts);
        s.monthly_counts = runs.front().monthly_events;
    }
    // The docking scenario's own dynamics at NetLogo's settings.
    {
        const auto& runs = classic[4][0];
        res.docking.quiet = runs.front().quiet;
        res.docking.active = runs.front().active;
        res.docking.jailed = runs.front().jailed;
        res.docking.outbursts =
            mean_interval(per_seed(runs, [](const EpsteinRun& r) { return r.outbursts; }));
        res.docking.quiet_spell_days =
            mean_interval(per_seed(runs, [](const EpsteinRun& r) { return r.quiet_spell; }));
        res.docking.mean_active =
            mean_interval(per_seed(runs, [](const EpsteinRun& r) { return r.mean_active; }));
    }
    res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
}

}  // namespace peacesim::validation
