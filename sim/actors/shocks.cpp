// Shocks to the parties from the timeline (docs/model.md, section 7.13): a coup, an offensive,
// consent withdrawn, reinforcements from across a border.
#include <algorithm>

#include "actors/actors.hpp"

namespace peacesim::actors {

namespace {
/// A coup (as in Mali 2020-21 and Burkina Faso 2022): a junta less legitimate (now and
/// structurally), less capable, more abusive, consenting less to the mission.
constexpr double coup_legitimacy = 0.25, coup_structural_legitimacy = 0.15, coup_capacity = 0.15,
                 coup_min_capacity = 0.05, coup_hr_compliance = 0.25, coup_consent = 0.3;
/// Reinforcements arrive this many cells east of their group's home capital.
constexpr int reinforcement_offset_cells = 6;
}  // namespace

void coup(Forces& f) {
    Party& gov = f.parties[0];
    gov.legitimacy = std::max(0.0, gov.legitimacy - coup_legitimacy);
    gov.initial_legitimacy = std::max(0.0, gov.initial_legitimacy - coup_structural_legitimacy);
    gov.capacity = std::max(coup_min_capacity, gov.capacity - coup_capacity);
    gov.hr_compliance = std::max(0.0, gov.hr_compliance - coup_hr_compliance);
    gov.consent = std::max(0.0, gov.consent - coup_consent);
}

void launch_offensive(Forces& f, std::uint32_t party, int last_day) {
    f.parties[party].offensive_until = last_day;
}

void set_consent(Forces& f, double consent) { f.parties[0].consent = consent; }

void reinforce_from_abroad(Forces& f, std::uint32_t party, std::int32_t fighters,
                           const world::Map& map) {
    const std::int32_t band = f.parties[party].band_size;
    const auto& cap =
        map.settlements[map.regions[std::size_t(f.parties[party].home_region)].capital];
    for (std::int32_t left = fighters; left > 0; left -= band) {
        Unit u;
        u.party = party;
        u.x = u.dest_x = u.base_x =
            std::min(map.width - 1, int(cap.x) + reinforcement_offset_cells);
        u.y = u.dest_y = u.base_y = cap.y;
        u.full_strength = band;
        u.strength = std::min(left, band);
        f.units.push_back(u);
    }
}

}  // namespace peacesim::actors
