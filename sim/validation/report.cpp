// The validation report: one self-contained HTML page (charts drawn by gnuplot as inline SVG, no
// external links), and the same figures as a plain-text table for the terminal.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "peacesim/core/version.hpp"
#include "peacesim/validation/suite.hpp"
#include "report/html.hpp"

namespace peacesim::validation {

namespace {

using report::chart_or_note;
using report::escape;
using report::gnuplot_svg;
using report::gp;

/// Each seed's control and treatment joined by a line, with the arms' means and intervals.
std::string paired_chart(const Fact& f, const std::string& ylabel) {
    std::string data = "$pairs << EOD\n";
    for (std::size_t i = 0; i < std::min(f.control.size(), f.treatment.size()); ++i)
        data += fmt::format("0 {}\n1 {}\n\n", f.control[i], f.treatment[i]);
    data += "EOD\n$means << EOD\n";
    data += fmt::format("0 {} {} {}\n", f.control_mean.value, f.control_mean.lo, f.control_mean.hi);
    data += fmt::format("1 {} {} {}\nEOD\n", f.treatment_mean.value, f.treatment_mean.lo,
                        f.treatment_mean.hi);
    return gnuplot_svg(
        data + "set xrange [-0.4:1.4]\n" +
        fmt::format("set xtics ({} 0, {} 1)\n", gp(f.control_label), gp(f.treatment_label)) +
        "set ylabel " + gp(ylabel) + "\nset yrange [0:*]\n" +
        "plot $pairs using 1:2 with linespoints lc rgb '#9aaec4' pt 7 ps 0.5 title 'one seed', "
        "$means using 1:2:3:4 with yerrorbars lc rgb '#b2182b' pt 5 ps 1.2 lw 2 "
        "title 'mean and 95% interval'");
}

/// The arms' mean series over time.
std::string series_chart(const Fact& f) {
    std::string data = "$s << EOD\n";
    for (std::size_t i = 0; i < std::max(f.series_control.size(), f.series_treatment.size()); ++i)
        data +=
            fmt::format("{} {} {}\n", i, i < f.series_control.size() ? f.series_control[i] : NAN,
                        i < f.series_treatment.size() ? f.series_treatment[i] : NAN);
    data += "EOD\n";
    return gnuplot_svg(data + "set xlabel " + gp(f.series_x) + "\nset ylabel " +
                       gp(f.series_y + " (mean over seeds)") + "\nset yrange [0:*]\n" +
                       "plot $s using 1:2 with lines lw 2 lc rgb '#2166ac' title " +
                       gp(f.control_label) +
                       ", $s using 1:3 with lines lw 2 lc rgb '#b2182b' "
                       "title " +
                       gp(f.treatment_label));
}

/// The survival function P(X >= x) of the pooled event sizes on log-log axes, with the fitted
/// power law from xmin.
std::string tail_chart(const Fact& f) {
    auto sizes = f.sizes;
    std::sort(sizes.begin(), sizes.end());
    std::string data = "$ccdf << EOD\n";
    for (std::size_t i = 0; i < sizes.size();) {
        std::size_t j = i;
        while (j < sizes.size() && sizes[j] == sizes[i]) ++j;
        data += fmt::format("{} {}\n", sizes[i], double(sizes.size() - i) / double(sizes.size()));
        i = j;
    }
    data += "EOD\n";
    std::string fit;
    if (f.tail.fitted) {
        const double share = double(f.tail.n_tail) / double(sizes.size());
        fit = fmt::format(
            ", (x >= {0} ? {1} * ((x - 0.5) / ({0} - 0.5))**(1 - {2}) : 1/0) with lines lw 2 "
            "lc rgb '#b2182b' title 'power law, exponent {2:.2f}', (x >= {0} ? {1} * ((x - 0.5) / "
            "({0} - 0.5))**(-1.5) : 1/0) with lines dt 2 lc rgb '#555555' title 'exponent 2.5'",
            f.tail.xmin, share, f.tail.alpha);
    }
    return gnuplot_svg(
        data +
        "set logscale xy\nset xlabel 'deaths in the event'\nset ylabel 'P(X >= "
        "x)'\nset samples 400\nset xrange [1:*]\nset yrange [*:1.2]\nset mxtics 10\n" +
        "plot $ccdf using 1:2 with points pt 7 ps 0.6 lc rgb '#2166ac' title "
        "'events, pooled over seeds'" +
        fit);
}

std::string monthly_chart(const EventSummary& s) {
    std::string data = "$m << EOD\n";
    for (std::size_t i = 0; i < s.monthly_counts.size(); ++i)
        data += fmt::format("{} {}\n", i + 1, s.monthly_counts[i]);
    data += "EOD\n";
    return gnuplot_svg(data +
                       "set style fill solid 0.7\nset boxwidth 0.8\nset xlabel 'month (30 "
                       "days)'\nset ylabel 'events'\nset yrange [0:*]\n" +
                       "plot $m using 1:2 with boxes lc rgb '#4d4d4d' title 'events per month "
                       "(first seed)'");
}

std::string docking_chart(const Docking& d) {
    std::string data = "$d << EOD\n";
    for (std::size_t i = 0; i < d.active.size(); ++i)
        data += fmt::format("{} {} {} {}\n", i, d.quiet[i], d.active[i], d.jailed[i]);
    data += "EOD\n";
    return gnuplot_svg(data + "set xlabel 'day (tick)'\nset ylabel 'citizens'\nset yrange [0:*]\n" +
                       "plot $d using 1:2 with lines lw 1.5 lc rgb '#4daf4a' title 'quiet', $d "
                       "using 1:3 with lines lw 1.5 lc rgb '#e41a1c' title 'active', $d using "
                       "1:4 with lines lw 1.5 lc rgb '#377eb8' title 'jailed'");
}

std::string interval(const Estimate& e, const char* fmtspec = "{:.3g}") {
    return fmt::format(fmt::runtime(std::string(fmtspec) + " [" + fmtspec + ", " + fmtspec + "]"),
                       e.value, e.lo, e.hi);
}

std::string command(const Options& o) {
    std::string c = fmt::format("peacesim validate-model --runs {}", o.runs);
    if (o.population != Options{}.population) c += fmt::format(" --population {}", o.population);
    return c;
}

}  // namespace

std::string report_html(const Result& r) {
    int passed = 0;
    for (const auto& f : r.facts) passed += f.pass ? 1 : 0;
    std::string h;
    h += report::page_head("peacesim: validation report");
    h += "<h1>peacesim: validation report</h1>\n";
    h += fmt::format(
        "<p>peacesim {}. {} facts, {} passed. {} seeds per arm, paired by seed (the same country "
        "and the same random numbers in each arm); {} runs in {:.0f} s. Reproduce with "
        "<code>{}</code>. The criteria were stated in advance in docs/validation.md; a fact that "
        "fails is a finding about the model, not a criterion to loosen.</p>\n",
        escape(core::version_string()), r.facts.size(), passed, r.options.runs, r.runs_done,
        r.wall_seconds, escape(command(r.options)));
    if (r.options.small)
        h += "<p class=\"note\">A small version (small maps, short horizons) for the test "
             "suite: its figures are not the model's.</p>\n";
    h += "<table><tr><th>Fact</th><th>Source</th><th>Published</th><th>Ours</th>"
         "<th>Criterion</th><th>Result</th></tr>\n";
    for (const auto& f : r.facts)
        h += fmt::format(
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
            "<td class=\"{}\">{}</td></tr>\n",
            f.id, escape(f.title), escape(f.source), escape(f.published), escape(f.ours),
            escape(f.criterion), f.pass ? "pass" : "fail", f.pass ? "PASS" : "FAIL");
    h += "</table>\n";
    for (const auto& f : r.facts) {
        h += fmt::format("<h2 id=\"{}\">{}</h2>\n", f.id, escape(f.title));
        h += fmt::format("<p><b>Source.</b> {}. {}</p>\n", escape(f.source), escape(f.published));
        h += fmt::format("<p><b>Experiment.</b> {}. <b>Measure.</b> {}.</p>\n", escape(f.scenario),
                         escape(f.measure));
        h += fmt::format(
            "<p><b>Criterion.</b> {}. <b>Result:</b> <span class=\"{}\">{}</span>. "
            "{}.</p>\n",
            escape(f.criterion), f.pass ? "pass" : "fail", f.pass ? "PASS" : "FAIL",
            escape(f.ours));
        if (f.paired) {
            h += "<table><tr><th></th><th>mean [95% interval]</th></tr>\n";
            h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape(f.control_label),
                             interval(f.control_mean));
            h += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape(f.treatment_label),
                             interval(f.treatment_mean));
            h += fmt::format("<tr><td>paired difference</td><td>{}</td></tr>\n",
                             interval(f.difference, "{:+.3g}"));
            h += fmt::format(
                "<tr><td>relative change</td><td>{:+.0f}% [{:+.0f}%, {:+.0f}%]"
                "</td></tr></table>\n",
                100 * f.relative.value, 100 * f.relative.lo, 100 * f.relative.hi);
            if (!f.series_control.empty()) h += chart_or_note(series_chart(f));
            h += chart_or_note(paired_chart(f, f.measure.substr(0, f.measure.find(" ("))));
        } else {
            h += chart_or_note(tail_chart(f));
        }
    }
    const auto& s = r.events;
    h +=
        "<h2 id=\"events\">Event data: the default scenario as UCDP users summarise the GED</h2>\n";
    h += fmt::format(
        "<p>{}, {} people, {} days, mission as shipped; means over {} seeds. "
        "docs/validation.md sets these beside a real theatre's UCDP figures.</p>\n",
        escape(s.scenario), s.population, s.days, s.runs);
    h += "<table><tr><th>Year</th><th>State-based events</th><th>deaths</th><th>Non-state "
         "events</th><th>deaths</th><th>One-sided events</th><th>deaths</th></tr>\n";
    for (std::size_t y = 0; y < s.events_by_year.size(); ++y)
        h += fmt::format(
            "<tr><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.1f}"
            "</td><td>{:.1f}</td></tr>\n",
            y + 1, s.events_by_year[y][0], s.deaths_by_year[y][0], s.events_by_year[y][1],
            s.deaths_by_year[y][1], s.events_by_year[y][2], s.deaths_by_year[y][2]);
    h += "</table>\n<table>\n";
    h += fmt::format(
        "<tr><td>deaths per 100,000 people a year (state-based, non-state, "
        "one-sided)</td><td>{:.1f}, {:.1f}, {:.1f}</td></tr>\n",
        s.deaths_per_100k_year[0], s.deaths_per_100k_year[1], s.deaths_per_100k_year[2]);
    h += fmt::format("<tr><td>share of events with 10 or more dead</td><td>{:.1f}%</td></tr>\n",
                     100 * s.share_10_plus);
    auto tail_text = [](const PowerLaw& p) {
        return p.fitted ? fmt::format("{:.2f} &plusmn; {:.2f} (xmin {}, {} of {} events)", p.alpha,
                                      p.alpha_se, p.xmin, p.n_tail, p.n)
                        : std::string("too few events");
    };
    h += fmt::format("<tr><td>tail exponent, all events</td><td>{}</td></tr>\n",
                     tail_text(s.tail_all));
    h += fmt::format("<tr><td>tail exponent, one-sided events</td><td>{}</td></tr>\n",
                     tail_text(s.tail_one_sided));
    h += fmt::format("<tr><td>events per month</td><td>{}</td></tr>\n",
                     interval(s.monthly_mean, "{:.1f}"));
    h += fmt::format(
        "<tr><td>Fano factor of monthly counts (variance / mean)</td><td>{}</td>"
        "</tr>\n",
        interval(s.monthly_fano, "{:.2f}"));
    h += fmt::format("<tr><td>burstiness of the days between events</td><td>{}</td></tr>\n",
                     interval(s.burstiness, "{:.2f}"));
    h += "</table>\n" + chart_or_note(monthly_chart(s));
    const auto& d = r.docking;
    h += "<h2 id=\"docking\">Docking: Epstein's model I at NetLogo Rebellion's settings</h2>\n";
    h += fmt::format(
        "<p>scenarios/epstein.toml as shipped (40&times;40 torus, citizens 70%, cops 4%, "
        "legitimacy 0.82, jail terms up to 30, vision 7), 500 days. Epstein (2002) describes "
        "long quiet spells punctuated by outbursts of rebellion. Over {} seeds: {} outbursts "
        "(days with at least 5% of citizens active), quiet spells between them of {} days, "
        "{} citizens active on a mean day. docs/validation.md sets these beside Mesa's "
        "implementation run on the same settings.</p>\n",
        r.options.runs, interval(d.outbursts, "{:.1f}"), interval(d.quiet_spell_days, "{:.1f}"),
        interval(d.mean_active, "{:.1f}"));
    h += chart_or_note(docking_chart(d));
    h += "</body></html>\n";
    return h;
}

std::string report_text(const Result& r) {
    std::string out;
    for (const auto& f : r.facts)
        out += fmt::format("  {:<5} {:<11} {}\n        {}\n", f.pass ? "PASS" : "FAIL", f.id,
                           f.source, f.ours);
    int passed = 0;
    for (const auto& f : r.facts) passed += f.pass ? 1 : 0;
    out += fmt::format("  {} of {} facts pass ({} runs, {} seeds per arm, {:.0f} s)\n", passed,
                       r.facts.size(), r.runs_done, r.options.runs, r.wall_seconds);
    return out;
}

}  // namespace peacesim::validation
