// The channels through which the mission acts (docs/model.md, sections 8.3-8.5 and 8.11): each
// test isolates one: a raid not attempted against a guarded place, a response that arrives in
// time stops an attack and a late one does not, a budget cut bites on operations, the force
// stays through rotations, every death is an event of the log.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/runs.hpp"
#include "../support/settings.hpp"
#include "actors/actors.hpp"
#include "mission/mission.hpp"
#include "peacesim/engine/feed.hpp"
#include "peacesim/output/totals.hpp"
#include "politics/politics.hpp"
#include "population/population.hpp"

using namespace peacesim;

namespace {
/// A country at the start of a run, with the mission's per-settlement fields empty.
struct Country {
    scenario::Scenario sc = test::small_scenario();
    world::Map map = world::generate_map(sc, std::uint64_t(sc.world.seed));
    world::Sight sight = world::make_sight(map, sc);
    population::Civilians civ = population::make_civilians(map, sc, 1);
    population::Presence presence;
    population::Perception perception;
    actors::Forces forces = actors::make_forces(map, sc, 1);
    mission::State mission;
    politics::Track politics = politics::make_track(sc.politics, forces.parties.size());

    Country() {
        population::init(presence, perception, civ, map, sight, sc.identity_groups.size());
        const auto ns = map.settlements.size();
        mission.guard.assign(ns, 0.0f);
        mission.reported.assign(ns, 0);
        mission.poc.assign(ns, 0);
        mission.response_share.assign(ns, 1.0f);
        mission.response_threat.assign(ns, 0.0f);
        actors::survey(forces, map, sight, mission);
    }
    core::Today day(int d) const {
        core::Today t;
        t.seed = 7, t.day = d, t.date = sc.meta.start_date.plus_days(d);
        return t;
    }
};

std::int64_t raids_launched(const actors::Forces& before, const actors::Forces& after) {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < after.units.size(); ++i)
        n += after.units[i].action == actors::Action::AttackSettlement &&
             after.units[i].days_on_task == 0 && before.units[i].alive();
    return n;
}
}  // namespace

TEST_CASE("a raid is not attempted where guards would break the band, and is counted",
          "[mission][deterrence]") {
    // The same bands decide on the same days, once with no mission and once with troops
    // guarding every settlement in strength. Every raid launched in the first world is, in the
    // second, a raid not attempted or re-targeted: the counterfactual the mission reports.
    Country open, guarded;
    std::fill(guarded.mission.guard.begin(), guarded.mission.guard.end(), 5000.0f);
    // Columns off: a band that joins another's column does not decide for itself, and who
    // joins follows what the others chose, so the two worlds would differ by more than raids.
    open.sc.conflict.column_share = guarded.sc.conflict.column_share = 0;
    std::int64_t launched_open = 0, launched_guarded = 0, counted = 0, counted_open = 0;
    for (int d = 0; d < 200; ++d) {
        auto a = open.forces, b = guarded.forces;
        const auto ca = actors::decide(a, open.map, open.sight, open.presence, open.mission,
                                       open.politics, open.sc, open.day(d));
        const auto cb =
            actors::decide(b, guarded.map, guarded.sight, guarded.presence, guarded.mission,
                           guarded.politics, guarded.sc, guarded.day(d));
        launched_open += raids_launched(open.forces, a);
        launched_guarded += raids_launched(guarded.forces, b);
        counted += cb.not_attempted + cb.retargeted;
        counted_open += ca.not_attempted + ca.retargeted;
    }
    INFO("raids launched with no mission " << launched_open << ", against guards "
                                           << launched_guarded);
    CHECK(launched_open > 20);
    CHECK(launched_guarded == 0);
    CHECK(counted == launched_open);
    CHECK(counted_open == 0);
}

