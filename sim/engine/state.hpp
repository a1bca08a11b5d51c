#pragma once
// The simulation's state and the helpers its phases share. Internal to the library: the phases
// (simulation.cpp, politics.cpp, communities.cpp, injects.cpp) each implement part of State.
#include <tbb/blocked_range.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "peacesim/core/random.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/world/map.hpp"

namespace peacesim::engine {

using actors::Action;
using actors::no_target;
using actors::Party;
using actors::Unit;
using core::Purpose;
using core::Stream;
using population::Status;

namespace detail {

inline constexpr std::uint32_t none32 = 0xFFFFFFFFu;
inline constexpr std::uint8_t none8 = 0xFF;
// Civilians are updated in blocks of this many; each block's sums land in its own slot and are
// added in block order, so floating-point totals do not depend on the thread count.
inline constexpr std::size_t block_size = 16384;

/// Unit ids bucketed on a coarse grid, rebuilt each day, for "who is within r of here".
struct Buckets {
    int cell = 1, bw = 1, bh = 1;
    std::vector<std::uint32_t> start, items;

    template <class Pos>
    void build(int width, int height, int bucket_cells, std::size_t n, Pos pos) {
        cell = std::max(1, bucket_cells);
        bw = (width + cell - 1) / cell;
        bh = (height + cell - 1) / cell;
        start.assign(std::size_t(bw) * bh + 1, 0);
        for (std::size_t i = 0; i < n; ++i)
            if (auto [ok, x, y] = pos(i); ok) ++start[std::size_t(y / cell) * bw + x / cell + 1];
        for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
        items.assign(start.back(), 0);
        std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < n; ++i)  // ascending ids within each bucket
            if (auto [ok, x, y] = pos(i); ok) items[fill[std::size_t(y / cell) * bw + x / cell]++] = std::uint32_t(i);
    }
    /// Calls f(id) for every item in the buckets that overlap the square of radius r; the caller
    /// checks the exact distance. Order: bucket rows, then ascending id: deterministic.
    template <class F>
    void near(int x, int y, int r, F f) const {
        const int bx0 = std::max(0, (x - r) / cell), bx1 = std::min(bw - 1, (x + r) / cell);
        const int by0 = std::max(0, (y - r) / cell), by1 = std::min(bh - 1, (y + r) / cell);
        for (int by = by0; by <= by1; ++by)
            for (int bx = bx0; bx <= bx1; ++bx) {
                const std::size_t b = std::size_t(by) * bw + bx;
                for (std::uint32_t k = start[b]; k < start[b + 1]; ++k) f(items[k]);
            }
    }
};

inline double dist_cells(int x0, int y0, int x1, int y1) {
    const double dx = x0 - x1, dy = y0 - y1;
    return std::sqrt(dx * dx + dy * dy);
}

/// Walks the straight line (Bresenham) from (x0, y0) towards (x1, y1): calls
/// step(x, y, length) for each next cell, length 1 or sqrt 2 in cells, and stops at the end or
/// when step returns false. Returns the last cell reached.
template <class F>
std::pair<int, int> walk_line(int x0, int y0, int x1, int y1, F step) {
    const int dx = std::abs(x1 - x0), dy = -std::abs(y1 - y0);
    const int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, x = x0, y = y0;
    while (!(x == x1 && y == y1)) {
        const int e2 = 2 * err;
        int nx = x, ny = y;
        if (e2 >= dy) err += dy, nx += sx;
        if (e2 <= dx) err += dx, ny += sy;
        if (!step(nx, ny, (nx != x && ny != y) ? 1.41421356 : 1.0)) break;
        x = nx, y = ny;
    }
    return {x, y};
}

inline bool rainy_on(const core::Date& d, const scenario::WorldParams& w) {
    const int a = int(w.rainy_start_month), b = int(w.rainy_end_month);
    return a <= b ? (d.month >= a && d.month <= b) : (d.month >= a || d.month <= b);
}

/// What one block of civilians adds to the day's statistics.
struct BlockSums {
    std::array<std::int64_t, population::status_count> status{};
    std::int64_t killed_gov = 0, killed_groups = 0, killed_battle = 0;
    std::int64_t fled = 0, returned = 0, new_refugees = 0;
    double grievance = 0, trust = 0;
    std::int64_t counted = 0;  // people whose grievance and trust are averaged
};

}  // namespace detail

