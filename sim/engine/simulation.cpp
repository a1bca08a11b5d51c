// [SECTION] State and construction
// [SECTION] Sense: per-settlement perception fields
// [SECTION] Decide: unit tasks
// [SECTION] Act: movement
// [SECTION] Resolve: battles and attacks on settlements
// [SECTION] Update: civilians in parallel
// [SECTION] Update: parties, units, statistics
// [SECTION] Queries and hash
#include "peacesim/engine/simulation.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "peacesim/core/hash.hpp"
#include "peacesim/core/random.hpp"
#include "peacesim/scenario/load.hpp"
#include "state.hpp"

namespace peacesim::engine {

using namespace detail;


// ---------------------------------------------------------------------------------------------
// [SECTION] State and construction
// ---------------------------------------------------------------------------------------------

Simulation::Simulation(scenario::Scenario sc, std::uint64_t seed) : s_(std::make_unique<State>()) {
    s_->sc = std::move(sc);
    s_->seed = seed;
    s_->init();
}
Simulation::~Simulation() = default;
Simulation::Simulation(Simulation&&) noexcept = default;
Simulation& Simulation::operator=(Simulation&&) noexcept = default;

void Simulation::State::init() {
    map = world::generate_map(sc, seed);
    civ = population::make_civilians(map, sc, seed);
    population = std::int64_t(civ.size());
    groups = sc.identity_groups.size();
    const double ck = map.cell_km;
    vision = std::max(1, int(std::lround(sc.population.vision_km / ck)));
    raid = std::max(1, int(std::lround(sc.conflict.raid_range_km / ck)));
    engage = std::max(1, int(std::lround(sc.conflict.engage_km / ck)));
    block_cells = std::max(1, int(std::lround(8.0 / ck)));  // violence is remembered per ~8 km block
    fbw = (map.width + block_cells - 1) / block_cells;
    fbh = (map.height + block_cells - 1) / block_cells;
    violence.assign(std::size_t(fbw) * fbh, 0.0f);
    active_blocks.assign(std::size_t(fbw) * fbh, 0);
    resident_blocks.assign(std::size_t(fbw) * fbh, 0);

    const std::size_t ns = map.settlements.size();
    settlement_index.build(map.width, map.height, raid, ns, [&](std::size_t i) {
        return std::tuple{true, int(map.settlements[i].x), int(map.settlements[i].y)};
    });
    vision_blocks.assign(ns, {});
    vision_weights.assign(ns, {});
    settlement_block.assign(ns, 0);
    refuges.assign(ns, {});
    near_border.assign(ns, 0);
    std::vector<std::uint32_t> havens;  // towns and camps: where the displaced go
    for (std::size_t s = 0; s < ns; ++s)
        if (map.settlements[s].kind != world::SettlementKind::Village) havens.push_back(std::uint32_t(s));
    for (std::size_t s = 0; s < ns; ++s) {
        const auto& st = map.settlements[s];
        const int bx = st.x / block_cells, by = st.y / block_cells;
        settlement_block[s] = std::uint32_t(by * fbw + bx);
        const int rb = vision / block_cells + 1;
        for (int y = std::max(0, by - rb); y <= std::min(fbh - 1, by + rb); ++y)
            for (int x = std::max(0, bx - rb); x <= std::min(fbw - 1, bx + rb); ++x) {
                const double cx = (x + 0.5) * block_cells, cy = (y + 0.5) * block_cells;
                const double d = dist_cells(int(cx), int(cy), st.x, st.y);
                if (d > vision + block_cells * 0.5) continue;
                // Violence close by weighs more than violence at the edge of sight.
                vision_blocks[s].push_back(std::uint32_t(y * fbw + x));
                vision_weights[s].push_back(float(1.0 - 0.75 * std::min(1.0, d / (vision + block_cells * 0.5))));
            }
        // The six nearest havens (and the settlement itself if it is one).
        std::vector<std::pair<double, std::uint32_t>> c;
        for (auto h : havens) {
            const auto& o = map.settlements[h];
            c.push_back({dist_cells(st.x, st.y, o.x, o.y), h});
        }
        const std::size_t k = std::min<std::size_t>(6, c.size());
        std::partial_sort(c.begin(), c.begin() + std::ptrdiff_t(k), c.end());
        for (std::size_t i = 0; i < k; ++i) refuges[s].push_back(c[i].second);
        near_border[s] = map.border_km(st.x, st.y) <= sc.population.refugee_border_km;
    }

    // Parties.
    Party gov;
    gov.name = sc.government.name;
    gov.government = true;
    gov.legitimacy = gov.initial_legitimacy = sc.government.legitimacy;
    gov.capacity = sc.government.capacity;
    gov.consent = sc.government.consent;
    gov.hr_compliance = sc.government.hr_compliance;
    gov.cohesion = 0.8;
    parties.push_back(gov);
    for (const auto& g : sc.armed_groups) {
        Party p;
        p.name = g.name;
        p.identity = int(g.identity);
        p.cohesion = p.initial_cohesion = g.cohesion;
        p.resources = g.resources;
        p.brutality = g.brutality;
        p.stance = g.stance;
        p.band_size = std::int32_t(g.band_size);
        p.home_region = std::int32_t(g.home_region);
        parties.push_back(p);
    }

    // Government companies garrison towns in proportion to their population (largest remainder).
    std::vector<std::uint32_t> towns;
    std::int64_t town_pop = 0;
    for (std::size_t s = 0; s < ns; ++s)
        if (map.settlements[s].kind == world::SettlementKind::Town) {
            towns.push_back(std::uint32_t(s));
            town_pop += map.settlements[s].initial_population;
        }
    const std::int64_t csize = sc.government.company_size;
    const std::int64_t companies = sc.government.forces / csize;
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
    for (std::size_t i = 0; given < companies && !rem.empty(); ++i, ++given) ++alloc[rem[i % rem.size()].second];
    for (std::size_t t = 0; t < towns.size(); ++t)
        for (std::int64_t k = 0; k < alloc[t]; ++k) {
            Unit u;
            u.party = 0;
            u.x = u.dest_x = u.base_x = map.settlements[towns[t]].x;
            u.y = u.dest_y = u.base_y = map.settlements[towns[t]].y;
            u.strength = u.full_strength = std::int32_t(csize);
            units.push_back(u);
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
        std::int64_t left = g.fighters;
        while (left > 0) {
            const auto size = std::int32_t(std::min(left, g.band_size));
            left -= size;
            Stream r(seed, 0, std::uint32_t(units.size()), Purpose::UnitInit);
            const auto& st = map.settlements[spots[r.below(std::uint32_t(spots.size()))]];
            Unit u;
            u.party = std::uint32_t(gi + 1);
            u.x = u.dest_x = u.base_x = std::clamp(int(st.x) + int(r.below(7)) - 3, 0, map.width - 1);
            u.y = u.dest_y = u.base_y = std::clamp(int(st.y) + int(r.below(7)) - 3, 0, map.height - 1);
            u.strength = size;
            u.full_strength = std::int32_t(g.band_size);
            units.push_back(u);
        }
    }

    control.assign(ns, 0);
    present.assign(ns * groups, 0);
    for (std::size_t i = 0; i < civ.size(); ++i) ++present[sg(civ.location[i], civ.group[i])];
    for (std::size_t s = 0; s < ns; ++s)
        resident_blocks[settlement_block[s]] += residents_at(s);
    threat.assign(ns * groups, 0.0f);
    refuge.assign(ns * groups, none32);
    recruit_group.assign(ns * groups, none8);
    arrest_p.assign(ns, 0.0f);
    jail_p.assign(ns, 0.0f);
    gov_companies.assign(ns, 0);
    osv_p.assign(ns, 0.0f);
    collateral_p.assign(ns, 0.0f);
    osv_party.assign(ns, none32);
    osv_event.assign(ns, none32);
    collateral_event.assign(ns, none32);
    osv_spare.assign(ns, none8);
    osv_only.assign(ns, none8);
    block_sums.assign((civ.size() + block_size - 1) / block_size, {});
    std::stable_sort(sc.injects.begin(), sc.injects.end(),
                     [](const auto& a, const auto& b) { return a.day < b.day; });
    init_communities();
    init_politics();
    init_mission();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Sense: per-settlement perception fields
// ---------------------------------------------------------------------------------------------

void Simulation::State::sense() {
    mission_sense();
    unit_index.build(map.width, map.height, std::max(vision, engage), units.size(), [&](std::size_t i) {
        return std::tuple{units[i].alive(), int(units[i].x), int(units[i].y)};
    });
    const auto& cp = sc.conflict;
    const double abuse = 1.0 - parties[0].hr_compliance;
    const double gov_threat = 0.5 * abuse * abuse;
    std::vector<char> has_group(groups, 0);
    for (std::size_t p = 1; p < parties.size(); ++p) has_group[std::size_t(parties[p].identity)] = 1;

    // How much a group's armed men frighten civilians of other identities: its record of
    // brutality, less while it is bound by a ceasefire or an agreement.
    std::vector<double> menace(parties.size(), 1.0);
    for (std::size_t p = 1; p < parties.size(); ++p) {
        const Party& g = parties[p];
        double m = 0.1 + g.brutality;
        if (g.stance == scenario::Stance::Signatory) m *= 0.2;
        else if (g.stance == scenario::Stance::Negotiating) m *= stage >= scenario::Stage::Ceasefire ? 0.3 : 0.7;
        menace[p] = m;
    }
    const std::size_t ns = map.settlements.size();
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ns, 64), [&](const tbb::blocked_range<std::size_t>& r) {
        std::vector<std::uint32_t> best_group(groups);
        std::vector<std::int64_t> by_party(parties.size());
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            double v = 0;
            for (std::size_t k = 0; k < vision_blocks[s].size(); ++k)
                v += vision_weights[s][k] * violence[vision_blocks[s][k]];
            v = 1.0 - std::exp(-v);  // fear saturates: a second massacre adds less than the first
            std::int64_t soldiers = 0, fighters = 0;
            std::int32_t companies = 0;
            std::fill(by_party.begin(), by_party.end(), 0);
            unit_index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                const Unit& u = units[id];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > vision) return;
                by_party[u.party] += u.strength;
                if (u.party == 0) {
                    soldiers += u.strength;
                    if (d <= engage) ++companies;
                } else {
                    fighters += u.strength;
                }
            });
            gov_companies[s] = companies;
            // Under a stabilization mandate the mission's troops extend the state's authority.
            if (tasks.offensive_ops)
                mission_index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                    const auto& m = munits[id];
                    if (m.active() && m.kind == mission::UnitKind::Company &&
                        dist_cells(m.x, m.y, st.x, st.y) <= vision)
                        by_party[0] += m.strength;
                });
            // Epstein (2002): P = 1 - exp(-k (C/A)_v), A counting the would-be rebel. Here the
            // coercive agents C are the soldiers in sight plus the state's police and
            // administration where it holds the ground; the actives A are the armed groups'
            // fighters and the civilians in open rebellion in sight.
            std::int64_t actives = 0, residents = 0;
            for (auto b : vision_blocks[s]) actives += active_blocks[b], residents += resident_blocks[b];
            const double coercive =
                double(soldiers) + (control[s] == 0 ? sc.population.state_reach / 1000.0 *
                                                          parties[0].capacity * double(residents)
                                                    : 0.0);
            arrest_p[s] = float(1.0 - std::exp(-sc.population.arrest_k * coercive /
                                                double(fighters + actives + 1)));
            jail_p[s] = actives > 0 ? float(std::min(1.0, sc.population.arrest_rate * coercive / double(actives)))
                                    : 0.0f;
            for (std::size_t g = 0; g < groups; ++g) {
                double h = 0;
                std::int64_t best = 0;
                std::uint32_t arg = none8;
                for (std::size_t p = 1; p < parties.size(); ++p) {
                    if (std::size_t(parties[p].identity) != g) h += double(by_party[p]) * menace[p];
                    else if (by_party[p] > best) best = by_party[p], arg = std::uint32_t(p - 1);
                }
                if (has_group[g]) h += gov_threat * double(by_party[0]);
                // Armed men nearby frighten in proportion to their number, saturating: a
                // second band adds less fear than the first.
                threat[sg(s, g)] = float((v + cp.presence_threat * (1.0 - std::exp(-h / 200.0))) /
                                         (1.0 + 0.3 * mission_safety[s]));
                recruit_group[sg(s, g)] = std::uint8_t(arg);
            }
            // Control: the side with the most armed men within sight holds the settlement.
            std::int64_t top = 0;
            std::uint32_t holder = control[s];
            for (std::size_t p = 0; p < parties.size(); ++p)
                if (by_party[p] > top) top = by_party[p], holder = std::uint32_t(p);
            control[s] = holder;
        }
    });
    // Refuge: the safest nearby haven for each group, distance weighing against far ones;
    // computed after all threats are known.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, ns, 64), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            for (std::size_t g = 0; g < groups; ++g) {
                double best = threat[sg(s, g)];
                std::uint32_t arg = none32;
                for (auto h : refuges[s]) {
                    if (h == s) continue;
                    const auto& o = map.settlements[h];
                    const double t = threat[sg(h, g)] + 0.002 * km(dist_cells(st.x, st.y, o.x, o.y));
                    if (t < best) best = t, arg = h;
                }
                refuge[sg(s, g)] = arg;
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Decide: unit tasks
// ---------------------------------------------------------------------------------------------

