// Presence (sim/mission/presence.cpp): protection sites and civil affairs.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
// A mission sized for the small test country.
std::vector<scenario::Override> sized(std::vector<scenario::Override> extra) {
    std::vector<scenario::Override> o = {{"mission.troops", "1800"},
                                         {"mission.police", "280"},
                                         {"mission.helicopters", "2"},
                                         {"mission.budget_musd", "100"},
                                         {"mission.funding.reserve_musd", "8"},
                                         {"mission.civilian_staff", "100"},
                                         {"mission.observers", "40"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return o;
}
double p90(const engine::Simulation& s) { return s.mission_totals().response_time_p90_h; }
double patrols(const engine::Simulation& s) { return double(s.mission_totals().patrols); }
double denials(const engine::Simulation& s) { return double(s.mission_totals().movement_denials); }
double killed(const engine::Simulation& s) { return double(output::totals(s).civilians_killed); }
}  // namespace

TEST_CASE("protection sites shelter the displaced", "[mission][tasks]") {
    std::int64_t on = 0, off = 0;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        on += test::run_small(days, seed, 2, sized({}))
                  .status_counts()[std::size_t(population::Status::ProtectionSite)];
        off += test::run_small(days, seed, 2, sized({{"mission.tasks.protection_sites", "off"}}))
                   .status_counts()[std::size_t(population::Status::ProtectionSite)];
    }
    CHECK(on > 0);
    CHECK(off == 0);
}

TEST_CASE("civil affairs convene more local dialogues", "[mission][tasks]") {
    const auto p = test::compare(
        days, seeds,
        sized({{"mission.tasks.civil_affairs", "off"}, {"communities.tension", "0.6"}}),
        sized({{"mission.tasks.civil_affairs", "on"}, {"communities.tension", "0.6"}}),
        [](const engine::Simulation& s) { return double(output::totals(s).dialogues); });
    INFO("dialogues without civil affairs " << p.mean_a << ", with " << p.mean_b);
    CHECK(p.higher >= test::decisive(seeds));
}
