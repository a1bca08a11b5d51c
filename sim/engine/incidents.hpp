#pragma once
// The day's violence as the phases that cause it leave it for the civilians' update to carry out
// (docs/model.md, sections 2 "Observation", 7.6 and 7.7): per settlement, the chance that a person
// there dies and the incident the death belongs to. Also remembered violence, the field people
// fear. Internal to the library.
#include <cstdint>
#include <vector>

#include "peacesim/engine/simulation.hpp"
#include "world/detail/geometry.hpp"

namespace peacesim::engine {

struct Incidents {
    std::vector<Event> today;  // incidents opened today; deaths are filled in by the update

    // Per settlement, reset each day.
    std::vector<float> osv_p;              // chance a targeted resident is killed
    std::vector<std::uint32_t> osv_party;  // who attacks, or none
    std::vector<std::uint32_t> osv_event;  // index into today, or none
    std::vector<std::uint8_t> osv_spare;   // identity group spared (the attackers' own)
    std::vector<std::uint8_t> osv_only;    // the only group targeted (collective punishment)
    std::vector<float> collateral_p;       // chance a resident dies in a battle nearby
    std::vector<std::uint32_t> collateral_event;
    std::vector<std::int64_t> deaths;  // violent deaths today, any cause

    std::int64_t violations = 0;  // battles today between the state and a party to talks
    /// Where each of today's violations happened (the settlement nearby, or none) and who
    /// attacked: the mission's observers verify those in their sight.
    struct Violation {
        std::uint32_t settlement, attacker;
    };
    std::vector<Violation> violation_sites;

    /// Remembered violence per block of the sight grid: each death adds to it, and it fades.
    std::vector<float> memory;

    /// Whether a resident of identity group g at settlement s is among those attacked today.
    bool targeted(std::size_t s, std::uint8_t g) const noexcept {
        return is_targeted(osv_party[s], osv_only[s], osv_spare[s], g);
    }
    /// The same from a settlement's attacker, only group targeted and group spared (for loops
    /// that hold the arrays' pointers).
    static bool is_targeted(std::uint32_t party, std::uint8_t only, std::uint8_t spare,
                            std::uint8_t g) noexcept {
        return party != world::detail::none32 &&
               (only != world::detail::none8 ? g == only : g != spare);
    }
    void reset_day();
};

}  // namespace peacesim::engine
