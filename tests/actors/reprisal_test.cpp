// Reprisals (sim/actors/decide.cpp; docs/model.md, section 7.4): what each party reckons the
// others did to it lately, and what that does to the violence.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "actors/actors.hpp"

using namespace peacesim;

namespace {
engine::Event fight(int day, std::uint32_t a, std::uint32_t b, std::int64_t dead_a,
                    std::int64_t dead_b) {
    engine::Event e;
    e.day = day, e.type = a == 0 ? 1 : 2, e.side_a = a, e.side_b = b;
    e.deaths_a = dead_a, e.deaths_b = dead_b;
    return e;
}
}  // namespace

TEST_CASE("a party reckons what each other party did to it lately, per fighter of its own",
          "[actors][reprisal]") {
    // The state and two groups of different identities; group 1 has 200 fighters, group 2 100.
    actors::Forces f;
    f.parties.resize(3);
    f.parties[0].government = true;
    f.parties[1].identity = 0, f.parties[2].identity = 1;
    for (auto [party, strength] : {std::pair{0u, 400}, {1u, 150}, {1u, 50}, {2u, 100}}) {
        actors::Unit u;
        u.party = party, u.strength = u.full_strength = strength;
        f.units.push_back(u);
    }
    // One settlement: 30 people of group 0's identity, 10 of group 1's.
    population::Presence presence;
    presence.groups = 2;
    presence.present = {30, 10};
    scenario::ConflictParams cp;
    cp.reprisal = 100, cp.reprisal_days = 7;
    const int today = 50;
    std::vector<engine::Event> events;
    events.push_back(fight(today - 100, 0, 1, 0, 90));  // long past: forgotten
    events.push_back(fight(today - 1, 0, 1, 4, 10));    // the state killed 10 of group 1's
    events.push_back(fight(today - 8, 2, 1, 3, 20));    // group 2 killed 20 of group 1's a week ago
    engine::Event massacre;  // group 2 killed 8 civilians where 3/4 are group 1's people
    massacre.day = today - 1, massacre.type = 3, massacre.side_a = 2, massacre.settlement = 0;
    massacre.deaths_civilians = 8;
    events.push_back(massacre);
    actors::reckon_provocations(f, events, presence, cp, today);
    const auto at = [&](std::size_t a, std::size_t b) { return f.provoked[a * 3 + b]; };
    const double day1 = std::exp(-1.0 / 7), day8 = std::exp(-8.0 / 7);
    CHECK(at(1, 0) == Approx(10 * day1 / 200));
    CHECK(at(1, 2) == Approx((20 * day8 + 8 * 0.75 * day1) / 200));
    CHECK(at(0, 1) == Approx(4 * day1 / 400));
    CHECK(at(2, 1) == Approx(3 * day8 / 100));
    // Nobody is provoked by themselves (the massacre's victims of group 2's own identity), and
    // the state does not count civilians.
    CHECK(at(1, 1) == 0);
    CHECK(at(2, 2) == 0);
    CHECK(at(0, 2) == 0);
    // Without reprisals nothing is reckoned.
    cp.reprisal = 0;
    actors::reckon_provocations(f, events, presence, cp, today);
    for (double v : f.provoked) CHECK(v == 0);
}

TEST_CASE("with reprisals violence begets violence: more events, closer together",
          "[ensemble][actors][reprisal][mechanism]") {
    // Clustering and the cap's effect are smaller than reprisals' own: more seeds to show them.
    constexpr int seeds = 10, more_seeds = 16, days = 300;
    const auto events = [](const engine::Simulation& s) { return double(s.events().size()); };
    const auto p = test::compare(days, seeds, {{"conflict.reprisal", "0"}},
                                 {{"conflict.reprisal", "600"}}, events);
    INFO("events without reprisals " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    // Clustering: the share of events that follow another within a day.
    const auto close = [](const engine::Simulation& s) {
        const auto& ev = s.events();
        if (ev.size() < 2) return 0.0;
        std::size_t n = 0;
        for (std::size_t i = 1; i < ev.size(); ++i) n += ev[i].day - ev[i - 1].day <= 1;
        return double(n) / double(ev.size() - 1);
    };
    const auto q = test::compare(days, more_seeds, {{"conflict.reprisal", "0"}},
                                 {{"conflict.reprisal", "600"}}, close);
    INFO("share of events within a day of the last, without reprisals " << q.mean_a << ", with "
                                                                        << q.mean_b);
    CHECK(q.higher >= test::decisive(more_seeds));
    // The cap binds: a higher one lets the cycles run further.
    const auto c = test::compare(
        days, more_seeds, {{"conflict.reprisal", "600"}, {"conflict.reprisal_max", "0.5"}},
        {{"conflict.reprisal", "600"}, {"conflict.reprisal_max", "6"}}, events);
    INFO("events with the spur capped at 0.5 " << c.mean_a << ", at 6 " << c.mean_b);
    CHECK(c.higher >= test::decisive(more_seeds));
}
