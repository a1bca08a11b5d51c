// What each signatory reads into the day's violence around it (docs/model.md, section 7.11,
// "Keeping one's word"): deaths near its fighters that it cannot attribute, and those it can
// attribute to the state, count as signs that the other side will not keep its word; deaths it
// can attribute to someone else (a spoiler, a communal feud) do not. An incident is attributed
// where the mission's observers or monitors are in sight, or, under an inclusive agreement,
// where the civil society it is tied to reports it (Fortna 2008; Krause, Krause and Branfors
// 2018).
#include "politics/politics.hpp"
#include "world/detail/geometry.hpp"

namespace peacesim::politics {

using core::Purpose;
using engine::Event;
using scenario::Stance;

std::vector<double> signatory_threats(const std::vector<Event>& events, std::size_t first,
                                      const actors::Forces& forces, const mission::State& mission,
                                      const communities::State& communities, const Track& t,
                                      const world::Sight& sight, const core::Today& today,
                                      double per_head) {
    const auto& parties = forces.parties;
    std::vector<double> threat(parties.size(), 0.0);
    std::vector<std::uint32_t> signatories;
    for (std::uint32_t p = 1; p < parties.size(); ++p)
        if (parties[p].stance == Stance::Signatory) signatories.push_back(p);
    if (signatories.empty()) return threat;
    for (std::size_t i = first; i < events.size(); ++i) {
        const Event& e = events[i];
        const auto deaths = double(e.best());
        if (deaths <= 0) continue;
        const std::uint32_t s = e.settlement;
        bool attributed = s < mission.reported.size() && mission.reported[s] != 0;
        if (!attributed && s < communities.capacity.size() && t.inclusion > 0) {
            // Civil society reports what it sees as far as its local institutions reach.
            auto r = today.stream(std::uint32_t(i - first), Purpose::Verification);
            attributed = r.bernoulli(t.inclusion * double(communities.capacity[s]));
        }
        for (const auto p : signatories) {
            bool near = false;
            for (const auto& u : forces.units)
                if (u.party == p && u.alive() &&
                    world::detail::dist_cells(u.x, u.y, e.cell_x, e.cell_y) <= sight.raid) {
                    near = true;
                    break;
                }
            if (!near) continue;
            const bool state_attacks = e.side_a == 0 && (e.type == 3 || e.side_b == p);
            const bool fought_it = e.type != 3 && (e.side_a == p || e.side_b == p);
            const bool its_own = e.type == 3 && e.side_a == p;
            // It knows what it did and whom it fought; the rest it reads as the state's bad
            // faith unless someone it trusts says who did it.
            if (its_own) continue;
            if (state_attacks || (!fought_it && !attributed)) threat[p] += deaths * per_head;
        }
    }
    return threat;
}

}  // namespace peacesim::politics
