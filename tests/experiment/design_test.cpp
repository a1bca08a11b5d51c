// Designs turn factors into points; replicates and seeds turn points into run plans.
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "peacesim/experiment/experiment.hpp"
#include "support.hpp"

using namespace peacesim;

namespace {

experiment::Experiment parse(const std::string& body, const std::string& head = "") {
    return experiment::load_text("[experiment]\nname = \"d\"\nseed = 11\n" + head + body,
                                 "exp.toml");
}

}  // namespace

TEST_CASE("A full factorial design has every combination, the first factor slowest") {
    const auto ex = parse(R"([[factors]]
key = "mission.troops"
values = [0, 1000]
[[factors]]
key = "government.hr_compliance"
values = [0.2, 0.5, 0.8]
)");
    const auto points = experiment::design_points(ex);
    REQUIRE(points.size() == 6);
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"0", "0.2"},    {"0", "0.5"},    {"0", "0.8"},
        {"1000", "0.2"}, {"1000", "0.5"}, {"1000", "0.8"}};
    for (std::size_t i = 0; i < points.size(); ++i) {
        CHECK(points[i][0].text == expected[i].first);
        CHECK(points[i][1].text == expected[i].second);
    }
}

TEST_CASE("A Latin hypercube puts one point in each stratum of each factor") {
    const std::string factors = R"([[factors]]
key = "government.hr_compliance"
min = 0.1
max = 0.9
[[factors]]
key = "mission.budget_musd"
min = 100
max = 600
[design]
type = "latin_hypercube"
points = 20
)";
    const auto ex = parse(factors);
    const auto points = experiment::design_points(ex);
    REQUIRE(points.size() == 20);
    for (std::size_t f = 0; f < 2; ++f) {
        const double lo = *ex.factors[f].min, hi = *ex.factors[f].max;
        std::set<int> strata;
        for (const auto& p : points) {
            const double x = *p[f].number;
            REQUIRE(x >= lo);
            REQUIRE(x < hi);
            strata.insert(int(std::floor((x - lo) / (hi - lo) * 20)));
        }
        CHECK(strata.size() == 20);
    }
    // Deterministic from the experiment seed, and different for another seed.
    const auto again = experiment::design_points(parse(factors));
    const auto other = experiment::design_points(
        experiment::load_text("[experiment]\nname = \"d\"\nseed = 12\n" + factors, "exp.toml"));
    for (std::size_t i = 0; i < points.size(); ++i) CHECK(points[i][0].text == again[i][0].text);
    bool differs = false;
    for (std::size_t i = 0; i < points.size(); ++i)
        differs = differs || points[i][0].text != other[i][0].text;
    CHECK(differs);
}

TEST_CASE("One at a time moves each factor from its base with the others held") {
    const auto ex = parse(R"([[factors]]
key = "mission.troops"
values = [0, 3000, 6000]
base = 3000
[[factors]]
key = "government.hr_compliance"
values = [0.2, 0.8]
base = 0.5
[design]
type = "one_at_a_time"
)");
    const auto points = experiment::design_points(ex);
    REQUIRE(points.size() == 5);  // the base, two more troop levels, two compliance levels
    CHECK(points[0][0].text == "3000");
    CHECK(points[0][1].text == "0.5");
    CHECK(points[1][0].text == "0");
    CHECK(points[2][0].text == "6000");
    CHECK(points[2][1].text == "0.5");
    CHECK(points[3][0].text == "3000");
    CHECK(points[3][1].text == "0.2");
}

TEST_CASE("A Morris design is trajectories that move one factor at a time by delta") {
    const auto ex = parse(R"([[factors]]
key = "mission.troops"
min = 0
max = 9000
[[factors]]
key = "government.hr_compliance"
min = 0.2
max = 0.8
[[factors]]
key = "conflict.raid_caution"
min = 0.0
max = 3.0
[design]
type = "morris"
trajectories = 10
grid_levels = 4
)");
    const auto points = experiment::design_points(ex);
    constexpr std::size_t k = 3, r = 10;
    REQUIRE(points.size() == r * (k + 1));  // SALib's layout: r blocks of k + 1 rows
    const double lo[] = {0, 0.2, 0.0}, width[] = {9000, 0.6, 3.0};
    std::set<std::string> starts;
    for (std::size_t t = 0; t < r; ++t) {
        std::set<std::size_t> moved;
        for (std::size_t j = 0; j <= k; ++j) {
            const auto& row = points[t * (k + 1) + j];
            REQUIRE(row.size() == k);
            for (std::size_t f = 0; f < k; ++f) {  // every value on the 4-level grid
                const double step = ((*row[f].number) - lo[f]) / width[f] * 3.0;
                CHECK(std::fabs(step - std::round(step)) < 1e-9);
                CHECK(step > -1e-9);
                CHECK(step < 3.0 + 1e-9);
            }
            if (j == 0) {
                starts.insert(row[0].text + "," + row[1].text + "," + row[2].text);
                continue;
            }
            // Exactly one factor moved from the row before, by delta = p / (2 (p - 1)) = 2/3 of
            // its range.
            const auto& prev = points[t * (k + 1) + j - 1];
            std::size_t changed = 0, which = k;
            for (std::size_t f = 0; f < k; ++f)
                if (row[f].text != prev[f].text) ++changed, which = f;
            REQUIRE(changed == 1);
            CHECK(std::fabs(std::fabs((*row[which].number) - (*prev[which].number)) -
                            2.0 / 3.0 * width[which]) < 1e-6);
            moved.insert(which);
        }
        CHECK(moved.size() == k);  // each factor moves exactly once per trajectory
    }
    CHECK(starts.size() > 1);
    // The same seed gives the same design.
    const auto again = experiment::design_points(ex);
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::size_t f = 0; f < k; ++f) CHECK(again[i][f].text == points[i][f].text);
}

