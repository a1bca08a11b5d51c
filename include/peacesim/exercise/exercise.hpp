#pragma once
// Training exercises (docs/training.md): a staff exercise on top of a scenario. The exercise file
// holds the master events list (dated injects with the message the trainees receive and the event
// the model applies), the roles (which levers and units the trainees control, what the control
// cell controls), the decision points the debrief returns to, and scripted decisions for a
// rehearsal or a replay.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "peacesim/scenario/load.hpp"
#include "peacesim/scenario/scenario.hpp"

namespace peacesim::exercise {

/// One serial of the master events list, in the columns training centres keep.
struct MelEvent {
    std::string serial;
    std::int64_t day = 0;
    std::string time;  // "HH:MM" on that day, as the message is delivered ("" for none)
    std::string from, to, message, expected_action;
    /// The event the model applies ("EVENT[:ARGS]", as --inject takes it); "" for a message only.
    std::string inject;
    std::string source;  // where it was read: "file:line"
};

/// Who may decide what. A lever pattern is a key ("mission.roe") or a section ("mission.*").
struct Role {
    std::string id;    // as decisions and the visualizer name it: "trainees", "control"
    std::string name;  // as people call it: "Force HQ staff"
    std::vector<std::string> levers;
    bool orders = false;   // may order mission units (move, posture)
    bool injects = false;  // may fire, hold or cancel events (the control cell)
    bool may_set(const std::string& key) const;
};

struct DecisionPoint {
    std::int64_t day = 0;
    std::string title;     // the decision the trainees face
    std::string guidance;  // what a good answer weighs, for the debrief
};

struct Exercise {
    std::string file;  // where it was read
    std::string name, description;
    std::string scenario_file;  // the scenario it stands on ("" for the built-in default)
    std::vector<scenario::Override> sets;
    std::uint64_t seed = 1;
    int days = 0;
    /// The trainees see armed groups only within reach of the mission's units and observers.
    bool fog_of_war = true;
    std::vector<MelEvent> events;
    std::vector<Role> roles;
    std::vector<DecisionPoint> decision_points;
    /// The scenario with the events' injects and the scripted decisions on its timeline.
    scenario::Scenario scenario;
    /// Index into scenario.injects of each event's inject, or -1 for a message only.
    std::vector<std::int64_t> event_inject;

    const Role* role(const std::string& id) const;
    /// The role of the trainees: the one called "trainees", else the first that is not control.
    const Role* trainees() const;
    /// Why this role may not take this decision, if it may not.
    std::optional<std::string> refused(const Role& role, const scenario::Decision& d) const;
};

/// Reads an exercise file; throws scenario::ScenarioError listing each problem with its file,
/// line and key (the scenario's own problems included).
Exercise load_exercise(const std::string& path);
/// The same from text: `source_name` names it in messages, and relative paths (the scenario, the
/// CSV) are read beside it.
Exercise load_exercise_text(std::string_view text, const std::string& source_name);

/// Reads a master events list from CSV (RFC 4180: quoted fields, doubled quotes, line breaks in
/// a quoted message), with the columns training centres keep: serial, day and time, from, to,
/// message, expected action, and optionally the model event (inject). Header names are matched
/// loosely ("Ser", "DTG", "Date/Time", "Expected Action"...). Day and time reads "D+3 14:00",
/// "Day 3 14:00", "3 14:00", "3" or a date "2025-01-04 14:00" counted from `start`. Throws
/// ScenarioError naming the file, line and column on anything it cannot read.
std::vector<MelEvent> read_mel_csv(const std::string& path, const core::Date& start);
/// A time of day as a master events list writes it ("14:00", "1400", "14h00") on a 24-hour
/// clock, as HH:MM; nothing when it is not one.
std::optional<std::string> clock_of_day(const std::string& text);
/// The same from text, `source_name` naming it in messages.
std::vector<MelEvent> parse_mel_csv(std::string_view text, const std::string& source_name,
                                    const core::Date& start);

/// The master events list as CSV in the same columns (what an exercise's output keeps).
std::string mel_csv(const std::vector<MelEvent>& events);

}  // namespace peacesim::exercise

namespace peacesim::engine {
class Simulation;
}
namespace peacesim::output {
struct RunInfo;
}

namespace peacesim::exercise {

/// The files of an exercise's record, for its output directory: the run's own (summary.json,
/// timeseries.csv, events.csv, decisions.csv, feed.csv, and scenario.toml, which replays the
/// exercise with every decision and event on its day), and the exercise's: exercise.json (its
/// name, seed, roles, decision points), mel.csv (the master events list) and exercise.toml (the
/// file as it was given).
std::vector<std::pair<std::string, std::string>> record_files(const Exercise& ex,
                                                              const engine::Simulation& sim,
                                                              const output::RunInfo& info);

/// An exercise's record read back, for the after-action review and for replay.
struct Record {
    std::string dir;
    std::string name, description;
    std::uint64_t seed = 0;
    int days = 0;  // days run
    std::string state_hash;
    std::string trainees;  // the trainees' role id
    std::vector<Role> roles;
    std::vector<DecisionPoint> decision_points;
    std::vector<MelEvent> events;
    scenario::Scenario scenario;  // the replay: every decision and event on its day
};

/// Reads an exercise's output directory; throws ScenarioError naming the file and what is
/// missing or wrong.
Record read_record(const std::string& dir);

/// The record's scenario without the decisions of the given role: the exercise as it would have
/// gone had the trainees decided nothing (same events, same seed).
scenario::Scenario without_role(const scenario::Scenario& sc, const std::string& role);

}  // namespace peacesim::exercise

#include <functional>

#include "peacesim/engine/feed.hpp"
#include "peacesim/validation/stats.hpp"

namespace peacesim::exercise {

/// The after-action review (docs/training.md): the exercise replayed from its record, the same
/// exercise without the trainees' decisions (same seed, same events) as the counterfactual, and
/// the difference the decisions made over several seeds, each decision's own share included.
struct AarOptions {
    std::string dir;         // the exercise's record
    int runs = 6;            // seeds for the spread (the exercise's own first)
    int jobs = 0;            // 0: all cores
    int max_decisions = 10;  // decisions weighed one by one (leave-one-out); the rest together
    std::function<void(int, int)> progress;
    std::function<bool()> cancelled;
};

struct AarResult {
    Record record;
    bool replayed = false;  // the replay gave the record's state_hash
    std::string replay_hash;
    std::vector<engine::LoggedDecision> log;                 // as replayed
    std::vector<engine::Happening> major;                    // the grave and serious happenings
    std::vector<engine::DayStats> exercise, counterfactual;  // day by day, the exercise's seed
    std::vector<std::uint64_t> seeds;
    /// Per outcome (compare::outcome_defs()), per seed: with the decisions, without them.
    std::vector<std::vector<double>> with, without;
    std::vector<validation::Estimate> difference;  // with - without, paired by seed
    /// The trainees' decisions weighed one by one: the log entry, and per outcome the change
    /// it made (the run with every decision minus the run without this one), over the seeds.
    struct Weighed {
        engine::LoggedDecision decision;
        std::vector<validation::Estimate> effect;
    };
    std::vector<Weighed> weighed;
    std::size_t trainee_decisions = 0;
};

AarResult run_aar(const AarOptions& options);
/// One self-contained HTML page organised by the four questions of an after-action review.
std::string aar_html(const AarResult& r);
/// The headline figures for the terminal.
std::string aar_text(const AarResult& r);

}  // namespace peacesim::exercise
