// The validation suite's statistics on cases with a known answer, and a small version of the
// suite itself (few seeds, small maps): the full one is `peacesim validate-model`.
#include "peacesim/validation/suite.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "peacesim/core/random.hpp"
#include "peacesim/validation/stats.hpp"
#include "validation/measures.hpp"

using namespace peacesim;
using namespace peacesim::validation;

TEST_CASE("validation: the t interval of a known sample", "[validation][stats]") {
    // Mean 3, sd 1.5811, n 5: t(0.975, 4) = 2.776, half-width 2.776 * 1.5811 / sqrt(5) = 1.963.
    const auto e = mean_interval({1, 2, 3, 4, 5});
    CHECK(e.value == Approx(3.0));
    CHECK(e.lo == Approx(3.0 - 1.963).margin(0.002));
    CHECK(e.hi == Approx(3.0 + 1.963).margin(0.002));
    CHECK(e.excludes_zero());
    CHECK_FALSE(mean_interval({-1, 1, -2, 2}).excludes_zero());
}

TEST_CASE("validation: identical arms differ by nothing; a shift is found", "[validation][stats]") {
    const std::vector<double> a = {10, 12, 9, 14, 11, 13};
    const auto same = paired_difference(a, a);
    CHECK(same.value == 0.0);
    CHECK_FALSE(same.excludes_zero());
    CHECK(relative_change(a, a).value == 0.0);
    std::vector<double> b;
    for (double x : a) b.push_back(0.5 * x);
    const auto half = relative_change(a, b);
    CHECK(half.value == Approx(-0.5));
    CHECK(half.lo == Approx(-0.5));  // every resample halves
    CHECK(paired_difference(a, b).hi < 0);
}

TEST_CASE("validation: the power-law fit recovers a known exponent", "[validation][stats]") {
    // Sizes drawn from a discrete power law with exponent 2.5 above 5, and noise below it.
    core::Stream rng(42, 0, 0, core::Purpose::Reporting);
    std::vector<std::int64_t> sizes;
    for (int i = 0; i < 20000; ++i) {
        const double u = 1.0 - rng.uniform();
        // Continuous power law from 4.5, rounded: the discrete law with xmin 5.
        sizes.push_back(std::int64_t(std::floor(4.5 * std::pow(u, -1.0 / 1.5) + 0.5)));
    }
    for (int i = 0; i < 5000; ++i) sizes.push_back(1 + rng.below(4));
    const auto pl = fit_power_law(sizes);
    REQUIRE(pl.fitted);
    CHECK(pl.alpha == Approx(2.5).margin(0.06));
    CHECK(pl.xmin >= 4);
    CHECK(pl.xmin <= 8);
    CHECK_FALSE(fit_power_law({1, 2, 3}).fitted);
}

TEST_CASE("validation: burstiness of a clock, a Poisson process and bursts",
          "[validation][stats]") {
    std::vector<double> clock, poisson, bursts;
    core::Stream rng(7, 0, 0, core::Purpose::Reporting);
    double t = 0;
    for (int i = 0; i < 20000; ++i) {
        clock.push_back(i);
        t += -std::log(1.0 - rng.uniform());
        poisson.push_back(t);
    }
    for (int b = 0; b < 200; ++b)
        for (int i = 0; i < 20; ++i) bursts.push_back(1000.0 * b + 0.01 * i);
    CHECK(burstiness(clock) == Approx(-1.0));
    CHECK(burstiness(poisson) == Approx(0.0).margin(0.02));
    CHECK(burstiness(bursts) > 0.5);  // (sd - mean) / (sd + mean) = (218 - 50) / (218 + 50)
}

