// From an experiment to its run plans: the design's points, replicates and per-run seeds.
#include <fmt/format.h>

#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>

#include "peacesim/experiment/experiment.hpp"

namespace peacesim::experiment {

namespace {

constexpr std::uint64_t golden_gamma = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t seed_mask = (std::uint64_t{1} << 53) - 1;  // JSON-safe integers

std::uint64_t splitmix64(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/// The draws of a Latin hypercube: a SplitMix64 sequence started from the experiment seed and
/// the factor's position, so adding a factor at the end leaves the others' columns unchanged.
class DesignStream {
  public:
    DesignStream(std::uint64_t seed, std::size_t factor) noexcept
        : state_(splitmix64(seed ^ 0x4C48535F44455349ull) + golden_gamma * (factor + 1)) {}
    std::uint64_t next() noexcept { return splitmix64(state_ += golden_gamma); }
    double uniform() noexcept { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    std::size_t below(std::size_t n) noexcept { return std::size_t(uniform() * double(n)); }

  private:
    std::uint64_t state_;
};

std::string real_text(double v) {
    std::string s = fmt::format("{:.12g}", v);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

/// The level a sampled factor takes at the share u of its [min, max]: rounded for integer keys,
/// printed to 12 significant digits for real ones (and read back, so text and number agree).
Level sampled(const Factor& factor, double u) {
    const double x = *factor.min + (*factor.max - *factor.min) * u;
    if (factor.integer) return {fmt::format("{}", std::llround(x)), double(std::llround(x))};
    const std::string text = real_text(x);
    return {text, std::stod(text)};
}

std::vector<Point> full_factorial(const Experiment& ex) {
    std::vector<Point> out(1);
    // The first factor varies slowest: extend every partial point by each level in turn.
    for (const auto& f : ex.factors) {
        std::vector<Point> next;
        next.reserve(out.size() * f.levels.size());
        for (const auto& p : out)
            for (const auto& l : f.levels) {
                next.push_back(p);
                next.back().push_back(l);
            }
        out = std::move(next);
    }
    return out;
}

/// McKay, Beckman & Conover (1979): each factor's range in N equal strata, one point in each.
std::vector<Point> latin_hypercube(const Experiment& ex) {
    const auto n = std::size_t(ex.points);
    std::vector<Point> out(n);
    for (std::size_t f = 0; f < ex.factors.size(); ++f) {
        const auto& factor = ex.factors[f];
        DesignStream rng(ex.seed, f);
        std::vector<std::size_t> stratum(n);
        std::iota(stratum.begin(), stratum.end(), std::size_t{0});
        for (std::size_t i = n; i > 1; --i) std::swap(stratum[i - 1], stratum[rng.below(i)]);
        // Integer keys are rounded: with fewer integers than strata some strata share a value.
        for (std::size_t i = 0; i < n; ++i)
            out[i].push_back(sampled(factor, (double(stratum[i]) + rng.uniform()) / double(n)));
    }
    return out;
}

/// Morris (1991) elementary-effects trajectories, in SALib's layout: r blocks of k + 1 rows.
std::vector<Point> morris(const Experiment& ex) {
    const std::size_t k = ex.factors.size(), r = std::size_t(ex.points);
    const int p = ex.grid_levels;
    const int jump = p / 2;  // delta = p / (2 (p - 1)) is p / 2 grid steps
    DesignStream rng(ex.seed, k + 1);
    std::vector<Point> out;
    out.reserve(r * (k + 1));
    auto level = [&](std::size_t f, int step) {
        return sampled(ex.factors[f], double(step) / double(p - 1));
    };
    for (std::size_t t = 0; t < r; ++t) {
        // Each factor starts on a grid step from which the jump stays on the grid, and goes up
        // or down; the order in which factors move is a random permutation.
        std::vector<int> at(k);
        std::vector<int> dir(k);
        for (std::size_t f = 0; f < k; ++f) {
            const int low = int(rng.below(std::size_t(p - jump)));  // 0 .. p - 1 - jump
            dir[f] = rng.uniform() < 0.5 ? 1 : -1;
            at[f] = dir[f] > 0 ? low : low + jump;
        }
        std::vector<std::size_t> order(k);
        std::iota(order.begin(), order.end(), std::size_t{0});
        for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
        Point row;
        for (std::size_t f = 0; f < k; ++f) row.push_back(level(f, at[f]));
        out.push_back(row);
        for (auto f : order) {
            at[f] += dir[f] * jump;
            row[f] = level(f, at[f]);
            out.push_back(row);
        }
    }
    return out;
}

/// Saltelli's sampling for Sobol' indices, in SALib's layout.
std::vector<Point> saltelli(const Experiment& ex) {
    const std::size_t k = ex.factors.size(), n = std::size_t(ex.points);
    boost::random::sobol gen(2 * k);
    const double span = double(gen.max()) - double(gen.min()) + 1.0;
    auto level = [&](std::size_t f, double u) { return sampled(ex.factors[f], u); };
    std::vector<Point> out;
    out.reserve(n * (ex.second_order ? 2 * k + 2 : k + 2));
    std::vector<double> u(2 * k);
    for (std::size_t i = 0; i < n; ++i) {
        for (auto& v : u) v = double(gen() - gen.min()) / span;
        Point a, b;
        for (std::size_t f = 0; f < k; ++f) a.push_back(level(f, u[f]));
        for (std::size_t f = 0; f < k; ++f) b.push_back(level(f, u[k + f]));
        out.push_back(a);
        for (std::size_t j = 0; j < k; ++j) {
            out.push_back(a);
            out.back()[j] = b[j];
        }
        if (ex.second_order)
            for (std::size_t j = 0; j < k; ++j) {
                out.push_back(b);
                out.back()[j] = a[j];
            }
        out.push_back(b);
    }
    return out;
}

/// Every combination of the levers against the same Latin-hypercube futures.
std::vector<Point> levers_by_futures(const Experiment& ex) {
    Experiment levers = ex, futures = ex;
    levers.factors.clear(), futures.factors.clear();
    for (const auto& f : ex.factors)
        (f.kind == FactorKind::Lever ? levers : futures).factors.push_back(f);
    const auto policies = full_factorial(levers);
    const auto worlds = futures.factors.empty() ? std::vector<Point>(std::size_t(ex.points))
                                                : latin_hypercube(futures);
    std::vector<Point> out;
    out.reserve(policies.size() * worlds.size());
    for (const auto& p : policies)
        for (const auto& w : worlds) {
            Point row;
            std::size_t li = 0, wi = 0;
            for (const auto& f : ex.factors)
                row.push_back(f.kind == FactorKind::Lever ? p[li++] : w[wi++]);
            out.push_back(std::move(row));
        }
    return out;
}

std::vector<Point> one_at_a_time(const Experiment& ex) {
    Point base;
    for (const auto& f : ex.factors) base.push_back(*f.base);
    std::vector<Point> out{base};
    for (std::size_t f = 0; f < ex.factors.size(); ++f)
        for (const auto& l : ex.factors[f].levels) {
            if (l.text == base[f].text) continue;
            out.push_back(base);
            out.back()[f] = l;
        }
    return out;
}

}  // namespace

std::string fingerprint(const Experiment& ex) {
    std::string f = fmt::format(
        "base {}\n{}\ndays {} replicates {} seed {} design {} points {} "
        "grid {} second_order {}\n",
        ex.base_text.size(), ex.base_text, ex.days, ex.replicates, ex.seed,
        design_names[int(ex.design)], ex.points, ex.grid_levels, ex.second_order);
    for (const auto& o : ex.fixed) f += fmt::format("set {}={}\n", o.key, o.value);
    for (const auto& factor : ex.factors) {
        f += fmt::format("factor {} integer {}", factor.key, factor.integer);
        for (const auto& l : factor.levels) f += " " + l.text;
        if (factor.min) f += fmt::format(" min {} max {}", *factor.min, *factor.max);
        if (factor.base) f += " base " + factor.base->text;
        f += "\n";
    }
    f += fmt::format("series {} events {}", ex.keep_series, ex.keep_events);
    for (const auto& s : ex.series) f += " " + s;
    return f;
}

std::vector<Point> design_points(const Experiment& ex) {
    switch (ex.design) {
        case DesignType::FullFactorial:
            return full_factorial(ex);
        case DesignType::LatinHypercube:
            return latin_hypercube(ex);
        case DesignType::OneAtATime:
            return one_at_a_time(ex);
        case DesignType::Morris:
            return morris(ex);
        case DesignType::Sobol:
            return saltelli(ex);
        case DesignType::LeversByFutures:
            return levers_by_futures(ex);
    }
    return {};
}

std::uint64_t run_seed(std::uint64_t experiment_seed, std::int64_t index) noexcept {
    return splitmix64(experiment_seed + golden_gamma * std::uint64_t(index + 1)) & seed_mask;
}

std::vector<RunPlan> run_plans(const Experiment& ex) {
    const auto points = design_points(ex);
    std::vector<RunPlan> plans;
    plans.reserve(points.size() * std::size_t(ex.replicates));
    for (std::size_t p = 0; p < points.size(); ++p)
        for (int r = 0; r < ex.replicates; ++r) {
            RunPlan plan;
            plan.index = std::int64_t(plans.size());
            plan.point = int(p);
            plan.replicate = r;
            plan.seed = run_seed(ex.seed, plan.index);
            plan.levels = points[p];
            plans.push_back(std::move(plan));
        }
    return plans;
}

scenario::Scenario plan_scenario(const Experiment& ex, const RunPlan& plan) {
    std::vector<scenario::Override> o = ex.fixed;
    for (std::size_t f = 0; f < ex.factors.size(); ++f)
        o.push_back({ex.factors[f].key, plan.levels[f].text});
    return ex.base.empty() ? scenario::load_default(o)
                           : scenario::load_text(ex.base_text, ex.base, o);
}

}  // namespace peacesim::experiment
