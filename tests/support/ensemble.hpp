#pragma once
// Paired ensembles for mechanism tests: each seed runs with two settings on the same map, and a
// sign test over the pairs decides whether a lever moves an outcome the way its mechanism says;
// where the outcome is rare and lumpy (a few seeds carry most of it), a permutation test of the
// mean difference does.
#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "runs.hpp"

namespace peacesim::test {

struct Paired {
    int higher = 0, lower = 0;  // seeds where b > a, b < a
    double mean_a = 0, mean_b = 0;
    std::vector<double> differences;  // b - a, seed by seed
    /// Pairs the lever changed. Where most pairs tie (an outcome that happens in some seeds
    /// only), the sign test is done on these: decisive(untied()).
    int untied() const noexcept { return higher + lower; }
    /// One-sided paired permutation test (Fisher 1935): the share of 20,000 random sign flips
    /// of the differences whose sum is at least the observed one, the chance that "no effect"
    /// gives a mean of b over a as large as this. A fixed generator: the same answer every run.
    double p_mean_higher() const {
        double observed = 0;
        for (double d : differences) observed += d;
        std::mt19937_64 flips(20260101);
        constexpr int draws = 20000;
        int as_large = 0;
        for (int k = 0; k < draws; ++k) {
            double sum = 0;
            std::uint64_t bits = 0;
            for (std::size_t i = 0; i < differences.size(); ++i) {
                if (i % 64 == 0) bits = flips();
                sum += (bits >> (i % 64)) & 1 ? differences[i] : -differences[i];
            }
            as_large += sum >= observed - 1e-9 * std::abs(observed);
        }
        return double(as_large + 1) / double(draws + 1);
    }
};

/// Runs seeds 1..seeds for `days` days with settings a and b on the small scenario (the same seed
/// gives the same map and the same random streams, so the pairs differ by the lever only).
inline Paired compare(int days, int seeds, std::vector<scenario::Override> a,
                      std::vector<scenario::Override> b,
                      const std::function<double(const engine::Simulation&)>& metric) {
    Paired p;
    for (int s = 1; s <= seeds; ++s) {
        const double va = metric(run_small(days, std::uint64_t(s), 2, a));
        const double vb = metric(run_small(days, std::uint64_t(s), 2, b));
        p.higher += vb > va;
        p.lower += vb < va;
        p.mean_a += va / seeds;
        p.mean_b += vb / seeds;
        p.differences.push_back(vb - va);
    }
    return p;
}

/// One-sided sign test at about the 5% level for n pairs: the smallest count of pairs in the
/// claimed direction that "no effect" produces with probability below 0.05 (ties count against).
/// Below 5 pairs no count is decisive and it returns n + 1, so a check against it fails.
inline int decisive(int n) {
    // Binomial(n, 1/2) upper tail: 8 -> 7 (p = 0.035), 10 -> 9 (0.011), 12 -> 10 (0.019),
    // 16 -> 12 (0.038), 20 -> 15 (0.021).
    double tail = 0, c = 1;
    for (int k = n; k >= 0; --k) {
        c = 1;
        for (int j = 0; j < k; ++j) c = c * double(n - j) / double(j + 1);
        tail += c / std::pow(2.0, n);
        if (tail > 0.05) return k + 1;
    }
    return n;
}

}  // namespace peacesim::test
