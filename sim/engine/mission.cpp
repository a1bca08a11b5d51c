// The peacekeeping mission: mandate presets, deployment, presence, patrols, responses, planning,
// funding, mobility, performance and conduct. Every task acts through a mechanism on the world
// (docs/model.md, section 8); none multiplies an outcome.
#include <tbb/parallel_for.h>

#include "state.hpp"

namespace peacesim::engine {

using namespace detail;
using scenario::Mandate;
using scenario::Roe;
using scenario::Switch;
using MUnit = mission::Unit;
using mission::UnitKind;
using mission::UnitStatus;

namespace {
bool pick(Switch s, bool preset) { return s == Switch::Preset ? preset : s == Switch::On; }
}  // namespace

void Simulation::State::resolve_mission_setup() {
    const auto& m = sc.mission;
    const Mandate md = m.mandate;
    const int level = int(md);  // presets nest: each adds to the one before
    mission_on = md != Mandate::None;
    const bool multi = level >= int(Mandate::Multidimensional);
    const auto& t = m.tasks;
    tasks.presence = mission_on && pick(t.presence, level >= int(Mandate::Traditional));
    tasks.patrols = mission_on && pick(t.patrols, multi);
    tasks.protection_sites = mission_on && pick(t.protection_sites, multi);
    tasks.rapid_response = mission_on && pick(t.rapid_response, multi);
    tasks.observe_report = mission_on && pick(t.observe_report, level >= int(Mandate::Observer));
    tasks.human_rights = mission_on && pick(t.human_rights, multi);
    tasks.civil_affairs = mission_on && pick(t.civil_affairs, multi);
    tasks.mediation = mission_on && pick(t.mediation, true);
    tasks.electoral = mission_on && pick(t.electoral, multi);
    tasks.ddr = mission_on && pick(t.ddr, multi);
    tasks.offensive_ops = mission_on && pick(t.offensive_ops, md == Mandate::Stabilization);
    roe = m.roe != Roe::Preset ? m.roe
          : md == Mandate::Stabilization ? Roe::Offensive
          : md == Mandate::RobustPoc ? Roe::DefendMandate
                                      : Roe::SelfDefence;
    posture = m.posture != scenario::Posture::Preset ? m.posture
              : md == Mandate::Stabilization ? scenario::Posture::Robust
              : md == Mandate::RobustPoc ? scenario::Posture::Mobile
                                          : scenario::Posture::Static;
}

void Simulation::State::init_mission() {
    resolve_mission_setup();
    const auto& m = sc.mission;
    const std::size_t ns = map.settlements.size();
    mission_guard.assign(ns, 0.0f);
    mission_safety.assign(ns, 0.0f);
    poc.assign(ns, 0);
    reported.assign(ns, 0);
    civil_affairs_here.assign(ns, 0);
    misconduct_here.assign(ns, 0);
    trust_mission_sum.assign(ns, 0);
    for (std::size_t s = 0; s < ns; ++s)
        trust_mission_sum[s] = 5000 * residents_at(s);
    cash = m.funding.reserve_musd * 1e6;
    impartiality = 1.0;
    if (sc.regional_force.troops > 0 && sc.regional_force.arrival_day == 0) deploy_regional(sc.regional_force.troops);
    retune_mission();
    flight_hours_left = mission_on ? double(m.helicopters + m.attack_helicopters) * m.flight_hours_per_month : 0.0;
}

void Simulation::State::retune_mission() {
    const auto& m = sc.mission;
    const int level = int(m.mandate);
    // Which components deploy: a political mission has staff only, an observer mission adds
    // observers, a traditional one troops; multidimensional and beyond bring everything.
    const bool troops = level >= int(Mandate::Traditional);
    const bool observers = level >= int(Mandate::Observer);
    const std::size_t ns = map.settlements.size();
    const std::size_t kinds = std::size(mission::unit_kind_names);
    std::vector<std::int64_t> target(kinds, 0);
    auto at = [](UnitKind k) { return std::size_t(k); };
    if (troops) {
        target[at(UnitKind::Company)] = m.troops / m.company_size;
        target[at(UnitKind::Police)] = m.police / 140;
        target[at(UnitKind::Helicopter)] = m.helicopters;
        target[at(UnitKind::AttackHelicopter)] = m.attack_helicopters;
        target[at(UnitKind::Engineers)] = m.engineers / 150;
    }
    if (observers) target[at(UnitKind::Observers)] = m.observers / 8;
    if (mission_on) target[at(UnitKind::CivilianTeam)] = m.civilian_staff / 25;
    // Settlements by population, largest first (ties by index): bases go where people are.
    std::vector<std::uint32_t> order(ns);
    for (std::uint32_t s = 0; s < ns; ++s) order[s] = s;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
        return map.settlements[a].initial_population > map.settlements[b].initial_population;
    });
    std::vector<std::uint32_t> camps;
    for (std::uint32_t c = 0; c < ns; ++c)
        if (map.settlements[c].kind == world::SettlementKind::Camp) camps.push_back(c);
    const auto companies = std::max<std::int64_t>(1, target[at(UnitKind::Company)]);
    auto place = [&](UnitKind kind, std::int64_t k) -> std::uint32_t {
        switch (kind) {
            case UnitKind::Company: return order[std::size_t(k) % std::min<std::size_t>(ns, std::size_t(companies))];
            case UnitKind::Police:  // formed police guard camps first, then the largest towns
                return std::size_t(k) < camps.size() ? camps[std::size_t(k)] : order[std::size_t(k) % ns];
            case UnitKind::Helicopter:
            case UnitKind::AttackHelicopter: return order[0];
            default: return map.regions[std::size_t(k) % map.regions.size()].capital;
        }
    };
    static constexpr std::int32_t sizes[] = {0, 140, 8, 1, 25, 150, 1, 0};
    for (std::size_t kk = 0; kk < kinds; ++kk) {
        const auto kind = UnitKind(kk);
        if (kind == UnitKind::Regional) continue;
        std::int64_t active = 0, ever = 0;
        for (const auto& u : munits)
            if (u.kind == kind) ++ever, active += u.status != UnitStatus::Withdrawn;
        for (; active < target[kk]; ++active, ++ever) {
            const auto s = place(kind, ever);
            MUnit u;
            u.kind = kind;
            u.x = u.dest_x = map.settlements[s].x;
            u.y = u.dest_y = map.settlements[s].y;
            u.strength = u.full_strength = kind == UnitKind::Company ? std::int32_t(m.company_size) : sizes[kk];
            Stream r(seed, std::uint32_t(day), std::uint32_t(munits.size()), Purpose::MissionInit);
            u.training = float(std::clamp(m.training + 0.15 * r.normal(), 0.1, 1.0));
            u.caveated = r.bernoulli(m.caveats);
            munits.push_back(u);
        }
        // Too many: the most recently deployed leave first.
        for (auto it = munits.rbegin(); it != munits.rend() && active > target[kk]; ++it)
            if (it->kind == kind && it->status != UnitStatus::Withdrawn) {
                it->status = UnitStatus::Withdrawn;
                --active;
            }
    }
}

