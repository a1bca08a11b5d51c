// Perception (docs/model.md, sections 7.1 and 7.2): what the people of each settlement fear,
// where they would flee, which armed group of their own is at hand, and the risk of arrest
// should they rebel (Epstein 2002's P).

#include <cmath>

#include "core/parallel.hpp"
#include "population/population.hpp"

namespace peacesim::population {

using scenario::Stage;
using scenario::Stance;
using world::detail::dist_cells;
using world::detail::none32;
using world::detail::none8;

namespace {
/// How much a group's armed men frighten civilians of other identities, beyond its brutality.
constexpr double menace_floor = 0.1;
/// Menace kept by a group bound by an agreement, by a ceasefire, and in talks before one.
constexpr double menace_signatory = 0.2, menace_ceasefire = 0.3, menace_talks = 0.7;
/// Hostile armed men in sight frighten as 1 - exp(-h / presence_scale), h per head of the
/// scenario's forces_population: a second band adds less fear than the first.
constexpr double presence_scale = 200.0;
/// A mission's presence divides fear by 1 + mission_calm x safety.
constexpr double mission_calm = 0.3;
/// State forces threaten the identity groups armed groups recruit from in proportion to
/// abuse_threat x (1 - hr_compliance)^2: an army that abuses is a threat to the communities it
/// suspects, a disciplined one hardly is.
constexpr double abuse_threat = 0.5;
/// Refuges further away are less attractive: threat-equivalent per km of the journey.
constexpr double refuge_threat_per_km = 0.002;
}  // namespace

void perceive(Perception& out, const Presence& presence, const world::Map& map,
              const world::Sight& sight, const actors::Forces& forces,
              const std::vector<float>& violence_memory, const mission::State& mission,
              const politics::Track& politics, const scenario::Scenario& sc) {
    const auto& parties = forces.parties;
    const std::size_t groups = presence.groups, np = parties.size();
    const double abuse = 1.0 - parties[0].hr_compliance;
    const double gov_threat = abuse_threat * abuse * abuse;
    std::vector<char> has_group(groups, 0);
    for (std::size_t p = 1; p < np; ++p) has_group[std::size_t(parties[p].identity)] = 1;

    // How much a group's armed men frighten civilians of other identities: its record of
    // brutality, less while it is bound by a ceasefire or an agreement.
    std::vector<double> menace(np, 1.0);
    for (std::size_t p = 1; p < np; ++p) {
        const actors::Party& g = parties[p];
        double m = menace_floor + g.brutality;
        if (g.stance == Stance::Signatory)
            m *= menace_signatory;
        else if (g.stance == Stance::Negotiating)
            m *= politics.stage >= Stage::Ceasefire ? menace_ceasefire : menace_talks;
        menace[p] = m;
    }
    const auto& pp = sc.population;
    const std::size_t ns = map.settlements.size();
    core::parallel_for(core::Range(0, ns, 64), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            double v = 0;
            for (std::size_t k = 0; k < sight.vision_blocks[s].size(); ++k)
                v += sight.vision_weights[s][k] * violence_memory[sight.vision_blocks[s][k]];
            v = 1.0 - std::exp(-v);  // fear saturates: a second massacre adds less than the first
            const std::int64_t* by_party = &forces.armed[forces.armed_at(s, 0)];
            // Epstein (2002): P = 1 - exp(-k (C/A)_v), A counting the would-be rebel. Here the
            // coercive agents C are the soldiers in sight, the mission's formed police in sight
            // and the state's police and administration where it holds the ground; the actives A
            // are the armed groups' fighters and the civilians in open rebellion in sight.
            std::int64_t actives = 0, residents = 0;
            for (auto b : sight.vision_blocks[s])
                actives += presence.actives[b], residents += presence.residents[b];
            const double coercive =
                double(forces.soldiers[s]) + double(mission.police_near[s]) +
                (forces.control[s] == 0
                     ? pp.state_reach / 1000.0 * parties[0].capacity * double(residents)
                     : 0.0);
            out.arrest_p[s] = float(
                1.0 - std::exp(-pp.arrest_k * coercive / double(forces.fighters[s] + actives + 1)));
            out.jail_p[s] = actives > 0
                                ? float(std::min(1.0, pp.arrest_rate * coercive / double(actives)))
                                : 0.0f;
            for (std::size_t g = 0; g < groups; ++g) {
                double h = 0;
                std::int64_t best = 0;
                std::uint32_t arg = none8;
                for (std::size_t p = 1; p < np; ++p) {
                    if (std::size_t(parties[p].identity) != g)
                        h += double(by_party[p]) * menace[p];
                    else if (by_party[p] > best)
                        best = by_party[p], arg = std::uint32_t(p - 1);
                }
                if (has_group[g]) h += gov_threat * double(by_party[0]);
                out.threat[presence.at(s, g)] =
                    float((v + sc.conflict.presence_threat *
                                   (1.0 - std::exp(-h / (presence_scale * sc.force_scale())))) /
                          (1.0 + mission_calm * mission.safety[s]));
                out.recruit_group[presence.at(s, g)] = std::uint8_t(arg);
            }
        }
    });
}

void choose_refuges(Perception& p, const Presence& presence, const world::Map& map,
                    const world::Sight& sight) {
    // The safest nearby haven for each group, distance weighing against far ones; computed
    // after all threats are known.
    const std::size_t ns = map.settlements.size(), groups = presence.groups;
    core::parallel_for(core::Range(0, ns, 64), [&](const auto& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            for (std::size_t g = 0; g < groups; ++g) {
                double best = p.threat[presence.at(s, g)];
                std::uint32_t arg = none32;
                for (auto h : sight.refuges[s]) {
                    if (h == s) continue;
                    const auto& o = map.settlements[h];
                    const double t =
                        p.threat[presence.at(h, g)] +
                        refuge_threat_per_km * sight.km(dist_cells(st.x, st.y, o.x, o.y));
                    if (t < best) best = t, arg = h;
                }
                p.refuge[presence.at(s, g)] = arg;
            }
        }
    });
}

}  // namespace peacesim::population
