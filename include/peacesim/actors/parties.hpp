#pragma once
// Parties to the conflict (the host government and the armed groups) and their units on the map.
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::actors {

struct Party {
    std::string name;
    bool government = false;
    int identity = -1;  // identity group an armed group claims; -1 for the government
    double legitimacy = 0, initial_legitimacy = 0, capacity = 0, consent = 0, hr_compliance = 1;
    double cohesion = 1, initial_cohesion = 1, resources = 0, brutality = 0;
    scenario::Stance stance = scenario::Stance::Fighting;
    std::int64_t recruits = 0;     // civilians who joined, cumulative
    std::int64_t losses = 0;       // fighters killed, cumulative
    std::int32_t band_size = 100;  // unit size for recruits and splits
    std::int32_t home_region = 0;
    double pain = 0;                    // recent losses as a share of strength (30-day EMA)
    std::int32_t offensive_until = -1;  // last day of an offensive, if one is on
    std::int32_t splinter_of = -1;      // the party it broke away from
};

enum class Action : std::uint8_t {
    Hold = 0,
    Patrol,
    AttackSettlement,
    AttackUnit,
    Recruit,
    Retreat,
    AttackMission
};
inline constexpr const char* action_names[] = {
    "hold", "patrol", "attack_settlement", "attack_unit", "recruit", "retreat", "attack_mission"};
inline constexpr std::uint32_t no_target = 0xFFFFFFFFu;

/// A company of the government or a band of an armed group. Units are never removed: a unit at
/// zero strength is destroyed, so a unit's id is its index for the whole run.
struct Unit {
    std::uint32_t party = 0;
    std::int32_t x = 0, y = 0;            // cell
    std::int32_t dest_x = 0, dest_y = 0;  // where it is going
    std::int32_t base_x = 0, base_y = 0;  // where it rests and recovers
    std::int32_t strength = 0;            // fighters or soldiers
    std::int32_t full_strength = 0;
    Action action = Action::Hold;
    std::uint32_t target = no_target;  // a settlement or a unit, by action
    std::int32_t days_on_task = 0;
    bool alive() const noexcept { return strength > 0; }
};

}  // namespace peacesim::actors