double Simulation::State::denial_chance() const {
    // The host denies more as its consent falls and as the mission intrudes on its sovereignty:
    // each task in force that watches, reports or acts on its own adds to the intrusion; force
    // used independently of the host adds more, joint offensives with it less.
    if (!mission_on) return 0.0;
    double intrusion = 0.3;  // a political presence
    if (tasks.observe_report) intrusion += 0.2;
    if (tasks.presence) intrusion += 0.1;
    if (tasks.human_rights) intrusion += 0.2;
    if (tasks.patrols) intrusion += 0.1;
    if (tasks.rapid_response) intrusion += 0.1;
    if (roe == Roe::DefendMandate) intrusion += 0.2;
    if (tasks.offensive_ops) intrusion -= 0.2;
    if (roe == Roe::Offensive) intrusion += 0.2;
    return std::clamp(sc.mobility.host_restrictions * (1.5 - parties[0].consent) * intrusion, 0.0, 0.95);
}

double Simulation::State::travel_hours(int x0, int y0, int x1, int y1, bool rainy) const {
    // Road convoy: 40 km/h on good roads, slower by the same terrain and season factors the
    // armed units face, slower still where IEDs make convoys crawl.
    double km = 0;
    walk_line(x0, y0, x1, y1, [&](int x, int y, double len) {
        km += len * map.cell_km * map.move_cost(map.cell(x, y), rainy) / 0.35;
        return true;
    });
    return km / 40.0 * (1.0 + 2.0 * sc.mobility.ied_threat);
}

