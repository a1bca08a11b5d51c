// Recovery and legitimacy (sim/actors/recovery.cpp; docs/model.md, 7.8).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "../support/runs.hpp"
#include "actors/actors.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {
actors::Forces government(double legitimacy) {
    actors::Forces f;
    f.parties.resize(1);
    f.parties[0].government = true;
    f.parties[0].legitimacy = f.parties[0].initial_legitimacy = legitimacy;
    return f;
}
}  // namespace

TEST_CASE("killing civilians costs legitimacy per head, the state's own killings most",
          "[actors][legitimacy]") {
    // The same share of the population killed costs the same, whatever the country's size.
    auto small = government(0.5), large = government(0.5);
    actors::update_legitimacy(small, 10, 0, 100'000);
    actors::update_legitimacy(large, 100, 0, 1'000'000);
    CHECK(small.parties[0].legitimacy == Approx(large.parties[0].legitimacy));
    CHECK(small.parties[0].legitimacy < 0.5);
    // Failing to protect costs less than killing.
    auto by_state = government(0.5), by_others = government(0.5);
    actors::update_legitimacy(by_state, 100, 0, 1'000'000);
    actors::update_legitimacy(by_others, 0, 100, 1'000'000);
    CHECK(0.5 - by_state.parties[0].legitimacy ==
          Approx(5 * (0.5 - by_others.parties[0].legitimacy)));
    // Without killings it drifts back to its structural level.
    auto hurt = government(0.5);
    hurt.parties[0].legitimacy = 0.3;
    actors::update_legitimacy(hurt, 0, 0, 1'000'000);
    CHECK(hurt.parties[0].legitimacy > 0.3);
    CHECK(hurt.parties[0].legitimacy < 0.5);
}

TEST_CASE("resting bands rebuild, bands on the move or being disarmed do not",
          "[actors][recovery]") {
    const auto sc = test::small_scenario({{"conflict.recovery_rate", "0.5"}});
    actors::Forces f;
    f.parties.resize(2);
    f.parties[0].government = true;
    f.parties[1].resources = 1.0;
    auto band = [&](int x) {
        actors::Unit u;
        u.party = 1;
        u.x = x, u.base_x = 0;
        u.strength = 50, u.full_strength = 100;
        f.units.push_back(u);
    };
    band(0);  // resting at its base
    band(5);  // away from it
    core::Today today;
    today.seed = 1, today.day = 3;
    actors::reinforce(f, {0.0, 0.0}, sc, today);
    CHECK(f.units[0].strength > 50);
    CHECK(f.units[1].strength == 50);
    const auto before = f.units[0].strength;
    actors::reinforce(f, {0.0, 0.01}, sc, today);  // its group is being demobilised
    CHECK(f.units[0].strength == before);
}

TEST_CASE("a group's income and upkeep count per head: countries of any size recruit alike",
          "[ensemble][actors][economy][scale]") {
    // With no operations, no mission and no reprisals, only the groups' economy and the people's
    // grievance drive recruitment. Resources that moved by the people held and the fighters in
    // absolute numbers went broke within months in the larger country and stopped its
    // recruiting (docs/model.md, section 5).
    const auto recruited_per_head = [](const char* people) {
        double sum = 0;
        for (std::uint64_t seed = 1; seed <= 3; ++seed) {
            const auto s = test::run_small(300, seed, 2,
                                           {{"world.population", people},
                                            {"conflict.operations_rate", "0"},
                                            {"conflict.reprisal", "0"},
                                            {"mission.troops", "0"},
                                            {"mission.police", "0"}});
            sum += double(output::totals(s).recruited);
        }
        return sum / std::atof(people);
    };
    const double small = recruited_per_head("60000"), large = recruited_per_head("480000");
    INFO("recruited per head at 60,000 " << small << ", at 480,000 " << large);
    CHECK(large > 0);
    CHECK(small / large > 0.8);
    CHECK(small / large < 1.25);
}
