// Each lever of the mission moves what its mechanism says it moves, over paired seeds
// against the same scenario with the lever changed.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"

using namespace peacesim;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
// A mission sized for the small test country.
std::vector<scenario::Override> sized(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"mission.troops", "1800"}, {"mission.police", "280"},
                                         {"mission.helicopters", "2"}, {"mission.budget_musd", "100"}, {"mission.funding.reserve_musd", "8"},
                                         {"mission.civilian_staff", "100"}, {"mission.observers", "40"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
double p90(const engine::Simulation& s) { return s.mission_totals().response_time_p90_h; }
double patrols(const engine::Simulation& s) { return double(s.mission_totals().patrols); }
double denials(const engine::Simulation& s) { return double(s.mission_totals().movement_denials); }
double killed(const engine::Simulation& s) { return double(s.totals().civilians_killed); }
}  // namespace

TEST_CASE("helicopters shorten responses", "[mission][mobility]") {
    const auto p = test::compare(days, seeds, sized({{"mission.helicopters", "12"}}), sized({{"mission.helicopters", "0"}}), p90);
    INFO("p90 response with 12 helicopters " << p.mean_a << " h, with none " << p.mean_b << " h");
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("a funding shortfall cuts patrols and delays reimbursement", "[mission][funding]") {
    const auto p = test::compare(days, seeds, sized({{"mission.funding.paid_fraction", "0.3"}}),
                                 sized({{"mission.funding.paid_fraction", "1.0"}}), patrols);
    INFO("patrols at 30% paid " << p.mean_a << ", fully paid " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    const auto poor = test::run_small(days, 1, 2, sized({{"mission.funding.paid_fraction", "0.3"}}));
    const auto rich = test::run_small(days, 1, 2, sized({{"mission.funding.paid_fraction", "1.0"}}));
    CHECK(poor.mission_totals().reimbursement_delay_days > 30);
    CHECK(rich.mission_totals().reimbursement_delay_days == 0);
    CHECK(poor.mission_totals().flight_hours < rich.mission_totals().flight_hours);
}

TEST_CASE("a mission left unpaid long enough loses contingents", "[mission][funding]") {
    const auto s = test::run_small(540, 2, 2, sized({{"mission.funding.paid_fraction", "0.0"}}));
    CHECK(s.mission_totals().contingents_withdrawn > 0);
    const auto paid = test::run_small(540, 2, 2, sized({}));
    CHECK(paid.mission_totals().contingents_withdrawn == 0);
}

TEST_CASE("host restrictions deny movements and slow responses", "[mission][mobility]") {
    const auto d = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), denials);
    INFO("denials without restrictions " << d.mean_a << ", at 0.6 " << d.mean_b);
    CHECK(d.higher >= test::decisive(seeds));
    CHECK(d.mean_a == 0.0);
    const auto r = test::compare(days, seeds, sized({{"mobility.host_restrictions", "0"}}),
                                 sized({{"mobility.host_restrictions", "0.6"}}), p90);
    INFO("p90 response without restrictions " << r.mean_a << " h, at 0.6 " << r.mean_b << " h");
    CHECK(r.higher >= test::decisive(seeds));
}