void Simulation::State::mission_sense() {
    std::fill(mission_guard.begin(), mission_guard.end(), 0.0f);
    std::fill(mission_safety.begin(), mission_safety.end(), 0.0f);
    std::fill(poc.begin(), poc.end(), 0);
    std::fill(reported.begin(), reported.end(), 0);
    std::fill(civil_affairs_here.begin(), civil_affairs_here.end(), 0);
    if (munits.empty()) return;
    mission_index.build(map.width, map.height, std::max(vision, engage), munits.size(), [&](std::size_t i) {
        return std::tuple{munits[i].active(), int(munits[i].x), int(munits[i].y)};
    });
    const double roe_weight = roe == Roe::SelfDefence ? 1.0 : 1.5;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, map.settlements.size(), 64), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t s = r.begin(); s < r.end(); ++s) {
            const auto& st = map.settlements[s];
            double guard = 0, safety = 0;
            bool base = false;
            mission_index.near(st.x, st.y, vision, [&](std::uint32_t id) {
                const MUnit& u = munits[id];
                const double d = dist_cells(u.x, u.y, st.x, st.y);
                if (d > vision) return;
                const double q = double(u.training) * double(u.readiness);
                switch (u.kind) {
                    case UnitKind::Company:
                    case UnitKind::Police:
                        if (!tasks.presence) break;
                        if (d <= engage) {
                            guard += q * roe_weight * (u.kind == UnitKind::Police ? 0.5 : 1.0);
                            safety += 1.0;
                            base = base || u.kind == UnitKind::Company;
                        } else if (u.patrolling) {  // patrols reach the villages around the base
                            guard += 0.4 * q * roe_weight;
                            safety += 0.4;
                        }
                        break;
                    case UnitKind::Regional:
                        if (d <= engage) guard += q * 1.5, safety += 1.0;
                        break;
                    case UnitKind::Observers:
                        if (tasks.observe_report) reported[s] = 1;
                        break;
                    case UnitKind::CivilianTeam:
                        if (tasks.human_rights) reported[s] = 1;
                        if (tasks.civil_affairs) civil_affairs_here[s] = 1;
                        break;
                    default:
                        break;
                }
            });
            mission_guard[s] = float(guard);
            // Trust shapes how much safety people feel the mission gives them.
            const std::int64_t here = residents_at(s);
            const double trust = here > 0 ? double(trust_mission_sum[s]) / 1e4 / double(here) : 0.5;
            mission_safety[s] = float(safety * (0.5 + trust));
            poc[s] = tasks.protection_sites && base && st.kind != world::SettlementKind::Village;
        }
    });
}

