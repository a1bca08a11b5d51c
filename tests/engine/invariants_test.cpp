#include <catch2/catch.hpp>
#include <map>
#include <numeric>

#include "../support/runs.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using population::Status;

TEST_CASE("people are neither created nor lost, and stocks never go negative",
          "[engine][property]") {
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        engine::Simulation sim(test::small_scenario(), seed);
        const auto n = std::int64_t(sim.civilians().size());
        REQUIRE(n == 60000);
        std::int64_t killed_before = 0, refugees_before = 0, dead_fighters_before = 0;
        for (int day = 0; day < 150; ++day) {
            engine::run_days(sim, 1, 2);
            const auto& d = sim.history().back();
            // alive + killed + refugees is constant: every person is in exactly one status.
            REQUIRE(std::accumulate(d.status.begin(), d.status.end(), std::int64_t{0}) == n);
            REQUIRE(d.status == sim.status_counts());
            for (auto v : d.status) REQUIRE(v >= 0);
            // The dead stay dead and refugees do not come back in this model.
            const auto killed = d.status[std::size_t(Status::Killed)];
            const auto refugees = d.status[std::size_t(Status::Refugee)];
            const auto dead_fighters = d.status[std::size_t(Status::DiedFighting)];
            REQUIRE(killed == killed_before + d.civilians_killed() + d.communal_deaths);
            REQUIRE(refugees == refugees_before + d.new_refugees);
            REQUIRE(dead_fighters >= dead_fighters_before);
            killed_before = killed, refugees_before = refugees,
            dead_fighters_before = dead_fighters;
            for (const auto& u : sim.units()) REQUIRE(u.strength >= 0);
            REQUIRE(d.fighters_government >= 0);
            REQUIRE(d.fighters_groups >= 0);
            REQUIRE(d.legitimacy >= 0.0);
            REQUIRE(d.legitimacy <= 1.0);
        }
        const auto& c = sim.civilians();
        for (std::size_t i = 0; i < c.size(); ++i) {
            REQUIRE(c.hardship[i] >= 0.0f);
            REQUIRE(c.hardship[i] <= 1.0f);
            REQUIRE(c.trust_state[i] >= 0.0f);
            if (c.status[i] == std::uint8_t(Status::Recruited))
                REQUIRE(c.affiliation[i] < sim.parties().size() - 1);
            if (c.status[i] == std::uint8_t(Status::Home)) REQUIRE(c.location[i] == c.home[i]);
        }
    }
}

TEST_CASE("the event log accounts for every death in the time series", "[engine][property]") {
    const auto sim = test::run_small(200, 5, 2);
    std::map<int, std::int64_t> civ, battle, communal_deaths;
    for (const auto& e : sim.events()) {
        REQUIRE(e.best() >= 1);  // UCDP records fatal events only
        REQUIRE(e.low <= e.best());
        REQUIRE(e.high >= e.best());
        REQUIRE(e.low >= 0);
        REQUIRE((e.type >= 1 && e.type <= 3));
        if (e.type == 1) REQUIRE(e.side_a == 0);  // the government is side_a in state-based events
        if (e.type == 2) REQUIRE((e.side_a != 0 && e.side_b != 0 && e.side_a != e.side_b));
        if (e.type == 3) REQUIRE(e.deaths_a + e.deaths_b == 0);
        const bool communal = e.side_a >= engine::Event::communal_side;
        if (communal) REQUIRE(e.side_b >= engine::Event::communal_side);
        civ[e.day] += e.deaths_civilians;
        // Peacekeepers killed are counted apart, as the UN counts them (side_a is the mission's).
        if (e.side_a == engine::Event::mission_side)
            battle[e.day] += e.deaths_b;
        else
            (communal ? communal_deaths : battle)[e.day] += e.deaths_a + e.deaths_b;
    }
    std::int64_t total_killed = 0;
    for (const auto& d : sim.history()) {
        INFO("day " << d.day);
        CHECK(civ[d.day] == d.civilians_killed());
        CHECK(battle[d.day] == d.battle_deaths);
        CHECK(communal_deaths[d.day] == d.communal_deaths);
        total_killed += d.civilians_killed();
    }
    // The default conflict is not empty: people die, flee, and join armed groups.
    const auto t = output::totals(sim);
    CHECK(total_killed > 0);
    CHECK(t.battle_deaths > 0);
    CHECK(t.displaced_peak > 0);
    CHECK(t.recruited > 0);
    CHECK(t.events_state > 0);
    CHECK(t.events_onesided > 0);
}
