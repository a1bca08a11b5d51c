// Presence (sim/mission/presence.cpp): protection sites and civil affairs.
#include <catch2/catch.hpp>

#include "../support/ensemble.hpp"
#include "../support/settings.hpp"
#include "peacesim/output/totals.hpp"

using namespace peacesim;
using namespace peacesim::test;

namespace {
constexpr int seeds = 8;
constexpr int days = 240;
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
