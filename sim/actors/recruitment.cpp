// Recruits take up arms (docs/model.md, section 7.2): the day's recruits of each group join its
// weakest band; a band grown past half again its size splits, so groups grow in bands.
#include "actors/actors.hpp"

namespace peacesim::actors {

using world::detail::none32;

namespace {
/// A group with no band left gathers its recruits this many cells east of its home capital.
constexpr int regroup_offset_cells = 5;
}  // namespace

std::int64_t enlist(Forces& f, const std::vector<std::int64_t>& recruits, const world::Map& map) {
    std::int64_t total = 0;
    for (std::size_t p = 1; p < f.parties.size(); ++p) {
        if (recruits[p] == 0) continue;
        f.parties[p].recruits += recruits[p];
        total += recruits[p];
        std::uint32_t weakest = none32;
        for (std::uint32_t id = 0; id < f.units.size(); ++id) {
            const Unit& u = f.units[id];
            if (u.party != p || !u.alive()) continue;
            if (weakest == none32 || u.strength * f.units[weakest].full_strength <
                                         f.units[weakest].strength * u.full_strength)
                weakest = id;
        }
        const auto band = f.parties[p].band_size;
        if (weakest == none32) {
            Unit u;
            u.party = std::uint32_t(p);
            const auto& cap =
                map.settlements[map.regions[std::size_t(f.parties[p].home_region)].capital];
            u.x = u.dest_x = u.base_x = std::min(map.width - 1, int(cap.x) + regroup_offset_cells);
            u.y = u.dest_y = u.base_y = cap.y;
            u.full_strength = band;
            f.units.push_back(u);
            weakest = std::uint32_t(f.units.size() - 1);
        }
        f.units[weakest].strength += std::int32_t(recruits[p]);
        while (f.units[weakest].strength > band + band / 2) {
            Unit split = f.units[weakest];
            split.strength = band;
            split.action = Action::Hold;
            split.target = no_target;
            f.units[weakest].strength -= band;
            f.units.push_back(split);
        }
    }
    return total;
}

}  // namespace peacesim::actors
