// Epstein's civil-violence model I: its rules one by one, what it conserves, and the contrast
// between a sudden and a gradual loss of legitimacy (Epstein 2002).
#include "peacesim/epstein/model.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "peacesim/scenario/load.hpp"

using namespace peacesim;

namespace {

scenario::Scenario docking(std::vector<scenario::Override> o = {}) {
    return scenario::load_file(PEACESIM_SOURCE_DIR "/scenarios/epstein.toml", o);
}

int peak_after(const epstein::Model& m, int from) {
    int peak = 0;
    for (const auto& t : m.history())
        if (t.day >= from) peak = std::max(peak, t.active);
    return peak;
}

}  // namespace

TEST_CASE("epstein: the arrest probability rounds as each implementation does", "[epstein]") {
    scenario::EpsteinParams p;  // k = 2.3
    p.rounding = scenario::ArrestRounding::Floor;
    CHECK(epstein::Model::arrest_probability(p, 1, 2) == 0.0);  // floor(0.5)
    CHECK(epstein::Model::arrest_probability(p, 3, 2) == Approx(1 - std::exp(-2.3)));
    CHECK(epstein::Model::arrest_probability(p, 0, 1) == 0.0);
    p.rounding = scenario::ArrestRounding::Round;  // Python's round: half to even
    CHECK(epstein::Model::arrest_probability(p, 1, 2) == 0.0);
    CHECK(epstein::Model::arrest_probability(p, 3, 2) == Approx(1 - std::exp(-4.6)));
    CHECK(epstein::Model::arrest_probability(p, 2, 3) == Approx(1 - std::exp(-2.3)));
    p.rounding = scenario::ArrestRounding::None;
    CHECK(epstein::Model::arrest_probability(p, 1, 2) == Approx(1 - std::exp(-1.15)));
    // One cop per active: Epstein's k makes the probability 0.9.
    CHECK(epstein::Model::arrest_probability(p, 1, 1) == Approx(0.9).margin(0.001));
}

TEST_CASE("epstein: NetLogo's populations, conserved every tick", "[epstein]") {
    epstein::Model m(docking(), 7);
    CHECK(m.citizens() == 1120);  // 70% of 1,600 cells
    CHECK(m.cops() == 64);        // 4%
    for (int d = 0; d < 200; ++d) {
        m.step();
        const auto& t = m.history().back();
        REQUIRE(t.quiet + t.active + t.jailed == m.citizens());
        REQUIRE(t.quiet >= 0);
        REQUIRE(t.active >= 0);
        REQUIRE(t.jailed >= 0);
    }
    std::int64_t arrests = 0;
    for (const auto& t : m.history()) arrests += t.arrests;
    CHECK(arrests > 0);
    // At most one arrest per cop and tick.
    for (const auto& t : m.history()) CHECK(t.arrests <= m.cops());
    // Outbursts are the maximal runs of days with at least 5% of the citizens active.
    const auto bursts = m.outbursts();
    REQUIRE_FALSE(bursts.empty());
    const double at_least = 0.05 * m.citizens();
    std::size_t in_bursts = 0;
    for (const auto& b : bursts) {
        CHECK(b.end >= b.start);
        in_bursts += std::size_t(b.end - b.start + 1);
        for (int d = b.start; d <= b.end; ++d)
            CHECK(m.history()[std::size_t(d)].active >= at_least);
        if (b.start > 0) CHECK(m.history()[std::size_t(b.start - 1)].active < at_least);
        CHECK(m.history()[std::size_t(b.peak_day)].active == b.peak);
    }
    std::size_t busy_days = 0;
    for (const auto& t : m.history()) busy_days += t.active >= at_least;
    CHECK(in_bursts == busy_days);
}

