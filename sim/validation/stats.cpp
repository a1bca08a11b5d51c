// Statistics of the validation suite; see include/peacesim/validation/stats.hpp.
#include "peacesim/validation/stats.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <numeric>

#include "peacesim/core/random.hpp"

namespace peacesim::validation {

namespace {

double mean(const std::vector<double>& x) {
    return x.empty() ? 0.0 : std::accumulate(x.begin(), x.end(), 0.0) / double(x.size());
}

}  // namespace

Estimate mean_interval(const std::vector<double>& x) {
    Estimate e;
    e.n = int(x.size());
    e.value = e.lo = e.hi = mean(x);
    if (x.size() < 2) return e;
    double ss = 0;
    for (double v : x) ss += (v - e.value) * (v - e.value);
    const double se = std::sqrt(ss / double(x.size() - 1) / double(x.size()));
    const boost::math::students_t t(double(x.size() - 1));
    const double q = boost::math::quantile(boost::math::complement(t, 0.025));
    e.lo = e.value - q * se;
    e.hi = e.value + q * se;
    return e;
}

Estimate paired_difference(const std::vector<double>& control,
                           const std::vector<double>& treatment) {
    std::vector<double> d;
    for (std::size_t i = 0; i < std::min(control.size(), treatment.size()); ++i)
        d.push_back(treatment[i] - control[i]);
    return mean_interval(d);
}

namespace {

/// Sets e.lo and e.hi to the 2.5th and 97.5th percentiles of ratio(sum y, sum x) over 4,000
/// paired bootstrap resamples of the n pairs (a fixed stream, so reports are reproducible);
/// resamples whose x sums to 0 or less are left out.
template <class Ratio>
void bootstrap(Estimate& e, const std::vector<double>& x, const std::vector<double>& y,
               std::size_t n, std::uint64_t key, Ratio&& ratio) {
    constexpr int resamples = 4000;
    std::vector<double> stats;
    stats.reserve(resamples);
    core::Stream rng(key, 0, 0, core::Purpose::Reporting);
    for (int b = 0; b < resamples; ++b) {
        double sx = 0, sy = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = rng.below(std::uint32_t(n));
            sx += x[k], sy += y[k];
        }
        if (sx > 0) stats.push_back(ratio(sy, sx));
    }
    if (stats.empty()) return;
    std::sort(stats.begin(), stats.end());
    const auto at = [&](double q) {
        return stats[std::min(stats.size() - 1, std::size_t(q * double(stats.size())))];
    };
    e.lo = at(0.025);
    e.hi = at(0.975);
}

}  // namespace

Estimate relative_change(const std::vector<double>& control, const std::vector<double>& treatment) {
    Estimate e;
    const std::size_t n = std::min(control.size(), treatment.size());
    e.n = int(n);
    const double mc = mean(control);
    if (n == 0 || mc == 0) return e;
    e.value = e.lo = e.hi = mean(treatment) / mc - 1.0;
    if (n >= 2)
        bootstrap(e, control, treatment, n, 20020101,
                  [](double t, double c) { return t / c - 1.0; });
    return e;
}

Estimate ratio_of_sums(const std::vector<double>& numerator,
                       const std::vector<double>& denominator) {
    Estimate e;
    const std::size_t n = std::min(numerator.size(), denominator.size());
    e.n = int(n);
    double sn = 0, sd = 0;
    for (std::size_t i = 0; i < n; ++i) sn += numerator[i], sd += denominator[i];
    if (n == 0 || sd <= 0) return e;
    e.value = e.lo = e.hi = sn / sd;
    if (n >= 2)
        bootstrap(e, denominator, numerator, n, 20020102, [](double a, double d) { return a / d; });
    return e;
}

PowerLaw fit_power_law(std::vector<std::int64_t> sizes, std::size_t min_tail) {
    PowerLaw best;
    sizes.erase(std::remove_if(sizes.begin(), sizes.end(), [](std::int64_t x) { return x < 1; }),
                sizes.end());
    std::sort(sizes.begin(), sizes.end());
    best.n = sizes.size();
    if (sizes.size() < min_tail) return best;
    // Suffix sums of ln x over the sorted sizes, so each candidate xmin costs its tail only once.
    std::vector<double> logs(sizes.size());
    for (std::size_t i = 0; i < sizes.size(); ++i) logs[i] = std::log(double(sizes[i]));
    std::vector<double> suffix(sizes.size() + 1, 0.0);
    for (std::size_t i = sizes.size(); i-- > 0;) suffix[i] = suffix[i + 1] + logs[i];
    for (std::size_t start = 0; start < sizes.size();) {
        const std::int64_t xmin = sizes[start];
        const std::size_t n = sizes.size() - start;
        if (n < min_tail) break;
        const double shift = std::log(double(xmin) - 0.5);
        const double denom = suffix[start] - double(n) * shift;
        std::size_t next = start;
        while (next < sizes.size() && sizes[next] == xmin) ++next;
        if (denom <= 0) {
            start = next;
            continue;
        }
        const double alpha = 1.0 + double(n) / denom;
        // KS distance between the tail's empirical survival function and the fitted one,
        // P(X >= x) = ((x - 1/2) / (xmin - 1/2))^(1 - alpha), at each distinct size.
        double ks = 0;
        for (std::size_t i = start; i < sizes.size();) {
            std::size_t j = i;
            while (j < sizes.size() && sizes[j] == sizes[i]) ++j;
            const double emp_ge = double(sizes.size() - i) / double(n);
            const double emp_gt = double(sizes.size() - j) / double(n);
            const double fit_ge =
                std::pow((double(sizes[i]) - 0.5) / (double(xmin) - 0.5), 1.0 - alpha);
            const double fit_gt =
                std::pow((double(sizes[i]) + 0.5) / (double(xmin) - 0.5), 1.0 - alpha);
            ks = std::max({ks, std::fabs(emp_ge - fit_ge), std::fabs(emp_gt - fit_gt)});
            i = j;
        }
        if (!best.fitted || ks < best.ks) {
            best.fitted = true;
            best.alpha = alpha;
            best.alpha_se = (alpha - 1.0) / std::sqrt(double(n));
            best.ks = ks;
            best.xmin = xmin;
            best.n_tail = n;
        }
        start = next;
    }
    return best;
}

double burstiness(std::vector<double> times) {
    if (times.size() < 3) return 0.0;
    std::sort(times.begin(), times.end());
    std::vector<double> gaps;
    for (std::size_t i = 1; i < times.size(); ++i) gaps.push_back(times[i] - times[i - 1]);
    const double m = mean(gaps);
    double ss = 0;
    for (double g : gaps) ss += (g - m) * (g - m);
    const double sd = std::sqrt(ss / double(gaps.size()));
    return sd + m > 0 ? (sd - m) / (sd + m) : 0.0;
}

}  // namespace peacesim::validation
