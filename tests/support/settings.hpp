#pragma once
// Settings and outcome measures that several mechanism tests share: each names the conditions
// under which a mechanism shows (a mission sized for the small test country, tense mixed
// settlements, an accord being implemented) or the outcome a test compares.
#include <string>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "peacesim/output/totals.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::test {

inline std::vector<scenario::Override> with(std::vector<scenario::Override> base,
                                            const std::vector<scenario::Override>& extra) {
    base.insert(base.end(), extra.begin(), extra.end());
    return base;
}

/// A mission sized for the small test country (tests/support/runs.hpp).
inline std::vector<scenario::Override> sized(std::vector<scenario::Override> extra) {
    return with({{"mission.troops", "1800"},
                 {"mission.police", "280"},
                 {"mission.helicopters", "2"},
                 {"mission.budget_musd", "160"},
                 {"mission.funding.reserve_musd", "12"},
                 {"mission.civilian_staff", "100"},
                 {"mission.observers", "40"}},
                extra);
}

/// Mixed, tense settlements: communal clashes are frequent enough to measure.
inline std::vector<scenario::Override> tense(std::vector<scenario::Override> extra) {
    return with({{"communities.tension", "0.7"},
                 {"identity_groups.0.home_region", "-1"},
                 {"identity_groups.1.home_region", "-1"},
                 {"identity_groups.2.home_region", "-1"}},
                extra);
}

/// A post-war setting: the accord is being implemented, two spoilers are still armed. The
/// relapse hazard is high enough that most seeds relapse within 300 days in at least one arm of
/// a pair: pairs where neither does tie and tell nothing.
inline std::vector<scenario::Override> accord(std::vector<scenario::Override> extra) {
    return with({{"politics.initial_stage", "implementation"},
                 {"armed_groups.0.stance", "signatory"},
                 {"armed_groups.1.stance", "spoiler"},
                 {"armed_groups.2.stance", "spoiler"},
                 {"politics.relapse_rate", "0.1"},
                 {"politics.implementation_days", "2000"}},
                extra);
}

// Outcomes.
inline double fled(const engine::Simulation& s) {
    double f = 0;
    for (const auto& d : s.history()) f += double(d.fled + d.new_refugees);
    return f;
}
inline double recruited(const engine::Simulation& s) { return double(output::totals(s).recruited); }
inline double killed(const engine::Simulation& s) {
    return double(output::totals(s).civilians_killed);
}
inline double killed_by_state(const engine::Simulation& s) {
    return double(output::totals(s).civilians_killed_government);
}
inline double killed_by_groups(const engine::Simulation& s) {
    return double(output::totals(s).civilians_killed_groups);
}
inline double communal(const engine::Simulation& s) {
    return double(output::totals(s).communal_deaths);
}
inline double clashes(const engine::Simulation& s) { return double(output::totals(s).clashes); }
inline double p90(const engine::Simulation& s) { return s.mission_totals().response_time_p90_h; }
inline double patrols(const engine::Simulation& s) { return double(s.mission_totals().patrols); }
inline double denials(const engine::Simulation& s) {
    return double(s.mission_totals().movement_denials);
}
inline double days_at_or_after(const engine::Simulation& s, scenario::Stage stage) {
    double n = 0;
    for (const auto& d : s.history()) n += d.stage >= stage;
    return n;
}
inline int furthest(const engine::Simulation& s) { return int(output::totals(s).furthest_stage); }

}  // namespace peacesim::test
