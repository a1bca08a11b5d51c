// Tension, local dialogues and humanitarian access (sim/communities/tension.cpp) do what they
// claim, over paired seeds.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

TEST_CASE("local dialogues lower intercommunal violence", "[mechanism][communities]") {
    const auto p = test::compare(200, 8, tense({{"politics.local_dialogue_rate", "0.2"}}),
                                 tense({{"politics.local_dialogue_rate", "0"}}), communal);
    INFO("communal deaths with dialogues " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher >= test::decisive(8));
}

TEST_CASE("a drought raises competition and so communal clashes",
          "[ensemble][mechanism][communities]") {
    const auto p = test::compare(200, 8, tense({}),
                                 tense({{"communities.competition_weight", "0.02"}}), clashes);
    INFO("clashes " << p.mean_a << " at the default weight, " << p.mean_b
                    << " when competition weighs more");
    CHECK(p.higher >= test::decisive(8));
    // The drought inject itself: more clashes than the same seeds without it.
    int more = 0;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        auto base = test::small_scenario(tense({}));
        auto dry = base;
        scenario::add_injects(dry, {"0:drought:200"});
        engine::Simulation a(base, seed), b(dry, seed);
        engine::run_days(a, 200, 2);
        engine::run_days(b, 200, 2);
        more += output::totals(b).clashes > output::totals(a).clashes;
    }
    CHECK(more >= test::decisive(8));
}

TEST_CASE("humanitarian access relieves the hardship of the displaced",
          "[mechanism][communities]") {
    const auto p =
        test::compare(200, 8, {{"communities.aid_relief", "1.0"}},
                      {{"communities.aid_relief", "0.0"}}, [](const engine::Simulation& s) {
                          double h = 0, n = 0;
                          const auto& c = s.civilians();
                          for (std::size_t i = 0; i < c.size(); ++i)
                              if (c.status[i] == std::uint8_t(population::Status::Displaced))
                                  h += c.hardship[i], n += 1;
                          return n > 0 ? h / n : 0.0;
                      });
    INFO("hardship of the displaced with full relief " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher >= test::decisive(8));
}
