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

void fragment_columns(Forces& f, const scenario::ConflictParams& cp, const core::Today& today) {
    // A column resting at its base splits into bands of the group's size (fragmentation), at a
    // daily rate: until then it may join, or lead, the group's next raid as one.
    const std::size_t n = f.units.size();
    for (std::size_t id = 0; id < n; ++id) {
        const Unit& u = f.units[id];
        if (u.party == 0 || !u.alive() || u.x != u.base_x || u.y != u.base_y) continue;
        const auto band = f.parties[u.party].band_size;
        if (u.full_strength <= band + band / 2 ||
            !today.stream(std::uint32_t(id), core::Purpose::ColumnSplit)
                 .bernoulli(cp.column_split_rate))
            continue;
        while (f.units[id].full_strength > band + band / 2 && f.units[id].strength > 1) {
            Unit& c = f.units[id];
            Unit split = c;
            split.full_strength = band;
            split.strength = std::min(band, c.strength - 1);
            split.action = Action::Hold;
            split.target = no_target;
            split.days_on_task = 0;
            c.full_strength -= band;
            c.strength -= split.strength;
            f.units.push_back(split);
        }
        // What the column lost stays lost: the remainder is one band.
        if (f.units[id].full_strength > band + band / 2) f.units[id].full_strength = band;
    }
}

}  // namespace peacesim::actors