TEST_CASE("a response that arrives in time stops the attack, a late one does not",
          "[mission][response]") {
    Country c;
    c.sc.mobility.host_restrictions = 0;  // no checkpoint delays
    c.sc.mobility.response_window_h = 3;  // a short attack
    auto& m = c.mission;
    m.on = true;
    m.tasks.rapid_response = true;
    m.roe = scenario::Roe::SelfDefence;
    const std::uint32_t s = 0;
    const auto& st = c.map.settlements[s];
    m.reported[s] = 1;  // observers in sight: the mission hears of the attack at once
    // A quick-reaction force at the settlement, and one about 120 km away.
    auto place = [&](int x, int y) {
        mission::Unit u;
        u.kind = mission::UnitKind::QuickReaction;
        u.x = u.dest_x = u.hub_x = x;
        u.y = u.dest_y = u.hub_y = y;
        u.strength = u.full_strength = 150;
        m.units = {u};
    };
    std::uint32_t band = 0;
    while (c.forces.units[band].party == 0) ++band;

    place(st.x, st.y);
    const auto near =
        mission::respond(m, c.forces, s, band, c.map, c.sight, c.presence, c.sc, c.day(3));
    CHECK(near.arrived);
    CHECK(near.share_done == Approx(c.sc.mobility.response_prep_h / 3.0));
    CHECK(m.units[0].tasked_until >= 3);  // busy: it cannot answer a second call today
    const auto again =
        mission::respond(m, c.forces, s, band, c.map, c.sight, c.presence, c.sc, c.day(3));
    CHECK_FALSE(again.arrived);
    CHECK(m.totals.why.responses_unanswered == 1);

    const int far = int(st.x) < c.map.width / 2 ? int(st.x) + 60 : int(st.x) - 60;  // 120 km
    place(far, st.y);
    const auto late =
        mission::respond(m, c.forces, s, band, c.map, c.sight, c.presence, c.sc, c.day(4));
    CHECK_FALSE(late.arrived);
    CHECK(late.share_done == 1.0);
    CHECK(m.totals.why.responses_late == 1);
    CHECK(m.totals.why.responses_in_time == 1);
    // The force is on its way all the same.
    CHECK(m.units[0].dest_x == int(st.x));
}

TEST_CASE(
    "the mission answers the attacks it hears of: out of its sight, as often as the "
    "residents trust it",
    "[mission][response][alert]") {
    // docs/model.md 8.5. A quick-reaction force stands at the settlement; nobody of the mission
    // is in sight, so the residents must raise the alert.
    Country c;
    c.sc.mobility.host_restrictions = 0;
    c.sc.mobility.response_window_h = 12;
    c.sc.mobility.alert_h = 2;
    auto& m = c.mission;
    m.on = true;
    m.tasks.rapid_response = true;
    m.roe = scenario::Roe::SelfDefence;
    std::uint32_t band = 0;
    while (c.forces.units[band].party == 0) ++band;
    // Settlements with residents; every attack is on a different one, each once.
    std::vector<std::uint32_t> places;
    for (std::uint32_t s = 0; s < c.map.settlements.size() && places.size() < 200; ++s)
        if (c.presence.residents_at(s) > 0) places.push_back(s);
    REQUIRE(places.size() >= 100);
    const auto attacks = [&](double trust) {
        int answered = 0;
        double first_share = 1;
        m.totals = {};
        for (std::size_t k = 0; k < places.size(); ++k) {
            const auto s = places[k];
            c.presence.trust_mission[s] =
                std::int64_t(trust * 1e4 * double(c.presence.residents_at(s)));
            mission::Unit u;
            u.kind = mission::UnitKind::QuickReaction;
            u.x = u.dest_x = u.hub_x = c.map.settlements[s].x;
            u.y = u.dest_y = u.hub_y = c.map.settlements[s].y;
            u.strength = u.full_strength = 150;
            m.units = {u};
            const auto r = mission::respond(m, c.forces, s, band, c.map, c.sight, c.presence, c.sc,
                                            c.day(int(k)));
            answered += r.arrived;
            if (r.arrived) {
                // The preparation and the alert's delay, from none to twice alert_h.
                CHECK(r.share_done >= c.sc.mobility.response_prep_h / 12.0 - 1e-12);
                CHECK(r.share_done <= (c.sc.mobility.response_prep_h + 4.0) / 12.0 + 1e-12);
                first_share = std::min(first_share, r.share_done);
            }
        }
        INFO("trust " << trust << ": " << answered << " of " << places.size() << " answered");
        CHECK(answered + m.totals.why.attacks_not_alerted == std::int64_t(places.size()));
        return answered;
    };
    CHECK(attacks(0.0) == 0);
    CHECK(m.totals.why.attacks_not_alerted == std::int64_t(places.size()));
    CHECK(attacks(1.0) == int(places.size()));
    CHECK(m.totals.why.attacks_not_alerted == 0);
    const int half = attacks(0.5);
    // Binomial(n, 1/2): within five standard deviations.
    const double n = double(places.size());
    CHECK(std::abs(half - n / 2) < 5 * std::sqrt(n / 4));
    // The mission's own people in sight hear at once, whatever the residents think.
    std::fill(m.reported.begin(), m.reported.end(), 1);
    CHECK(attacks(0.0) == int(places.size()));
}

