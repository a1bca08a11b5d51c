#pragma once
// The simulation: the whole state of a run and its day step.
//
// A day runs five phases, sense -> decide -> act -> resolve -> update, each a list of module
// phases (the schedule is Simulation::State::step in sim/engine/step.cpp; docs/model.md,
// section 3, describes it). Parallel phases read the state as it stood at the start of the
// phase and write only their own agents or per-block accumulators that are combined in a fixed
// order, so a run gives the same bits on any number of threads.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "peacesim/actors/parties.hpp"
#include "peacesim/core/date.hpp"
#include "peacesim/mission/mission.hpp"
#include "peacesim/population/civilians.hpp"
#include "peacesim/scenario/load.hpp"
#include "peacesim/scenario/scenario.hpp"
#include "peacesim/world/map.hpp"

namespace peacesim::engine {

/// One row of the daily time series: flows are for the day, stocks at its end.
struct DayStats {
    int day = 0;
    core::Date date;
    bool rainy = false;
    std::int64_t civilians_killed_government = 0;  // one-sided violence by state forces
    std::int64_t civilians_killed_groups = 0;      // one-sided violence by armed groups
    std::int64_t civilians_killed_battle = 0;      // caught in battles
    std::int64_t battle_deaths = 0;                // combatants killed
    std::int64_t communal_deaths = 0;              // killed in intercommunal clashes
    std::int64_t events_state = 0, events_nonstate = 0, events_onesided = 0;
    std::array<std::int64_t, population::status_count> status{};  // people by status
    std::int64_t fled = 0, returned = 0, new_refugees = 0, recruited = 0;
    std::int64_t fighters_government = 0, fighters_groups = 0;
    double mean_grievance = 0, mean_trust_state = 0, legitimacy = 0;
    double state_control = 0;  // share of the resident population in settlements the state holds
    scenario::Stage stage = scenario::Stage::Conflict;  // national track, at the end of the day
    int armed_groups = 0;                               // groups with fighters left
    int negotiating = 0, signatories = 0, spoilers = 0;
    std::int64_t demobilised = 0;  // recruits who went home through DDR today
    double mean_tension = 0;  // intercommunal tension, mean over mixed settlements by residents
    double mean_access = 0;   // humanitarian access, mean over settlements by residents
    std::int64_t dialogues = 0, clashes = 0;
    mission::Day mission;

    std::int64_t civilians_killed() const noexcept {
        return civilians_killed_government + civilians_killed_groups + civilians_killed_battle;
    }
};

/// An incident in the shape of the UCDP Georeferenced Event Dataset (Sundberg & Melander 2013).
struct Event {
    std::int64_t id = 0;
    int day = 0;
    core::Date date;
    int type = 0;  // 1 state-based, 2 non-state, 3 one-sided
    /// Party indices; communal militias of identity group g are communal_side + g; side_b is
    /// unused for type 3 (the victims are civilians).
    std::uint32_t side_a = 0, side_b = 0;
    static constexpr std::uint32_t communal_side = 1000;
    /// The UN mission and the regional partner force as sides of a fight (type 2, side_a).
    static constexpr std::uint32_t mission_side = 900, regional_side = 901;
    static constexpr bool is_party(std::uint32_t side) noexcept { return side < mission_side; }
    std::uint32_t region = 0;
    std::int32_t cell_x = 0, cell_y = 0;
    std::uint32_t settlement = 0xFFFFFFFFu;  // where civilians were hit, if anywhere
    std::int64_t deaths_a = 0, deaths_b = 0, deaths_civilians = 0, deaths_unknown = 0;
    std::int64_t low = 0, high = 0;
    std::int64_t best() const noexcept {
        return deaths_a + deaths_b + deaths_civilians + deaths_unknown;
    }
};

/// One entry of the decision log (docs/training.md): who decided what on which day, and how the
/// country stood at that moment (the totals of the days run before it).
struct LoggedDecision {
    int day = 0;         // the day it holds from (the next day to run when it was taken)
    std::string role;    // who decided, as the front end or the decision named them
    std::string kind;    // set, move, posture, inject or cancel
    std::string what;    // in words
    std::string option;  // its command-line form; a cancelled event has none
    bool done = true;    // false for a move the host denied
    /// The decision as the timeline holds it (levers and orders; none for events), for replay.
    std::optional<scenario::Decision> decision;
    std::int64_t civilians_killed = 0, battle_deaths = 0;  // so far
    std::int64_t displaced = 0, fighters_groups = 0;       // on the day before
    scenario::Stage stage = scenario::Stage::Conflict;
    double legitimacy = 0;
};

/// The parts of a day, for throughput figures (peacesim bench): which module work the time of a
/// day goes to. Timeline: decisions and injects; Mission: its sensing, patrols, plans, convoys,
/// watch, mediation and end of day; Perception: the civilians' fear and refuge fields; Units:
/// armed units' survey, decisions, movement, fights and recruitment; Civilians: the per-person
/// update; Communities: clashes and tension; Politics: the track; Outputs: the event log and the
/// day's statistics.
enum class Phase {
    Timeline,
    Mission,
    Perception,
    Units,
    Civilians,
    Communities,
    Politics,
    Outputs
};
inline constexpr std::size_t phase_count = 8;
const char* phase_name(Phase p) noexcept;

/// Wall-clock seconds spent so far in building the run (map, population, forces) and in each
/// phase of its days.
struct PhaseSeconds {
    double setup = 0;
    std::array<double, phase_count> day{};
};

/// A checkpoint that cannot be read: another program version, a damaged or foreign file.
struct CheckpointError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Simulation {
  public:
    /// Builds the world, the population and the forces from the scenario and the run seed.
    Simulation(scenario::Scenario sc, std::uint64_t seed);
    ~Simulation();
    Simulation(Simulation&&) noexcept;
    Simulation& operator=(Simulation&&) noexcept;

