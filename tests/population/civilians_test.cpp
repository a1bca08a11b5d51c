// The initial population keeps the promises of population/civilians.hpp and docs/model.md
// (Initialisation): one agent per person of the map, at home in its settlement, identities drawn
// from the settlement's composition, hardship and risk aversion drawn uniformly around the
// scenario's means; a function of the seed alone, whatever the number of threads.
#include "peacesim/population/civilians.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/scenario/load.hpp"
#include "peacesim/world/map.hpp"

using namespace peacesim;
using population::Civilians;
using population::Status;

namespace {

constexpr std::int64_t people = 60000;

scenario::Scenario small(std::vector<scenario::Override> extra = {}) {
    std::vector<scenario::Override> o = {{"world.width", "96"},
                                         {"world.height", "80"},
                                         {"world.population", std::to_string(people)},
                                         {"world.towns", "8"},
                                         {"world.villages", "80"},
                                         {"world.camps", "2"},
                                         {"world.regions", "6"}};
    o.insert(o.end(), extra.begin(), extra.end());
    return scenario::load_default(o);
}

/// Every field of every civilian, compared field by field.
bool same(const Civilians& a, const Civilians& b) {
    return a.home == b.home && a.location == b.location && a.group == b.group &&
           a.status == b.status && a.affiliation == b.affiliation && a.hardship == b.hardship &&
           a.risk_aversion == b.risk_aversion && a.grievance == b.grievance &&
           a.trust_state == b.trust_state && a.jail_days == b.jail_days &&
           a.trust_mission == b.trust_mission;
}

double mean(const std::vector<float>& v) {
    double s = 0;
    for (const float x : v) s += x;
    return s / double(v.size());
}

}  // namespace

TEST_CASE("every person of the map is born at home", "[population][civilians]") {
    const auto sc = small();
    for (const std::uint64_t seed : {1u, 29u}) {
        INFO("seed " << seed);
        const auto map = world::generate_map(sc, seed);
        const auto c = population::make_civilians(map, sc, seed);
        REQUIRE(c.size() == std::size_t(sc.world.population));
        // All arrays of the structure have one entry per person.
        for (const auto n :
             {c.location.size(), c.group.size(), c.status.size(), c.affiliation.size(),
              c.hardship.size(), c.risk_aversion.size(), c.grievance.size(), c.trust_state.size(),
              c.jail_days.size(), c.trust_mission.size()})
            CHECK(n == c.size());

        std::vector<std::int64_t> residents(map.settlements.size(), 0);
        std::size_t away = 0, not_home = 0, bad_home = 0, affiliated = 0, jailed = 0;
        for (std::size_t i = 0; i < c.size(); ++i) {
            if (c.home[i] >= map.settlements.size()) {
                ++bad_home;
                continue;
            }
            ++residents[c.home[i]];
            away += c.location[i] != c.home[i];
            not_home += c.status[i] != std::uint8_t(Status::Home);
            affiliated += c.affiliation[i] != population::no_affiliation;
            jailed += c.jail_days[i] != 0;
        }
        CHECK(bad_home == 0);
        CHECK(away == 0);
        CHECK(not_home == 0);
        CHECK(affiliated == 0);
        CHECK(jailed == 0);
        for (std::size_t s = 0; s < map.settlements.size(); ++s) {
            INFO("settlement " << s);
            CHECK(residents[s] == map.settlements[s].initial_population);
        }
        // People sit by home, then identity group (population/quiet.hpp's runs).
        bool ordered = true;
        for (std::size_t i = 1; i < c.size(); ++i)
            ordered &= c.home[i - 1] < c.home[i] ||
                       (c.home[i - 1] == c.home[i] && c.group[i - 1] <= c.group[i]);
        CHECK(ordered);
        // Grievance is first computed on day one; trust starts where the scenario puts it.
        CHECK(*std::max_element(c.grievance.begin(), c.grievance.end()) == 0.0f);
        CHECK(std::all_of(c.trust_state.begin(), c.trust_state.end(),
                          [&](float t) { return t == float(sc.population.trust_state); }));
    }
}