TEST_CASE("validation: the small suite runs every fact and writes an offline report",
          "[validation][suite]") {
    Options o;
    o.runs = 3;
    o.population = 40000;
    o.small = true;
    o.jobs = 2;
    int calls = 0, last_total = 0;
    o.progress = [&](int, int total) { ++calls, last_total = total; };
    const auto r = run_suite(o);
    CHECK(calls == last_total);
    CHECK(r.runs_done == last_total);
    REQUIRE(r.facts.size() == 8);
    for (const auto& f : r.facts) {
        INFO(f.id);
        CHECK_FALSE(f.source.empty());
        CHECK_FALSE(f.criterion.empty());
        CHECK_FALSE(f.ours.empty());
        if (f.paired) {
            // Shares of runs (an agreement holds or fails) take twice the seeds.
            const std::size_t runs = f.id == "relapse" || f.id == "inclusion" ? 6 : 3;
            CHECK(f.control.size() == runs);
            CHECK(f.treatment.size() == runs);
        }
    }
    // The facts that hold by wide margins even at this size.
    const auto fact = [&](const std::string& id) {
        for (const auto& f : r.facts)
            if (f.id == id) return f;
        FAIL("no fact " << id);
        return Fact{};
    };
    CHECK(fact("osv").difference.value < 0);
    CHECK(fact("legitimacy").difference.value > 0);
    CHECK(r.events.share_10_plus >= 0);
    CHECK(r.docking.outbursts.value > 1);  // NetLogo's settings: repeated outbursts

    const auto html = report_html(r);
    for (const char* s :
         {"Hultman", "Fortna", "Walter", "Ruggeri", "Beardsley", "Krause", "Bohorquez", "Epstein"})
        CHECK(html.find(s) != std::string::npos);
    CHECK(html.find("src=\"http") == std::string::npos);
    CHECK(html.find("href=\"http") == std::string::npos);
    CHECK(report_text(r).find("facts pass") != std::string::npos);
}

TEST_CASE("validation: the result does not depend on the number of jobs",
          "[ensemble][validation][suite]") {
    Options o;
    o.runs = 2;
    o.population = 30000;
    o.small = true;
    o.jobs = 1;
    const auto one = run_suite(o);
    o.jobs = 2;
    const auto two = run_suite(o);
    for (std::size_t i = 0; i < one.facts.size(); ++i) {
        CHECK(one.facts[i].control == two.facts[i].control);
        CHECK(one.facts[i].treatment == two.facts[i].treatment);
    }
}

TEST_CASE("validation: local episodes, blocks and peace measured on a known event log",
          "[validation][measures]") {
    scenario::WorldParams world;  // 2-km cells: a 55-km block is 28 cells
    world.width = 256;
    auto event = [](int day, int type, int x, int y, std::int64_t dead) {
        engine::Event e;
        e.day = day, e.type = type, e.cell_x = x, e.cell_y = y, e.deaths_civilians = dead;
        return e;
    };
    // Block A (cells 0..27): months 0, 1, 2 and 5 -> episodes of 3 and 1 months.
    // Block B (cells 28..55 across): month 0 -> one episode of 1 month.
    const std::vector<engine::Event> events = {event(2, 3, 1, 1, 4), event(35, 1, 5, 5, 2),
                                               event(61, 3, 10, 2, 1), event(155, 3, 3, 3, 12),
                                               event(10, 2, 30, 1, 3)};
    std::vector<engine::DayStats> history(180);
    for (int d = 0; d < 180; ++d) {
        history[std::size_t(d)].day = d;
        history[std::size_t(d)].stage =
            d < 100 ? scenario::Stage::Agreement : scenario::Stage::Conflict;
    }
    const auto r = validation::detail::measure(events, history, world, 180, true);
    CHECK(r.blocks == 2);
    CHECK(r.episode_months == Approx((3.0 + 1.0 + 1.0) / 3.0));
    CHECK(r.osv == 17);    // one-sided: 4 + 1 + 12
    CHECK(r.battle == 2);  // state-based
    CHECK(r.relapsed == 1);
    REQUIRE(r.at_peace.size() == 6);
    CHECK(r.at_peace[2] == 1.0);  // days 60-89 at peace
    CHECK(r.at_peace[3] == 0.0);  // day 100 falls in month 3 (days 90-119)
    CHECK(r.at_peace[5] == 0.0);
    CHECK(r.monthly_blocks[0] == 2);
    CHECK(r.monthly_osv[5] == 12);
    CHECK(r.sizes.size() == 5);
    CHECK(r.events_by_year[0][2] == 3);
}
