#pragma once
// The peacekeeping mission's running state (docs/model.md, section 8): the tasks in force, its
// units, what their presence does to each settlement today, and its money.
// Internal to the library.
#include <cstdint>
#include <vector>

#include "peacesim/mission/mission.hpp"
#include "peacesim/scenario/scenario.hpp"
#include "world/detail/geometry.hpp"

namespace peacesim::mission {

/// The tasks in force after the mandate preset and the scenario's overrides.
struct Tasks {
    bool presence = false, patrols = false, protection_sites = false, rapid_response = false,
         observe_report = false, human_rights = false, civil_affairs = false, mediation = false,
         electoral = false, ddr = false, offensive_ops = false;
};

struct State {
    bool on = false;  // a mission is mandated at all
    Tasks tasks;
    scenario::Roe roe = scenario::Roe::SelfDefence;
    scenario::Posture posture = scenario::Posture::Static;
    std::vector<Unit> units;

    // Per settlement, from the presence phase each day.
    world::detail::Buckets index;        // active units by position
    std::vector<float> guard;            // deterrence from mission troops in reach
    std::vector<float> safety;           // safety people feel from the mission
    std::vector<std::uint8_t> poc;       // a protection site
    std::vector<std::uint8_t> reported;  // observers or monitors in sight
    std::vector<std::uint8_t> civil_affairs_here;
    std::vector<std::uint8_t> misconduct_here;  // a misconduct case today

    // Money and flight hours.
    double cash = 0, owed = 0, flight_hours_left = 0, cost = 0;
    int oldest_unpaid = -1;  // day of the oldest reimbursement not yet paid
    std::int64_t max_delay = 0;
    double impartiality = 1;

    Totals totals;
    std::vector<float> response_times;  // every response of the run, in hours
    std::vector<float> today_responses;
    Day today;
};

}  // namespace peacesim::mission