void Simulation::State::mission_decide() {
    if (!mission_on) return;
    const auto& m = sc.mission;
    // Money first: without cash for fuel, patrols are the first thing cut after flight hours.
    const double month_costs = double(m.troops + m.police) * m.funding.upkeep_usd_per_day * 30.0;
    const double patrol_funding = cash <= 0 ? 0.0 : cash < month_costs ? 0.3 : 1.0;
    const double patrol_share = posture == scenario::Posture::Static ? 0.35 : posture == scenario::Posture::Mobile ? 0.6 : 0.75;
    const double deny = denial_chance();
    for (std::uint32_t id = 0; id < munits.size(); ++id) {
        MUnit& u = munits[id];
        u.patrolling = false;
        if (!u.active() || u.kind != UnitKind::Company || !tasks.patrols || u.orders == 0) continue;
        Stream r(seed, std::uint32_t(day), id, Purpose::MissionPatrol);
        const double share = u.orders == 1 ? 1.0 : patrol_share;  // ordered to patrol: every day
        if (!r.bernoulli(share * patrol_funding * u.readiness)) continue;
        if (r.bernoulli(deny * 0.25)) {  // the host blocks the road
            ++mday.denials;
            continue;
        }
        u.patrolling = true;
        ++mday.patrols;
        cash -= m.funding.patrol_usd;
        mission_cost += m.funding.patrol_usd;
        u.performance += 0.02f * (1.0f - u.performance);
    }
    // Threat-based planning each week: the companies the posture frees move to the places where
    // incidents and early warning point, if the host lets them (BRIEF: mission headquarters).
    if (day % 7 != 0 || !tasks.presence) return;
    const double movable = posture == scenario::Posture::Static ? 0.05 : posture == scenario::Posture::Mobile ? 0.2 : 0.3;
    std::vector<double> need(map.settlements.size(), 0.0);
    std::vector<std::pair<double, std::uint32_t>> hot;
    for (std::uint32_t s = 0; s < map.settlements.size(); ++s) {
        double v = 0;
        for (auto b : vision_blocks[s]) v += violence[b];
        const std::int64_t here = residents_at(s);
        if (here == 0) continue;
        // Early warning: what the mission learns of threats depends on people's trust in it.
        const double trust = double(trust_mission_sum[s]) / 1e4 / double(here);
        double hostile = 0;
        for (std::size_t g = 0; g < groups; ++g) hostile = std::max(hostile, double(threat[sg(s, g)]));
        need[s] = (v + trust * hostile) * std::sqrt(double(here)) / (1.0 + mission_guard[s]);
        hot.push_back({-need[s], s});
    }
    std::sort(hot.begin(), hot.end());
    // The need of the place where a company stands (0 away from any settlement).
    auto need_at = [&](int x, int y) {
        double best_d = 1.5, n = 0;
        settlement_index.near(x, y, 1, [&](std::uint32_t s) {
            const double d = dist_cells(x, y, map.settlements[s].x, map.settlements[s].y);
            if (d < best_d) best_d = d, n = need[s];
        });
        return n;
    };
    std::vector<std::uint32_t> companies;
    for (std::uint32_t id = 0; id < munits.size(); ++id)
        if (munits[id].active() && munits[id].kind == UnitKind::Company && munits[id].orders < 0) companies.push_back(id);
    const auto n = std::size_t(movable * double(companies.size()) + 0.5);
    for (std::size_t k = 0; k < n && k < hot.size(); ++k) {
        // The company doing least where it stands moves: the one whose place needs it least.
        std::uint32_t best = 0xFFFFFFFFu;
        double least = 1e300;
        for (auto id : companies) {
            const MUnit& u = munits[id];
            if (u.dest_x != u.x || u.dest_y != u.y) continue;  // already on the move
            const double n = need_at(u.x, u.y);
            if (n < least) least = n, best = id;
        }
        if (best == 0xFFFFFFFFu) break;
        MUnit& u = munits[best];
        const auto& target = map.settlements[hot[k].second];
        if (-hot[k].first <= least * 2.0) break;  // not worth the move
        Stream r(seed, std::uint32_t(day), best, Purpose::MissionPlan);
        if (r.bernoulli(deny)) {
            ++mday.denials;
            continue;
        }
        u.dest_x = target.x, u.dest_y = target.y;
    }
}

