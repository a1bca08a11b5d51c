#pragma once
// The statistics of the validation suite (docs/validation.md): intervals over seeds, paired
// differences, the tail of event sizes fitted as Clauset, Shalizi and Newman (2009) fit it, and
// the burstiness of event timing (Goh and Barabasi 2008).
#include <cstdint>
#include <vector>

namespace peacesim::validation {

/// A value with its 95% interval over n observations.
struct Estimate {
    double value = 0, lo = 0, hi = 0;
    int n = 0;
    bool excludes_zero() const noexcept { return n > 1 && (lo > 0 || hi < 0); }
};

/// The mean of x with Student's t interval (the interval collapses on the mean when n < 2).
Estimate mean_interval(const std::vector<double>& x);
/// treatment - control, paired by index (by seed): the mean difference and its t interval.
Estimate paired_difference(const std::vector<double>& control,
                           const std::vector<double>& treatment);
/// mean(treatment) / mean(control) - 1 with a percentile interval from 4,000 paired bootstrap
/// resamples of the seeds (a fixed stream, so the report is reproducible); value 0 and no
/// interval when the control's mean is 0.
Estimate relative_change(const std::vector<double>& control, const std::vector<double>& treatment);

/// sum(numerator) / sum(denominator) over paired observations, with a percentile interval from
/// 4,000 paired bootstrap resamples (resamples whose denominator sums to 0 or less are left
/// out); value 0 and no interval when the denominator's sum is not positive.
Estimate ratio_of_sums(const std::vector<double>& numerator,
                       const std::vector<double>& denominator);

/// A discrete power law p(x) ~ x^-alpha fitted to the sizes x >= xmin, with xmin chosen to
/// minimise the Kolmogorov-Smirnov distance between the tail and the fit (Clauset, Shalizi and
/// Newman 2009); alpha by the discrete approximation 1 + n / sum ln(x / (xmin - 1/2)).
struct PowerLaw {
    bool fitted = false;  // false when no xmin leaves at least min_tail sizes
    double alpha = 0, alpha_se = 0, ks = 0;
    std::int64_t xmin = 0;
    std::size_t n_tail = 0, n = 0;
};
PowerLaw fit_power_law(std::vector<std::int64_t> sizes, std::size_t min_tail = 30);

/// B = (sd - mean) / (sd + mean) of the gaps between consecutive times (sorted here): -1 for a
/// clock, 0 for a Poisson process, towards 1 for bursts and long silences. 0 with fewer than
/// three times.
double burstiness(std::vector<double> times);

}  // namespace peacesim::validation
