// Reporting (docs/model.md, section 8.10): observers and human-rights monitors in sight of a
// one-sided attack, and infantry on the spot while the mission observes and reports, report it,
// which raises the political cost of abuses: the state tightens its forces' conduct, an armed group
// restrains its brutality (naming and shaming).
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

namespace {
constexpr double compliance_per_report = 0.005;
constexpr double brutality_after_report = 0.99;
/// A verified violation by an armed group costs it this much of its resources (the targeted
/// measures a Council sanctions committee imposes on those its panel names).
constexpr double sanction_cost = 0.02;
}  // namespace

Watch watch_process(State& m, actors::Forces& forces,
                    const std::vector<engine::Incidents::Violation>& violations,
                    const world::Sight& sight) {
    Watch w;
    for (const auto& v : violations) {
        if (v.settlement < m.reported.size() && m.reported[v.settlement]) {
            ++w.verified;
            ++m.totals.why.violations_verified;
            if (v.attacker != 0) {
                auto& res = forces.parties[v.attacker].resources;
                res = std::max(0.0, res - sanction_cost);
            }
        } else {
            ++w.rumoured;
        }
    }
    // Guarantees: signatories' fighters with mission troops within a raid of them, while the
    // mission monitors the ceasefire or supports disarmament.
    w.guarantee_of.assign(forces.parties.size(), 0.0);
    if (!m.on || !(m.tasks.ddr || m.tasks.observe_report)) return w;
    std::int64_t all = 0, watched = 0;
    std::vector<std::int64_t> all_of(forces.parties.size(), 0), watched_of(all_of);
    for (const auto& u : forces.units) {
        if (!u.alive() || u.party == 0 ||
            forces.parties[u.party].stance != scenario::Stance::Signatory)
            continue;
        all += u.strength;
        all_of[u.party] += u.strength;
        bool near = false;
        m.index.near(u.x, u.y, sight.raid, [&](std::uint32_t id) {
            const Unit& t = m.units[id];
            near = near || (t.active() && t.infantry() &&
                            world::detail::dist_cells(t.x, t.y, u.x, u.y) <= sight.raid);
        });
        if (near) watched += u.strength, watched_of[u.party] += u.strength;
    }
    w.guarantee = all > 0 ? double(watched) / double(all) : 0.0;
    for (std::size_t p = 0; p < all_of.size(); ++p)
        if (all_of[p] > 0) w.guarantee_of[p] = double(watched_of[p]) / double(all_of[p]);
    return w;
}

void report(State& m, actors::Forces& forces, const engine::Event& e) {
    if (e.type != 3 || e.settlement >= m.reported.size() || !m.reported[e.settlement]) return;
    ++m.totals.reports;
    if (e.side_a == 0) {
        auto& c = forces.parties[0].hr_compliance;
        c = std::min(1.0, c + compliance_per_report);
    } else {
        forces.parties[e.side_a].brutality *= brutality_after_report;
    }
}

}  // namespace peacesim::mission