struct Simulation::State {
    using Buckets = detail::Buckets;
    using BlockSums = detail::BlockSums;
    scenario::Scenario sc;
    std::uint64_t seed = 0;
    int day = 0;
    world::Map map;
    population::Civilians civ;
    std::vector<Party> parties;  // 0 is the government, 1.. the armed groups in scenario order
    std::vector<Unit> units;
    std::vector<DayStats> history;
    std::vector<Event> events;
    std::int64_t population = 0;
    std::uint64_t agent_updates = 0;
    std::int64_t displaced_peak = 0;

    // Geometry derived from the scenario, in cells.
    int vision = 1, raid = 1, engage = 1, block_cells = 4, fbw = 1, fbh = 1;
    std::size_t groups = 1;  // identity groups
    std::vector<std::vector<std::uint32_t>> vision_blocks;  // per settlement: field blocks in vision
    std::vector<std::vector<float>> vision_weights;         // and their weights by distance
    std::vector<std::vector<std::uint32_t>> refuges;        // per settlement: candidate refuges
    std::vector<std::uint8_t> near_border;                  // per settlement
    Buckets settlement_index;

    // Persistent fields.
    std::vector<float> violence;            // per field block: remembered violence
    std::vector<std::uint32_t> control;     // per settlement: party holding it
    std::vector<std::int32_t> present;      // per settlement x group: people there now

    // Per-day scratch, rebuilt each day (not part of the state between days).
    Buckets unit_index;
    std::vector<float> threat;               // settlement x group
    std::vector<std::uint32_t> refuge;       // settlement x group
    std::vector<std::uint8_t> recruit_group; // settlement x group: armed group recruiting
    std::vector<float> arrest_p;             // per settlement: Epstein's P
    std::vector<float> jail_p;               // per settlement: chance an active is arrested today
    std::vector<std::int32_t> active_blocks; // per field block: actives at the end of yesterday
    std::vector<std::int32_t> resident_blocks;  // per field block: people present at the end of yesterday
    std::vector<std::uint32_t> settlement_block;  // per settlement: its field block
    std::vector<std::int32_t> gov_companies; // per settlement: companies within engage range
    std::vector<float> osv_p, collateral_p;
    std::vector<std::uint32_t> osv_party, osv_event, collateral_event;
    std::vector<std::uint8_t> osv_spare, osv_only;  // identity spared / the only one targeted
    std::vector<double> attrition;           // per party: today's chance a recruit dies
    std::vector<std::uint8_t> fought;        // per unit: in a fight today
    std::vector<Event> today;
    std::vector<BlockSums> block_sums;

    // Politics (politics.cpp).
    scenario::Stage stage = scenario::Stage::Conflict;
    int stage_day = 0;             // day the current stage began
    double mediation = 0, council_unity = 0, inclusion = 0;
    double violence_ema = 0;       // deaths a day, 30-day EMA
    double spoiler_ema = 0;        // deaths a day caused by spoilers, 30-day EMA
    double violations_ema = 0;     // state-based battles a day with negotiating parties
    int elections_until = -1;      // last day of an election period
    double election_deaths = 0;    // deaths during the election period
    double election_baseline = 0;  // deaths a day before it
    std::int64_t violations_today = 0, spoiler_deaths_today = 0;
    int relapses = 0;
    scenario::Stage furthest = scenario::Stage::Conflict;
    std::vector<double> demobilise;  // per party: today's chance a recruit goes home (DDR)

    // Season and drought overrides from injects (injects.cpp).
    int rain_until = -1, dry_until = -1, drought_until = -1;
    std::size_t next_inject = 0;   // injects are kept sorted by day