TEST_CASE("a protection mission lowers civilian deaths (Hultman, Kathman and Shannon 2013)", "[mission][mandate]") {
    const auto robust = test::compare(days, seeds, sized({{"mission.mandate", "robust_poc"}}),
                                      sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed under robust_poc " << robust.mean_a << ", with no mission " << robust.mean_b);
    CHECK(robust.higher >= test::decisive(seeds));
    const auto multi = test::compare(days, seeds, sized({{"mission.mandate", "multidimensional"}}),
                                     sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed under multidimensional " << multi.mean_a << ", with no mission " << multi.mean_b);
    CHECK(multi.higher >= test::decisive(seeds));
}

TEST_CASE("stabilization costs impartiality and peacekeepers' lives", "[mission][mandate]") {
    const auto p = test::compare(days, seeds, sized({{"mission.mandate", "multidimensional"}}),
                                 sized({{"mission.mandate", "stabilization"}}),
                                 [](const engine::Simulation& s) { return double(s.mission_totals().fatalities); });
    INFO("peacekeepers killed, multidimensional " << p.mean_a << ", stabilization " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
    const auto s = test::run_small(days, 1, 2, sized({{"mission.mandate", "stabilization"}}));
    CHECK(s.mission_totals().final_impartiality < 0.95);
    CHECK(s.mission_tasks().offensive_ops == scenario::Switch::On);
}

TEST_CASE("mandates deploy what they bundle, and task switches override them", "[mission][mandate]") {
    const auto none = test::run_small(30, 1, 2, sized({{"mission.mandate", "none"}}));
    CHECK(none.mission_units().empty());
    CHECK(none.mission_totals().cost_musd == 0.0);
    const auto political = test::run_small(30, 1, 2, sized({{"mission.mandate", "political"}}));
    REQUIRE_FALSE(political.mission_units().empty());
    for (const auto& u : political.mission_units()) CHECK(u.kind == mission::UnitKind::CivilianTeam);
    CHECK(political.mission_tasks().mediation == scenario::Switch::On);
    CHECK(political.mission_tasks().presence == scenario::Switch::Off);
    const auto observer = test::run_small(30, 1, 2, sized({{"mission.mandate", "observer"}}));
    bool has_observers = false, has_troops = false;
    for (const auto& u : observer.mission_units()) {
        has_observers |= u.kind == mission::UnitKind::Observers;
        has_troops |= u.kind == mission::UnitKind::Company;
    }
    CHECK(has_observers);
    CHECK_FALSE(has_troops);
    const auto no_patrols = test::run_small(60, 1, 2, sized({{"mission.tasks.patrols", "off"}}));
    CHECK(no_patrols.mission_totals().patrols == 0);
    const auto with = test::run_small(60, 1, 2, sized({}));
    CHECK(with.mission_totals().patrols > 0);
}

TEST_CASE("engineers turn tracks into all-weather roads", "[mission][mobility]") {
    const auto with = test::run_small(90, 1, 2, sized({{"mission.engineers", "450"}}));
    const auto without = test::run_small(90, 1, 2, sized({{"mission.engineers", "0"}}));
    CHECK(with.mission_totals().roads_repaired > 0);
    CHECK(without.mission_totals().roads_repaired == 0);
    std::size_t secondary_with = 0, secondary_without = 0;
    for (auto r : with.map().road) secondary_with += r == world::Road::Secondary;
    for (auto r : without.map().road) secondary_without += r == world::Road::Secondary;
    CHECK(secondary_with == secondary_without + std::size_t(with.mission_totals().roads_repaired));
}

TEST_CASE("a regional force deploys on its day and fights under an enforcement mandate", "[mission][regional]") {
    auto regional = sized({{"mission.mandate", "none"}, {"regional_force.troops", "1500"}, {"regional_force.arrival_day", "30"}});
    engine::Simulation sim(test::small_scenario(regional), 3);
    engine::run_days(sim, 29, 2);
    CHECK(sim.mission_units().empty());
    engine::run_days(sim, 150, 2);
    REQUIRE(sim.mission_units().size() == 10);
    CHECK(sim.mission_totals().regional_operations > 0);
    CHECK(sim.mission_totals().cost_musd == 0.0);  // not paid from the UN budget
    // It protects too: fewer civilians die than with no force at all.
    const auto p = test::compare(days, seeds, sized({{"mission.mandate", "none"}, {"regional_force.troops", "3000"}}),
                                 sized({{"mission.mandate", "none"}}), killed);
    INFO("civilians killed with a regional force " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("attack helicopters add fire support under robust rules", "[mission][mobility]") {
    const auto p = test::compare(days, seeds, sized({{"mission.mandate", "robust_poc"}, {"mission.attack_helicopters", "6"}}),
                                 sized({{"mission.mandate", "robust_poc"}}),
                                 [](const engine::Simulation& s) { return double(s.totals().civilians_killed_groups); });
    INFO("killed by armed groups with attack helicopters " << p.mean_a << ", without " << p.mean_b);
    CHECK(p.higher > p.lower);
    CHECK(p.mean_b > p.mean_a);
}

TEST_CASE("protection sites shelter the displaced", "[mission][tasks]") {
    std::int64_t on = 0, off = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        on += test::run_small(days, seed, 2, sized({})).status_counts()[std::size_t(population::Status::ProtectionSite)];
        off += test::run_small(days, seed, 2, sized({{"mission.tasks.protection_sites", "off"}}))
                   .status_counts()[std::size_t(population::Status::ProtectionSite)];
    }
    CHECK(on > 0);
    CHECK(off == 0);
}

TEST_CASE("civil affairs convene more local dialogues", "[mission][tasks]") {
    const auto p = test::compare(days, seeds, sized({{"mission.tasks.civil_affairs", "off"}, {"communities.tension", "0.6"}}),
                                 sized({{"mission.tasks.civil_affairs", "on"}, {"communities.tension", "0.6"}}),
                                 [](const engine::Simulation& s) { return double(s.totals().dialogues); });
    INFO("dialogues without civil affairs " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}

TEST_CASE("monitoring reports abuses, accountability rotates underperformers, discipline curbs misconduct",
          "[mission][conduct]") {
    const auto watched = test::run_small(days, 1, 2, sized({{"mission.observers", "200"}}));
    CHECK(watched.mission_totals().reports > 0);
    const auto unwatched = test::run_small(
        days, 1, 2, sized({{"mission.tasks.observe_report", "off"}, {"mission.tasks.human_rights", "off"}}));
    CHECK(unwatched.mission_totals().reports == 0);

    const auto accountable = test::run_small(days, 1, 2, sized({{"mission.caveats", "0.8"}}));
    const auto unaccountable = test::run_small(days, 1, 2, sized({{"mission.caveats", "0.8"}, {"mission.accountability", "false"}}));
    CHECK(accountable.mission_totals().rotations > 0);
    CHECK(unaccountable.mission_totals().rotations == 0);

    const auto m = test::compare(days, seeds, sized({{"mission.discipline", "0.95"}, {"mission.misconduct_rate", "2"}}),
                                 sized({{"mission.discipline", "0.0"}, {"mission.misconduct_rate", "2"}}),
                                 [](const engine::Simulation& s) { return double(s.mission_totals().misconduct_cases); });
    INFO("misconduct cases with discipline " << m.mean_a << ", without " << m.mean_b);
    CHECK(m.higher >= test::decisive(seeds));
}

TEST_CASE("levers changed during a run take effect from the next day", "[mission][levers]") {
    engine::Simulation a(test::small_scenario(sized({})), 5), b(test::small_scenario(sized({})), 5);
    engine::run_days(a, 40, 2);
    engine::run_days(b, 40, 2);
    REQUIRE(a.state_hash() == b.state_hash());
    b.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    std::int64_t companies = 0;
    for (const auto& u : b.mission_units()) companies += u.active() && u.kind == mission::UnitKind::Company;
    CHECK(companies == 0);
    CHECK(b.adjustments().size() == 2);
    CHECK(b.adjustments()[0].first == 40);
    engine::run_days(a, 20, 2);
    engine::run_days(b, 20, 2);
    CHECK(a.state_hash() != b.state_hash());
    // Redeploying brings new companies; a new mandate brings its tasks.
    b.adjust({{"mission.troops", "1500"}, {"mission.mandate", "stabilization"}});
    companies = 0;
    for (const auto& u : b.mission_units()) companies += u.active() && u.kind == mission::UnitKind::Company;
    CHECK(companies == 10);
    CHECK(b.mission_tasks().offensive_ops == scenario::Switch::On);
    b.adjust({{"mission.mandate", "none"}});
    for (const auto& u : b.mission_units()) CHECK_FALSE(u.active());
    // The same changes on the same day give the same run.
    engine::Simulation c(test::small_scenario(sized({})), 5);
    engine::run_days(c, 40, 1);
    c.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    engine::run_days(c, 20, 1);
    engine::Simulation d(test::small_scenario(sized({})), 5);
    engine::run_days(d, 40, 2);
    d.adjust({{"mission.troops", "0"}, {"mobility.host_restrictions", "0.8"}});
    engine::run_days(d, 20, 2);
    CHECK(c.state_hash() == d.state_hash());
}

TEST_CASE("only what a running world can change is a live lever", "[mission][levers]") {
    engine::Simulation s(test::small_scenario(sized({})), 1);
    const auto before = s.state_hash();
    CHECK_THROWS_AS(s.adjust({{"world.population", "5000"}}), scenario::ScenarioError);
    CHECK_THROWS_AS(s.adjust({{"mission.troops", "-5"}}), scenario::ScenarioError);
    CHECK_THROWS_AS(s.adjust({{"mission.mandate", "peace_enforcement"}}), scenario::ScenarioError);
    CHECK(s.state_hash() == before);
}