    /// Adds an event to the timeline on the next day to run (a live inject from a facilitator);
    /// it becomes part of the scenario, so a rerun with the final scenario reproduces the run.
    void fire(scenario::InjectKind event, std::string args = {});
    /// Adds an event to the timeline on a future day (not before the next day to run).
    void schedule(scenario::Inject inject);
    /// Adds a decision to the timeline on a future day (not before the next day to run); throws
    /// ScenarioError when it is not a valid decision for this run.
    void schedule(scenario::Decision decision);
    /// Removes the k-th event of the timeline if its day has not come yet; false otherwise.
    bool cancel(std::size_t k);

    /// Changes levers from the next day on (the visualizer's sliders, a facilitator's decision):
    /// the same keys and checks as --set, for the sections a running world can change
    /// (mission, mission.tasks, mission.funding, mobility, population, conflict, communities,
    /// politics). Mission strength follows at once: companies deploy or leave, tasks and rules
    /// follow a new mandate. Throws ScenarioError on bad input, leaving the run untouched.
    void adjust(const std::vector<scenario::Override>& overrides);
    /// Orders a mission unit to a cell, through the same mobility rules as headquarters' own
    /// planning (the host may deny it). Returns false when denied or when the unit cannot move.
    bool order_move(std::size_t mission_unit, int x, int y);
    /// Sets a mission unit's posture: -1 back to headquarters, 0 hold (no patrols), 1 patrol.
    void order_posture(std::size_t mission_unit, int posture);
    /// Who takes the live decisions from now on (the visualizer's view: "trainees",
    /// "control"); recorded in the decision log.
    void set_role(std::string role);
    /// Every decision so far, scheduled or live, in the order they took effect.
    const std::vector<LoggedDecision>& decision_log() const noexcept;
    /// The scenario that replays this run exactly: the one it started from, with every event
    /// fired or scheduled and every decision taken, on their days. Run with the same seed, it
    /// reproduces the state_hash of this run at every day.
    scenario::Scenario replay_scenario() const;
    /// A settlement by its name, if the map has one.
    std::optional<std::uint32_t> find_settlement(std::string_view name) const;

    /// Saves the complete state (docs/training.md, "Checkpoints") to a file, atomically: a
    /// reader never sees half of one. Throws std::runtime_error when it cannot be written.
    void save_checkpoint(const std::string& path) const;
    /// A simulation continued from a checkpoint: stepped on to day D it gives exactly the
    /// state_hash of a run never interrupted, on any number of threads. Throws CheckpointError
    /// for a file another program version wrote, or one damaged or not a checkpoint.
    static Simulation load_checkpoint(const std::string& path);

