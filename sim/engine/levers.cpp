// Steering a running simulation (docs/model.md, section 7.13; docs/training.md): injects fired
// live or scheduled, levers changed, orders to mission units, from a front end now or from the
// timeline's decisions on their day. Every one is logged with who took it and how the country
// stood, and the log replays: replay_scenario() puts each back on the timeline.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "actors/state.hpp"
#include "engine/engine.hpp"
#include "engine/state.hpp"
#include "mission/mission.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::engine {

namespace {

/// Why an order names no unit of the mission: there are none, or the index is past the last.
std::string units_problem(std::size_t units, std::int64_t unit) {
    if (units == 0) return "the mission has no units to order (no mandate, or no troops or police)";
    return fmt::format("the mission has units 0 to {}, not {}", units - 1, unit);
}

LoggedDecision entry(const Simulation::State& s, std::string role, std::string kind,
                     std::string what, std::string option) {
    LoggedDecision e;
    e.day = s.day;
    e.role = std::move(role);
    e.kind = std::move(kind);
    e.what = std::move(what);
    e.option = std::move(option);
    for (const auto& d : s.history)
        e.civilians_killed += d.civilians_killed(), e.battle_deaths += d.battle_deaths;
    if (!s.history.empty()) {
        const auto& d = s.history.back();
        e.displaced = d.status[std::size_t(population::Status::Displaced)] +
                      d.status[std::size_t(population::Status::ProtectionSite)];
        e.fighters_groups = d.fighters_groups;
        e.legitimacy = d.legitimacy;
    }
    e.stage = s.politics.stage;
    return e;
}

// The log entry of a decision: its command-line form from the decision itself, which replay
// puts back on the timeline.
LoggedDecision entry(const Simulation::State& s, scenario::Decision d, std::string kind,
                     std::string what) {
    d.day = s.day;
    auto e = entry(s, d.role, std::move(kind), std::move(what), scenario::decision_option(d));
    e.decision = std::move(d);
    return e;
}

scenario::Decision order(std::size_t unit, const std::string& role) {
    scenario::Decision d;
    d.unit = std::int64_t(unit);
    d.role = role;
    return d;
}

// One lever, checked before anything changes.
void set_lever(Simulation::State& s, const scenario::Override& o, const std::string& role) {
    if (auto problem = scenario::live_lever_problem(o.key))
        throw scenario::ScenarioError({{"--set " + o.key + "=" + o.value, 0, 0, o.key, *problem}});
    // The timeline does not change with a lever: parse the rest alone, then put it back.
    scenario::Scenario next = scenario::load_text(
        scenario::to_toml(scenario::without_timeline(s.sc)), "<running scenario>", {o});
    next.injects = std::move(s.sc.injects);
    next.decisions = std::move(s.sc.decisions);
    s.sc = std::move(next);
    if (o.key == "politics.mediation") s.politics.mediation = s.sc.politics.mediation;
    if (o.key == "politics.council_unity") s.politics.council_unity = s.sc.politics.council_unity;
    if (o.key == "politics.inclusion") s.politics.inclusion = s.sc.politics.inclusion;
    scenario::Decision d;
    d.set = o.key + "=" + o.value;
    d.role = role;
    s.log.push_back(entry(s, std::move(d), "set", o.key + " = " + o.value));
    mission::apply_mandate(s.mission, s.sc.mission);
    mission::retune(s.mission, s.map, s.sc, s.today());
}

std::optional<std::pair<int, int>> place(const Simulation::State& s, const std::string& where) {
    if (auto cell = scenario::parse_cell(where)) return cell;
    for (const auto& t : s.map.settlements)
        if (t.name == where) return std::pair<int, int>{t.x, t.y};
    return std::nullopt;
}

bool move_unit(Simulation::State& s, std::size_t k, int x, int y, const std::string& where,
               const std::string& role) {
    auto& units = s.mission.units;
    if (k >= units.size() || !s.map.inside(x, y)) return false;
    auto& u = units[k];
    auto d = order(k, role);
    d.move_to = where;
    if (!u.active()) {  // withdrawn, rotated out or destroyed since: the order finds no one
        auto e = entry(s, std::move(d), "move",
                       fmt::format("{} {} to {} (not deployed)",
                                   mission::unit_kind_names[int(u.kind)], k, where));
        e.done = false;
        s.log.push_back(std::move(e));
        return false;
    }
    auto e = entry(s, std::move(d), "move",
                   fmt::format("{} {} to {}", mission::unit_kind_names[int(u.kind)], k, where));
    const bool denied = s.today()
                            .stream(std::uint32_t(k), core::Purpose::MissionOrder)
                            .bernoulli(mission::denial_chance(s.mission, s.forces, s.sc));
    e.done = !denied;
    if (denied) e.what += " (denied by the host)";
    s.log.push_back(std::move(e));
    if (denied) {
        ++s.mission.today.denials;
        return false;
    }
    u.dest_x = x, u.dest_y = y;
    if (u.orders < 0) u.orders = 0;  // under direct orders: headquarters leaves it be
    // A quick-reaction force ordered somewhere stands by there: it is its new hub, where it
    // returns between tasks and from where it answers the next attack.
    if (u.kind == mission::UnitKind::QuickReaction) u.hub_x = x, u.hub_y = y;
    return true;
}

void set_posture(Simulation::State& s, std::size_t k, int posture, const std::string& role) {
    if (k >= s.mission.units.size()) return;
    posture = std::clamp(posture, -1, 1);
    s.mission.units[k].orders = std::int8_t(posture);
    const char* name = scenario::order_postures[posture + 1];
    auto d = order(k, role);
    d.posture = name;
    s.log.push_back(entry(
        s, std::move(d), "posture",
        fmt::format("{} {}: {}", mission::unit_kind_names[int(s.mission.units[k].kind)], k, name)));
}

// Where the timeline names a place, the map has it: checked once, when the run starts.
void check_places(const Simulation::State& s) {
    std::vector<scenario::Diagnostic> errors;
    auto names = [&] {
        std::string list;
        for (std::size_t i = 0; i < std::min<std::size_t>(8, s.map.settlements.size()); ++i)
            list += (i ? ", " : "") + s.map.settlements[i].name;
        return list;
    };
    // An order to a unit the mission does not have, unless a lever changed before it may
    // have brought more.
    bool mission_changed = false;
    for (std::size_t i = 0; i < s.sc.decisions.size(); ++i) {
        const auto& d = s.sc.decisions[i];
        const std::string option = scenario::decision_option(d);
        if (!d.move_to.empty() && !place(s, d.move_to))
            errors.push_back({option, 0, 0, fmt::format("decisions.{}.move_to", i),
                              fmt::format("no settlement is called \"{}\" on this map (it has "
                                          "{}, ...), and it is not X,Y",
                                          d.move_to, names())});
        if (d.unit >= 0 && std::size_t(d.unit) >= s.mission.units.size() && !mission_changed)
            errors.push_back({option, 0, 0, fmt::format("decisions.{}.unit", i),
                              units_problem(s.mission.units.size(), d.unit)});
        mission_changed = mission_changed || d.set.rfind("mission.", 0) == 0;
    }
    for (std::size_t i = 0; i < s.sc.injects.size(); ++i) {
        const auto& in = s.sc.injects[i];
        if (in.event == scenario::InjectKind::CommunalIncident && !in.args.empty() &&
            !scenario::parse_integer(in.args) && !place(s, in.args))
            errors.push_back({fmt::format("injects.{} (day {}, communal_incident)", i, in.day), 0,
                              0, fmt::format("injects.{}.args", i),
                              fmt::format("no settlement is called \"{}\" on this map (it has "
                                          "{}, ...)",
                                          in.args, names())});
    }
    if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
}

}  // namespace

