// The quiet people's day (sim/population/quiet.cpp): in vector registers it gives the plain
// code's bits, it settles only those at home who cannot act and leaves the others untouched, and
// the eight streams drawn at once give what eight Streams give first.
#include "population/quiet.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "peacesim/core/random.hpp"
#include "peacesim/population/civilians.hpp"

using namespace peacesim;
using namespace peacesim::population;

namespace {

struct People {
    std::vector<std::uint8_t> status, set_aside;
    std::vector<std::uint32_t> location;
    std::vector<float> risk, trust, hardship, grievance, trust_mission;

    People(std::size_t n, std::uint32_t home, std::uint64_t seed)
        : status(n),
          set_aside(n + 8),
          location(n),
          risk(n),
          trust(n),
          hardship(n),
          grievance(n),
          trust_mission(n) {
        std::mt19937_64 g(seed);
        std::uniform_real_distribution<float> u(0.0f, 1.0f);
        for (std::size_t k = 0; k < n; ++k) {
            // Most at home; some displaced, away, active or jailed.
            const auto r = g() % 10;
            status[k] = std::uint8_t(r < 7    ? Status::Home
                                     : r == 7 ? Status::Displaced
                                     : r == 8 ? Status::Active
                                              : Status::Jailed);
            location[k] = g() % 8 == 0 ? home + 1 : home;
            risk[k] = u(g), trust[k] = u(g), hardship[k] = u(g), grievance[k] = u(g);
            trust_mission[k] = u(g);
        }
    }
    QuietRun run() {
        return {status.size(),    status.data(),        location.data(),
                risk.data(),      trust.data(),         hardship.data(),
                grievance.data(), trust_mission.data(), set_aside.data()};
    }
};

QuietPlace place(std::uint32_t home, std::uint64_t seed) {
    std::mt19937_64 g(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    QuietPlace p;
    p.settlement = home;
    p.trust0 = float(0.3 + 0.6 * u(g)), p.trust_relaxation = 0.002f;
    p.mean_hardship = float(u(g)), p.recovery = 0.01f;
    p.legit_per_trust = (0.2 + 0.8 * u(g)) / double(p.trust0);
    p.arrest = float(u(g)), p.max_risk = 0.5;
    p.threat = float(u(g) * 0.5);
    p.recruiter = g() % 2 == 0;
    p.may_rise = !p.recruiter && g() % 2 == 0;
    p.recruit_threshold = 0.1 + 0.3 * u(g), p.rebellion_threshold = 0.1 + 0.3 * u(g);
    if (g() % 3 == 0)
        p.scale = 0.7f;  // misconduct
    else
        p.gain = 0.002f, p.target = g() % 2 ? 1.0f : 0.5f;
    return p;
}

}  // namespace

TEST_CASE("the quiet day in vector registers gives the plain code's bits", "[population][quiet]") {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        // Odd lengths: the vector loop's remainder too.
        const std::size_t n = 1 + seed * 97;
        const auto p = place(5, seed);
        People a(n, 5, seed), b(n, 5, seed);
        const QuietSums sa = quiet_pass(a.run(), p);
        const QuietSums sb = quiet_pass_plain(b.run(), p);
        CHECK(sa.grievance == sb.grievance);
        CHECK(sa.trust == sb.trust);
        CHECK(sa.mission_trust == sb.mission_trust);
        CHECK(sa.at_home == sb.at_home);
        CHECK(a.trust == b.trust);
        CHECK(a.hardship == b.hardship);
        CHECK(a.grievance == b.grievance);
        CHECK(a.trust_mission == b.trust_mission);
        CHECK(std::equal(a.set_aside.begin(), a.set_aside.begin() + long(n), b.set_aside.begin()));
    }
}

TEST_CASE("the quiet day settles those at home who cannot act, and only them",
          "[population][quiet]") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        INFO("seed " << seed);
        const std::size_t n = 1000;
        const auto p = place(3, seed);
        People before(n, 3, seed), after(n, 3, seed);
        const QuietSums sums = quiet_pass(after.run(), p);
        std::int64_t settled = 0, g_sum = 0, t_sum = 0, m_sum = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const QuietDay d = quiet_day(p, before.trust[k], before.hardship[k], before.risk[k]);
            const bool home = before.status[k] == std::uint8_t(Status::Home) &&
                              before.location[k] == p.settlement;
            const bool quiet = home && !d.flees && !d.joins && !d.rises;
            // At most one reason to draw, the first in the full rules' order.
            CHECK(int(d.flees) + int(d.joins) + int(d.rises) <= 1);
            CHECK(after.set_aside[k] == std::uint8_t(!quiet));
            if (!quiet) {
                CHECK(after.trust[k] == before.trust[k]);
                CHECK(after.hardship[k] == before.hardship[k]);
                CHECK(after.grievance[k] == before.grievance[k]);
                CHECK(after.trust_mission[k] == before.trust_mission[k]);
                continue;
            }
            // Trust relaxes towards trust0, hardship towards the group's mean.
            CHECK(std::abs(after.trust[k] - p.trust0) <= std::abs(before.trust[k] - p.trust0));
            CHECK(std::abs(after.hardship[k] - p.mean_hardship) <=
                  std::abs(before.hardship[k] - p.mean_hardship));
            CHECK(after.grievance[k] == float(d.grievance));
            ++settled;
            g_sum += fixed_share(d.grievance);
            t_sum += fixed_share(d.trust);
            m_sum += std::int32_t(after.trust_mission[k] * 1e4f);
        }
        CHECK(sums.at_home == settled);
        CHECK(sums.grievance == g_sum);
        CHECK(sums.trust == t_sum);
        CHECK(sums.mission_trust == m_sum);
        CHECK(settled > 0);
        CHECK(settled < std::int64_t(n));
    }
}

TEST_CASE("eight streams drawn at once give each stream's first number", "[core][random]") {
    for (std::uint64_t seed : {1ull, 77ull, 0xFFFFFFFFFFull}) {
        for (std::uint32_t day : {0u, 1u, 365u}) {
            std::uint32_t who[8], why[8], u[8];
            for (std::uint32_t j = 0; j < 8; ++j)
                who[j] = j * 1000003u + day, why[j] = 1 + (j % 3) * 7;
            first_draws(seed, day, who, why, u);
            for (std::uint32_t j = 0; j < 8; ++j)
                CHECK(u[j] == core::Stream(seed, day, who[j], core::Purpose(why[j])).next_u32());
            core::first_u32<8>(seed, day, who, why, u);
            for (std::uint32_t j = 0; j < 8; ++j)
                CHECK(u[j] == core::Stream(seed, day, who[j], core::Purpose(why[j])).next_u32());
        }
    }
}