void Simulation::State::deploy_regional(std::int64_t troops) {
    // The regional force deploys where violence is worst: to the regional capitals, hottest first.
    std::vector<std::pair<double, std::uint32_t>> capitals;
    for (const auto& r : map.regions) {
        double v = 0;
        for (auto b : vision_blocks[r.capital]) v += violence[b];
        capitals.push_back({-v, r.capital});
    }
    std::sort(capitals.begin(), capitals.end());
    const auto size = std::int32_t(sc.mission.company_size);
    for (std::int64_t k = 0; k < troops / size; ++k) {
        const auto& st = map.settlements[capitals[std::size_t(k) % capitals.size()].second];
        MUnit u;
        u.kind = UnitKind::Regional;
        u.x = u.dest_x = st.x;
        u.y = u.dest_y = st.y;
        u.strength = u.full_strength = size;
        u.training = float(sc.regional_force.training);
        munits.push_back(u);
    }
}

void Simulation::State::engineer_roads() {
    // Each engineer company turns one cell of track near its base into all-weather road a day,
    // the nearest first (ties by row, then column).
    const int reach = std::max(1, int(25.0 / map.cell_km));
    for (auto& u : munits) {
        if (!u.active() || u.kind != UnitKind::Engineers) continue;
        int best = -1;
        double bd = 1e300;
        for (int y = std::max(0, u.y - reach); y <= std::min(map.height - 1, u.y + reach); ++y)
            for (int x = std::max(0, u.x - reach); x <= std::min(map.width - 1, u.x + reach); ++x) {
                if (map.road[map.cell(x, y)] != world::Road::Track) continue;
                const double d = dist_cells(x, y, u.x, u.y);
                if (d < bd) bd = d, best = int(map.cell(x, y));
            }
        if (best < 0) continue;
        map.road[std::size_t(best)] = world::Road::Secondary;
        ++mtot.roads_repaired;
    }
}

std::uint32_t Simulation::State::nearest_band(int x, int y, int range) const {
    std::uint32_t target = none32;
    double bd = range;
    unit_index.near(x, y, range, [&](std::uint32_t o) {
        if (units[o].party == 0 || !units[o].alive()) return;
        const double d = dist_cells(x, y, units[o].x, units[o].y);
        if (d < bd) bd = d, target = o;
    });
    return target;
}

void Simulation::State::mission_offensive() {
    // A regional force with an enforcement mandate goes after armed groups on its own account.
    if (sc.regional_force.mandate == scenario::RegionalMandate::Enforcement)
        for (std::uint32_t id = 0; id < munits.size(); ++id) {
            MUnit& u = munits[id];
            if (!u.active() || u.kind != UnitKind::Regional) continue;
            Stream r(seed, std::uint32_t(day), id, Purpose::MissionPlan);
            if (!r.bernoulli(0.02)) continue;
            const std::uint32_t target = nearest_band(u.x, u.y, raid / 2);
            if (target == none32) continue;
            mission_battle(target, id, true);
            ++mtot.regional_operations;
        }
    // Stabilization: companies join the state's offensive against bands within reach.
    if (tasks.offensive_ops && roe == Roe::Offensive)
        for (std::uint32_t id = 0; id < munits.size(); ++id) {
            MUnit& u = munits[id];
            if (!u.active() || u.kind != UnitKind::Company || u.caveated) continue;
            Stream r(seed, std::uint32_t(day), id, Purpose::MissionPlan);
            if (!r.bernoulli(0.01 * u.readiness)) continue;  // about one operation a company a quarter
            const std::uint32_t target = nearest_band(u.x, u.y, raid / 2);
            if (target == none32) continue;
            mission_battle(target, id, true);
            impartiality = std::max(0.0, impartiality - 0.003);
        }
}