void check_timeline(const Simulation::State& s) { check_places(s); }

std::uint32_t settlement_arg(const Simulation::State& s, const std::string& args) {
    if (auto i = scenario::parse_integer(args)) return std::uint32_t(*i);
    for (std::size_t i = 0; i < s.map.settlements.size(); ++i)
        if (s.map.settlements[i].name == args) return std::uint32_t(i);
    return world::detail::none32;
}

void apply_decisions(Simulation::State& s) {
    auto& ds = s.sc.decisions;
    while (s.next_decision < ds.size() && ds[s.next_decision].day <= s.day) {
        const scenario::Decision d = ds[s.next_decision++];
        if (d.day < s.day) continue;
        auto where = [&](const char* field) {
            return fmt::format("decisions.{}.{}", s.next_decision - 1, field);
        };
        if (!d.set.empty()) {
            set_lever(s, scenario::parse_override(d.set), d.role);
        } else if (std::size_t(d.unit) >= s.mission.units.size()) {
            throw scenario::ScenarioError(
                {{scenario::decision_option(d), 0, 0, where("unit"),
                  fmt::format("day {}: {}", d.day,
                              units_problem(s.mission.units.size(), d.unit))}});
        } else if (!d.posture.empty()) {
            const auto* p = std::find_if(std::begin(scenario::order_postures),
                                         std::end(scenario::order_postures),
                                         [&](const char* n) { return d.posture == n; });
            set_posture(s, std::size_t(d.unit), int(p - std::begin(scenario::order_postures)) - 1,
                        d.role);
        } else {
            const auto cell = place(s, d.move_to);
            move_unit(s, std::size_t(d.unit), cell->first, cell->second, d.move_to, d.role);
        }
    }
}

