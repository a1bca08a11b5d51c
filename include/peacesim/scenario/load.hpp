#pragma once
// Reading scenarios: TOML files checked against the schema, with --set overrides checked the same
// way. Every error a user can cause comes back as a ScenarioError listing each problem with its
// file, line, column and dotted key, never as a crash or a silently wrong run.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::scenario {

struct Diagnostic {
    std::string file;  // a path, "<default>", or "--set"
    int line = 0;      // 1-based; 0 when there is no position (a missing key, a --set)
    int column = 0;
    std::string key;  // dotted path, e.g. "armed_groups.1.fighters"
    std::string message;
    /// "file:line:column: key: message", the form editors and compilers use.
    std::string str() const;
};

/// Readers of user files stop listing problems after this many and count the rest.
inline constexpr std::size_t max_diagnostics = 50;
/// The largest scenario file read (a scenario is a few kilobytes; the limit leaves room for long
/// timelines of events and decisions).
inline constexpr std::size_t max_scenario_bytes = 16u << 20;

/// A user's file read whole, at most `max_bytes` of it: a directory, a file that cannot be opened
/// or read, and one larger than the limit (or a device that never ends) are a ScenarioError
/// naming the file and `what` it should be ("a scenario file").
std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string_view what);

/// The first max_diagnostics problems, then one line counting the rest.
std::vector<Diagnostic> capped(std::vector<Diagnostic> diagnostics);

class ScenarioError : public std::runtime_error {
  public:
    explicit ScenarioError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

/// One --set KEY=VALUE. The value is read as a TOML value (number, boolean, date, quoted string);
/// anything else is taken as a bare string, so `--set world.name=Kembara` works unquoted.
struct Override {
    std::string key;
    std::string value;
};
/// Splits "KEY=VALUE"; throws ScenarioError when there is no '=' or no key.
Override parse_override(std::string_view text);

Scenario load_file(const std::string& path, const std::vector<Override>& overrides = {});
Scenario load_text(std::string_view toml_text, std::string_view source_name,
                   const std::vector<Override>& overrides = {});
/// The built-in default scenario (scenarios/default.toml, embedded at build time).
Scenario load_default(const std::vector<Override>& overrides = {});
std::string_view default_scenario_text() noexcept;

/// Adds events given as "DAY:EVENT[:ARGS]" (the --inject option) to the scenario's timeline,
/// with the same checks as [[injects]] in a file; throws ScenarioError naming the bad one.
void add_injects(Scenario& sc, const std::vector<std::string>& specs);
/// What is wrong with an inject's arguments for this scenario, if anything.
std::optional<std::string> inject_problem(const Scenario& sc, const Inject& inject);
/// What is wrong with a decision (a lever change or an order) for this scenario, if anything.
/// Settlement names in move_to are checked against the map when the run starts.
std::optional<std::string> decision_problem(const Scenario& sc, const Decision& decision);
/// Why a key cannot change during a run, if it cannot: live levers are mission.*, mobility.*,
/// population.*, conflict.*, communities.* and politics.* (except politics.initial_stage).
std::optional<std::string> live_lever_problem(std::string_view key);
/// Adds decisions given as --adjust DAY:KEY=VALUE and --order DAY:UNIT:move=PLACE or
/// DAY:UNIT:posture=MODE to the timeline, checked as [[decisions]] in a file are; throws
/// ScenarioError naming each bad one.
void add_decisions(Scenario& sc, const std::vector<std::string>& adjust,
                   const std::vector<std::string>& orders, const std::string& role = "");
/// A decision in its command-line form, e.g. "--adjust 100:mission.troops=12000".
std::string decision_option(const Decision& decision);
/// The scenario with no injects and no decisions.
Scenario without_timeline(const Scenario& sc);
/// "X,Y" as two whole numbers from 0 to 1e6; nullopt otherwise.
std::optional<std::pair<int, int>> parse_cell(std::string_view text);
/// A whole number written in plain decimal digits (optional minus), nothing else; nullopt for
/// anything else or out of the 64-bit range. Inject arguments and --set indices use it.
std::optional<std::int64_t> parse_integer(std::string_view text) noexcept;
/// A finite decimal number; nullopt otherwise.
std::optional<double> parse_number(std::string_view text) noexcept;

/// An armed group by index ("1") or name; nullopt when there is none such.
std::optional<std::size_t> find_group(const Scenario& sc, std::string_view name_or_index);

/// The scenario as TOML text that loads back to the same values (every key written out).
std::string to_toml(const Scenario& sc);
/// The value of one key of a table section ("mission.roe") as TOML writes it ("\"preset\"",
/// "0.6", "true"); nullopt for a key the schema does not have.
std::optional<std::string> value_text(const Scenario& sc, std::string_view key);

/// One documented parameter of the schema, for `peacesim params` and docs/parameters.md.
struct ParamInfo {
    std::string key;    // dotted; array sections as "armed_groups[].fighters"
    std::string type;   // integer, real, boolean, string, date, or one of a|b|c
    std::string value;  // its default in the built-in scenario
    std::string range;  // e.g. "0 to 1"
    std::string doc;
    bool numeric = false;  // integer and real keys: min and max hold the range
    double min = 0, max = 0;
    std::vector<std::string> choices;  // choice keys: the values it takes
};
std::vector<ParamInfo> parameters();
/// The same as a Markdown table: docs/parameters.md is this text, and a test keeps it so.
std::string parameters_markdown();
/// The same as a JSON array, one object per key: {"key", "type", "default" (a JSON number,
/// boolean or string), "range" ({"min", "max"} for numbers, {"choices": [...]} for choices,
/// null otherwise), "doc"}; for scripts that build sweeps or forms from the schema.
std::string parameters_json();

}  // namespace peacesim::scenario
