// Decisions on the timeline (docs/training.md): checking a lever change or an order against the
// scenario, and reading --adjust DAY:KEY=VALUE and --order DAY:UNIT:move=PLACE|posture=MODE.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "peacesim/scenario/load.hpp"

namespace peacesim::scenario {

std::optional<std::string> live_lever_problem(std::string_view key) {
    static constexpr std::string_view live[] = {"mission.",  "mobility.",    "population.",
                                                "conflict.", "communities.", "politics."};
    const bool ok = std::any_of(std::begin(live), std::end(live),
                                [&](std::string_view p) { return key.substr(0, p.size()) == p; });
    if (!ok || key == "politics.initial_stage")
        return fmt::format(
            "{} cannot change during a run; live levers are mission.*, mobility.*, population.*, "
            "conflict.*, communities.* and politics.* (not politics.initial_stage)",
            key);
    return std::nullopt;
}

Scenario without_timeline(const Scenario& sc) {
    Scenario base = sc;
    base.injects.clear();
    base.decisions.clear();
    return base;
}

std::optional<std::pair<int, int>> parse_cell(std::string_view text) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    const auto x = parse_integer(text.substr(0, comma));
    const auto y = parse_integer(text.substr(comma + 1));
    if (!x || !y || *x < 0 || *y < 0 || *x > 1'000'000 || *y > 1'000'000) return std::nullopt;
    return std::pair<int, int>{int(*x), int(*y)};
}

std::optional<std::string> decision_problem(const Scenario& sc, const Decision& d) {
    const int given = !d.set.empty() + !d.move_to.empty() + !d.posture.empty();
    if (given != 1)
        return fmt::format(
            "a decision gives exactly one of set, move_to and posture; this one gives {}", given);
    if (!d.set.empty()) {
        Override o;
        try {
            o = parse_override(d.set);
        } catch (const ScenarioError&) {
            return fmt::format("set takes KEY=VALUE, got \"{}\"", d.set);
        }
        // The key and value first: a key that is no key at all is said as such (with the
        // nearest name), not as one that cannot change during a run.
        try {
            (void)load_text(to_toml(without_timeline(sc)), "<decision>", {o});
        } catch (const ScenarioError& e) {
            return fmt::format("set {}: {}", d.set, e.diagnostics().front().message);
        }
        if (auto problem = live_lever_problem(o.key)) return problem;
        return std::nullopt;
    }
    if (d.unit < 0)
        return fmt::format("{} orders a mission unit: give unit, its index",
                           d.posture.empty() ? "move_to" : "posture");
    if (!d.posture.empty()) {
        if (std::find_if(std::begin(order_postures), std::end(order_postures),
                         [&](const char* p) { return d.posture == p; }) == std::end(order_postures))
            return fmt::format("posture takes headquarters, hold or patrol, got \"{}\"", d.posture);
        return std::nullopt;
    }
    if (const auto cell = parse_cell(d.move_to)) {
        if (cell->first >= sc.world.width || cell->second >= sc.world.height)
            return fmt::format("move_to {} is off the {}x{} map", d.move_to, sc.world.width,
                               sc.world.height);
        return std::nullopt;
    }
    if (std::all_of(d.move_to.begin(), d.move_to.end(),
                    [](unsigned char c) { return std::isdigit(c) || c == ',' || c == '-'; }))
        return fmt::format("move_to takes a settlement's name or X,Y in cells, got \"{}\"",
                           d.move_to);
    return std::nullopt;  // a name: the map checks it when the run starts
}

namespace {
// "DAY:REST" with DAY a whole number of days; the diagnostic names the option and the spec.
std::optional<std::int64_t> split_day(const std::string& spec, std::string& rest) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos) return std::nullopt;
    auto day = parse_integer(spec.substr(0, colon));
    if (!day || *day < 0 || *day > 36500) return std::nullopt;
    rest = spec.substr(colon + 1);
    return day;
}
}  // namespace

void add_decisions(Scenario& sc, const std::vector<std::string>& adjust,
                   const std::vector<std::string>& orders, const std::string& role) {
    std::vector<Diagnostic> errors;
    auto add = [&](const std::string& option, const std::string& spec, const Decision& d) {
        if (auto problem = decision_problem(sc, d))
            errors.push_back({option + " " + spec, 0, 0, d.set.empty() ? "" : d.set, *problem});
        else
            sc.decisions.push_back(d);
    };
    for (const auto& spec : adjust) {
        std::string rest;
        const auto day = split_day(spec, rest);
        if (!day || rest.find('=') == std::string::npos) {
            errors.push_back({"--adjust " + spec, 0, 0, "",
                              "expected DAY:KEY=VALUE with DAY a whole number from 0 to 36500, "
                              "e.g. 100:mission.troops=12000"});
            continue;
        }
        Decision d;
        d.day = *day, d.set = rest, d.role = role;
        add("--adjust", spec, d);
    }
    for (const auto& spec : orders) {
        std::string rest;
        const auto day = split_day(spec, rest);
        const auto colon = rest.find(':');
        const auto unit =
            colon == std::string::npos ? std::nullopt : parse_integer(rest.substr(0, colon));
        const std::string what = colon == std::string::npos ? "" : rest.substr(colon + 1);
        const auto eq = what.find('=');
        const std::string verb = what.substr(0, eq),
                          arg = eq == std::string::npos ? "" : what.substr(eq + 1);
        if (!day || !unit || *unit < 0 || eq == std::string::npos ||
            (verb != "move" && verb != "posture") || arg.empty()) {
            errors.push_back({"--order " + spec, 0, 0, "",
                              "expected DAY:UNIT:move=PLACE or DAY:UNIT:posture=MODE, e.g. "
                              "120:4:move=Bria or 130:4:posture=hold"});
            continue;
        }
        Decision d;
        d.day = *day, d.unit = *unit, d.role = role;
        (verb == "move" ? d.move_to : d.posture) = arg;
        add("--order", spec, d);
    }
    if (!errors.empty()) throw ScenarioError(std::move(errors));
}

std::string decision_option(const Decision& d) {
    if (!d.set.empty()) return fmt::format("--adjust {}:{}", d.day, d.set);
    if (!d.move_to.empty()) return fmt::format("--order {}:{}:move={}", d.day, d.unit, d.move_to);
    return fmt::format("--order {}:{}:posture={}", d.day, d.unit, d.posture);
}

}  // namespace peacesim::scenario
