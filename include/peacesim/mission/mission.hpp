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
    Regional
};
inline constexpr const char* unit_kind_names[] = {"company",           "police",        "observers",
                                                  "helicopter",        "civilian_team", "engineers",
                                                  "attack_helicopter", "regional"};
enum class UnitStatus : std::uint8_t { Deployed = 0, Rotating, Withdrawn };

struct Unit {
    UnitKind kind = UnitKind::Company;
    UnitStatus status = UnitStatus::Deployed;
    std::int32_t x = 0, y = 0, dest_x = 0, dest_y = 0;
    std::int32_t strength = 0, full_strength = 0;
    float training = 0.6f;      // training and equipment quality
    float readiness = 1.0f;     // falls while its contributor goes unpaid
    float performance = 0.7f;   // moving average of tasks done when asked
    bool caveated = false;      // national caveats: refuses risky tasks
    bool patrolling = false;    // on patrol today
    std::int32_t back_on = -1;  // day a rotating unit returns
    std::int8_t orders = -1;  // -1 headquarters decides; 0 hold (no patrols, stays); 1 patrol daily
    bool active() const noexcept { return status == UnitStatus::Deployed && strength > 0; }
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
};

}  // namespace peacesim::mission