std::int32_t Simulation::State::mission_battle(std::uint32_t band, std::uint32_t company, bool mission_attacks) {
    Unit& b = units[band];
    MUnit& m = munits[company];
    Stream rng(seed, std::uint32_t(day), company, Purpose::MissionBattle);
    const double mq = 0.7 + 0.8 * double(m.training) * double(m.readiness);
    const double bq = 0.7 + 0.6 * parties[b.party].resources;
    const double def = mission_attacks ? 1.3 : 1.0;  // bands fight from cover when attacked
    const double k = sc.conflict.battle_lethality;
    // Armour, fortified bases and medical evacuation: well-equipped contingents lose fewer.
    const double protection = 1.0 - 0.7 * double(m.training);
    const auto lm = std::int32_t(std::min<std::uint32_t>(
        // When the mission attacks it picks its ground and brings air support; when attacked it
        // fights from its base.
        rng.poisson(k * b.strength * bq * (mission_attacks ? 0.3 : 0.7) * protection * rng.uniform(0.5, 1.5)),
        std::uint32_t(m.strength)));
    const auto lb = std::int32_t(std::min<std::uint32_t>(rng.poisson(k * m.strength * mq / def * rng.uniform(0.5, 1.5)), std::uint32_t(b.strength)));
    m.strength -= lm;
    b.strength -= lb;
    parties[b.party].losses += lb, parties[b.party].losses_today += lb;
    if (m.kind == UnitKind::Regional) mtot.regional_fatalities += lm;
    else mday.fatalities += lm;
    if (lb > parties[b.party].cohesion * 0.15 * (b.strength + lb))
        b.action = Action::Retreat, b.dest_x = b.base_x, b.dest_y = b.base_y;
    return lb;
}

void Simulation::State::mission_respond(std::uint32_t s, std::uint32_t attacker) {
    if (!mission_on || !tasks.rapid_response) return;
    const auto& st = map.settlements[s];
    const bool rainy = rainy_today();
    const double deny = denial_chance();
    const double max_reach_km = 150.0;
    // The nearest company without caveats against the risk answers by road; a helicopter
    // lifts it if flight hours and money allow, whichever is faster.
    std::uint32_t best = 0xFFFFFFFFu;
    double best_d = 1e300;
    for (std::uint32_t id = 0; id < munits.size(); ++id) {
        const MUnit& u = munits[id];
        if (!u.active() || u.kind != UnitKind::Company || u.caveated) continue;
        const double d = dist_cells(u.x, u.y, st.x, st.y);
        if (d < best_d) best_d = d, best = id;
    }
    if (best == 0xFFFFFFFFu || km(best_d) > max_reach_km) return;
    MUnit& u = munits[best];
    Stream r(seed, std::uint32_t(day), s, Purpose::MissionResponse);
    double hours = sc.mobility.response_prep_h + travel_hours(u.x, u.y, st.x, st.y, rainy);
    const double flight = km(best_d) / sc.mobility.helicopter_kmh;
    if (flight_hours_left >= 2 * flight + 1 && cash > 0) {
        std::int64_t helis = 0;
        for (const auto& h : munits) helis += h.active() && h.kind == UnitKind::Helicopter;
        if (helis > 0) {
            const double by_air = sc.mobility.response_prep_h + 0.5 + flight;
            if (by_air < hours) {
                hours = by_air;
                flight_hours_left -= 2 * flight + 1;
                mday.flight_hours += 2 * flight + 1;
                cash -= (2 * flight + 1) * sc.mission.funding.flight_hour_usd;
                mission_cost += (2 * flight + 1) * sc.mission.funding.flight_hour_usd;
            }
        }
    }
    if (r.bernoulli(deny)) {  // the host holds the force at a checkpoint for a day
        hours += 24.0;
        ++mday.denials;
    }
    response_times.push_back(float(hours));
    ++mday.responses;
    today_responses.push_back(float(hours));
    u.performance += 0.05f * (1.0f - u.performance);
    // A force arriving while the attack goes on shortens it; with robust rules it fights.
    const double arrival = std::min(1.0, hours / 12.0);
    const double cut = roe == Roe::SelfDefence ? 0.6 + 0.4 * arrival : 0.3 + 0.7 * arrival;
    osv_p[s] = float(osv_p[s] * cut);
    if (roe != Roe::SelfDefence && hours < 12.0 && units[attacker].alive()) {
        mission_battle(attacker, best, true);
        // Attack helicopters give fire support where the rules allow force.
        for (const auto& h : munits) {
            if (!h.active() || h.kind != UnitKind::AttackHelicopter || flight_hours_left < 2 || cash <= 0) continue;
            Unit& b = units[attacker];
            const auto loss = std::int32_t(std::min<std::uint32_t>(r.poisson(3.0 * h.training), std::uint32_t(b.strength)));
            b.strength -= loss;
            parties[b.party].losses += loss, parties[b.party].losses_today += loss;
            osv_p[s] = float(osv_p[s] * 0.7);
            flight_hours_left -= 2;
            mday.flight_hours += 2;
            cash -= 2 * sc.mission.funding.flight_hour_usd;
            mission_cost += 2 * sc.mission.funding.flight_hour_usd;
            break;
        }
    }
}

