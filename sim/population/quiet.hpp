#pragma once
// The day of quiet people (docs/model.md, section 7; docs/performance.md, "A shortcut for quiet
// places"): people at home in a settlement where nothing struck today, of one identity group.
// What the place gives them is the same for all, so their day is a few operations on their own
// numbers, done for a whole run of them at once, in vector registers where the processor has
// them. Whoever might act today is only marked, for the caller to decide with the full rules.
// Internal to the library.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace peacesim::population {

/// What a calm settlement gives the people of one identity group at home there today.
struct QuietPlace {
    std::uint32_t settlement = 0;
    float trust0 = 0, trust_relaxation = 0;  // trust in the state relaxes towards trust0
    float mean_hardship = 0, recovery = 0;   // hardship eases towards the group's mean
    double legit_per_trust = 0;              // the day's legitimacy over trust0
    float arrest = 0;                        // the perceived arrest probability
    double max_risk = 0;                     // cap of the perceived risk
    float threat = 0;                        // the threat the group perceives here
    bool recruiter = false;                  // an armed group recruits this group here
    bool may_rise = false;  // no recruiter, and the state governs: rebellion is the outlet
    double recruit_threshold = 0, rebellion_threshold = 0;
    /// Trust in the mission after today, `tm * scale + gain * (target - tm)` (section 8.13):
    /// scale 0.7 and no gain where misconduct struck, scale 1 where the mission protects or is
    /// absent. Either form rounds as the full rules' own (times one, plus zero, are exact).
    float scale = 1, gain = 0, target = 0;
};

/// A quiet person's day: their new trust, hardship and grievance, and whether they might act.
struct QuietDay {
    float trust, hardship;
    double grievance;
    bool flees, joins, rises;  // what visit() would draw a number for, in its order
};

/// Epstein's grievance G = H (1 - L_i), with perceived legitimacy L_i = L trust / trust0 capped
/// at 1 (section 7.2); `legit_per_trust` is L / trust0.
inline double grievance_of(float h, float trust, double legit_per_trust) noexcept {
    const double l = legit_per_trust * double(trust);
    return double(h) * (1.0 - (l < 1.0 ? l : 1.0));
}

inline QuietDay quiet_day(const QuietPlace& p, float trust, float hardship, float risk) noexcept {
    QuietDay d;
    d.trust = trust + p.trust_relaxation * (p.trust0 - trust);
    d.hardship = hardship + p.recovery * (p.mean_hardship - hardship);
    d.grievance = grievance_of(d.hardship, d.trust, p.legit_per_trust);
    const double risk_here = double(risk) * p.arrest;
    const double net = d.grievance - (risk_here < p.max_risk ? risk_here : p.max_risk);
    d.flees = p.threat > 1.0f - risk;
    d.joins = !d.flees & p.recruiter & (net > p.recruit_threshold);
    d.rises = !d.flees & p.may_rise & (net > p.rebellion_threshold);
    return d;
}

inline float mission_trust_quiet(const QuietPlace& p, float tm) noexcept {
    return tm * p.scale + p.gain * (p.target - tm);
}

/// The day's sums of grievance and trust in fixed point, 2^30 a unit, each person's share
/// truncated: integer sums are the same in any order, so people may be served in whichever
/// order suits, and vector lanes give the same as one at a time.
inline std::int32_t fixed_share(double grievance) noexcept {
    return std::int32_t(grievance * 1073741824.0);
}
inline std::int32_t fixed_share(float trust) noexcept {
    return std::int32_t(trust * 1073741824.0f);
}
inline constexpr double fixed_unit = 1073741824.0;

/// What the quiet people of a run added up to.
struct QuietSums {
    std::int64_t grievance = 0, trust = 0;  // fixed point
    std::int64_t mission_trust = 0;         // trust in the mission x 10^4, truncated
    std::int64_t at_home = 0;               // people whose day was settled
};

/// The people of one run, from its first: their arrays, read and written in place.
struct QuietRun {
    std::size_t n = 0;
    const std::uint8_t* status;
    const std::uint32_t* location;
    const float* risk_aversion;
    float *trust_state, *hardship, *grievance, *trust_mission;
    std::uint8_t* set_aside;  // n entries: 1 for whoever the caller must serve
};

/// The first 32 bits of eight streams of one seed and day (core::first_u32), in vector
/// registers where the processor has them: the numbers of eight people set aside.
void first_draws(std::uint64_t seed, std::uint32_t day, const std::uint32_t* entity,
                 const std::uint32_t* purpose, std::uint32_t* out) noexcept;

/// Settles the day of everyone in the run who is at home and cannot act today, and marks the
/// others in `set_aside`. The arrays of those marked are left untouched.
QuietSums quiet_pass(const QuietRun& run, const QuietPlace& place) noexcept;
/// The same, on the processor's plain instructions: the reference the vector version is held
/// to, bit for bit.
QuietSums quiet_pass_plain(const QuietRun& run, const QuietPlace& place) noexcept;

}  // namespace peacesim::population