    // Communities (communities.cpp), per settlement.
    std::vector<float> tension, capacity, access;
    std::vector<std::int64_t> initial_pop;
    std::vector<std::int64_t> deaths_here;    // today's violent deaths, any cause
    std::vector<float> clash_p;
    std::vector<std::uint8_t> clash_a, clash_b;  // the two identity groups in a clash
    std::vector<std::uint32_t> clash_event;
    std::int64_t dialogues_today = 0, clashes_today = 0;

    // The mission (mission.cpp).
    struct Tasks {
        bool presence = false, patrols = false, protection_sites = false, rapid_response = false,
             observe_report = false, human_rights = false, civil_affairs = false, mediation = false,
             electoral = false, ddr = false, offensive_ops = false;
    } tasks;
    scenario::Roe roe = scenario::Roe::SelfDefence;
    scenario::Posture posture = scenario::Posture::Static;
    bool mission_on = false;
    std::vector<mission::Unit> munits;
    Buckets mission_index;
    std::vector<float> mission_guard;       // per settlement: deterrence from mission troops in reach
    std::vector<float> mission_safety;      // per settlement: perceived safety from the mission
    std::vector<std::uint8_t> poc;          // per settlement: a protection site
    std::vector<std::uint8_t> reported;     // per settlement: observers or monitors in sight
    std::vector<std::uint8_t> civil_affairs_here;  // per settlement: civil affairs in reach
    std::vector<std::uint8_t> misconduct_here;     // per settlement: a misconduct case today
    std::vector<std::int64_t> trust_mission_sum;   // per settlement: residents' trust x 1e4
    double cash = 0, owed = 0, flight_hours_left = 0, impartiality = 1;
    int oldest_unpaid = -1;
    std::int64_t max_delay = 0;
    mission::Totals mtot;
    std::vector<float> response_times;      // every response of the run, in hours
    std::vector<float> today_responses;
    mission::Day mday;
    double mission_cost = 0;

    void init_mission();
    void resolve_mission_setup();  // tasks, ROE and posture from the mandate and overrides
    void retune_mission();         // deploy or withdraw units to match the mission's strength
    std::vector<std::pair<int, std::string>> adjustments;
    void mission_sense();
    void mission_decide();
    void mission_offensive();
    void deploy_regional(std::int64_t troops);
    /// The nearest living armed band within range cells of a place, or none32.
    std::uint32_t nearest_band(int x, int y, int range) const;
    /// Moves (x, y) towards (x1, y1) for a day's budget in km; always at least one cell.
    void advance(std::int32_t& x, std::int32_t& y, int x1, int y1, double budget_km, bool rainy) const;
    void engineer_roads();
    void mission_respond(std::uint32_t settlement, std::uint32_t attacker);
    void mission_update(DayStats& st);
    std::int32_t mission_battle(std::uint32_t band, std::uint32_t company, bool mission_attacks);
    double denial_chance() const;
    double travel_hours(int x0, int y0, int x1, int y1, bool rainy) const;

    bool rainy_today() const;
    double tempo(const Party& p) const;
    bool truce_between(std::uint32_t a, std::uint32_t b) const;  // no attacks between these parties
    void apply_injects();
    void apply_inject(const scenario::Inject& in);
    void splinter(std::uint32_t party);
    void init_communities();
    void resolve_communities();
    void update_communities(DayStats& st);
    void init_politics();
    void update_politics(DayStats& st);
    void set_stage(scenario::Stage s);

    void init();
    void sense();
    void decide();
    void act();
    void resolve();
    void update_civilians(DayStats& st);
    void update_parties(DayStats& st);
    std::size_t sg(std::size_t s, std::size_t g) const noexcept { return s * groups + g; }
    /// People present in a settlement now, all identity groups together.
    std::int64_t residents_at(std::size_t s) const noexcept {
        std::int64_t n = 0;
        for (std::size_t g = 0; g < groups; ++g) n += present[sg(s, g)];
        return n;
    }
    double km(double cells) const noexcept { return cells * map.cell_km; }
};

}  // namespace peacesim::engine