void Simulation::State::mission_update(DayStats& st) {
    const auto& m = sc.mission;
    const auto& f = m.funding;
    // Assessed contributions arrive in instalments; only the paid fraction comes.
    const int period = std::max(1, int(365 / f.payments_per_year));
    if (mission_on && day % period == 0) cash += m.budget_musd * 1e6 / double(f.payments_per_year) * f.paid_fraction;
    if (mission_on) {
        std::int64_t uniformed = 0, staff = 0;
        for (const auto& u : munits) {
            if (!u.active() && u.status != UnitStatus::Rotating) continue;
            if (u.kind == UnitKind::CivilianTeam) staff += u.strength;
            else if (u.kind != UnitKind::Helicopter && u.kind != UnitKind::AttackHelicopter &&
                     u.kind != UnitKind::Regional)  // the regional force is funded outside the UN
                uniformed += u.strength;
        }
        const double running = double(uniformed) * f.upkeep_usd_per_day + double(staff) * f.civilian_usd_per_month / 30.0;
        cash -= running;  // rations and salaries cannot wait
        mission_cost += running;
        // Reimbursement to contributors falls due monthly and waits when cash is short.
        if (day % 30 == 29) {
            owed += double(uniformed) * f.reimbursement_usd;
            if (oldest_unpaid < 0) oldest_unpaid = day;
        }
        if (owed > 0 && cash > owed + running * 30) {
            cash -= owed;
            mission_cost += owed;
            owed = 0;
            oldest_unpaid = -1;
        }
        const std::int64_t delay = oldest_unpaid < 0 ? 0 : day - oldest_unpaid;
        max_delay = std::max(max_delay, delay);
        mday.reimbursement_delay_days = delay;
        // Flight hours are allotted monthly and cut first when cash runs low.
        if (day % 30 == 0) {
            const double factor = cash > running * 60 ? 1.0 : cash > running * 20 ? 0.5 : 0.0;
            flight_hours_left = factor * double(m.helicopters + m.attack_helicopters) * m.flight_hours_per_month;
        }
        // Contributors kept waiting lose readiness; after six months some withdraw.
        for (std::uint32_t id = 0; id < munits.size(); ++id) {
            MUnit& u = munits[id];
            if (!u.active() || u.kind == UnitKind::CivilianTeam || u.kind == UnitKind::Regional) continue;
            if (delay > 90) u.readiness = std::max(0.3f, u.readiness - 0.003f);
            else u.readiness = std::min(1.0f, u.readiness + 0.005f);
            if (delay > 180 && Stream(seed, std::uint32_t(day), id, Purpose::MissionWithdraw).bernoulli(0.004)) {
                u.status = UnitStatus::Withdrawn;
                ++mtot.contingents_withdrawn;
            }
        }
        // Accountability: each quarter the worst performers are rotated out and replaced.
        for (std::uint32_t id = 0; id < munits.size(); ++id) {
            MUnit& u = munits[id];
            if (u.status == UnitStatus::Rotating && day >= u.back_on) {
                u.status = UnitStatus::Deployed;
                u.training = float(std::max(double(u.training), m.training));
                u.performance = 0.7f;
                u.caveated = false;
            }
            if (u.kind == UnitKind::Company && u.active()) u.performance -= 0.01f * u.performance * (u.caveated ? 2.0f : 1.0f);
        }
        if (m.accountability && day % 90 == 89)
            for (auto& u : munits)
                if (u.active() && u.kind == UnitKind::Company && u.performance < 0.35f) {
                    u.status = UnitStatus::Rotating;
                    u.back_on = day + 30;
                    ++mtot.rotations;
                }
        // Misconduct (sexual exploitation and abuse among it) at a rate set by discipline and
        // oversight; each case costs the mission the trust of the place where it happened.
        const double rate = m.misconduct_rate / 30.0 * double(uniformed) / 1000.0 * (1.0 - m.discipline) *
                            (m.accountability ? 0.5 : 1.0);
        Stream r(seed, std::uint32_t(day), 0, Purpose::MissionConduct);
        const auto cases = r.poisson(rate);
        for (std::uint32_t c = 0; c < cases; ++c) {
            std::vector<std::uint32_t> live;
            for (std::uint32_t id = 0; id < munits.size(); ++id)
                if (munits[id].active() && munits[id].kind != UnitKind::CivilianTeam) live.push_back(id);
            if (live.empty()) break;
            const MUnit& u = munits[live[r.below(std::uint32_t(live.size()))]];
            std::uint32_t near = 0;
            double bd = 1e300;
            settlement_index.near(u.x, u.y, engage + 2, [&](std::uint32_t s) {
                const double d = dist_cells(u.x, u.y, map.settlements[s].x, map.settlements[s].y);
                if (d < bd) bd = d, near = s;
            });
            if (bd < 1e300) misconduct_here[near] = 1;
            ++mday.misconduct;
        }
    }
    if (sc.regional_force.troops > 0 && sc.regional_force.arrival_day > 0 && day + 1 == sc.regional_force.arrival_day)
        deploy_regional(sc.regional_force.troops);
    if (mission_on) engineer_roads();
    // Offensive operations cost impartiality; without them it slowly recovers.
    if (tasks.offensive_ops) impartiality = std::max(0.0, impartiality - 0.0005);
    else impartiality = std::min(1.0, impartiality + 0.001);

    mday.cash_musd = cash / 1e6;
    mday.impartiality = impartiality;
    for (const auto& u : munits) mday.companies_deployed += u.active() && u.kind == UnitKind::Company;
    if (!today_responses.empty()) {
        std::sort(today_responses.begin(), today_responses.end());
        mday.response_median_h = today_responses[today_responses.size() / 2];
    }
    std::int64_t residents = 0, trust = 0;
    for (std::size_t s = 0; s < map.settlements.size(); ++s) {
        residents += residents_at(s);
        trust += trust_mission_sum[s];
    }
    mday.trust = residents > 0 ? double(trust) / 1e4 / double(residents) : 0.0;
    mtot.patrols += mday.patrols;
    mtot.responses += mday.responses;
    mtot.movement_denials += mday.denials;
    mtot.misconduct_cases += mday.misconduct;
    mtot.fatalities += mday.fatalities;
    mtot.flight_hours += mday.flight_hours;
    st.mission = mday;
    mday = mission::Day{};
    today_responses.clear();
}

}  // namespace peacesim::engine
