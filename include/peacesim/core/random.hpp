#pragma once
// Counter-based random streams (Salmon et al. 2011, "Parallel random numbers: as easy as 1, 2, 3").
//
// Every draw in the model comes from a stream keyed by (run seed, day, entity, purpose). A stream
// holds no shared state, so the numbers an agent sees do not depend on the thread it runs on, the
// order of scheduling or the machine: this is what makes runs bit-identical for any thread count.
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace peacesim::core {

/// What a draw is for. Two purposes never share numbers, so adding a draw for a new purpose
/// leaves every existing stream untouched. Append only: values are part of the run's identity.
enum class Purpose : std::uint32_t {
    MapTerrain = 1,
    MapSettlements,
    MapRoads,
    CivilianInit,
    CivilianDie,
    CivilianFlee,
    CivilianReturn,
    CivilianRecruit,
    CivilianAttrition,
    UnitInit,
    UnitDecide,
    Battle,
    OneSided,
    Reporting,
    Politics,
    Reinforcement,
    Communal,
    Dialogue,
    Splinter,
    CivilianRebel,
    SplinterAtSigning,
    Demobilise,
    SplinterRecruits,
    MissionInit,
    MissionPatrol,
    MissionPlan,
    MissionBattle,
    MissionResponse,
    MissionWithdraw,
    MissionConduct,
    MissionIed,
    MissionReport,
    MissionOrder,
    MissionDefend,
    MissionContact,
    MissionAir,
    ColumnSplit,
    EpsteinInit,
    EpsteinStep,
    Verification,
    Defection,
    MissionMediate,
};

/// Philox4x32-10: ten rounds of a multiply-xorshift bijection over a 128-bit counter, keyed by
/// 64 bits. Passes BigCrush (Salmon et al. 2011).
struct Philox4x32 {
    static void block(std::uint32_t ctr[4], std::uint32_t key0, std::uint32_t key1) noexcept {
        constexpr std::uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
        constexpr std::uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
        for (int round = 0; round < 10; ++round) {
            const std::uint64_t p0 = std::uint64_t{M0} * ctr[0];
            const std::uint64_t p1 = std::uint64_t{M1} * ctr[2];
            const std::uint32_t hi0 = std::uint32_t(p0 >> 32), lo0 = std::uint32_t(p0);
            const std::uint32_t hi1 = std::uint32_t(p1 >> 32), lo1 = std::uint32_t(p1);
            const std::uint32_t c1 = ctr[1], c3 = ctr[3];
            ctr[0] = hi1 ^ c1 ^ key0;
            ctr[1] = lo1;
            ctr[2] = hi0 ^ c3 ^ key1;
            ctr[3] = lo0;
            key0 += W0;
            key1 += W1;
        }
    }
};

/// 32 random bits as a uniform number in [0, 1), 32 bits of resolution (what Stream::uniform()
/// returns for them).
inline double unit_interval(std::uint32_t bits) noexcept { return bits * (1.0 / 4294967296.0); }

/// The first 32 bits of n streams of one seed and day at once, entity[j] and purpose[j] for the
/// j-th: out[j] is what `Stream(seed, day, entity[j], purpose[j]).next_u32()` gives first. The
/// streams do not depend on each other, so their rounds overlap in the processor, and with
/// vector instructions each lane is a stream: for loops that set aside many people's first
/// draw and decide on them together.
template <std::size_t n>
void first_u32(std::uint64_t seed, std::uint32_t day, const std::uint32_t* entity,
               const std::uint32_t* purpose, std::uint32_t* out) noexcept {
    constexpr std::uint32_t M0 = 0xD2511F53u, M1 = 0xCD9E8D57u;
    constexpr std::uint32_t W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    const std::uint32_t key0 = std::uint32_t(seed), key1 = std::uint32_t(seed >> 32);
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t c0 = day, c1 = entity[j], c2 = purpose[j], c3 = 0, k0 = key0, k1 = key1;
        for (int round = 0; round < 10; ++round) {
            const std::uint64_t p0 = std::uint64_t{M0} * c0;
            const std::uint64_t p1 = std::uint64_t{M1} * c2;
            c0 = std::uint32_t(p1 >> 32) ^ c1 ^ k0;
            c1 = std::uint32_t(p1);
            c2 = std::uint32_t(p0 >> 32) ^ c3 ^ k1;
            c3 = std::uint32_t(p0);
            k0 += W0;
            k1 += W1;
        }
        out[j] = c0;
    }
}

/// A short stream of random numbers for one (seed, day, entity, purpose). Cheap to construct:
/// make one where it is needed, draw a few numbers, drop it.
class Stream {
  public:
    Stream(std::uint64_t seed, std::uint32_t day, std::uint32_t entity, Purpose purpose) noexcept
        : key0_(std::uint32_t(seed)),
          key1_(std::uint32_t(seed >> 32)),
          day_(day),
          entity_(entity),
          purpose_(static_cast<std::uint32_t>(purpose)) {}

    /// 32 random bits.
    std::uint32_t next_u32() noexcept {
        if (used_ == 4) refill();
        return out_[used_++];
    }
    /// The next n results of next_u32(), in order, computed a block at a time so that the
    /// blocks' rounds overlap (for loops that draw many numbers up front).
    void fill(std::uint32_t* to, std::size_t n) noexcept {
        std::size_t i = 0;
        while (i < n && used_ < 4) to[i++] = out_[used_++];
        for (; i + 4 <= n; i += 4) {
            std::uint32_t b[4] = {day_, entity_, purpose_, block_++};
            Philox4x32::block(b, key0_, key1_);
            to[i] = b[0], to[i + 1] = b[1], to[i + 2] = b[2], to[i + 3] = b[3];
        }
        while (i < n) to[i++] = next_u32();
    }
    /// Uniform in [0, 1) with 32 bits of resolution.
    double uniform() noexcept { return unit_interval(next_u32()); }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * uniform(); }
    /// True with probability p.
    bool bernoulli(double p) noexcept { return uniform() < p; }
    /// Uniform integer in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-32 · n).
    std::uint32_t below(std::uint32_t n) noexcept {
        return std::uint32_t((std::uint64_t{next_u32()} * n) >> 32);
    }
    /// Standard normal by Box-Muller (one of the pair is dropped: streams are cheap).
    double normal() noexcept {
        double u1 = uniform();
        if (u1 < 1e-300) u1 = 1e-300;
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    /// Poisson by inversion for small means, normal approximation above 50.
    std::uint32_t poisson(double mean) noexcept {
        if (mean <= 0.0) return 0;
        if (mean > 50.0) {
            const double x = mean + std::sqrt(mean) * normal() + 0.5;
            return x < 0.0 ? 0u : std::uint32_t(x);
        }
        const double l = std::exp(-mean);
        double p = 1.0;
        std::uint32_t k = 0;
        do {
            ++k;
            p *= uniform();
        } while (p > l);
        return k - 1;
    }

  private:
    void refill() noexcept {
        out_[0] = day_;
        out_[1] = entity_;
        out_[2] = purpose_;
        out_[3] = block_++;
        Philox4x32::block(out_, key0_, key1_);
        used_ = 0;
    }

    std::uint32_t key0_, key1_, day_, entity_, purpose_;
    std::uint32_t block_ = 0;
    std::uint32_t out_[4] = {0, 0, 0, 0};
    int used_ = 4;
};

}  // namespace peacesim::core
