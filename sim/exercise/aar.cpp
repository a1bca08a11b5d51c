// The after-action review (docs/training.md, "After-action review"): the record replayed, the
// counterfactual without the trainees' decisions, the difference over seeds, and each decision's
// own share, organised by the review's four questions: what was planned, what happened, why it
// happened, and what to sustain or improve.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "peacesim/compare/compare.hpp"
#include "peacesim/core/tasks.hpp"
#include "peacesim/core/version.hpp"
#include "peacesim/exercise/exercise.hpp"
#include "peacesim/output/columns.hpp"
#include "report/html.hpp"

namespace peacesim::exercise {

namespace {

using report::escape;
using report::gp;
using validation::Estimate;

// The outcomes the review leads with (keys of compare::outcome_defs()).
constexpr const char* headline[] = {"civilians_killed", "battle_deaths",          "displaced_peak",
                                    "refugees",         "peacekeeper_fatalities", "cost_musd"};

std::size_t outcome_index(const char* key) {
    const auto defs = compare::outcome_defs();
    for (std::size_t k = 0; k < defs.size(); ++k)
        if (std::string_view(defs[k].key) == key) return k;
    throw std::logic_error(fmt::format("no outcome {}", key));
}

std::string num(double x) {
    if (std::fabs(x) >= 100) return fmt::format("{:.0f}", x);
    if (std::fabs(x) >= 10) return fmt::format("{:.1f}", x);
    return fmt::format("{:.2f}", x);
}

std::string signed_interval(const Estimate& e) {
    return fmt::format("{}{} [{}, {}]", e.value > 0 ? "+" : "", num(e.value), num(e.lo), num(e.hi));
}

// "fewer", "more" or "no clear difference", coloured by whether that is better.
std::string judged(const Estimate& e, bool higher_is_better, bool& better, bool& clear) {
    clear = e.excludes_zero();
    better = clear && ((e.value > 0) == higher_is_better);
    if (!clear) return "<td>no clear difference</td>";
    return fmt::format("<td class=\"{}\">{}</td>", better ? "pass" : "fail",
                       e.value > 0 ? "more" : "fewer");
}

}  // namespace

AarResult run_aar(const AarOptions& o) {
    AarResult r;
    r.record = read_record(o.dir);
    const auto& rec = r.record;
    if (rec.days < 1) throw std::runtime_error(o.dir + ": the exercise ran no days");
    const int runs = std::max(1, o.runs);
    for (int k = 0; k < runs; ++k) r.seeds.push_back(rec.seed + std::uint64_t(k));

    // The arms: the record as it was, the counterfactual, then each weighed decision left out.
    const auto& all = rec.scenario.decisions;
    std::vector<std::size_t> trainee;  // indices into the replay's decisions
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].role == rec.trainees) trainee.push_back(i);
    r.trainee_decisions = trainee.size();
    std::vector<scenario::Scenario> arms = {rec.scenario, without_role(rec.scenario, rec.trainees)};
    const std::size_t weighed = std::min<std::size_t>(trainee.size(), std::size_t(o.max_decisions));
    for (std::size_t w = 0; w < weighed; ++w) {
        auto sc = rec.scenario;
        sc.decisions.erase(sc.decisions.begin() + std::ptrdiff_t(trainee[w]));
        arms.push_back(std::move(sc));
    }
    const std::size_t na = arms.size(), ns = r.seeds.size();
    const std::size_t nout = compare::outcome_defs().size();
    std::vector<std::vector<std::vector<double>>> totals(
        na, std::vector<std::vector<double>>(ns));  // [arm][seed][outcome]
    std::vector<engine::LoggedDecision> log;
    std::string hash;
    std::vector<engine::Happening> feed;
    const std::size_t tasks = na * ns;
    const std::size_t done = core::run_tasks(
        tasks, o.jobs,
        [&](std::size_t k) {
            const std::size_t a = k % na, s = k / na;
            engine::Simulation sim(arms[a], r.seeds[s]);
            engine::run_days(sim, rec.days, 1);
            totals[a][s] = compare::outcome_totals(sim);
            if (s != 0) return;
            if (a == 0) {
                hash = sim.state_hash();
                log = sim.decision_log();
                r.exercise = sim.history();
                for (auto& h : engine::run_happenings(sim))
                    if (h.weight >= 3) feed.push_back(std::move(h));
            } else if (a == 1) {
                r.counterfactual = sim.history();
            }
        },
        o.progress, o.cancelled);
    if (done < tasks) throw std::runtime_error("the review was interrupted; no report written");
    r.replay_hash = hash;
    r.replayed = hash == rec.state_hash;
    r.log = std::move(log);
    r.major = std::move(feed);

    r.with.assign(nout, {});
    r.without.assign(nout, {});
    for (std::size_t k = 0; k < nout; ++k) {
        for (std::size_t s = 0; s < ns; ++s) {
            r.with[k].push_back(totals[0][s][k]);
            r.without[k].push_back(totals[1][s][k]);
        }
        r.difference.push_back(validation::paired_difference(r.without[k], r.with[k]));
    }
    // Log entries of the trainees' decisions, in the replay's order.
    std::vector<engine::LoggedDecision> trainee_log;
    for (const auto& e : r.log)
        if (e.role == rec.trainees && e.kind != "inject" && e.kind != "cancel")
            trainee_log.push_back(e);
    for (std::size_t w = 0; w < weighed; ++w) {
        AarResult::Weighed item;
        if (w < trainee_log.size()) item.decision = trainee_log[w];
        for (std::size_t k = 0; k < nout; ++k) {
            std::vector<double> without_it;
            for (std::size_t s = 0; s < ns; ++s) without_it.push_back(totals[2 + w][s][k]);
            item.effect.push_back(validation::paired_difference(without_it, r.with[k]));
        }
        r.weighed.push_back(std::move(item));
    }
    return r;
}