TEST_CASE("identities follow each settlement's composition", "[population][civilians]") {
    const auto sc = small();
    const auto map = world::generate_map(sc, 3);
    const auto c = population::make_civilians(map, sc, 3);
    const std::size_t ng = sc.identity_groups.size();
    std::vector<std::vector<double>> count(map.settlements.size(), std::vector<double>(ng, 0.0));
    std::vector<double> national(ng, 0.0);
    std::size_t bad_group = 0;
    for (std::size_t i = 0; i < c.size(); ++i) {
        if (c.group[i] >= ng) {
            ++bad_group;
            continue;
        }
        ++count[c.home[i]][c.group[i]];
        ++national[c.group[i]];
    }
    REQUIRE(bad_group == 0);
    // Each person is one draw from the composition: within five binomial standard deviations
    // (and a person) in every settlement and group, so a seed does not decide the outcome.
    std::size_t checked = 0;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        const auto n = double(map.settlements[s].initial_population);
        if (n < 50) continue;
        for (std::size_t g = 0; g < ng; ++g) {
            const double p = map.settlements[s].composition[g];
            INFO("settlement " << s << " (" << n << " people), group " << g);
            CHECK(count[s][g] / n == Approx(p).margin(5 * std::sqrt(p * (1 - p) / n) + 1 / n));
        }
        ++checked;
    }
    CHECK(checked > map.settlements.size() / 2);
    for (std::size_t g = 0; g < ng; ++g) {
        INFO("group " << g);
        CHECK(national[g] / double(c.size()) == Approx(sc.identity_groups[g].share).margin(0.01));
    }
}

TEST_CASE("hardship and risk aversion follow the scenario's distributions",
          "[population][civilians]") {
    // Uniform on [m - h, m + h] with h = min(m, 1 - m): mean m, standard deviation h / sqrt(3).
    // The sample mean of n draws is within 5 h / sqrt(3 n) of m but for a 1e-6 chance.
    for (const char* r_mean : {"0.5", "0.2", "0.85"}) {
        const auto sc = small({{"population.risk_aversion_mean", r_mean},
                               {"identity_groups.0.hardship", "0.1"},
                               {"identity_groups.1.hardship", "0.5"},
                               {"identity_groups.2.hardship", "0.9"}});
        const auto map = world::generate_map(sc, 11);
        const auto c = population::make_civilians(map, sc, 11);
        const auto n = double(c.size());
        INFO("risk aversion mean " << r_mean);

        std::size_t out_of_range = 0;
        for (std::size_t i = 0; i < c.size(); ++i)
            out_of_range += !(c.hardship[i] >= 0 && c.hardship[i] <= 1 && c.risk_aversion[i] >= 0 &&
                              c.risk_aversion[i] <= 1);
        CHECK(out_of_range == 0);

        const double rm = sc.population.risk_aversion_mean, rh = std::min(rm, 1 - rm);
        CHECK(mean(c.risk_aversion) == Approx(rm).margin(5 * rh / std::sqrt(3 * n)));
        const auto [rlo, rhi] = std::minmax_element(c.risk_aversion.begin(), c.risk_aversion.end());
        CHECK(*rlo >= rm - rh - 1e-6);
        CHECK(*rhi <= rm + rh + 1e-6);
        CHECK(*rhi - *rlo > 1.9 * rh);  // the draws fill the interval

        // Hardship: each group around its own mean.
        for (std::size_t g = 0; g < sc.identity_groups.size(); ++g) {
            const double hm = sc.identity_groups[g].hardship, hh = std::min(hm, 1 - hm);
            double sum = 0, lo = 1, hi = 0, k = 0;
            for (std::size_t i = 0; i < c.size(); ++i)
                if (c.group[i] == g) {
                    sum += c.hardship[i];
                    lo = std::min(lo, double(c.hardship[i]));
                    hi = std::max(hi, double(c.hardship[i]));
                    ++k;
                }
            INFO("group " << g << " (" << k << " people), hardship mean " << hm);
            REQUIRE(k > 1000);
            CHECK(sum / k == Approx(hm).margin(5 * hh / std::sqrt(3 * k)));
            CHECK(lo >= hm - hh - 1e-6);
            CHECK(hi <= hm + hh + 1e-6);
        }
        // And over everyone, the mean is the share-weighted mean of the groups'.
        double expected = 0;
        for (const auto& ig : sc.identity_groups) expected += ig.share * ig.hardship;
        CHECK(mean(c.hardship) == Approx(expected).margin(0.01));
    }
}

TEST_CASE("the initial population depends on the seed alone",
          "[population][civilians][determinism]") {
    const auto sc = small();
    const auto map = world::generate_map(sc, 5);
    const auto a = population::make_civilians(map, sc, 5);
    CHECK(same(a, population::make_civilians(map, sc, 5)));
    // Another seed draws other people on the same map.
    const auto b = population::make_civilians(map, sc, 6);
    CHECK(a.home == b.home);  // where people live is the map's
    CHECK(a.group != b.group);
    CHECK(a.hardship != b.hardship);
    CHECK(a.risk_aversion != b.risk_aversion);
    // make_civilians runs in parallel over settlements on the caller's oneTBB arena: one thread
    // and several give the same bits.
    for (const int threads : {1, 2, 4, 7}) {
        INFO(threads << " threads");
        tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                                  std::size_t(threads));
        tbb::task_arena arena(threads);
        Civilians c;
        arena.execute([&] { c = population::make_civilians(map, sc, 5); });
        CHECK(same(a, c));
    }
}