TEST_CASE("a budget cut bites on operations from the next instalment", "[mission][funding]") {
    const auto cut = [](const char* budget) {
        return test::sized({{"mission.budget_musd", budget}});
    };
    const auto p = test::compare(180, 8, cut("110"), cut("160"), test::patrols);
    INFO("patrols with a budget of 110, 160: " << p.mean_a << ", " << p.mean_b);
    CHECK(p.higher >= test::decisive(8));
    const auto poor = test::run_small(180, 1, 2, cut("110"));
    CHECK(poor.mission_totals().why.patrols_unfunded > 0);
}

TEST_CASE("helicopters cost whether they fly or not", "[mission][funding]") {
    const auto two = test::run_small(120, 1, 2, test::sized({{"mission.helicopters", "2"}}));
    const auto twelve = test::run_small(120, 1, 2, test::sized({{"mission.helicopters", "12"}}));
    CHECK(twelve.mission_totals().helicopter_lease_musd ==
          Approx(6 * two.mission_totals().helicopter_lease_musd));
    CHECK(twelve.mission_totals().cost_musd > two.mission_totals().cost_musd);
    CHECK(twelve.state_hash() != two.state_hash());
}

TEST_CASE("accountability replaces underperformers without thinning the force",
          "[mission][conduct]") {
    const auto s = test::run_small(
        365, 1, 2, test::sized({{"mission.mandate", "traditional"}, {"mission.caveats", "0.8"}}));
    CHECK(s.mission_totals().rotations > 0);
    std::int64_t peak = 0, low = 1 << 30;
    for (const auto& d : s.history()) {
        peak = std::max(peak, d.mission.companies_deployed);
        low = std::min(low, d.mission.companies_deployed);
    }
    CHECK(peak > 0);
    CHECK(low == peak);
}

TEST_CASE("the event log accounts for every violent death, peacekeepers' among them",
          "[mission][events]") {
    for (const char* mandate : {"robust_poc", "stabilization"}) {
        const auto s = test::run_small(240, 2, 2,
                                       test::sized({{"mission.mandate", mandate},
                                                    {"mobility.ied_threat", "0.5"},
                                                    {"regional_force.troops", "600"}}));
        const auto t = output::totals(s);
        std::int64_t logged = 0, mission = 0;
        for (const auto& e : s.events()) {
            logged += e.best();
            if (e.side_a == engine::Event::mission_side) mission += e.deaths_a;
        }
        INFO(mandate);
        CHECK(s.mission_totals().fatalities > 0);
        CHECK(mission == s.mission_totals().fatalities);
        CHECK(logged == t.civilians_killed + t.battle_deaths + t.communal_deaths +
                            s.mission_totals().fatalities);
    }
}