TEST_CASE("epstein: every vision shape and rounding conserves the citizens", "[epstein]") {
    for (const char* shape : {"radius", "von_neumann", "moore"})
        for (const char* rounding : {"floor", "round", "none"}) {
            INFO(shape << " " << rounding);
            epstein::Model m(
                docking({{"epstein.neighbourhood", shape}, {"epstein.rounding", rounding}}), 5);
            for (int d = 0; d < 60; ++d) m.step();
            for (const auto& t : m.history())
                REQUIRE(t.quiet + t.active + t.jailed == m.citizens());
        }
    // A wider vision sees more cops: the Moore square deters more than the diamond.
    double diamond = 0, square = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        epstein::Model a(docking({{"epstein.neighbourhood", "von_neumann"}}), seed);
        epstein::Model b(docking({{"epstein.neighbourhood", "moore"}}), seed);
        for (int d = 0; d < 200; ++d) a.step(), b.step();
        for (const auto& t : a.history()) diamond += t.active;
        for (const auto& t : b.history()) square += t.active;
    }
    CHECK(square < diamond);
}

TEST_CASE("epstein: a run is a function of its seed", "[epstein]") {
    epstein::Model a(docking(), 11), b(docking(), 11), c(docking(), 12);
    for (int d = 0; d < 100; ++d) a.step(), b.step(), c.step();
    CHECK(a.state_hash() == b.state_hash());
    CHECK(a.state_hash() != c.state_hash());
}

TEST_CASE("epstein: no grievance, no rebellion; no cops, no jail", "[epstein]") {
    epstein::Model legit(docking({{"epstein.legitimacy", "1.0"}}), 3);
    for (int d = 0; d < 50; ++d) legit.step();
    CHECK(peak_after(legit, 0) == 0);

    epstein::Model lawless(docking({{"epstein.cop_density", "0"}}), 3);
    for (int d = 0; d < 50; ++d) lawless.step();
    CHECK(lawless.history().back().jailed == 0);
    // With nobody to fear, every citizen whose grievance exceeds the threshold is active:
    // H (1 - 0.82) > 0.1 for H > 0.556, about 44% of them.
    CHECK(lawless.history().back().active == Approx(0.444 * lawless.citizens()).epsilon(0.15));

    // A jail term of at most 0 ticks (max_jail_term 1) releases at once.
    epstein::Model brief(docking({{"epstein.max_jail_term", "1"}}), 3);
    for (int d = 0; d < 50; ++d) brief.step();
    for (const auto& t : brief.history()) CHECK(t.jailed == 0);
}

TEST_CASE("epstein: more cops, fewer actives", "[epstein]") {
    double few = 0, many = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        epstein::Model a(docking({{"epstein.cop_density", "0.02"}}), seed);
        epstein::Model b(docking({{"epstein.cop_density", "0.08"}}), seed);
        for (int d = 0; d < 150; ++d) a.step(), b.step();
        for (const auto& t : a.history()) few += t.active;
        for (const auto& t : b.history()) many += t.active;
    }
    CHECK(many < 0.5 * few);
}

TEST_CASE(
    "epstein: a sudden loss of legitimacy brings an outburst the same loss spread out does "
    "not",
    "[epstein]") {
    // Epstein (2002): the same fall in legitimacy, from 0.9 to 0.6, at once on day 50 or over
    // 300 days, with Mesa's denser cops (7.4%) and long jail terms.
    const std::vector<scenario::Override> base = {{"epstein.legitimacy", "0.9"},
                                                  {"epstein.legitimacy_drop", "0.3"},
                                                  {"epstein.drop_day", "50"},
                                                  {"epstein.cop_density", "0.074"},
                                                  {"epstein.max_jail_term", "1000"}};
    int seeds_with_contrast = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        auto sudden = base, gradual = base;
        sudden.push_back({"epstein.drop_days", "0"});
        gradual.push_back({"epstein.drop_days", "300"});
        epstein::Model a(docking(sudden), seed), b(docking(gradual), seed);
        for (int d = 0; d < 400; ++d) a.step(), b.step();
        CHECK(a.legitimacy(399) == Approx(b.legitimacy(399)));
        CHECK(peak_after(a, 0) > 0.25 * a.citizens());
        if (peak_after(a, 0) > 10 * std::max(1, peak_after(b, 0))) ++seeds_with_contrast;
    }
    CHECK(seeds_with_contrast >= 3);
}

