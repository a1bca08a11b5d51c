// The validation suite's measures of one run (sim/validation/measures.hpp).
#include "validation/measures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "peacesim/output/totals.hpp"

namespace peacesim::validation::detail {

namespace {

constexpr double block_km = 55.0;  // PRIO-GRID's half degree at the equator

}  // namespace

ConflictRun measure(const engine::Simulation& sim, int days) {
    return measure(sim.events(), sim.history(), sim.scenario().world, days,
                   output::totals(sim).relapses > 0);
}

ConflictRun measure(const std::vector<engine::Event>& events,
                    const std::vector<engine::DayStats>& history,
                    const scenario::WorldParams& world, int days, bool relapsed) {
    ConflictRun r;
    const int months = (days + days_per_month - 1) / days_per_month;
    const int years = (days + 364) / 365;
    r.monthly_osv.assign(std::size_t(months), 0.0);
    r.monthly_battle.assign(std::size_t(months), 0.0);
    r.monthly_blocks.assign(std::size_t(months), 0.0);
    r.monthly_events.assign(std::size_t(months), 0.0);
    r.at_peace.assign(std::size_t(months), 1.0);
    r.events_by_year.assign(std::size_t(years), {0, 0, 0});
    r.deaths_by_year.assign(std::size_t(years), {0, 0, 0});
    const int block = std::max(1, int(std::lround(block_km / world.cell_km)));
    const int blocks_x = int(world.width) / block + 1;
    std::set<int> all_blocks;
    std::vector<std::set<int>> block_months(static_cast<std::size_t>(months));
    for (const auto& e : events) {
        const auto best = e.best();
        const int m = std::min(months - 1, e.day / days_per_month);
        const int y = std::min(years - 1, e.day / 365);
        const int b = (e.cell_y / block) * blocks_x + e.cell_x / block;
        all_blocks.insert(b);
        block_months[std::size_t(m)].insert(b);
        r.monthly_events[std::size_t(m)] += 1;
        if (e.type >= 1 && e.type <= 3) {
            r.events_by_year[std::size_t(y)][std::size_t(e.type - 1)] += 1;
            r.deaths_by_year[std::size_t(y)][std::size_t(e.type - 1)] += double(best);
        }
        if (e.type == 3) r.osv += double(best), r.monthly_osv[std::size_t(m)] += double(best);
        if (e.type == 1) r.battle += double(best), r.monthly_battle[std::size_t(m)] += double(best);
        if (best >= 1) r.sizes.push_back(best);
        if (e.type == 3 && best >= 1) r.sizes_osv.push_back(best);
        r.times.push_back(double(e.day));
    }
    r.blocks = double(all_blocks.size());
    for (int m = 0; m < months; ++m)
        r.monthly_blocks[std::size_t(m)] = double(block_months[std::size_t(m)].size());
    // Local episodes: in each block, runs of consecutive months with an event.
    std::map<int, std::vector<int>> months_of_block;
    for (int m = 0; m < months; ++m)
        for (int b : block_months[std::size_t(m)]) months_of_block[b].push_back(m);
    double total = 0, episodes = 0;
    for (const auto& [b, ms] : months_of_block) {
        int length = 1;
        for (std::size_t i = 1; i <= ms.size(); ++i) {
            if (i < ms.size() && ms[i] == ms[i - 1] + 1) {
                ++length;
                continue;
            }
            total += length, episodes += 1, length = 1;
        }
    }
    r.episode_months = episodes > 0 ? total / episodes : 0.0;
    // Peace holds while the national track stays at an agreement or beyond.
    bool broken = false;
    for (const auto& d : history) {
        broken = broken || d.stage < scenario::Stage::Agreement;
        if (broken) r.at_peace[std::size_t(std::min(months - 1, d.day / days_per_month))] = 0.0;
    }
    for (int m = 1; m < months; ++m)
        r.at_peace[std::size_t(m)] =
            std::min(r.at_peace[std::size_t(m)], r.at_peace[std::size_t(m - 1)]);
    r.relapsed = relapsed ? 1.0 : 0.0;
    return r;
}

EpsteinRun measure(const epstein::Model& m) {
    EpsteinRun r;
    double sum = 0;
    for (const auto& t : m.history()) {
        r.peak = std::max(r.peak, double(t.active));
        sum += t.active;
        r.quiet.push_back(t.quiet), r.active.push_back(t.active), r.jailed.push_back(t.jailed);
    }
    r.mean_active = m.history().empty() ? 0.0 : sum / double(m.history().size());
    const auto bursts = m.outbursts();
    r.outbursts = double(bursts.size());
    double spells = 0;
    for (std::size_t i = 1; i < bursts.size(); ++i)
        spells += bursts[i].start - bursts[i - 1].end - 1;
    r.quiet_spell = bursts.size() > 1 ? spells / double(bursts.size() - 1) : 0.0;
    return r;
}

}  // namespace peacesim::validation::detail