TEST_CASE("a country scaled in people keeps its deaths per head", "[ensemble][mission][scale]") {
    // The small country at 60,000 people and at four times that, with the same forces per head:
    // units keep their number and their size scales.
    const auto killed = [](const char* people) {
        double sum = 0;
        for (std::uint64_t seed = 1; seed <= 6; ++seed) {
            const auto s = test::run_small(240, seed, 2, {{"world.population", people}});
            sum += double(output::totals(s).civilians_killed + output::totals(s).battle_deaths);
        }
        return sum;
    };
    const double small = killed("60000") / 60000.0, large = killed("240000") / 240000.0;
    INFO("deaths per head at 60,000 " << small << ", at 240,000 " << large);
    CHECK(small / large > 0.75);
    CHECK(small / large < 1.33);
}

TEST_CASE("observers verify the ceasefire violations in their sight", "[mission][politics]") {
    // Talks under way with every group, so that fights with the state are violations.
    const auto talks = [](std::vector<scenario::Override> extra) {
        return test::sized(test::with({{"politics.initial_stage", "talks"},
                                       {"armed_groups.0.stance", "negotiating"},
                                       {"armed_groups.1.stance", "negotiating"},
                                       {"armed_groups.2.stance", "negotiating"},
                                       {"mission.observers", "400"}},
                                      extra));
    };
    std::int64_t seen = 0, unseen = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        seen += test::run_small(200, seed, 2, talks({})).mission_totals().why.violations_verified;
        unseen += test::run_small(200, seed, 2,
                                  talks({{"mission.tasks.observe_report", "off"},
                                         {"mission.tasks.human_rights", "off"}}))
                      .mission_totals()
                      .why.violations_verified;
    }
    CHECK(seen > 0);
    CHECK(unseen == 0);
}

