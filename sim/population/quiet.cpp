// The day of quiet people, a run at a time (quiet.hpp). The loop has no branch on the person:
// every lane computes the day, and the settled values are stored only where the person is at
// home and cannot act. Built without trapping floating-point math (so the comparisons may be
// done as selections) and without contracting products and sums (so a vector lane rounds
// exactly as one person at a time does): the vector version gives the plain one's bits.
#include "population/quiet.hpp"

#include "peacesim/core/random.hpp"
#include "peacesim/population/civilians.hpp"

namespace peacesim::population {

namespace {

constexpr auto home_status = std::uint8_t(Status::Home);

[[gnu::always_inline]] inline QuietSums pass_arrays(
    const std::size_t n, const std::uint8_t* __restrict status,
    const std::uint32_t* __restrict location, const float* __restrict risk, float* __restrict trust,
    float* __restrict hardship, float* __restrict grievance, float* __restrict trust_mission,
    std::uint8_t* __restrict set_aside, const QuietPlace& place) noexcept {
    const QuietPlace p = place;  // a copy: the stores below cannot alias it
    std::int64_t g_sum = 0, t_sum = 0, m_sum = 0, settled = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const QuietDay d = quiet_day(p, trust[k], hardship[k], risk[k]);
        const float tm = mission_trust_quiet(p, trust_mission[k]);
        const bool home = (status[k] == home_status) & (location[k] == p.settlement);
        const bool quiet = home & !(d.flees | d.joins | d.rises);
        trust[k] = quiet ? d.trust : trust[k];
        hardship[k] = quiet ? d.hardship : hardship[k];
        grievance[k] = quiet ? float(d.grievance) : grievance[k];
        trust_mission[k] = quiet ? tm : trust_mission[k];
        set_aside[k] = !quiet;
        g_sum += quiet ? fixed_share(d.grievance) : 0;
        t_sum += quiet ? fixed_share(d.trust) : 0;
        m_sum += quiet ? std::int32_t(tm * 1e4f) : 0;
        settled += quiet;
    }
    return {g_sum, t_sum, m_sum, settled};
}

// The loop's arrays as parameters: their `__restrict` tells the compiler they never overlap.
#define PEACESIM_QUIET_ARRAYS                                                             \
    const std::size_t n, const std::uint8_t *__restrict status,                           \
        const std::uint32_t *__restrict location, const float *__restrict risk,           \
        float *__restrict trust, float *__restrict hardship, float *__restrict grievance, \
        float *__restrict trust_mission, std::uint8_t *__restrict set_aside,              \
        const QuietPlace &place

[[gnu::noinline]] QuietSums pass_plain(PEACESIM_QUIET_ARRAYS) noexcept {
    return pass_arrays(n, status, location, risk, trust, hardship, grievance, trust_mission,
                       set_aside, place);
}

#if defined(__x86_64__)
// Eight people a step in 256-bit registers, where the processor has AVX2 (checked once).
[[gnu::noinline, gnu::target("avx2")]] QuietSums pass_avx2(PEACESIM_QUIET_ARRAYS) noexcept {
    return pass_arrays(n, status, location, risk, trust, hardship, grievance, trust_mission,
                       set_aside, place);
}
[[gnu::noinline, gnu::target("avx2")]] void draws_avx2(std::uint64_t seed, std::uint32_t day,
                                                       const std::uint32_t* entity,
                                                       const std::uint32_t* purpose,
                                                       std::uint32_t* out) noexcept {
    core::first_u32<8>(seed, day, entity, purpose, out);
}
// Initialised before main(), perhaps before the runtime's own look at the processor: ask it to
// look first.
const bool has_avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
#endif

}  // namespace

void first_draws(std::uint64_t seed, std::uint32_t day, const std::uint32_t* entity,
                 const std::uint32_t* purpose, std::uint32_t* out) noexcept {
#if defined(__x86_64__)
    if (has_avx2) return draws_avx2(seed, day, entity, purpose, out);
#endif
    core::first_u32<8>(seed, day, entity, purpose, out);
}

QuietSums quiet_pass(const QuietRun& r, const QuietPlace& place) noexcept {
#if defined(__x86_64__)
    if (has_avx2)
        return pass_avx2(r.n, r.status, r.location, r.risk_aversion, r.trust_state, r.hardship,
                         r.grievance, r.trust_mission, r.set_aside, place);
#endif
    return quiet_pass_plain(r, place);
}

QuietSums quiet_pass_plain(const QuietRun& r, const QuietPlace& place) noexcept {
    return pass_plain(r.n, r.status, r.location, r.risk_aversion, r.trust_state, r.hardship,
                      r.grievance, r.trust_mission, r.set_aside, place);
}

}  // namespace peacesim::population