TEST_CASE("A Sobol design is Saltelli's A, AB, BA, B blocks over a Sobol' sequence") {
    const std::string factors = R"([[factors]]
key = "mission.troops"
min = 0
max = 8000
[[factors]]
key = "conflict.raid_caution"
min = 0.0
max = 2.0
[design]
type = "sobol"
samples = 16
)";
    const auto ex = parse(factors);
    const auto points = experiment::design_points(ex);
    constexpr std::size_t k = 2, n = 16, block = 2 * k + 2;
    REQUIRE(points.size() == n * block);
    std::set<long> strata;  // the A column of the first factor: one point per 16th
    for (std::size_t i = 0; i < n; ++i) {
        const auto* b = &points[i * block];
        const auto& a = b[0];
        const auto& bb = b[block - 1];
        for (std::size_t j = 0; j < k; ++j) {
            for (std::size_t f = 0; f < k; ++f) {
                // AB_j: A with column j from B; BA_j: B with column j from A.
                CHECK(b[1 + j][f].text == (f == j ? bb[f].text : a[f].text));
                CHECK(b[1 + k + j][f].text == (f == j ? a[f].text : bb[f].text));
            }
        }
        const double u = (*a[1].number) / 2.0;
        CHECK(u >= 0.0);
        CHECK(u < 1.0);
        strata.insert(long(u * 16));
    }
    // Low discrepancy: the sequence starts at its second point (0.5), so 16 points fill at least
    // 15 of the 16 sixteenths of the range (random draws would fill about 10).
    CHECK(strata.size() >= n - 1);
    // Without second order: N (k + 2) rows, A, AB_1..AB_k, B.
    auto first = factors;
    first += "second_order = false\n";
    const auto fewer = experiment::design_points(parse(first));
    REQUIRE(fewer.size() == n * (k + 2));
    CHECK(fewer[0][0].text == points[0][0].text);
    CHECK(fewer[k + 1][1].text == points[block - 1][1].text);
}

TEST_CASE("Levers by futures runs every lever combination against the same futures") {
    const auto ex = parse(R"([[factors]]
key = "mission.troops"
kind = "lever"
values = [0, 6000]
[[factors]]
key = "conflict.raid_caution"
min = 0.0
max = 2.0
[[factors]]
key = "mission.helicopters"
kind = "lever"
values = [2, 12]
[[factors]]
key = "mobility.host_restrictions"
min = 0.0
max = 0.6
[design]
type = "levers_by_futures"
points = 5
)");
    const auto points = experiment::design_points(ex);
    REQUIRE(points.size() == 4 * 5);
    const char* troops[] = {"0", "0", "6000", "6000"};
    const char* helicopters[] = {"2", "12", "2", "12"};
    for (std::size_t p = 0; p < 4; ++p)
        for (std::size_t w = 0; w < 5; ++w) {
            const auto& row = points[p * 5 + w];
            CHECK(row[0].text == troops[p]);  // the levers, in full-factorial order
            CHECK(row[2].text == helicopters[p]);
            CHECK(row[1].text == points[w][1].text);  // the same futures for every policy
            CHECK(row[3].text == points[w][3].text);
        }
    std::set<std::string> futures;
    for (std::size_t w = 0; w < 5; ++w) futures.insert(points[w][1].text);
    CHECK(futures.size() == 5);  // a Latin hypercube: one future per stratum
}

TEST_CASE("Run seeds are derived from the experiment seed and the run index, and stable") {
    // Pinned: results databases record these seeds, and a rerun must find the same ones.
    CHECK(experiment::run_seed(7, 0) == 3344595609062871ull);
    CHECK(experiment::run_seed(7, 11) == 7404897966056236ull);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto s = experiment::run_seed(7, i);
        CHECK(s < (std::uint64_t{1} << 53));
        seen.insert(s);
    }
    CHECK(seen.size() == 1000);
    CHECK(experiment::run_seed(8, 0) != experiment::run_seed(7, 0));

    const auto ex = experiment::load_text(test::tiny_experiment(), "exp.toml");
    const auto plans = experiment::run_plans(ex);
    REQUIRE(plans.size() == 8);
    for (const auto& p : plans) {
        CHECK(p.index == p.point * ex.replicates + p.replicate);
        CHECK(p.seed == experiment::run_seed(ex.seed, p.index));
    }
    CHECK(plans[2].point == 1);
    CHECK(plans[2].replicate == 0);
}

TEST_CASE("A plan's scenario has the fixed overrides and the point's levels") {
    const auto ex = experiment::load_text(test::tiny_experiment(), "exp.toml");
    const auto plans = experiment::run_plans(ex);
    const auto sc = experiment::plan_scenario(ex, plans.back());
    CHECK(sc.world.population == 20000);
    CHECK(sc.mission.troops == 3000);
    CHECK(sc.government.hr_compliance == Approx(0.8));
}