void Simulation::adjust(const std::vector<scenario::Override>& overrides) {
    // All or nothing: the changes are tried in turn on a copy before the run sees any.
    std::vector<scenario::Diagnostic> errors;
    for (const auto& o : overrides)
        if (auto problem = scenario::live_lever_problem(o.key))
            errors.push_back({"--set " + o.key + "=" + o.value, 0, 0, o.key, *problem});
    if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
    scenario::Scenario trial = scenario::without_timeline(s_->sc);
    for (const auto& o : overrides)
        trial = scenario::load_text(scenario::to_toml(trial), "<running scenario>", {o});
    for (const auto& o : overrides) set_lever(*s_, o, s_->role);
}

bool Simulation::order_move(std::size_t k, int x, int y) {
    return move_unit(*s_, k, x, y, fmt::format("{},{}", x, y), s_->role);
}

void Simulation::order_posture(std::size_t k, int posture) {
    set_posture(*s_, k, posture, s_->role);
}

void Simulation::set_role(std::string role) { s_->role = std::move(role); }

const std::vector<LoggedDecision>& Simulation::decision_log() const noexcept { return s_->log; }

std::optional<std::uint32_t> Simulation::find_settlement(std::string_view name) const {
    for (std::size_t i = 0; i < s_->map.settlements.size(); ++i)
        if (s_->map.settlements[i].name == name) return std::uint32_t(i);
    return std::nullopt;
}

scenario::Scenario Simulation::replay_scenario() const {
    scenario::Scenario r = s_->start;
    r.injects = s_->sc.injects;
    r.decisions.clear();
    // Every decision taken, scheduled or live, in the order it took effect; those scheduled
    // for days not reached yet follow.
    for (const auto& e : s_->log)
        if (e.decision) r.decisions.push_back(*e.decision);
    for (std::size_t i = s_->next_decision; i < s_->sc.decisions.size(); ++i)
        r.decisions.push_back(s_->sc.decisions[i]);
    return r;
}

void Simulation::schedule(scenario::Decision d) {
    auto fail = [&](std::string message) {
        throw scenario::ScenarioError(
            {{scenario::decision_option(d), 0, 0, d.set.empty() ? "" : d.set, std::move(message)}});
    };
    if (d.day < s_->day)
        fail(fmt::format("day {} has passed: the run is at day {}", d.day, s_->day));
    if (auto problem = scenario::decision_problem(s_->sc, d)) fail(*problem);
    if (!d.move_to.empty() && !place(*s_, d.move_to))
        fail(fmt::format("no settlement is called \"{}\" on this map", d.move_to));
    auto& v = s_->sc.decisions;
    auto at =
        std::upper_bound(v.begin() + std::ptrdiff_t(s_->next_decision), v.end(), d.day,
                         [](std::int64_t day, const scenario::Decision& x) { return day < x.day; });
    v.insert(at, std::move(d));
}

void Simulation::fire(scenario::InjectKind event, std::string args) {
    schedule(scenario::Inject{s_->day, event, std::move(args)});
}

bool Simulation::cancel(std::size_t k) {
    auto& v = s_->sc.injects;
    if (k >= v.size() || k < s_->next_inject || v[k].day < s_->day) return false;
    s_->log.push_back(entry(
        *s_, s_->role, "cancel",
        fmt::format("cancel {} on day {}", scenario::inject_names[int(v[k].event)], v[k].day), ""));
    v.erase(v.begin() + std::ptrdiff_t(k));
    return true;
}

void Simulation::schedule(scenario::Inject in) {
    if (in.day < s_->day) throw std::invalid_argument("an event cannot be scheduled in the past");
    if (auto problem = scenario::inject_problem(s_->sc, in)) throw std::invalid_argument(*problem);
    if (in.event == scenario::InjectKind::CommunalIncident && !in.args.empty() &&
        settlement_arg(*s_, in.args) == world::detail::none32)
        throw std::invalid_argument(fmt::format("no settlement is called \"{}\"", in.args));
    const char* name = scenario::inject_names[int(in.event)];
    s_->log.push_back(entry(
        *s_, s_->role, "inject",
        in.args.empty() ? fmt::format("{} on day {}", name, in.day)
                        : fmt::format("{} ({}) on day {}", name, in.args, in.day),
        fmt::format("--inject {}:{}{}{}", in.day, name, in.args.empty() ? "" : ":", in.args)));
    // Insert after every inject already due that day, so the order stays by day.
    auto& v = s_->sc.injects;
    auto at = std::upper_bound(v.begin() + std::ptrdiff_t(s_->next_inject), v.end(), in.day,
                               [](std::int64_t d, const scenario::Inject& x) { return d < x.day; });
    v.insert(at, std::move(in));
}

}  // namespace peacesim::engine
