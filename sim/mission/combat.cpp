// Fighting (docs/model.md, sections 8.8, 8.9 and 8.15): a day of Lanchester attrition between a
// band and a mission or regional company, and the offensive operations that stabilization and
// enforcement mandates bring.
#include <algorithm>

#include "actors/actors.hpp"
#include "mission/mission.hpp"

namespace peacesim::mission {

using core::Purpose;
using world::detail::dist_cells;
using world::detail::none32;

namespace {
/// The mission's quality: a base plus training times readiness; a band's, a base plus its
/// group's resources.
constexpr double mission_quality_base = 0.7, mission_quality_range = 0.8;
constexpr double band_quality_base = 0.7, band_quality_range = 0.6;
/// Bands fight from cover when attacked.
constexpr double band_cover = 1.3;
/// Share of the band's fire that tells when the mission attacks (it picks its ground and brings
/// air support) and when a base is attacked.
constexpr double fire_when_attacking = 0.3, fire_when_attacked = 0.7;
/// Armour, fortified bases and medical evacuation: losses scale by 1 - this x training.
constexpr double protection_per_training = 0.7;
/// Daily chance that a regional enforcement company, and a stabilization company (times its
/// readiness), attacks the nearest band within half the raid range: about one operation a
/// company a quarter for the mission.
constexpr double regional_ops_rate = 0.02, stabilization_ops_rate = 0.01;
/// Impartiality lost per offensive operation.
constexpr double impartiality_per_operation = 0.003;
/// The chance that troops on the spot fight raiders attacking civilians, by rules of
/// engagement: under self-defence they intervene about one time in five (the UN's internal
/// oversight found peacekeepers responded at once to 20% of 507 attacks on civilians in
/// 2010-2013, OIOS 2014); rules that authorise force to protect civilians make it the rule.
/// Contingents with national caveats seldom engage; a regional force fights as its own
/// mandate says.
constexpr double engage_self_defence = 0.2, engage_defend_mandate = 0.8, engage_offensive = 0.9,
                 engage_caveated = 0.1, engage_regional = 0.8;
}  // namespace

double engage_chance(const State& m, const Unit& u) {
    if (u.kind == UnitKind::Regional) return engage_regional;
    if (u.caveated) return engage_caveated;
    return m.roe == scenario::Roe::SelfDefence     ? engage_self_defence
           : m.roe == scenario::Roe::DefendMandate ? engage_defend_mandate
                                                   : engage_offensive;
}

double fighting_strength(const Unit& u) {
    return double(u.strength) * (mission_quality_base +
                                 mission_quality_range * double(u.training) * double(u.readiness));
}

std::uint32_t nearest_band(const actors::Forces& forces, int x, int y, int range) {
    std::uint32_t target = none32;
    double bd = range;
    forces.unit_index.near(x, y, range, [&](std::uint32_t o) {
        const auto& u = forces.units[o];
        if (u.party == 0 || !u.alive()) return;
        const double d = dist_cells(x, y, u.x, u.y);
        if (d < bd) bd = d, target = o;
    });
    return target;
}

std::int32_t battle(State& ms, actors::Forces& forces, std::uint32_t band, std::uint32_t company,
                    bool mission_attacks, const scenario::Scenario& sc, const core::Today& today) {
    actors::Unit& b = forces.units[band];
    Unit& m = ms.units[company];
    auto rng = today.stream(company, Purpose::MissionBattle);
    const double mq =
        mission_quality_base + mission_quality_range * double(m.training) * double(m.readiness);
    const double bq = band_quality_base + band_quality_range * forces.parties[b.party].resources;
    const double def = mission_attacks ? band_cover : 1.0;
    const double k = sc.conflict.battle_lethality;
    const double protection = 1.0 - protection_per_training * double(m.training);
    const double fire = mission_attacks ? fire_when_attacking : fire_when_attacked;
    const auto lm = std::int32_t(
        std::min<std::uint32_t>(rng.poisson(k * b.strength * bq * fire * protection *
                                            rng.uniform(actors::fortune_min, actors::fortune_max)),
                                std::uint32_t(m.strength)));
    const auto lb = std::int32_t(
        std::min<std::uint32_t>(rng.poisson(k * m.strength * mq / def *
                                            rng.uniform(actors::fortune_min, actors::fortune_max)),
                                std::uint32_t(b.strength)));
    m.strength -= lm;
    b.strength -= lb;
    actors::record_losses(forces, b.party, lb);
    const bool regional = m.kind == UnitKind::Regional;
    if (regional)
        ms.totals.regional_fatalities += lm;
    else
        ms.today.fatalities += lm;
    ++ms.totals.why.mission_battles;
    // The fight is an event of the log: the force is side_a, the band's party side_b.
    engine::Event e;
    e.type = 2;
    e.side_a = regional ? engine::Event::regional_side : engine::Event::mission_side;
    e.side_b = b.party;
    e.deaths_a = lm, e.deaths_b = lb;
    e.cell_x = b.x, e.cell_y = b.y;
    ms.incidents.push_back(e);
    if (lb > forces.parties[b.party].cohesion * sc.conflict.break_share * (b.strength + lb))
        actors::fall_back(b);
    return lb;
}

void offensives(State& ms, actors::Forces& forces, const world::Sight& sight,
                const scenario::Scenario& sc, const core::Today& today) {
    const int reach = sight.raid / 2;
    // A regional force with an enforcement mandate goes after armed groups on its own account.
    if (sc.regional_force.mandate == scenario::RegionalMandate::Enforcement)
        for (std::uint32_t id = 0; id < ms.units.size(); ++id) {
            Unit& u = ms.units[id];
            if (!u.active() || u.kind != UnitKind::Regional) continue;
            if (!today.stream(id, Purpose::MissionPlan).bernoulli(regional_ops_rate)) continue;
            const std::uint32_t target = nearest_band(forces, u.x, u.y, reach);
            if (target == none32) continue;
            battle(ms, forces, target, id, true, sc, today);
            ++ms.totals.regional_operations;
        }
    // Stabilization: companies join the state's offensive against bands within reach.
    if (ms.tasks.offensive_ops && ms.roe == scenario::Roe::Offensive)
        for (std::uint32_t id = 0; id < ms.units.size(); ++id) {
            Unit& u = ms.units[id];
            if (!u.active() || u.kind != UnitKind::Company || u.caveated) continue;
            if (!today.stream(id, Purpose::MissionPlan)
                     .bernoulli(stabilization_ops_rate * u.readiness))
                continue;
            const std::uint32_t target = nearest_band(forces, u.x, u.y, reach);
            if (target == none32) continue;
            battle(ms, forces, target, id, true, sc, today);
            ms.impartiality = std::max(0.0, ms.impartiality - impartiality_per_operation);
        }
}

}  // namespace peacesim::mission
