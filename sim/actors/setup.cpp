// The parties and their forces at the start (docs/model.md, sections 2 and 5): the
// government's companies garrison the towns, the armed groups' bands start among their own people
// in their home regions.
#include <algorithm>

#include "actors/actors.hpp"

namespace peacesim::actors {

using core::Purpose;
using core::Stream;

namespace {
/// Cohesion of the state's forces: a standing army holds together better than most bands.
constexpr double government_cohesion = 0.8;
/// Bands start up to this many cells from the village they gather at.
constexpr int band_scatter_cells = 3;
}  // namespace

Forces make_forces(const world::Map& map, const scenario::Scenario& sc, std::uint64_t seed) {
    Forces f;
    Party gov;
    gov.name = sc.government.name;
    gov.government = true;
    gov.legitimacy = gov.initial_legitimacy = sc.government.legitimacy;
    gov.capacity = sc.government.capacity;
    gov.consent = sc.government.consent;
    gov.hr_compliance = sc.government.hr_compliance;
    gov.cohesion = government_cohesion;
    f.parties.push_back(gov);
    for (const auto& g : sc.armed_groups) {
        Party p;
        p.name = g.name;
        p.identity = int(g.identity);
        p.cohesion = p.initial_cohesion = g.cohesion;
        p.resources = g.resources;
        p.brutality = g.brutality;
        p.stance = g.stance;
        p.band_size = sc.unit_size(g.band_size);
        p.home_region = std::int32_t(g.home_region);
        f.parties.push_back(p);
    }

    // Government companies garrison towns in proportion to their population (largest remainder).
    const std::size_t ns = map.settlements.size();
    std::vector<std::uint32_t> towns;
    std::int64_t town_pop = 0;
    for (std::size_t s = 0; s < ns; ++s)
        if (map.settlements[s].kind == world::SettlementKind::Town) {
            towns.push_back(std::uint32_t(s));
            town_pop += map.settlements[s].initial_population;
        }
    const std::int64_t csize = sc.unit_size(sc.government.company_size);
    // Units keep their number whatever the country's size: as many companies as the scenario's
    // forces make, each scaled.
    const std::int64_t companies = sc.units(sc.government.forces, sc.government.company_size);
    std::vector<std::int64_t> alloc(towns.size(), 0);
    std::vector<std::pair<double, std::size_t>> rem;
    std::int64_t given = 0;
    for (std::size_t t = 0; t < towns.size(); ++t) {
        const double q = double(companies) * double(map.settlements[towns[t]].initial_population) /
                         double(std::max<std::int64_t>(1, town_pop));
        alloc[t] = std::int64_t(q);
        given += alloc[t];
        rem.push_back({-(q - double(alloc[t])), t});
    }
    std::sort(rem.begin(), rem.end());
    for (std::size_t i = 0; given < companies && !rem.empty(); ++i, ++given)
        ++alloc[rem[i % rem.size()].second];
    for (std::size_t t = 0; t < towns.size(); ++t)
        for (std::int64_t k = 0; k < alloc[t]; ++k) {
            Unit u;
            u.party = 0;
            u.x = u.dest_x = u.base_x = map.settlements[towns[t]].x;
            u.y = u.dest_y = u.base_y = map.settlements[towns[t]].y;
            u.strength = u.full_strength = std::int32_t(csize);
            f.units.push_back(u);
        }

    // Armed bands start at settlements of their identity in their home region.
    for (std::size_t gi = 0; gi < sc.armed_groups.size(); ++gi) {
        const auto& g = sc.armed_groups[gi];
        std::vector<std::uint32_t> spots, fallback;
        for (std::size_t s = 0; s < ns; ++s) {
            const auto& st = map.settlements[s];
            if (st.region != g.home_region) continue;
            fallback.push_back(std::uint32_t(s));
            if (st.majority_group == g.identity && st.kind == world::SettlementKind::Village)
                spots.push_back(std::uint32_t(s));
        }
        if (spots.empty()) spots = fallback;
        if (spots.empty()) spots.push_back(map.regions[std::size_t(g.home_region)].capital);
        // The bands the scenario's fighters make (the last one smaller), each scaled to the
        // country: as many bands, as far apart, at any size.
        std::int64_t left = g.fighters;
        constexpr int spread = 2 * band_scatter_cells + 1;
        while (left > 0) {
            const std::int64_t native =
                std::min<std::int64_t>(left, std::max<std::int64_t>(1, g.band_size));
            left -= native;
            const auto size = sc.unit_size(native);
            Stream r(seed, 0, std::uint32_t(f.units.size()), Purpose::UnitInit);
            const auto& st = map.settlements[spots[r.below(std::uint32_t(spots.size()))]];
            Unit u;
            u.party = std::uint32_t(gi + 1);
            u.x = u.dest_x = u.base_x =
                std::clamp(int(st.x) + int(r.below(spread)) - band_scatter_cells, 0, map.width - 1);
            u.y = u.dest_y = u.base_y = std::clamp(
                int(st.y) + int(r.below(spread)) - band_scatter_cells, 0, map.height - 1);
            u.strength = size;
            u.full_strength = sc.unit_size(g.band_size);
            f.units.push_back(u);
        }
    }
    f.control.assign(ns, 0);
    f.gov_companies.assign(ns, 0);
    f.gov_guard.assign(ns, 0);
    return f;
}

}  // namespace peacesim::actors