    /// Advances one day. Parallel over civilians on the calling thread's oneTBB arena; limit
    /// the threads with tbb::global_control around the run.
    void step();

    int day() const noexcept;          // days completed
    core::Date date() const noexcept;  // the date of the next day to run
    std::uint64_t seed() const noexcept;
    const scenario::Scenario& scenario() const noexcept;
    const world::Map& map() const noexcept;
    const population::Civilians& civilians() const noexcept;
    const std::vector<actors::Party>& parties() const noexcept;
    const std::vector<actors::Unit>& units() const noexcept;
    const std::vector<DayStats>& history() const noexcept;
    const std::vector<Event>& events() const noexcept;
    const std::vector<mission::Unit>& mission_units() const noexcept;
    mission::Totals mission_totals() const;
    /// Tasks in force after the mandate preset and the scenario's overrides.
    scenario::MissionTasks mission_tasks() const noexcept;
    /// Name of an event side: a party, or an identity group's communal militia.
    std::string side_name(std::uint32_t side) const;
    scenario::Stage stage() const noexcept;
    /// Per settlement: intercommunal tension, conflict-resolution capacity, humanitarian access.
    const std::vector<float>& tension() const noexcept;
    const std::vector<float>& resolution_capacity() const noexcept;
    const std::vector<float>& humanitarian_access() const noexcept;
    /// Per settlement: the party holding it.
    const std::vector<std::uint32_t>& settlement_control() const noexcept;
    /// Per settlement: people living there now (at home, displaced there, sheltered, active).
    std::int64_t residents(std::size_t settlement) const noexcept;
    /// Remembered violence per block of violence_block_cells() x violence_block_cells() cells.
    const std::vector<float>& violence_field() const noexcept;
    int violence_block_cells() const noexcept;
    /// Per settlement: 1 where the mission runs a protection site.
    const std::vector<std::uint8_t>& protection_sites() const noexcept;
    /// Most people displaced at once (in protection sites included), over the days run.
    std::int64_t displaced_peak() const noexcept;
    /// The furthest stage the national track reached, and how often it fell back to conflict
    /// after an agreement.
    scenario::Stage furthest_stage() const noexcept;
    int relapses() const noexcept;
    /// Civilian-days plus unit-days simulated so far.
    std::uint64_t agent_updates() const noexcept;
    /// Where the time went (not part of the state: a checkpoint starts it again).
    const PhaseSeconds& phase_seconds() const noexcept;
    /// Every civilian by the rules in full, without the shortcut for people at home where
    /// nothing struck that day: the reference the shortcut is tested against (the same run to
    /// the bit, slower). Not part of the state.
    void use_full_rules(bool on) noexcept;
    /// 16 hex digits over every variable of the state.
    std::string state_hash() const;
    /// People by status now; they always sum to the initial population.
    std::array<std::int64_t, population::status_count> status_counts() const;

    /// The state itself, owned by the library's modules (sim/engine/state.hpp); opaque here.
    struct State;

  private:
    Simulation() = default;
    std::unique_ptr<State> s_;
};

}  // namespace peacesim::engine

namespace peacesim::engine {

/// The memory a run of this scenario takes, in bytes, as measured (docs/outputs.md, "Bounded
/// inputs"): about 34 bytes a person (the civilians' own attributes), 8 a cell of the map, and
/// 16 MB besides.
std::uint64_t memory_estimate(const scenario::Scenario& sc) noexcept;
/// The memory this machine has available now (MemAvailable), or 0 when it cannot tell.
std::uint64_t memory_available() noexcept;
/// Why a run needing `needed` bytes should not start on a machine with `available` bytes free (0:
/// unknown), if it should not: the figures, and what to lower.
std::optional<std::string> memory_problem(std::uint64_t needed, std::uint64_t available,
                                          std::int64_t population);

/// The number of threads used when the caller asks for 0: all the machine offers.
int default_threads();

/// Runs `days` more days on at most `threads` threads (0: default_threads()). After each day
/// calls after_day(days done in this call); stops early when it returns false. Returns the
/// days run.
int run_days(Simulation& sim, int days, int threads,
             const std::function<bool(int)>& after_day = {});

}  // namespace peacesim::engine
