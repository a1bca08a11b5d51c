// Where people are at the start (docs/model.md, section 5): everyone at home, trust in the
// mission at indifference.
#include "population/population.hpp"

namespace peacesim::population {

namespace {
/// Trust in the mission before it has done anything: indifference, x 1e4.
constexpr std::int64_t initial_trust_x1e4 = 5000;
}  // namespace

void init(Presence& presence, Perception& perception, const Civilians& civ, const world::Map& map,
          const world::Sight& sight, std::size_t groups) {
    const std::size_t ns = map.settlements.size();
    presence.groups = groups;
    presence.present.assign(ns * groups, 0);
    presence.actives.assign(sight.block_count(), 0);
    presence.residents.assign(sight.block_count(), 0);
    for (std::size_t i = 0; i < civ.size(); ++i)
        ++presence.present[presence.at(civ.location[i], civ.group[i])];
    for (std::size_t s = 0; s < ns; ++s)
        presence.residents[sight.settlement_block[s]] += presence.residents_at(s);
    presence.trust_mission.assign(ns, 0);
    for (std::size_t s = 0; s < ns; ++s)
        presence.trust_mission[s] = initial_trust_x1e4 * presence.residents_at(s);
    perception.threat.assign(ns * groups, 0.0f);
    perception.refuge.assign(ns * groups, world::detail::none32);
    perception.recruit_group.assign(ns * groups, world::detail::none8);
    perception.arrest_p.assign(ns, 0.0f);
    perception.jail_p.assign(ns, 0.0f);
}

}  // namespace peacesim::population
