#pragma once
// The parties and their units, and the ground they hold (docs/model.md, sections 2 and 5).
// Internal to the library.
#include <cstdint>
#include <vector>

#include "peacesim/actors/parties.hpp"
#include "world/detail/geometry.hpp"

namespace peacesim::actors {

/// A party's day: what the attrition of its recruits and its recent pain are reckoned from.
struct PartyDay {
    std::int64_t losses = 0;            // fighters killed today
    std::int64_t fighters_at_dawn = 0;  // strength at the start of the resolve phase
};

struct Forces {
    std::vector<Party> parties;  // 0 is the government, 1.. the armed groups in scenario order
    std::vector<Unit> units;     // a unit's id is its index for the whole run

    // Per settlement, from the survey at the start of each day.
    std::vector<std::uint32_t> control;       // the party holding it (persists while empty)
    std::vector<std::int32_t> gov_companies;  // state companies within engagement distance
    std::vector<std::int32_t> gov_guard;      // their strength
    std::vector<std::int64_t> armed;          // settlement x party: armed men in sight
    std::vector<std::int64_t> soldiers;       // state soldiers in sight
    std::vector<std::int64_t> fighters;       // armed groups' fighters in sight

    // Per day.
    world::detail::Buckets unit_index;  // living units by position
    std::vector<std::uint8_t> fought;   // per unit: in a fight today
    std::vector<PartyDay> today;        // per party: strength at dawn, losses today
    std::vector<double> attrition;      // per party: today's chance a recruit dies
    /// Party a x party b (a * parties + b): the harm b did a lately, as a share of a's strength
    /// (section 7.4, reprisals). Recomputed each day from the event log: not state.
    std::vector<double> provoked;

    std::size_t armed_at(std::size_t settlement, std::size_t party) const noexcept {
        return settlement * parties.size() + party;
    }
};

}  // namespace peacesim::actors
