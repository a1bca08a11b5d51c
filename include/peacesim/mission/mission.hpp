#pragma once
// The peacekeeping mission's units and running figures (docs/model.md, section 8).
#include <cstdint>
#include <vector>

namespace peacesim::mission {

enum class UnitKind : std::uint8_t {
    Company = 0,
    Police,
    Observers,
    Helicopter,
    CivilianTeam,
    Engineers,
    AttackHelicopter,
    Regional,
    QuickReaction  // an infantry company held at a sector hub to answer attacks
};
inline constexpr const char* unit_kind_names[] = {
    "company",           "police",   "observers",     "helicopter", "civilian_team", "engineers",
    "attack_helicopter", "regional", "quick_reaction"};
enum class UnitStatus : std::uint8_t { Deployed = 0, Withdrawn };

struct Unit {
    UnitKind kind = UnitKind::Company;
    UnitStatus status = UnitStatus::Deployed;
    std::int32_t x = 0, y = 0, dest_x = 0, dest_y = 0;
    std::int32_t strength = 0, full_strength = 0;
    float training = 0.6f;     // training and equipment quality
    float readiness = 1.0f;    // falls while its contributor goes unpaid
    float performance = 0.7f;  // moving average of tasks done when asked
    bool caveated = false;     // national caveats: refuses risky tasks
    bool patrolling = false;   // on patrol today
    std::int8_t orders = -1;  // -1 headquarters decides; 0 hold (no patrols, stays); 1 patrol daily
    std::int32_t hub_x = 0, hub_y = 0;      // the base it returns to (helicopters, quick reaction)
    std::int32_t tasked_until = -1;         // a quick-reaction force is on a task until this day
    float hours_today = 0;                  // a helicopter's flying hours today
    std::uint32_t patrol_to = 0xFFFFFFFFu;  // the settlement today's patrol goes to
    std::int32_t relieved_on = -1;          // a relief contingent takes over on this day
    bool active() const noexcept { return status == UnitStatus::Deployed && strength > 0; }
    bool infantry() const noexcept {
        return kind == UnitKind::Company || kind == UnitKind::QuickReaction;
    }
};

/// The mission's daily figures, part of the time series.
struct Day {
    double cash_musd = 0;
    std::int64_t patrols = 0, responses = 0, denials = 0, fatalities = 0, misconduct = 0;
    double response_median_h = 0;  // of today's responses; 0 when there were none
    double flight_hours = 0;
    double trust = 0;  // mean trust in the mission of the resident population
    double impartiality = 1;
    std::int64_t reimbursement_delay_days = 0;
    std::int64_t companies_deployed = 0;
    std::int64_t local_truces = 0;  // brokered today (docs/model.md 8.16)
};

/// What the mission's units did, mechanism by mechanism (summary.json's mission.deterrence,
/// mission.responses, mission.patrolling and mission.air): why a mandate protects or does not.
struct Why {
    // Raiders' choices, against what they would have chosen with no mission troops in place.
    std::int64_t raids_not_attempted = 0, raids_retargeted = 0;
    // Raids met by mission troops on the spot: fought, and broken off before the attack.
    std::int64_t raids_met_on_the_spot = 0, raids_broken_by_defenders = 0;
    // Quick-reaction tasks: tasked, arrived while the attack went on, too late, forces held at
    // a checkpoint or without flight clearance, no force free or in reach, flown in, answered
    // by another force because the first was held.
    std::int64_t responses_tasked = 0, responses_in_time = 0, responses_late = 0,
                 responses_denied = 0, responses_unanswered = 0, responses_by_air = 0,
                 responses_retasked = 0;
    std::int64_t attacks_cut_short = 0;    // attacks on civilians stopped by troops arriving
    std::int64_t attacks_not_alerted = 0;  // attacks the mission never heard of in time to act
    std::int64_t patrol_contacts = 0;      // patrols that met an armed band
    std::int64_t patrol_ied_strikes = 0, convoy_ied_strikes = 0;
    std::int64_t sorties = 0;      // helicopter sorties flown (lifts and air strikes)
    std::int64_t air_strikes = 0;  // attack helicopters firing on attackers
    std::int64_t mission_battles = 0;
    std::int64_t violations_verified = 0;  // ceasefire violations the mission saw and reported
    std::int64_t clashes_policed = 0;      // communal clashes formed police stopped
    std::int64_t local_truces = 0;         // local truces brokered where troops stood
    std::int64_t local_truces_broken = 0;  // of those, ended early by violence in their zone
    std::int64_t patrols_unfunded = 0;     // patrols the operations budget could not pay for
};

/// Totals for summary.json.
struct Totals {
    std::int64_t patrols = 0, responses = 0, movement_denials = 0, contingents_withdrawn = 0;
    std::int64_t misconduct_cases = 0, fatalities = 0, reports = 0, rotations = 0;
    double flight_hours = 0, cost_musd = 0;
    double response_time_median_h = 0, response_time_p90_h = 0;
    std::int64_t reimbursement_delay_days = 0;  // the longest delay in the run
    double final_impartiality = 1;
    std::int64_t roads_repaired = 0;       // cells of track made into all-weather road
    std::int64_t regional_fatalities = 0;  // of the regional partner force
    std::int64_t regional_operations = 0;
    double helicopter_lease_musd = 0;  // fixed cost of the helicopters, flying or not
    Why why;
};

}  // namespace peacesim::mission