TEST_CASE("third-party guarantees keep an accord alive longer (Walter 2002)",
          "[ensemble][mission][politics]") {
    // The same troops, monitoring disarmament or not. Common random numbers tie most pairs (the
    // same relapse day, or none): 80 seeds leave enough that differ for a sign test.
    const auto p = test::compare(
        300, 80,
        test::sized(
            test::accord({{"mission.tasks.ddr", "off"}, {"mission.tasks.observe_report", "off"}})),
        test::sized(
            test::accord({{"mission.tasks.ddr", "on"}, {"mission.tasks.observe_report", "on"}})),
        [](const engine::Simulation& s) {
            return test::days_at_or_after(s, scenario::Stage::Agreement);
        });
    INFO("days of peace without guarantees " << p.mean_a << ", with " << p.mean_b << "; "
                                             << p.higher << " seeds longer, " << p.lower
                                             << " shorter");
    REQUIRE(p.untied() >= 10);
    CHECK(p.higher >= test::decisive(p.untied()));
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("the mission's political staff add to mediation in proportion to their number",
          "[ensemble][mission][politics]") {
    const auto p = test::compare(365, 12,
                                 {{"mission.mandate", "political"},
                                  {"mission.civilian_staff", "0"},
                                  {"politics.mediation", "0.1"}},
                                 {{"mission.mandate", "political"},
                                  {"mission.civilian_staff", "60"},
                                  {"politics.mediation", "0.1"}},
                                 [](const engine::Simulation& s) {
                                     return test::days_at_or_after(s, scenario::Stage::Ceasefire);
                                 });
    INFO("days at or past a ceasefire with no political staff " << p.mean_a << ", with "
                                                                << p.mean_b);
    CHECK(p.higher > p.lower);
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("formed police keep public order and count as coercive presence",
          "[ensemble][mission][police]") {
    const auto police = [](const char* n) {
        return test::sized(test::tense({{"mission.police", n}}));
    };
    const auto p = test::compare(240, 16, police("0"), police("1400"), test::communal);
    INFO("communal deaths with no formed police " << p.mean_a << ", with ten units " << p.mean_b
                                                  << "; " << p.lower << " seeds fewer, " << p.higher
                                                  << " more");
    CHECK(p.lower >= test::decisive(p.untied()));
    const auto s = test::run_small(240, 1, 2, police("1400"));
    CHECK(s.mission_totals().why.clashes_policed > 0);
}

TEST_CASE("fights where the mission's troops are at hand are costlier, so fewer",
          "[ensemble][mission][deterrence]") {
    // The same seeds with and without the cost of being seen: with the mission deployed, the
    // state and the armed groups attack each other's units less where its infantry stand.
    const auto state_events = [](const engine::Simulation& sim) {
        double n = 0;
        for (const auto& e : sim.events()) n += e.type == 1 ? 1 : 0;
        return n;
    };
    const auto p = test::compare(365, 16, {{"conflict.witness_cost", "0"}},
                                 {{"conflict.witness_cost", "0.6"}}, state_events);
    INFO("state-based events: " << p.mean_a << " unseen, " << p.mean_b << " seen");
    CHECK(p.mean_b < p.mean_a);
    CHECK(p.lower >= test::decisive(p.untied()));
    // Without a mission nobody watches: the cost changes no choice at all.
    const auto q = test::compare(
        365, 3, {{"conflict.witness_cost", "0"}, {"mission.mandate", "none"}},
        {{"conflict.witness_cost", "0.6"}, {"mission.mandate", "none"}}, state_events);
    CHECK(q.untied() == 0);
}

TEST_CASE("local truces where troops stand cut the violence there (Ruggeri et al. 2017)",
          "[ensemble][mission][mechanism]") {
    // The same mission, brokering a local truce as soon as fighting goes on where its troops
    // stand, or never; deaths in events within engagement distance of where its infantry
    // companies stand at the end (their bases rarely move). Bands kept from those places pick
    // other options, so the effect is measured where the truces bind, over 40 seeds.
    const auto where_troops_stand = [](const engine::Simulation& s) {
        const double engage = s.scenario().conflict.engage_km / s.scenario().world.cell_km;
        double deaths = 0;
        for (const auto& e : s.events())
            for (const auto& u : s.mission_units())
                if (u.active() && u.infantry() &&
                    std::hypot(double(u.x - e.cell_x), double(u.y - e.cell_y)) <= engage + 0.5) {
                    deaths += double(e.best());
                    break;
                }
        return deaths;
    };
    const auto p =
        test::compare(365, 40, test::sized({{"mission.local_truce_rate", "0"}}),
                      test::sized({{"mission.local_truce_rate", "1"}}), where_troops_stand);
    INFO("deaths where troops stand without local truces "
         << p.mean_a << ", with " << p.mean_b << "; " << p.lower << " seeds fewer, " << p.higher
         << " more");
    CHECK(p.lower >= test::decisive(p.untied()));
    CHECK(p.mean_b < p.mean_a);
}

TEST_CASE("local truces need troops on the spot and civil affairs or mediation in the mandate",
          "[mission]") {
    const auto truces = [](std::vector<scenario::Override> extra) {
        std::int64_t n = 0;
        for (std::uint64_t seed = 1; seed <= 3; ++seed)
            n +=
                test::run_small(200, seed, 2, test::sized(extra)).mission_totals().why.local_truces;
        return n;
    };
    CHECK(truces({}) > 0);
    CHECK(truces({{"mission.troops", "0"}}) == 0);
    CHECK(truces({{"mission.tasks.civil_affairs", "off"}, {"mission.tasks.mediation", "off"}}) ==
          0);
    CHECK(truces({{"mission.local_truce_rate", "0"}}) == 0);
    // Either task is enough.
    CHECK(truces({{"mission.tasks.civil_affairs", "off"}}) > 0);
    // The feed tells of each day's truces.
    const auto sim = test::run_small(200, 1, 2, test::sized({}));
    int told = 0;
    for (const auto& h : engine::run_happenings(sim))
        told += h.kind == "mission" && h.text.find("local truce") != std::string::npos;
    CHECK(told > 0);
}
