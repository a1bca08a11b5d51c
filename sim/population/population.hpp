#pragma once
// The population's phases (docs/model.md, sections 7.1-7.3). Each takes what it reads as
// const& and what it writes as a plain reference. Internal to the library.
#include <array>
#include <cstdint>
#include <vector>

#include "actors/state.hpp"
#include "communities/state.hpp"
#include "core/today.hpp"
#include "engine/incidents.hpp"
#include "mission/state.hpp"
#include "peacesim/population/civilians.hpp"
#include "politics/state.hpp"
#include "population/state.hpp"
#include "world/sight.hpp"

namespace peacesim::population {

/// Civilians are updated in blocks of this many, a block on one thread at a time; each block's
/// sums land in its own slot.
inline constexpr std::size_t block_size = 16384;

// setup
/// Presence and perception sized for the map, counted from where people start.
void init(Presence& presence, Perception& perception, const Civilians& civ, const world::Map& map,
          const world::Sight& sight, std::size_t groups);

// perception.cpp (7.1, 7.2)
void perceive(Perception& out, const Presence& presence, const world::Map& map,
              const world::Sight& sight, const actors::Forces& forces,
              const std::vector<float>& violence_memory, const mission::State& mission,
              const politics::Track& politics, const scenario::Scenario& sc);
void choose_refuges(Perception& p, const Presence& presence, const world::Map& map,
                    const world::Sight& sight);

/// What people are exposed to where they are today.
struct Exposure {
    const engine::Incidents& incidents;     // attacks and battles
    const communities::State& communities;  // clashes and humanitarian access
    const mission::State& mission;          // protection sites, guard, safety, misconduct
};

/// What a group of civilians adds to the day's statistics: summed per block of people, then
/// over the blocks. All integers, so the totals depend neither on the thread count nor on the
/// order in which people are served.
struct Counts {
    std::array<std::int64_t, status_count> status{};
    std::int64_t killed_government = 0, killed_groups = 0, killed_battle = 0;
    std::int64_t fled = 0, returned = 0, new_refugees = 0;
    /// Sums of grievance and trust in fixed point, 2^30 a unit (population/quiet.hpp): exact,
    /// so the same in any order.
    std::int64_t grievance = 0, trust = 0;
    std::int64_t counted = 0;  // people whose grievance and trust are averaged

    void add(const Counts& o) noexcept;
    double mean_grievance() const noexcept { return mean(grievance); }
    double mean_trust_state() const noexcept { return mean(trust); }

  private:
    double mean(std::int64_t fixed_sum) const noexcept {
        return counted ? double(fixed_sum) / 1073741824.0 / double(counted) : 0.0;
    }
};

/// What the civilians' day added up to.
struct DayOutcome {
    Counts counts;
    std::int64_t demobilised = 0, communal_deaths = 0;
    std::vector<std::int64_t> osv_dead, battle_dead, clash_dead_a, clash_dead_b;  // per settlement
    std::vector<std::int64_t> recruits;                                           // per party
};

// update.cpp (7.1-7.3, 8.13). `full_rules` visits everyone by the rules in full, without the
// shortcut for people at home where nothing struck (the same results, slower: the reference).
DayOutcome update(Civilians& civ, Presence& presence, const Perception& perception,
                  const Exposure& exposure, const actors::Forces& forces,
                  const politics::Track& politics, const world::Sight& sight,
                  const scenario::Scenario& sc, const core::Today& today, bool full_rules = false);

}  // namespace peacesim::population