void Simulation::State::decide() {
    // Serial in id order: each unit reads positions as they stood at the start of the day.
    const auto snapshot = units;
    const auto& cp = sc.conflict;
    std::vector<std::pair<double, std::uint64_t>> options;  // weight, (action << 32 | target)
    for (std::uint32_t id = 0; id < units.size(); ++id) {
        Unit& u = units[id];
        if (!u.alive()) continue;
        const Party& me = parties[u.party];
        Stream rng(seed, std::uint32_t(day), id, Purpose::UnitDecide);
        ++u.days_on_task;
        const bool at_base = u.x == u.base_x && u.y == u.base_y;
        // Broken units fall back and rebuild before doing anything else.
        if (u.strength < std::int32_t(0.4 * u.full_strength)) {
            u.action = at_base ? Action::Hold : Action::Retreat;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
            u.target = no_target;
            continue;
        }
        if (u.action == Action::Retreat && !at_base) continue;
        // A task in progress goes on for a while.
        if (u.action == Action::AttackUnit && u.target != no_target && snapshot[u.target].alive() &&
            u.days_on_task <= 6 && !truce_between(u.party, snapshot[u.target].party)) {
            u.dest_x = snapshot[u.target].x, u.dest_y = snapshot[u.target].y;
            continue;
        }
        if ((u.action == Action::AttackSettlement || u.action == Action::Recruit) &&
            u.target != no_target && u.days_on_task <= 8 &&
            !(u.x == u.dest_x && u.y == u.dest_y && u.action == Action::AttackSettlement))
            continue;
        if (u.action == Action::Recruit && u.days_on_task <= 12) continue;  // stays a while

        // Most days a unit holds its ground: operations are launched at a daily rate, scaled
        // for the state by its capacity and for a group by its resources.
        if (!rng.bernoulli(std::min(1.0, cp.operations_rate * tempo(me)))) {
            u.action = Action::Hold;
            u.target = no_target;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
            continue;
        }
        options.clear();
        auto add = [&](double w, Action a, std::uint32_t target) {
            if (w > 0) options.push_back({w, (std::uint64_t(a) << 32) | target});
        };
        if (me.government) {
            // Counter-insurgency: go after bands within reach, weaker ones first.
            unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (e.party == 0 || !e.alive() || truce_between(0, e.party)) return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = double(u.strength) / double(u.strength + e.strength);
                add(me.capacity * odds * 2.0 / (1.0 + d / raid), Action::AttackUnit, o);
            });
            add(0.3, Action::Hold, no_target);
        } else {
            const double own = double(u.strength);
            unit_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                const Unit& e = snapshot[o];
                if (o == id || !e.alive() || e.party == u.party || truce_between(u.party, e.party)) return;
                const double d = dist_cells(u.x, u.y, e.x, e.y);
                if (d > raid) return;
                const double odds = own / (own + double(e.strength));
                if (e.party == 0) add(1.2 * odds * odds / (1.0 + d / raid), Action::AttackUnit, o);
                else if (parties[e.party].identity != me.identity)
                    add(0.6 * odds * odds / (1.0 + d / raid), Action::AttackUnit, o);
            });
            // Peacekeepers become targets as the mission loses its impartiality, and always for
            // spoilers bent on derailing the process.
            const double hostility = (1.0 - impartiality) + (me.stance == scenario::Stance::Spoiler ? 0.3 : 0.0);
            if (!munits.empty())
                mission_index.near(u.x, u.y, raid, [&](std::uint32_t o) {
                    const auto& m = munits[o];
                    const bool regional = m.kind == mission::UnitKind::Regional;
                    if (!m.active() || (m.kind != mission::UnitKind::Company && m.kind != mission::UnitKind::Police && !regional)) return;
                    // A regional force at war with the groups is a target whatever the UN does.
                    const double h = regional ? 0.5 + (me.stance == scenario::Stance::Spoiler ? 0.3 : 0.0) : hostility;
                    if (h <= 0) return;
                    const double d = dist_cells(u.x, u.y, m.x, m.y);
                    if (d > raid) return;
                    const double odds = own / (own + double(m.strength));
                    add(0.3 * h * odds * odds / (1.0 + d / raid), Action::AttackMission, o);
                });
            settlement_index.near(u.x, u.y, raid, [&](std::uint32_t s) {
                const auto& st = map.settlements[s];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > raid) return;
                std::int64_t others = 0, same = 0;
                for (std::size_t g = 0; g < groups; ++g)
                    (int(g) == me.identity ? same : others) += present[sg(s, g)];
                // Raids go where many of "the others" live and no army stands guard.
                const double guard = 1.0 + cp.deterrence_per_company * (gov_companies[s] + mission_guard[s]) * (poc[s] ? 2.0 : 1.0);
                add(me.brutality * std::sqrt(double(others)) / 30.0 / guard / (1.0 + d / raid),
                    Action::AttackSettlement, s);
                if (st.majority_group == me.identity)
                    add(0.3 * me.resources * std::sqrt(double(same)) / 30.0 / (1.0 + d / raid),
                        Action::Recruit, s);
            });
            add(0.3, Action::Hold, no_target);
        }
        double total = 0;
        for (auto& o : options) total += o.first;
        double pick = rng.uniform() * total;
        std::uint64_t chosen = options.back().second;
        for (auto& o : options)
            if ((pick -= o.first) < 0) { chosen = o.second; break; }
        u.action = static_cast<Action>(chosen >> 32);
        u.target = std::uint32_t(chosen);
        u.days_on_task = 0;
        switch (u.action) {
            case Action::AttackUnit:
                u.dest_x = snapshot[u.target].x, u.dest_y = snapshot[u.target].y;
                break;
            case Action::AttackMission:
                u.dest_x = munits[u.target].x, u.dest_y = munits[u.target].y;
                break;
            case Action::AttackSettlement:
            case Action::Recruit:
                u.dest_x = map.settlements[u.target].x, u.dest_y = map.settlements[u.target].y;
                break;
            default:
                u.dest_x = u.base_x, u.dest_y = u.base_y;
                break;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Act: movement
// ---------------------------------------------------------------------------------------------

void Simulation::State::advance(std::int32_t& x, std::int32_t& y, int x1, int y1, double budget_km, bool rainy) const {
    // Step along the straight line while the day's budget lasts; each cell costs its length
    // times the terrain or road factor of the season. A unit always makes some headway: a cell
    // dearer than a whole day still takes one.
    double budget = budget_km;
    const auto [nx, ny] = walk_line(x, y, x1, y1, [&](int cx, int cy, double len) {
        const double cost = len * map.cell_km * map.move_cost(map.cell(cx, cy), rainy);
        if (cost > budget && budget < budget_km) return false;
        budget -= cost;
        return true;
    });
    x = nx, y = ny;
}

void Simulation::State::act() {
    const bool rainy = rainy_today();
    const double budget_km = sc.conflict.unit_speed_km;
    for (auto& u : units)
        if (u.alive()) advance(u.x, u.y, u.dest_x, u.dest_y, budget_km, rainy);
    // Mission convoys move the same way, twice as fast on the roads they keep to; IEDs on
    // the way kill (BRIEF, Mobility).
    for (std::uint32_t id = 0; id < munits.size(); ++id) {
        auto& u = munits[id];
        if (!u.active() || (u.x == u.dest_x && u.y == u.dest_y)) continue;
        if (u.kind == mission::UnitKind::Helicopter) {
            u.x = u.dest_x, u.y = u.dest_y;
            continue;
        }
        advance(u.x, u.y, u.dest_x, u.dest_y, 2.0 * budget_km / (1.0 + 2.0 * sc.mobility.ied_threat), rainy);
        Stream r(seed, std::uint32_t(day), id, Purpose::MissionIed);
        if (r.bernoulli(0.02 * sc.mobility.ied_threat)) {
            const auto dead = std::int32_t(std::min<std::uint32_t>(1 + r.poisson(1.5), std::uint32_t(u.strength)));
            u.strength -= dead;
            mday.fatalities += dead;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Resolve: battles and attacks on settlements
// ---------------------------------------------------------------------------------------------

namespace {
double defence_factor(const world::Map& m, int x, int y) {
    static constexpr double by_terrain[] = {1.0, 1.3, 1.2, 1.5, 1.0};
    return by_terrain[static_cast<int>(m.terrain[m.cell(x, y)])];
}
}  // namespace

void Simulation::State::resolve() {
    const auto& cp = sc.conflict;
    fought.assign(units.size(), 0);
    today.clear();
    std::fill(osv_p.begin(), osv_p.end(), 0.0f);
    std::fill(collateral_p.begin(), collateral_p.end(), 0.0f);
    std::fill(osv_party.begin(), osv_party.end(), none32);
    std::fill(osv_event.begin(), osv_event.end(), none32);
    std::fill(collateral_event.begin(), collateral_event.end(), none32);
    std::fill(osv_spare.begin(), osv_spare.end(), none8);
    std::fill(osv_only.begin(), osv_only.end(), none8);
    violations_today = 0;
    for (auto& p : parties) {
        p.losses_today = 0;
        p.fighters_before = 0;
    }
    for (const auto& u : units) parties[u.party].fighters_before += u.strength;

    auto quality = [&](const Unit& u) {
        const Party& p = parties[u.party];
        return p.government ? 0.7 + 0.6 * p.capacity : 0.7 + 0.6 * p.resources;
    };
    // The settlement nearest a place, if one is within the engagement distance.
    auto settlement_at = [&](int x, int y) {
        std::uint32_t best = none32;
        double bd = engage + 0.5;
        settlement_index.near(x, y, engage, [&](std::uint32_t s) {
            const double d = dist_cells(x, y, map.settlements[s].x, map.settlements[s].y);
            if (d < bd) bd = d, best = s;
        });
        return best;
    };
    auto one_sided = [&](std::uint32_t attacker, std::uint32_t s, double strength, std::uint8_t spare) {
        if (osv_party[s] != none32) return;  // one massacre per place per day
        const Unit& a = units[attacker];
        std::int64_t targets = 0;
        for (std::size_t g = 0; g < groups; ++g)
            if (g != spare) targets += present[sg(s, g)];
        if (targets == 0) return;
        // Armed protection present deters: state companies, and mission troops by their quality
        // and rules of engagement, twice over at a protection site.
        const double guard = 1.0 + cp.deterrence_per_company * (gov_companies[s] + mission_guard[s]) * (poc[s] ? 2.0 : 1.0);
        const double expected = cp.osv_lethality * strength / guard;
        osv_p[s] = float(std::min(0.5, expected / double(targets)));
        osv_party[s] = a.party;
        osv_spare[s] = spare;
        Event e;
        e.type = 3;
        e.side_a = a.party;
        e.cell_x = map.settlements[s].x, e.cell_y = map.settlements[s].y;
        e.settlement = s;
        osv_event[s] = std::uint32_t(today.size());
        today.push_back(e);
    };
    auto battle = [&](std::uint32_t ia, std::uint32_t ib) {
        Unit& a = units[ia];
        Unit& b = units[ib];
        Stream rng(seed, std::uint32_t(day), ia, Purpose::Battle);
        const double def = defence_factor(map, b.x, b.y);
        const double la = cp.battle_lethality * b.strength * quality(b) * def * rng.uniform(0.5, 1.5);
        const double lb = cp.battle_lethality * a.strength * quality(a) / def * rng.uniform(0.5, 1.5);
        const auto da = std::int32_t(std::min<std::uint32_t>(rng.poisson(la), std::uint32_t(a.strength)));
        const auto db = std::int32_t(std::min<std::uint32_t>(rng.poisson(lb), std::uint32_t(b.strength)));
        const std::int32_t sa = a.strength, sb = b.strength;
        a.strength -= da, b.strength -= db;
        parties[a.party].losses += da, parties[a.party].losses_today += da;
        parties[b.party].losses += db, parties[b.party].losses_today += db;
        fought[ia] = fought[ib] = 1;
        // A fight between the state and a party to talks or a ceasefire is a violation.
        const auto other = a.party == 0 ? b.party : (b.party == 0 ? a.party : 0u);
        if (other != 0 && (parties[other].stance == scenario::Stance::Negotiating ||
                           parties[other].stance == scenario::Stance::Signatory))
            ++violations_today;
        // A side whose losses exceed what its cohesion bears breaks off and falls back.
        if (da > parties[a.party].cohesion * 0.15 * sa) a.action = Action::Retreat, a.dest_x = a.base_x, a.dest_y = a.base_y;
        if (db > parties[b.party].cohesion * 0.15 * sb) b.action = Action::Retreat, b.dest_x = b.base_x, b.dest_y = b.base_y;
        Event e;
        const bool state = a.party == 0 || b.party == 0;
        e.type = state ? 1 : 2;
        // UCDP: in state-based conflict side_a is always the government.
        const bool swap = state ? b.party == 0 : a.party > b.party;
        e.side_a = swap ? b.party : a.party;
        e.side_b = swap ? a.party : b.party;
        e.deaths_a = swap ? db : da;
        e.deaths_b = swap ? da : db;
        e.cell_x = b.x, e.cell_y = b.y;
        const std::uint32_t s = settlement_at(b.x, b.y);
        if (s != none32) {
            e.settlement = s;
            if (collateral_event[s] == none32) {
                // Expected deaths scale with the fighting, not with the size of the town.
                const std::int64_t residents = residents_at(s);
                const double expected = cp.collateral_rate * double(sa + sb) / 100.0;
                collateral_p[s] = float(std::min(0.05, expected / double(std::max<std::int64_t>(1, residents))));
                collateral_event[s] = std::uint32_t(today.size());
            }
        }
        today.push_back(e);
        // A sweep among the insurgents' own people may turn on them (collective punishment),
        // as often as the state's forces ignore human rights law.
        if (state && s != none32) {
            const Unit& insurgent = a.party == 0 ? b : a;
            const std::uint32_t gov_unit = a.party == 0 ? ia : ib;
            const auto identity = std::uint8_t(parties[insurgent.party].identity);
            if (map.settlements[s].majority_group == identity &&
                rng.bernoulli(0.5 * (1.0 - parties[0].hr_compliance))) {
                const Unit& g = units[gov_unit];
                if (osv_party[s] == none32) {
                    std::int64_t targets = present[sg(s, identity)];
                    if (targets > 0) {
                        const double expected = cp.osv_lethality * g.strength * 0.5;
                        osv_p[s] = float(std::min(0.5, expected / double(targets)));
                        osv_party[s] = 0;
                        osv_only[s] = identity;  // only the insurgents' people are targeted
                        Event o;
                        o.type = 3;
                        o.side_a = 0;
                        o.cell_x = map.settlements[s].x, o.cell_y = map.settlements[s].y;
                        o.settlement = s;
                        osv_event[s] = std::uint32_t(today.size());
                        today.push_back(o);
                    }
                }
            }
        }
    };

    for (std::uint32_t id = 0; id < units.size(); ++id) {
        Unit& u = units[id];
        if (!u.alive() || fought[id]) continue;
        if (u.action == Action::AttackUnit && u.target != no_target) {
            Unit& t = units[u.target];
            if (t.alive() && !fought[u.target] && dist_cells(u.x, u.y, t.x, t.y) <= engage &&
                !truce_between(u.party, t.party)) {
                battle(id, u.target);
                if (u.action != Action::Retreat) u.action = Action::Hold;  // a broken unit falls back
                u.target = no_target;
            }
        } else if (u.action == Action::AttackMission && u.target != no_target) {
            const auto& m = munits[u.target];
            if (m.active() && dist_cells(u.x, u.y, m.x, m.y) <= engage) {
                mission_battle(id, u.target, false);
                if (u.action != Action::Retreat) u.action = Action::Hold;
                u.target = no_target;
            }
        } else if (u.action == Action::AttackSettlement && u.target != no_target) {
            const auto& st = map.settlements[u.target];
            if (dist_cells(u.x, u.y, st.x, st.y) > engage) continue;
            const std::uint32_t s = u.target;
            // Troops on the spot stand and fight the raiders.
            std::uint32_t defender = none32;
            unit_index.near(st.x, st.y, engage, [&](std::uint32_t o) {
                if (defender == none32 && units[o].party == 0 && units[o].alive() && !fought[o] &&
                    dist_cells(units[o].x, units[o].y, st.x, st.y) <= engage)
                    defender = o;
            });
            if (defender != none32) battle(id, defender);
            if (u.alive() && u.action != Action::Retreat) {
                one_sided(id, s, u.strength, std::uint8_t(parties[u.party].identity));
                if (osv_party[s] == u.party) mission_respond(s, id);
                parties[u.party].resources = std::min(1.0, parties[u.party].resources + 0.002);  // looting
                u.action = Action::Hold;
            }
            u.target = no_target;
            u.dest_x = u.base_x, u.dest_y = u.base_y;
        }
    }
    mission_offensive();
    // Today's chance that a recruited civilian is among a group's dead.
    attrition.assign(parties.size(), 0.0);
    demobilise.resize(parties.size(), 0.0);
    for (std::size_t p = 0; p < parties.size(); ++p)
        if (parties[p].fighters_before > 0)
            attrition[p] = double(parties[p].losses_today) / double(parties[p].fighters_before);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Update: civilians in parallel
// ---------------------------------------------------------------------------------------------

void Simulation::State::update_civilians(DayStats& st) {
    const auto& pp = sc.population;
    const std::size_t n = civ.size();
    const std::size_t ns = map.settlements.size();
    const double legit = parties[0].legitimacy;
    const float trust0 = float(std::max(1e-3, pp.trust_state));
    // Groups recruit in proportion to their resources; parties to a ceasefire or an agreement
    // are bound to stop recruiting and mostly do.
    std::vector<double> recruit_drive(parties.size(), 0.0);
    for (std::size_t p = 1; p < parties.size(); ++p) {
        const auto stance = parties[p].stance;
        const bool bound = stance == scenario::Stance::Signatory ||
                           (stance == scenario::Stance::Negotiating && stage >= scenario::Stage::Ceasefire);
        recruit_drive[p] = parties[p].resources * (bound ? 0.3 : 1.0);
    }
    std::vector<float> mean_hardship(groups);
    for (std::size_t g = 0; g < groups; ++g) mean_hardship[g] = float(sc.identity_groups[g].hardship);
    // Integer tallies per settlement (order-free sums): deaths for the event log, presence, and
    // recruits per armed group.
    struct Tally {
        std::vector<std::int32_t> osv_dead, battle_dead, clash_dead_a, clash_dead_b, present;
        std::vector<std::int64_t> recruits;
        std::vector<std::int32_t> actives, residents;  // per field block
        std::vector<std::int64_t> trust_mission;       // per settlement, x 1e4
        std::int64_t demobilised = 0, communal = 0;
    };
    tbb::enumerable_thread_specific<Tally> tallies([&] {
        Tally t;
        t.osv_dead.assign(ns, 0);
        t.battle_dead.assign(ns, 0);
        t.clash_dead_a.assign(ns, 0);
        t.clash_dead_b.assign(ns, 0);
        t.present.assign(ns * groups, 0);
        t.recruits.assign(parties.size(), 0);
        t.actives.assign(active_blocks.size(), 0);
        t.residents.assign(active_blocks.size(), 0);
        t.trust_mission.assign(ns, 0);
        return t;
    });
    const auto seed32 = seed;
    const auto dayu = std::uint32_t(day);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, block_sums.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& blocks) {
        Tally& tally = tallies.local();
        for (std::size_t b = blocks.begin(); b < blocks.end(); ++b) {
            BlockSums sum;
            const std::size_t end = std::min(n, (b + 1) * block_size);
            for (std::size_t i = b * block_size; i < end; ++i) {
                auto status = static_cast<Status>(civ.status[i]);
                if (status == Status::Refugee || status == Status::Killed || status == Status::DiedFighting) {
                    ++sum.status[civ.status[i]];
                    continue;
                }
                const auto id = std::uint32_t(i);
                if (status == Status::Jailed) {
                    if (--civ.jail_days[i] == 0) {
                        status = civ.location[i] == civ.home[i] ? Status::Home : Status::Displaced;
                        civ.status[i] = std::uint8_t(status);
                        ++tally.present[sg(civ.location[i], civ.group[i])];
                        ++tally.residents[settlement_block[civ.location[i]]];
                    }
                    ++sum.status[civ.status[i]];
                    continue;
                }
                if (status == Status::Recruited) {
                    const std::size_t party = std::size_t(civ.affiliation[i]) + 1;
                    const double p = attrition[party];
                    Stream r(seed32, dayu, id, Purpose::CivilianAttrition);
                    if (p > 0 && r.bernoulli(p)) {
                        status = Status::DiedFighting;
                    } else if (demobilise[party] > 0 && r.bernoulli(demobilise[party])) {
                        // Disarmament, demobilisation and reintegration: the fighter goes home.
                        status = Status::Home;
                        civ.location[i] = civ.home[i];
                        civ.affiliation[i] = population::no_affiliation;
                        ++tally.demobilised;
                        ++tally.present[sg(civ.home[i], civ.group[i])];
                        ++tally.residents[settlement_block[civ.home[i]]];
                    }
                    civ.status[i] = std::uint8_t(status);
                    ++sum.status[civ.status[i]];
                    continue;
                }
                std::uint32_t loc = civ.location[i];
                const std::uint8_t g = civ.group[i];
                // Violence where they are today.
                const bool targeted = osv_party[loc] != none32 &&
                                      (osv_only[loc] != none8 ? g == osv_only[loc] : g != osv_spare[loc]);
                const float p_osv = targeted ? osv_p[loc] : 0.0f;
                const float p_col = collateral_p[loc];
                const float p_clash = (g == clash_a[loc] || g == clash_b[loc]) ? clash_p[loc] : 0.0f;
                float trust = civ.trust_state[i];
                if (p_osv + p_col + p_clash > 0.0f) {
                    const double u = Stream(seed32, dayu, id, Purpose::CivilianDie).uniform();
                    if (u < p_osv + p_col + p_clash) {
                        civ.status[i] = std::uint8_t(Status::Killed);
                        ++sum.status[std::size_t(Status::Killed)];
                        if (u < p_osv) {
                            (osv_party[loc] == 0 ? sum.killed_gov : sum.killed_groups) += 1;
                            ++tally.osv_dead[loc];
                        } else if (u < p_osv + p_col) {
                            ++sum.killed_battle;
                            ++tally.battle_dead[loc];
                        } else {
                            ++tally.communal;
                            ++(g == clash_a[loc] ? tally.clash_dead_a : tally.clash_dead_b)[loc];
                        }
                        continue;
                    }
                }
                // Survivors of an attack lose trust in the state: much more when its own forces
                // were the attackers than when it failed to protect them.
                if (osv_party[loc] != none32) trust *= osv_party[loc] == 0 ? 0.7f : 0.95f;
                trust += 0.002f * (trust0 - trust);
                // Hardship grows while displaced and eases at home; grievance follows Epstein.
                float h = civ.hardship[i];
                if (loc == civ.home[i] && (status == Status::Home || status == Status::Active))
                    h += float(pp.recovery_hardship_rate) * (mean_hardship[g] - h);
                else  // aid where it can reach relieves part of the hardship of displacement
                    h = std::min(1.0f, h + float(pp.displaced_hardship_rate *
                                                 (1.0 - sc.communities.aid_relief * access[loc])));
                const double perceived_l = std::min(1.0, legit * double(trust) / double(trust0));
                const double grievance = double(h) * (1.0 - perceived_l);
                const float risk = civ.risk_aversion[i];
                const float t_here = threat[sg(loc, g)];
                const double net = grievance - std::min(pp.max_risk, double(risk) * arrest_p[loc]);
                const std::uint8_t rg = recruit_group[sg(loc, g)];
                Stream rebel(seed32, dayu, id, Purpose::CivilianRebel);
                if (status == Status::Active && jail_p[loc] > 0 && rebel.bernoulli(jail_p[loc])) {
                    // Actives are arrested at the rate the coercive agents in sight can manage.
                    status = Status::Jailed;
                    civ.jail_days[i] = std::uint16_t(1 + rebel.below(std::uint32_t(pp.max_jail_days)));
                } else if (status == Status::Active && t_here <= risk) {
                    // An armed group at hand may take an active in; one whose net grievance
                    // falls back goes quiet. (An active who fears for their life flees below.)
                    if (rg != none8 && net > pp.recruit_threshold &&
                        rebel.bernoulli(pp.recruit_rate * recruit_drive[std::size_t(rg) + 1])) {
                        status = Status::Recruited;
                        civ.affiliation[i] = rg;
                        ++tally.recruits[std::size_t(rg) + 1];
                    } else if (net <= pp.rebellion_threshold) {
                        status = loc == civ.home[i] ? Status::Home : Status::Displaced;
                    }
                } else if (t_here > risk) {
                    Stream r(seed32, dayu, id, Purpose::CivilianFlee);
                    if (r.bernoulli(pp.flee_rate)) {
                        const std::uint32_t dest = refuge[sg(loc, g)];
                        if (near_border[loc] && r.bernoulli(pp.refugee_share)) {
                            status = Status::Refugee;
                            ++sum.new_refugees;
                        } else if (dest != none32) {
                            loc = dest;
                            status = dest == civ.home[i] ? Status::Home
                                     : poc[dest]          ? Status::ProtectionSite
                                                          : Status::Displaced;
                            ++sum.fled;
                        }
                    }
                } else if (status != Status::Home && threat[sg(civ.home[i], g)] < pp.return_threat) {
                    if (Stream(seed32, dayu, id, Purpose::CivilianReturn).bernoulli(pp.return_rate)) {
                        loc = civ.home[i];
                        status = Status::Home;
                        ++sum.returned;
                    }
                } else if (rg != none8) {
                    // Rebellion with an armed group at hand (Epstein 2002 generalised): join it
                    // when G - R*P exceeds the threshold T.
                    if (net > pp.recruit_threshold &&
                        Stream(seed32, dayu, id, Purpose::CivilianRecruit)
                            .bernoulli(pp.recruit_rate * recruit_drive[std::size_t(rg) + 1])) {
                        status = Status::Recruited;
                        civ.affiliation[i] = rg;
                        ++tally.recruits[std::size_t(rg) + 1];
                    }
                } else if (control[loc] == 0 && net > pp.rebellion_threshold &&
                           rebel.bernoulli(pp.activation_rate)) {
                    // Open rebellion against the state where it governs; where an armed group
                    // holds the ground, grievance finds its outlet in recruitment instead.
                    status = Status::Active;
                }
                // Trust in the mission: earned by protection nearby, lost to failures to protect
                // and to misconduct, drifting back to indifference where it is absent.
                float tm = civ.trust_mission[i];
                if (misconduct_here[loc]) tm *= 0.7f;
                else if (osv_party[loc] != none32 && mission_guard[loc] > 0) tm *= 0.9f;
                else if (mission_safety[loc] > 0) tm += 0.002f * (1.0f - tm);
                else tm += 0.001f * (0.5f - tm);
                civ.trust_mission[i] = tm;
                civ.location[i] = loc;
                civ.status[i] = std::uint8_t(status);
                civ.hardship[i] = h;
                civ.trust_state[i] = trust;
                civ.grievance[i] = float(grievance);
                ++sum.status[std::size_t(status)];
                if (status == Status::Home || status == Status::Displaced ||
                    status == Status::ProtectionSite || status == Status::Active)
                    ++tally.present[sg(loc, g)];
                if (status == Status::Active) ++tally.actives[settlement_block[loc]];
                if (status == Status::Home || status == Status::Displaced ||
                    status == Status::ProtectionSite || status == Status::Active)
                    tally.trust_mission[loc] += std::int64_t(tm * 1e4f);
                if (status == Status::Home || status == Status::Displaced ||
                    status == Status::ProtectionSite || status == Status::Active)
                    ++tally.residents[settlement_block[loc]];
                sum.grievance += grievance;
                sum.trust += trust;
                ++sum.counted;
            }
            block_sums[b] = sum;
        }
    });
    // Combine in a fixed order.
    std::fill(present.begin(), present.end(), 0);
    std::fill(active_blocks.begin(), active_blocks.end(), 0);
    std::fill(resident_blocks.begin(), resident_blocks.end(), 0);
    std::fill(trust_mission_sum.begin(), trust_mission_sum.end(), 0);
    std::vector<std::int64_t> osv_dead(ns, 0), battle_dead(ns, 0), clash_a_dead(ns, 0), clash_b_dead(ns, 0),
        recruits(parties.size(), 0);
    for (auto& t : tallies) {
        for (std::size_t s = 0; s < ns; ++s) {
            osv_dead[s] += t.osv_dead[s], battle_dead[s] += t.battle_dead[s];
            clash_a_dead[s] += t.clash_dead_a[s], clash_b_dead[s] += t.clash_dead_b[s];
        }
        st.demobilised += t.demobilised;
        st.communal_deaths += t.communal;
        for (std::size_t k = 0; k < present.size(); ++k) present[k] += t.present[k];
        for (std::size_t k = 0; k < active_blocks.size(); ++k)
            active_blocks[k] += t.actives[k], resident_blocks[k] += t.residents[k];
        for (std::size_t k = 0; k < ns; ++k) trust_mission_sum[k] += t.trust_mission[k];
        for (std::size_t p = 0; p < parties.size(); ++p) recruits[p] += t.recruits[p];
    }
    std::fill(misconduct_here.begin(), misconduct_here.end(), 0);
    double grievance = 0, trust = 0;
    std::int64_t counted = 0;
    for (const auto& b : block_sums) {
        for (int k = 0; k < population::status_count; ++k) st.status[std::size_t(k)] += b.status[std::size_t(k)];
        st.civilians_killed_government += b.killed_gov;
        st.civilians_killed_groups += b.killed_groups;
        st.civilians_killed_battle += b.killed_battle;
        st.fled += b.fled;
        st.returned += b.returned;
        st.new_refugees += b.new_refugees;
        grievance += b.grievance;
        trust += b.trust;
        counted += b.counted;
    }
    st.mean_grievance = counted ? grievance / double(counted) : 0.0;
    st.mean_trust_state = counted ? trust / double(counted) : 0.0;
    // Civilian deaths go to the events that caused them.
    for (std::size_t s = 0; s < ns; ++s) {
        if (osv_event[s] != none32) today[osv_event[s]].deaths_civilians += osv_dead[s];
        if (collateral_event[s] != none32) today[collateral_event[s]].deaths_civilians += battle_dead[s];
        if (clash_event[s] != none32) {
            today[clash_event[s]].deaths_a += clash_a_dead[s];
            today[clash_event[s]].deaths_b += clash_b_dead[s];
        }
        deaths_here[s] = osv_dead[s] + battle_dead[s] + clash_a_dead[s] + clash_b_dead[s];
    }
    // Recruits join their group's weakest band; a band grown past half again its size splits.
    for (std::size_t p = 1; p < parties.size(); ++p) {
        if (recruits[p] == 0) continue;
        parties[p].recruits += recruits[p];
        st.recruited += recruits[p];
        std::uint32_t weakest = none32;
        for (std::uint32_t id = 0; id < units.size(); ++id) {
            const Unit& u = units[id];
            if (u.party != p || !u.alive()) continue;
            if (weakest == none32 || u.strength * units[weakest].full_strength < units[weakest].strength * u.full_strength)
                weakest = id;
        }
        const auto band = parties[p].band_size;
        if (weakest == none32) {
            Unit u;
            u.party = std::uint32_t(p);
            const auto& cap = map.settlements[map.regions[std::size_t(parties[p].home_region)].capital];
            u.x = u.dest_x = u.base_x = std::min(map.width - 1, int(cap.x) + 5);
            u.y = u.dest_y = u.base_y = cap.y;
            u.full_strength = band;
            units.push_back(u);
            weakest = std::uint32_t(units.size() - 1);
        }
        units[weakest].strength += std::int32_t(recruits[p]);
        while (units[weakest].strength > band + band / 2) {
            Unit split = units[weakest];
            split.strength = band;
            split.action = Action::Hold;
            split.target = no_target;
            units[weakest].strength -= band;
            units.push_back(split);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Update: parties, units, statistics
// ---------------------------------------------------------------------------------------------

void Simulation::State::update_parties(DayStats& st) {
    const auto& cp = sc.conflict;
    // Events: UCDP records only incidents with at least one death.
    std::int64_t gov_osv = 0, other_osv = 0;
    for (auto& e : today) {
        if (e.best() == 0) continue;
        e.id = std::int64_t(events.size()) + 1;
        e.day = day;
        e.date = st.date;
        e.region = map.region[map.cell(e.cell_x, e.cell_y)];
        // Reported figures bracket the true count, as in the GED's low and high estimates.
        Stream r(seed, std::uint32_t(day), std::uint32_t(e.id), Purpose::Reporting);
        const double best = double(e.best());
        e.low = std::int64_t(std::floor(best * r.uniform(0.6, 1.0)));
        e.high = std::int64_t(std::ceil(best * r.uniform(1.0, 1.8)));
        if (e.type == 1) ++st.events_state;
        else if (e.type == 2) ++st.events_nonstate;
        else ++st.events_onesided;
        const bool communal = e.side_a >= Event::communal_side;
        if (!communal) st.battle_deaths += e.deaths_a + e.deaths_b;
        if (e.type == 3) (e.side_a == 0 ? gov_osv : other_osv) += e.deaths_civilians;
        // Attacks the mission's observers and monitors see are reported, which raises their
        // political cost: state forces tighten conduct, armed groups restrain their brutality.
        if (e.type == 3 && e.settlement < reported.size() && reported[e.settlement]) {
            ++mtot.reports;
            if (e.side_a == 0) parties[0].hr_compliance = std::min(1.0, parties[0].hr_compliance + 0.005);
            else parties[e.side_a].brutality *= 0.99;
        }
        if (!communal && parties[e.side_a].stance == scenario::Stance::Spoiler) spoiler_deaths_today += e.best();
        if (!communal && e.type != 3 && parties[e.side_b].stance == scenario::Stance::Spoiler)
            spoiler_deaths_today += e.best();
        // Remembered violence: each death adds threat where it happened.
        violence[std::size_t(e.cell_y / block_cells) * fbw + e.cell_x / block_cells] +=
            float(cp.threat_per_death * best);
        events.push_back(e);
    }
    const float decay = float(std::exp(-1.0 / cp.threat_memory_days));
    for (auto& v : violence) v *= decay;

    // Legitimacy erodes when the state kills its citizens, less when it fails to protect
    // them, and drifts back towards its structural level (Gilley 2009: legitimacy tracks
    // performance and human-rights conduct).
    Party& gov = parties[0];
    const double per_million = 1e6 / double(std::max<std::int64_t>(1, population));
    gov.legitimacy += 0.002 * (gov.initial_legitimacy - gov.legitimacy) -
                      0.05 * double(gov_osv) / 1000.0 * per_million -
                      0.01 * double(other_osv) / 1000.0 * per_million;
    gov.legitimacy = std::clamp(gov.legitimacy, 0.0, 1.0);

    // Resting bands rebuild from their resources; government companies from state capacity.
    for (std::uint32_t id = 0; id < units.size(); ++id) {
        Unit& u = units[id];
        if (!u.alive() || u.strength >= u.full_strength) continue;
        const Party& p = parties[u.party];
        const bool resting = u.x == u.base_x && u.y == u.base_y;
        // Bands being demobilised do not rebuild.
        const bool disarming = u.party < demobilise.size() && demobilise[u.party] > 0;
        const double rate = p.government ? cp.government_reinforcement * p.capacity
                                         : (resting && !disarming ? cp.recovery_rate * p.resources : 0.0);
        const double gain = rate * double(u.full_strength - u.strength);
        if (gain <= 0) continue;
        Stream r(seed, std::uint32_t(day), id, Purpose::Reinforcement);
        const double whole = std::floor(gain);
        u.strength += std::int32_t(whole) + (r.bernoulli(gain - whole) ? 1 : 0);
        if (u.action == Action::Retreat && resting) u.action = Action::Hold;
    }

    for (const auto& u : units) (u.party == 0 ? st.fighters_government : st.fighters_groups) += u.strength;
    st.legitimacy = gov.legitimacy;
    std::int64_t held = 0, residents = 0;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        const std::int64_t here = residents_at(s);
        residents += here;
        if (control[s] == 0) held += here;
    }
    st.state_control = residents ? double(held) / double(residents) : 0.0;
    displaced_peak = std::max(displaced_peak, st.status[std::size_t(Status::Displaced)] +
                                                  st.status[std::size_t(Status::ProtectionSite)]);
}

void Simulation::step() {
    State& s = *s_;
    DayStats st;
    st.day = s.day;
    st.date = s.sc.meta.start_date.plus_days(s.day);
    s.apply_injects();
    st.rainy = s.rainy_today();
    s.sense();
    s.decide();
    s.mission_decide();
    s.act();
    s.resolve();
    s.resolve_communities();
    s.update_civilians(st);
    s.update_parties(st);
    s.update_communities(st);
    s.update_politics(st);
    s.mission_update(st);
    s.history.push_back(st);
    s.agent_updates += s.civ.size() + s.units.size();
    ++s.day;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Queries and hash
// ---------------------------------------------------------------------------------------------

int Simulation::day() const noexcept { return s_->day; }
core::Date Simulation::date() const noexcept { return s_->sc.meta.start_date.plus_days(s_->day); }
std::uint64_t Simulation::seed() const noexcept { return s_->seed; }
const scenario::Scenario& Simulation::scenario() const noexcept { return s_->sc; }
const world::Map& Simulation::map() const noexcept { return s_->map; }
const population::Civilians& Simulation::civilians() const noexcept { return s_->civ; }
const std::vector<Party>& Simulation::parties() const noexcept { return s_->parties; }
const std::vector<Unit>& Simulation::units() const noexcept { return s_->units; }
const std::vector<DayStats>& Simulation::history() const noexcept { return s_->history; }
const std::vector<Event>& Simulation::events() const noexcept { return s_->events; }
std::uint64_t Simulation::agent_updates() const noexcept { return s_->agent_updates; }
const std::vector<mission::Unit>& Simulation::mission_units() const noexcept { return s_->munits; }

scenario::MissionTasks Simulation::mission_tasks() const noexcept {
    const auto& t = s_->tasks;
    auto sw = [](bool on) { return on ? scenario::Switch::On : scenario::Switch::Off; };
    scenario::MissionTasks m;
    m.presence = sw(t.presence), m.patrols = sw(t.patrols), m.protection_sites = sw(t.protection_sites);
    m.rapid_response = sw(t.rapid_response), m.observe_report = sw(t.observe_report);
    m.human_rights = sw(t.human_rights), m.civil_affairs = sw(t.civil_affairs), m.mediation = sw(t.mediation);
    m.electoral = sw(t.electoral), m.ddr = sw(t.ddr), m.offensive_ops = sw(t.offensive_ops);
    return m;
}

mission::Totals Simulation::mission_totals() const {
    mission::Totals t = s_->mtot;
    auto times = s_->response_times;
    std::sort(times.begin(), times.end());
    if (!times.empty()) {
        t.response_time_median_h = times[times.size() / 2];
        t.response_time_p90_h = times[std::min(times.size() - 1, std::size_t(0.9 * double(times.size())))];
    }
    t.cost_musd = s_->mission_cost / 1e6;
    t.reimbursement_delay_days = s_->max_delay;
    t.final_impartiality = s_->impartiality;
    return t;
}
scenario::Stage Simulation::stage() const noexcept { return s_->stage; }
const std::vector<float>& Simulation::tension() const noexcept { return s_->tension; }
const std::vector<float>& Simulation::resolution_capacity() const noexcept { return s_->capacity; }
const std::vector<float>& Simulation::humanitarian_access() const noexcept { return s_->access; }
const std::vector<std::uint32_t>& Simulation::settlement_control() const noexcept { return s_->control; }
std::int64_t Simulation::residents(std::size_t s) const noexcept { return s_->residents_at(s); }
const std::vector<float>& Simulation::violence_field() const noexcept { return s_->violence; }
int Simulation::violence_block_cells() const noexcept { return s_->block_cells; }
const std::vector<std::uint8_t>& Simulation::protection_sites() const noexcept { return s_->poc; }

std::string Simulation::side_name(std::uint32_t side) const {
    if (side >= Event::communal_side)
        return s_->sc.identity_groups[side - Event::communal_side].name + " communal militia";
    return s_->parties[side].name;
}

void Simulation::adjust(const std::vector<scenario::Override>& overrides) {
    static const char* live[] = {"mission.", "mobility.", "population.", "conflict.", "communities.", "politics."};
    std::vector<scenario::Diagnostic> errors;
    for (const auto& o : overrides) {
        bool ok = false;
        for (const char* p : live) ok = ok || o.key.rfind(p, 0) == 0;
        if (!ok || o.key == "politics.initial_stage")
            errors.push_back({"--set " + o.key + "=" + o.value, 0, 0, o.key,
                              "cannot change during a run; live levers are mission.*, mobility.*, "
                              "population.*, conflict.*, communities.* and politics.*"});
    }
    if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
    State& s = *s_;
    scenario::Scenario next = scenario::load_text(scenario::to_toml(s.sc), "<running scenario>", overrides);
    s.sc = std::move(next);
    for (const auto& o : overrides) {
        if (o.key == "politics.mediation") s.mediation = s.sc.politics.mediation;
        if (o.key == "politics.council_unity") s.council_unity = s.sc.politics.council_unity;
        if (o.key == "politics.inclusion") s.inclusion = s.sc.politics.inclusion;
        s.adjustments.push_back({s.day, o.key + "=" + o.value});
    }
    s.resolve_mission_setup();
    s.retune_mission();
}

const std::vector<std::pair<int, std::string>>& Simulation::adjustments() const noexcept { return s_->adjustments; }

bool Simulation::order_move(std::size_t k, int x, int y) {
    State& s = *s_;
    if (k >= s.munits.size() || !s.munits[k].active() || !s.map.inside(x, y)) return false;
    auto& u = s.munits[k];
    s.adjustments.push_back({s.day, fmt::format("order {} {} to {},{}", mission::unit_kind_names[int(u.kind)], k, x, y)});
    if (Stream(s.seed, std::uint32_t(s.day), std::uint32_t(k), Purpose::MissionOrder).bernoulli(s.denial_chance())) {
        ++s.mday.denials;
        return false;
    }
    u.dest_x = x, u.dest_y = y;
    if (u.orders < 0) u.orders = 0;  // under direct orders: headquarters leaves it be
    return true;
}

void Simulation::order_posture(std::size_t k, int posture) {
    State& s = *s_;
    if (k >= s.munits.size()) return;
    s.munits[k].orders = std::int8_t(std::clamp(posture, -1, 1));
    s.adjustments.push_back({s.day, fmt::format("posture {} {}", k, posture)});
}

void Simulation::fire(scenario::InjectKind event, std::string args) {
    schedule(scenario::Inject{s_->day, event, std::move(args)});
}

bool Simulation::cancel(std::size_t k) {
    auto& v = s_->sc.injects;
    if (k >= v.size() || k < s_->next_inject || v[k].day < s_->day) return false;
    s_->adjustments.push_back({s_->day, fmt::format("cancel {} on day {}", scenario::inject_names[int(v[k].event)], v[k].day)});
    v.erase(v.begin() + std::ptrdiff_t(k));
    return true;
}

void Simulation::schedule(scenario::Inject in) {
    if (in.day < s_->day) throw std::invalid_argument("an event cannot be scheduled in the past");
    if (auto problem = scenario::inject_problem(s_->sc, in)) throw std::invalid_argument(*problem);
    // Insert after every inject already due today, so the order stays by day.
    auto& v = s_->sc.injects;
    auto at = std::upper_bound(v.begin() + std::ptrdiff_t(s_->next_inject), v.end(), in.day,
                               [](std::int64_t d, const scenario::Inject& x) { return d < x.day; });
    v.insert(at, std::move(in));
}

std::array<std::int64_t, population::status_count> Simulation::status_counts() const {
    std::array<std::int64_t, population::status_count> c{};
    for (auto v : s_->civ.status) ++c[v];
    return c;
}

Totals Simulation::totals() const {
    Totals t;
    for (const auto& d : s_->history) {
        t.civilians_killed_government += d.civilians_killed_government;
        t.civilians_killed_groups += d.civilians_killed_groups;
        t.civilians_killed_battle += d.civilians_killed_battle;
        t.battle_deaths += d.battle_deaths;
        t.recruited += d.recruited;
        t.events_state += d.events_state;
        t.events_nonstate += d.events_nonstate;
        t.events_onesided += d.events_onesided;
    }
    t.civilians_killed = t.civilians_killed_government + t.civilians_killed_groups + t.civilians_killed_battle;
    for (const auto& d : s_->history) {
        t.communal_deaths += d.communal_deaths;
        t.dialogues += d.dialogues;
        t.clashes += d.clashes;
        t.demobilised += d.demobilised;
    }
    t.final_stage = s_->stage;
    t.furthest_stage = s_->furthest;
    t.relapses = s_->relapses;
    t.displaced_peak = s_->displaced_peak;
    t.refugees = s_->history.empty() ? 0 : s_->history.back().status[std::size_t(Status::Refugee)];
    return t;
}

std::string Simulation::state_hash() const {
    const State& s = *s_;
    core::StateHasher h;
    h.add(std::int64_t(s.day));
    h.add(s.seed);
    const auto& c = s.civ;
    h.add(c.home), h.add(c.location), h.add(c.group), h.add(c.status), h.add(c.affiliation);
    h.add(c.hardship), h.add(c.risk_aversion), h.add(c.grievance), h.add(c.trust_state);
    h.add(c.jail_days), h.add(s.active_blocks), h.add(s.resident_blocks);
    for (const auto& u : s.units) {  // field by field: the struct has padding
        h.add(u.party), h.add(u.x), h.add(u.y), h.add(u.dest_x), h.add(u.dest_y);
        h.add(u.base_x), h.add(u.base_y), h.add(u.strength), h.add(u.full_strength);
        h.add(std::uint8_t(u.action)), h.add(u.target), h.add(u.days_on_task);
    }
    for (const auto& p : s.parties) {
        h.add(p.legitimacy), h.add(p.cohesion), h.add(p.resources), h.add(int(p.stance));
        h.add(p.recruits), h.add(p.losses);
    }
    h.add(s.violence), h.add(s.control), h.add(s.present);
    h.add(s.tension), h.add(s.capacity), h.add(s.access);
    h.add(int(s.stage)), h.add(s.stage_day), h.add(s.mediation), h.add(s.council_unity), h.add(s.inclusion);
    h.add(s.violence_ema), h.add(s.spoiler_ema), h.add(s.violations_ema), h.add(s.relapses);
    h.add(s.rain_until), h.add(s.dry_until), h.add(s.drought_until), h.add(s.elections_until);
    for (const auto& p : s.parties) {
        h.add(p.pain), h.add(p.offensive_until), h.add(p.capacity), h.add(p.hr_compliance), h.add(p.consent);
        h.add(p.initial_legitimacy), h.add(p.initial_cohesion), h.add(p.splinter_of), h.add(p.brutality);
    }
    h.add(c.trust_mission), h.add(s.cash), h.add(s.owed), h.add(s.impartiality), h.add(s.flight_hours_left);
    for (const auto& m : s.munits) {
        h.add(std::uint8_t(m.kind)), h.add(std::uint8_t(m.status)), h.add(m.x), h.add(m.y), h.add(m.dest_x), h.add(m.dest_y);
        h.add(m.strength), h.add(m.training), h.add(m.readiness), h.add(m.performance), h.add(m.back_on);
        h.add(m.orders);
    }
    h.add(s.response_times);
    h.add(s.map.road);
    h.add(s.election_deaths), h.add(s.election_baseline), h.add(std::uint64_t(s.next_inject)), h.add(s.furthest);
    for (const auto& e : s.events) {
        h.add(e.id), h.add(e.day), h.add(e.type), h.add(e.side_a), h.add(e.side_b);
        h.add(e.cell_x), h.add(e.cell_y), h.add(e.deaths_a), h.add(e.deaths_b);
        h.add(e.deaths_civilians), h.add(e.low), h.add(e.high);
    }
    return h.hex();
}

}  // namespace peacesim::engine