TEST_CASE("epstein: the bitmap search gives the run that visiting every cell gives, bit for bit",
          "[epstein]") {
    // Narrow grids (a word per row, up to 64 wide) and wide ones (doubled rows read with
    // unaligned loads), every vision shape and rounding, runs that wrap round both edges, crowded
    // cells (jail terms of a few days send citizens back onto cells others took meanwhile).
    const std::vector<std::vector<scenario::Override>> cases = {
        {},
        {{"epstein.neighbourhood", "von_neumann"}, {"epstein.rounding", "round"}},
        {{"epstein.neighbourhood", "moore"}, {"epstein.vision", "3"}, {"epstein.rounding", "none"}},
        {{"epstein.width", "64"}, {"epstein.height", "15"}, {"epstein.vision", "7"}},
        {{"epstein.width", "65"}, {"epstein.height", "31"}, {"epstein.vision", "15"}},
        {{"epstein.width", "100"}, {"epstein.height", "70"}, {"epstein.cop_density", "0.074"}},
        {{"epstein.width", "70"}, {"epstein.height", "25"}, {"epstein.vision", "12"}},
        {{"epstein.width", "9"}, {"epstein.height", "11"}, {"epstein.vision", "4"}},
        {{"epstein.citizen_density", "0.9"},
         {"epstein.cop_density", "0.09"},
         {"epstein.max_jail_term", "5"},
         {"epstein.legitimacy", "0.6"}},
        {{"epstein.movement", "false"}, {"epstein.max_jail_term", "3"}},
        {{"epstein.legitimacy_drop", "0.3"}, {"epstein.drop_day", "40"}},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO("case " << i);
        const auto sc = docking(cases[i]);
        for (std::uint64_t seed : {1u, 2u}) {
            epstein::Model bits(sc, seed, epstein::Model::Search::Bits);
            epstein::Model scan(sc, seed, epstein::Model::Search::Scan);
            const auto cells = std::int32_t(sc.epstein.width * sc.epstein.height);
            for (int d = 0; d < 100; ++d) {
                bits.step(), scan.step();
                if (d % 20 != 19) continue;
                REQUIRE(bits.state_hash() == scan.state_hash());
                for (std::int32_t c = d % 5; c < cells; c += 5)  // a fifth of the cells each time
                    REQUIRE(bits.in_vision(c) == scan.in_vision(c));
            }
            for (std::size_t d = 0; d < bits.history().size(); ++d) {
                REQUIRE(bits.history()[d].active == scan.history()[d].active);
                REQUIRE(bits.history()[d].jailed == scan.history()[d].jailed);
                REQUIRE(bits.history()[d].arrests == scan.history()[d].arrests);
            }
        }
    }
}

TEST_CASE("epstein: the [epstein] table needs scenario.model = epstein", "[epstein][scenario]") {
    CHECK_THROWS_WITH(scenario::load_default({{"epstein.cop_density", "0.04"}}),
                      Catch::Contains("scenario.model"));
    CHECK_THROWS_WITH(docking({{"epstein.vision", "20"}}), Catch::Contains("epstein.vision"));
    CHECK_THROWS_WITH(docking({{"epstein.cop_density", "0.5"}}),
                      Catch::Contains("epstein.cop_density"));
    CHECK_THROWS_WITH(docking({{"epstein.legitimacy_drop", "0.9"}}),
                      Catch::Contains("epstein.legitimacy_drop"));
    // The resolved scenario of a run writes the table back only for this model.
    const auto text = scenario::to_toml(docking());
    CHECK(text.find("[epstein]") != std::string::npos);
    CHECK(scenario::to_toml(scenario::load_default()).find("[epstein]") == std::string::npos);
    CHECK(scenario::load_text(text, "resolved").epstein.cop_density == 0.04);
}
