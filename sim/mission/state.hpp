#pragma once
// The peacekeeping mission's running state (docs/model.md, section 8): the tasks in force, its
// units, what their presence does to each settlement today, and its money.
// Internal to the library.
#include <cstdint>
#include <vector>

#include "peacesim/engine/simulation.hpp"
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
    std::vector<std::uint32_t> hubs;  // sector hubs: the regional capitals, most populous first
    /// Settlements in the order company bases are assigned: most exposed first (people, and
    /// the bands of other communities within raiding reach when the mission is planned).
    std::vector<std::uint32_t> base_order;

    // Per settlement, from the presence phase each day.
    world::detail::Buckets index;  // active units by position
    std::vector<float> guard;   // fighting strength raiders expect from mission troops on the spot
    std::vector<float> safety;  // safety people feel from the mission
    std::vector<std::uint8_t> poc;       // a protection site
    std::vector<std::uint8_t> reported;  // observers or monitors in sight
    std::vector<std::uint8_t> civil_affairs_here;
    /// Local truces (mediation.cpp): the last day each settlement's truce binds, or -1.
    std::vector<std::int32_t> truce_until;
    std::vector<std::uint8_t> misconduct_here;  // a misconduct case today
    /// Formed police: their strength within sight (coercive presence in the arrest risk of
    /// the rebellion rule) and whether a unit is within engagement distance (public order).
    std::vector<float> police_near;
    std::vector<std::uint8_t> policed;
    /// What raiders expect of the quick-reaction forces at each settlement today: the share of
    /// an attack they would get done before a force arrived, and the fighting strength that
    /// would then engage them (0 under self-defence).
    std::vector<float> response_share, response_threat;
    /// The raiders' reading of the mission's record: a moving share of tasked responses that
    /// arrived in time.
    double record = 0.5;

    // Money and flight hours.
    double cash = 0, owed = 0, flight_hours_left = 0, cost = 0;
    /// The budget's allotment for operations this instalment period: the share of planned
    /// patrols and flight hours it pays for, and the patrol fuel left (US$).
    double ops_share = 1, fuel_left = 0;
    int oldest_unpaid = -1;  // day of the oldest reimbursement not yet paid
    std::int64_t max_delay = 0;
    double impartiality = 1;

    Totals totals;
    std::vector<float> response_times;  // every response of the run, in hours
    std::vector<float> today_responses;
    Day today;
    /// Fights the mission's units and the regional force had today, and IED strikes on them:
    /// events for the log (type 2, side_a the force), their deaths filled in.
    std::vector<engine::Event> incidents;
};

}  // namespace peacesim::mission
