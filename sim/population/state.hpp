#pragma once
// The population's running state beside the civilians themselves (docs/model.md, section 7.2):
// who is where, by identity group, and what each settlement's people perceive today.
// Internal to the library.
#include <cstdint>
#include <vector>

namespace peacesim::population {

/// Where people are, rebuilt by the daily update from what each person did.
struct Presence {
    std::size_t groups = 1;                   // identity groups
    std::vector<std::int32_t> present;        // settlement x group: people there now
    std::vector<std::int32_t> actives;        // per violence block: in open rebellion
    std::vector<std::int32_t> residents;      // per violence block: people present
    std::vector<std::int64_t> trust_mission;  // per settlement: residents' trust x 1e4

    std::size_t at(std::size_t settlement, std::size_t group) const noexcept {
        return settlement * groups + group;
    }
    /// People present in a settlement now, all identity groups together.
    std::int64_t residents_at(std::size_t settlement) const noexcept {
        std::int64_t n = 0;
        for (std::size_t g = 0; g < groups; ++g) n += present[at(settlement, g)];
        return n;
    }
    /// Mean trust in the mission of a settlement's residents (0.5, indifference, when empty).
    double mean_trust_mission(std::size_t settlement) const noexcept {
        const std::int64_t here = residents_at(settlement);
        return here > 0 ? double(trust_mission[settlement]) / 1e4 / double(here) : 0.5;
    }
};

/// What the people of each settlement perceive today (the sense phase), per settlement x group
/// unless noted.
struct Perception {
    std::vector<float> threat;                // perceived threat
    std::vector<std::uint32_t> refuge;        // the safest nearby haven, or none
    std::vector<std::uint8_t> recruit_group;  // the armed group of their own at hand, or none
    std::vector<float> arrest_p;              // per settlement: Epstein's P
    std::vector<float> jail_p;                // per settlement: chance an active is arrested today
};

}  // namespace peacesim::population