namespace {

// A daily series of the exercise against the counterfactual, with the trainees' decisions as
// solid lines and the events of the master events list as dashed ones.
std::string timeline_chart(const AarResult& r, std::initializer_list<const char*> columns,
                           const char* label, const char* unit, bool cumulative) {
    std::vector<const output::Column*> cols;
    for (const char* c : columns)
        if (const auto* col = output::find_column(c)) cols.push_back(col);
    if (cols.size() != columns.size()) return "";
    std::string data;
    for (int arm = 0; arm < 2; ++arm) {
        const auto& days = arm == 0 ? r.exercise : r.counterfactual;
        data += fmt::format("$a{} << EOD\n", arm);
        double sum = 0;
        for (const auto& d : days) {
            double x = 0;
            for (const auto* col : cols) {
                const auto v = col->read(d);
                x += std::holds_alternative<std::int64_t>(v) ? double(std::get<std::int64_t>(v))
                     : std::holds_alternative<double>(v)     ? std::get<double>(v)
                                                             : 0.0;
            }
            sum += x;
            data += fmt::format("{} {}\n", d.date.iso(), cumulative ? sum : x);
        }
        data += "EOD\n";
    }
    const auto start = r.record.scenario.meta.start_date;
    std::string marks;
    for (const auto& e : r.log)
        if (e.role == r.record.trainees && e.kind != "inject" && e.kind != "cancel")
            marks += fmt::format(
                "set arrow from '{}', graph 0 to '{}', graph 1 nohead lc rgb '#2166ac' lw 1\n",
                start.plus_days(e.day).iso(), start.plus_days(e.day).iso());
    for (const auto& ev : r.record.events)
        if (ev.day < r.record.days)
            marks += fmt::format(
                "set arrow from '{}', graph 0 to '{}', graph 1 nohead lc rgb '#999999' dt 2\n",
                start.plus_days(ev.day).iso(), start.plus_days(ev.day).iso());
    return report::gnuplot_svg(
        data +
        "set xdata time\nset timefmt '%Y-%m-%d'\nset format x '%d %b'\nset xtics rotate by -30\n"
        "set autoscale xfix\nset key outside top center horizontal\nset ylabel " +
        gp(fmt::format("{} ({})", label, unit)) + "\nset yrange [0:*]\n" + marks +
        "plot $a0 using 1:2 with lines lw 2 lc rgb '#b2182b' title 'the exercise', $a1 using "
        "1:2 with lines lw 2 dt 3 lc rgb '#4d4d4d' title 'without the trainees'' decisions', "
        "NaN with lines lc rgb '#2166ac' title 'a decision', NaN with lines dt 2 lc rgb "
        "'#999999' title 'an event of the master list'");
}

std::string day_label(const core::Date& start, std::int64_t day, const std::string& time = "") {
    return fmt::format("day {} ({}{}{})", day, start.plus_days(day).iso(), time.empty() ? "" : " ",
                       time);
}

}  // namespace

