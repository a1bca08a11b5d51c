// The policy comparison's report: one offline HTML page, and a terminal table.
#include <fmt/format.h>

#include <cmath>

#include "peacesim/compare/compare.hpp"
#include "peacesim/core/date.hpp"
#include "peacesim/core/version.hpp"
#include "report/html.hpp"

namespace peacesim::compare {

namespace {

using report::chart_or_note;
using report::escape;
using report::gnuplot_svg;
using report::gp;
using validation::Estimate;

constexpr const char* colours[] = {"#4d4d4d", "#2166ac", "#b2182b", "#1b7837",
                                   "#762a83", "#e08214", "#01665e", "#8c510a"};

std::string num(double x) {
    std::string s = std::fabs(x) >= 100  ? fmt::format("{:.0f}", x)
                    : std::fabs(x) >= 10 ? fmt::format("{:.1f}", x)
                                         : fmt::format("{:.2f}", x);
    // Nothing, or less than shows, is written without a sign (not -0.00).
    if (s.find_first_not_of("-0.") == std::string::npos && s[0] == '-') s.erase(0, 1);
    return s;
}

std::string interval(const Estimate& e) {
    return fmt::format("{} [{}, {}]", num(e.value), num(e.lo), num(e.hi));
}

/// Each option's mean with its 95% band over the days, dates on the x axis.
std::string series_chart(const Result& r, const Series& s) {
    std::string data;
    const auto start = core::Date::parse(r.start_date);
    for (std::size_t o = 0; o < s.mean.size(); ++o) {
        data += fmt::format("$o{} << EOD\n", o);
        for (std::size_t d = 0; d < s.mean[o].size(); ++d)
            data += fmt::format("{} {} {} {}\n", start ? start->plus_days(int(d)).iso() : "",
                                s.mean[o][d], s.lo[o][d], s.hi[o][d]);
        data += "EOD\n";
    }
    std::string plot = "plot ";
    for (std::size_t o = 0; o < s.mean.size(); ++o) {
        const char* c = colours[o % std::size(colours)];
        plot += fmt::format(
            "{}$o{} using 1:3:4 with filledcurves lc rgb '{}' fs transparent solid 0.15 "
            "notitle, $o{} using 1:2 with lines lw 2 lc rgb '{}' title {}",
            o ? ", " : "", o, c, o, c, gp(r.options.options[o].name));
    }
    return gnuplot_svg(data +
                       "set xdata time\nset timefmt '%Y-%m-%d'\nset format x '%b %Y'\n"
                       "set xtics rotate by -30\nset key top left\nset ylabel " +
                       gp(s.label + " (" + s.unit + ")") + "\nset yrange [0:*]\n" + plot);
}

/// The options' mean totals of one outcome with their intervals, as bars.
std::string totals_chart(const Result& r, const Outcome& out) {
    std::string data = "$t << EOD\n";
    for (std::size_t o = 0; o < out.mean.size(); ++o)
        data += fmt::format("{} \"{}\" {} {} {}\n", o, r.options.options[o].name, out.mean[o].value,
                            out.mean[o].lo, out.mean[o].hi);
    data += "EOD\n";
    return gnuplot_svg(data + "set style fill solid 0.6\nset boxwidth 0.6\nset xrange [-0.6:" +
                       fmt::format("{}", double(out.mean.size()) - 0.4) + "]\nset ylabel " +
                       gp(out.label + " (" + out.unit + ")") +
                       "\nset yrange [0:*]\nplot $t using 1:3:xtic(2) with boxes lc rgb "
                       "'#9aaec4' notitle, $t using 1:3:4:5 with yerrorbars lc rgb '#b2182b' "
                       "pt 7 lw 2 title 'mean and 95% interval'");
}

/// "lower", "higher" or "no difference" with its colour: green when better for that outcome.
std::string verdict(const Outcome& out, const Estimate& d) {
    if (d.n > 1 && d.lo == 0 && d.hi == 0 && d.value == 0)
        return "<td>no difference in any seed</td>";
    if (!d.excludes_zero()) return "<td>no clear difference</td>";
    const bool higher = d.value > 0;
    const bool better = higher == out.higher_is_better;
    return fmt::format("<td style=\"color:{}\">{}</td>", better ? "#1a7f37" : "#b2182b",
                       higher ? "higher" : "lower");
}

}  // namespace

std::string report_html(const Result& r) {
    const auto& opts = r.options.options;
    std::string h = report::page_head("peacesim: " + r.scenario_name + ", options compared");
    h += fmt::format("<h1>{}: {} options compared</h1>\n", escape(r.scenario_name), opts.size());
    h += fmt::format(
        "<p>{}, {} days from {}. Every option ran the same {} seeds ({} to {}) on the same map: "
        "common random numbers, so a difference between options is the options', not chance's. "
        "Means with 95% intervals over the seeds; differences are paired by seed against the "
        "first option, <b>{}</b>. peacesim {}; {:.0f} s.</p>\n",
        escape(r.country), r.days, escape(r.start_date), r.seeds.size(), r.seeds.front(),
        r.seeds.back(), escape(opts.front().name), escape(core::version_string()), r.wall_seconds);
    h += "<h2>The options</h2>\n<table><tr><th>option</th><th>settings</th></tr>\n";
    for (const auto& o : opts) {
        std::string sets;
        for (const auto& s : o.sets) sets += (sets.empty() ? "" : ", ") + s.key + " = " + s.value;
        h += fmt::format("<tr><td>{}</td><td><code>{}</code></td></tr>\n", escape(o.name),
                         escape(sets));
    }
    h += "</table>\n";
    if (!r.warnings.empty()) {
        h += "<h2>Read this first</h2>\n<ul>\n";
        for (const auto& w : r.warnings) h += "<li>" + escape(w) + "</li>\n";
        h += "</ul>\n";
    }
    auto table = [&](bool mechanism) {
        std::string t = "<table><tr><th></th>";
        for (std::size_t o = 0; o < opts.size(); ++o) {
            t += fmt::format("<th>{}<br>mean [95%]</th>", escape(opts[o].name));
            if (o > 0)
                t += fmt::format("<th>{} &minus; {}<br>paired [95%]</th><th></th>",
                                 escape(opts[o].name), escape(opts[0].name));
        }
        t += "</tr>\n";
        for (const auto& out : r.outcomes) {
            if (out.mechanism != mechanism) continue;
            t += fmt::format("<tr><td>{} ({})</td>", escape(out.label), escape(out.unit));
            for (std::size_t o = 0; o < opts.size(); ++o) {
                t += "<td>" + interval(out.mean[o]) + "</td>";
                if (o > 0)
                    t += "<td>" + interval(out.difference[o]) + "</td>" +
                         verdict(out, out.difference[o]);
            }
            t += "</tr>\n";
        }
        return t + "</table>\n";
    };
    h += "<h2>Totals over the horizon</h2>\n" + table(false);
    h += "<p>Green: better for that outcome; red: worse; a difference is marked only when its "
         "95% interval excludes zero.</p>\n";
    h += "<h2>Cost per civilian death averted</h2>\n<table><tr><th>option</th><th>extra cost "
         "against the first (US$ million)</th><th>civilian deaths averted</th><th>US$ million "
         "per death averted [95%]</th></tr>\n";
    const auto& killed = r.outcome("civilians_killed");
    const auto& cost = r.outcome("cost_musd");
    for (std::size_t o = 1; o < opts.size(); ++o) {
        const auto& c = r.cost_per_death_averted[o];
        h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                         escape(opts[o].name), interval(cost.difference[o]),
                         interval(Estimate{-killed.difference[o].value, -killed.difference[o].hi,
                                           -killed.difference[o].lo, killed.difference[o].n}),
                         r.averted[o] ? interval(c)
                         : killed.difference[o].lo > 0
                             ? std::string("none averted: this option "
                                           "costs lives")
                             : std::string("not bounded: the interval of deaths "
                                           "averted reaches 0 (none averted "
                                           "beyond chance)"));
    }
    h += "</table>\n";
    h += "<h2>Over time</h2>\n";
    for (const auto& s : r.series) h += chart_or_note(series_chart(r, s));
    h += "<h2>Why: what the mission's units did</h2>\n"
         "<p>The mechanism counters behind the difference (docs/model.md, section 8): raids "
         "deterred or met, responses in time or late, what the host held up, what the budget "
         "could not pay.</p>\n" +
         table(true);
    h += chart_or_note(totals_chart(r, killed));
    h += chart_or_note(totals_chart(r, cost));
    h += fmt::format("<h2>Reproduce</h2>\n<p><code>{}</code></p>\n", escape(r.command));
    h += "</body></html>\n";
    return h;
}

std::string report_text(const Result& r) {
    const auto& opts = r.options.options;
    std::string out = fmt::format("  {:<34}", "");
    for (std::size_t o = 0; o < opts.size(); ++o)
        out += o ? fmt::format(" {:>26}", opts[o].name + " - " + opts[0].name)
                 : fmt::format(" {:>14}", opts[o].name);
    out += "\n";
    for (const auto& oc : r.outcomes) {
        if (oc.mechanism) continue;
        out += fmt::format("  {:<34} {:>14}", oc.label, num(oc.mean[0].value));
        for (std::size_t o = 1; o < opts.size(); ++o) {
            const auto& d = oc.difference[o];
            out += fmt::format(" {:>26}", fmt::format("{} [{}, {}]{}", num(d.value), num(d.lo),
                                                      num(d.hi), d.excludes_zero() ? " *" : ""));
        }
        out += "\n";
    }
    for (const auto& w : r.warnings) out += "  note: " + w + "\n";
    out += fmt::format("  {} seeds, {} days; * marks a paired 95% interval excluding 0\n",
                       r.seeds.size(), r.days);
    return out;
}

}  // namespace peacesim::compare
