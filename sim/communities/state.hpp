#pragma once
// Communities, per settlement (docs/model.md, section 7.10): intercommunal tension, local
// conflict-resolution capacity and humanitarian access, and today's clashes.
// Internal to the library.
#include <cstdint>
#include <vector>

namespace peacesim::communities {

struct State {
    std::vector<float> tension, capacity, access;
    std::vector<std::int64_t> initial_pop;  // residents at the start, for crowding

    // Today's clashes, per settlement.
    std::vector<float> clash_p;                  // chance a member of either side dies
    std::vector<std::uint8_t> clash_a, clash_b;  // the two identity groups that fight
    std::vector<std::uint32_t> clash_event;      // index into the day's incidents, or none
    std::int64_t dialogues_today = 0, clashes_today = 0, clashes_policed_today = 0;
};

}  // namespace peacesim::communities