std::string aar_html(const AarResult& r) {
    const auto& rec = r.record;
    const auto start = rec.scenario.meta.start_date;
    const auto defs = compare::outcome_defs();
    std::string h = report::page_head("After-action review: " + rec.name);
    h += fmt::format("<h1>After-action review: {}</h1>\n<p>{}</p>\n", escape(rec.name),
                     escape(rec.description));
    h += fmt::format(
        "<p>{} days from {} to {}, seed {}. The trainees' role: <b>{}</b>. {} of their decisions "
        "are in the record. The exercise is compared with itself <i>without the trainees' "
        "decisions</i> (the same events, the same seed), then over {} seeds ({} to {}).</p>\n",
        rec.days, start.iso(), start.plus_days(rec.days - 1).iso(), rec.seed, escape(rec.trainees),
        r.trainee_decisions, r.seeds.size(), r.seeds.front(), r.seeds.back());
    h += r.replayed
             ? fmt::format("<p class=\"pass\">The record replays exactly (state_hash {}).</p>\n",
                           r.replay_hash)
             : fmt::format(
                   "<p class=\"fail\">The record does not replay to its state_hash "
                   "({} here, {} recorded): it was written by another program "
                   "version, or edited. The figures below are of the replay.</p>\n",
                   r.replay_hash, escape(rec.state_hash));

    // 1. What was planned?
    h += "<h2>1. What was planned?</h2>\n";
    if (!rec.decision_points.empty()) {
        h += "<p>The decision points the exercise set, and the decisions taken within a week of "
             "each:</p>\n<table><tr><th>when</th><th>decision point</th><th>what a good answer "
             "weighs</th><th>decisions taken that week</th></tr>\n";
        for (const auto& p : rec.decision_points) {
            std::string taken;
            for (const auto& e : r.log)
                if (e.role == rec.trainees && e.day >= p.day && e.day < p.day + 7)
                    taken += fmt::format("{}day {}: {}", taken.empty() ? "" : "<br>", e.day,
                                         escape(e.what));
            h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                             day_label(start, p.day), escape(p.title), escape(p.guidance),
                             taken.empty() ? "<span class=\"fail\">none</span>" : taken);
        }
        h += "</table>\n";
    }
    if (!rec.events.empty()) {
        h += "<p>The master events list: what the control cell fed the trainees, and the action "
             "expected.</p>\n<table><tr><th>serial</th><th>when</th><th>from</th><th>to</th>"
             "<th>message</th><th>expected action</th><th>model event</th></tr>\n";
        for (const auto& e : rec.events)
            h += fmt::format(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                "</tr>\n",
                escape(e.serial), day_label(start, e.day, e.time), escape(e.from), escape(e.to),
                escape(e.message), escape(e.expected_action),
                e.inject.empty() ? "message only" : "<code>" + escape(e.inject) + "</code>");
        h += "</table>\n";
    }
    if (rec.events.empty() && rec.decision_points.empty())
        h += "<p class=\"note\">The exercise set no decision points and no master events "
             "list.</p>\n";

    // 2. What happened?
    h += "<h2>2. What happened?</h2>\n<p>The decisions, by whom, and how the country stood at "
         "that moment:</p>\n<table><tr><th>when</th><th>who</th><th>decision</th><th>civilians "
         "killed so far</th><th>displaced</th><th>armed-group fighters</th><th>peace process</th>"
         "</tr>\n";
    for (const auto& e : r.log)
        h += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td>{}</td></tr>\n",
            day_label(start, e.day), escape(e.role.empty() ? "-" : e.role), escape(e.what),
            e.done ? "" : " <span class=\"fail\">(not carried out)</span>", e.civilians_killed,
            e.displaced, e.fighters_groups, scenario::stage_names[int(e.stage)]);
    if (r.log.empty()) h += "<tr><td colspan=\"7\">no decisions were taken</td></tr>\n";
    h += "</table>\n";
    h += report::chart_or_note(timeline_chart(r, {"civilians_killed"},
                                              "Civilians killed since the start", "people", true));
    h += report::chart_or_note(timeline_chart(r, {"displaced", "protection_site"},
                                              "Displaced, in protection sites included", "people",
                                              false));
    h += report::chart_or_note(
        timeline_chart(r, {"fighters_groups"}, "Armed groups' fighters", "fighters", false));
    if (!r.major.empty()) {
        h += "<p>The grave happenings of the exercise, as the feed gave them:</p>\n<table><tr>"
             "<th>when</th><th>what</th></tr>\n";
        std::size_t shown = 0;
        for (const auto& m : r.major) {
            if (++shown > 60) break;
            h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", day_label(start, m.day),
                             escape(m.text));
        }
        h += "</table>\n";
        if (r.major.size() > 60)
            h += fmt::format("<p class=\"note\">and {} more in feed.csv.</p>\n",
                             r.major.size() - 60);
    }

    // 3. Why did it happen?
    h += fmt::format(
        "<h2>3. Why did it happen? The difference the decisions made</h2>\n<p>The exercise with "
        "the trainees' decisions against the same exercise without them, over {} seeds (paired "
        "by seed; 95% t intervals). The first column is the exercise itself.</p>\n<table><tr>"
        "<th>outcome</th><th>the exercise</th><th>without the decisions, same seed</th><th>mean "
        "difference over {} seeds</th><th>verdict</th></tr>\n",
        r.seeds.size(), r.seeds.size());
    for (std::size_t k = 0; k < defs.size(); ++k) {
        bool better = false, clear = false;
        const auto& d = r.difference[k];
        h += fmt::format("<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n",
                         defs[k].mechanism ? "&nbsp;&nbsp;why: " : "", escape(defs[k].label),
                         num(r.with[k][0]), num(r.without[k][0]), signed_interval(d),
                         judged(d, defs[k].higher_is_better, better, clear));
    }
    h += "</table>\n";

    // 4. What to sustain, what to improve?
    h += "<h2>4. What to sustain, what to improve?</h2>\n";
    if (r.weighed.empty()) {
        h += "<p>The trainees took no decisions to weigh.</p>\n";
    } else {
        h += fmt::format(
            "<p>Each decision weighed on its own: the exercise with every decision against the "
            "exercise without that one, over the same {} seeds. <b>Sustain</b> what clearly "
            "saved lives or cut displacement; <b>improve</b> what clearly cost them; the rest "
            "made no difference the seeds can tell apart from chance.</p>\n<table><tr><th>when"
            "</th><th>decision</th>",
            r.seeds.size());
        for (const char* key : headline)
            h += fmt::format("<th>{}</th>", escape(defs[outcome_index(key)].label));
        h += "<th>reading</th></tr>\n";
        for (const auto& w : r.weighed) {
            h += fmt::format("<tr><td>{}</td><td>{}</td>", day_label(start, w.decision.day),
                             escape(w.decision.what));
            int good = 0, bad = 0;
            for (const char* key : headline) {
                const auto k = outcome_index(key);
                bool better = false, clear = false;
                judged(w.effect[k], defs[k].higher_is_better, better, clear);
                if (clear && k < 4) (better ? good : bad)++;
                h +=
                    fmt::format("<td class=\"{}\">{}</td>", clear ? (better ? "pass" : "fail") : "",
                                signed_interval(w.effect[k]));
            }
            const bool inert = std::all_of(w.effect.begin(), w.effect.end(), [](const Estimate& e) {
                return e.value == 0 && e.lo == 0 && e.hi == 0;
            });
            h += fmt::format("<td>{}</td></tr>\n",
                             inert        ? "changed nothing in any seed (was it carried out?)"
                             : good > bad ? "<b>sustain</b>"
                             : bad > good ? "<b>improve</b>"
                                          : "no clear effect");
        }
        h += "</table>\n";
        if (r.trainee_decisions > r.weighed.size())
            h += fmt::format(
                "<p class=\"note\">The first {} of {} decisions are weighed one by "
                "one; the rest count in the difference above.</p>\n",
                r.weighed.size(), r.trainee_decisions);
    }
    h += fmt::format(
        "<h2>Reproduce</h2>\n<p><code>peacesim aar {} --runs {}</code>; the exercise alone: "
        "<code>peacesim run {}/scenario.toml --days {} --seed {}</code>. peacesim {}.</p>\n",
        escape(rec.dir), r.seeds.size(), escape(rec.dir), rec.days, rec.seed,
        escape(core::version_string()));
    return h + "</body></html>\n";
}

std::string aar_text(const AarResult& r) {
    const auto defs = compare::outcome_defs();
    std::string t = fmt::format(
        "\nAfter-action review: {} ({} days, {} trainee decisions, {} "
        "seeds){}\n",
        r.record.name, r.record.days, r.trainee_decisions, r.seeds.size(),
        r.replayed ? "" : "  [the record did not replay exactly]");
    t += fmt::format("  {:<28} {:>12} {:>16} {:>26}\n", "", "exercise", "without them",
                     "difference (95%)");
    for (const char* key : headline) {
        const auto k = outcome_index(key);
        t += fmt::format("  {:<28} {:>12} {:>16} {:>26}\n", defs[k].label, num(r.with[k][0]),
                         num(r.without[k][0]), signed_interval(r.difference[k]));
    }
    return t;
}

}  // namespace peacesim::exercise
