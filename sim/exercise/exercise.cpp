// Reading exercise files (docs/training.md). Like the scenario loader, it collects every problem
// with its place in the file before giving up; the scenario beneath is loaded with the
// exercise's overrides, and every event and decision is checked against it.
#include "peacesim/exercise/exercise.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace peacesim::exercise {

namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;
namespace fs = std::filesystem;

constexpr std::size_t max_exercise_bytes = 16u << 20;

class Reader {
  public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    void error(const toml::source_region& at, std::string key, std::string message) {
        diags_.push_back(
            {file_, int(at.begin.line), int(at.begin.column), std::move(key), std::move(message)});
    }
    bool failed() const { return !diags_.empty(); }
    std::vector<Diagnostic>& diagnostics() { return diags_; }

    void only(const toml::table& t, const std::string& prefix,
              std::initializer_list<std::string_view> known) {
        for (const auto& [k, node] : t) {
            if (std::find(known.begin(), known.end(), k.str()) != known.end()) continue;
            std::string list;
            for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
            error(k.source(), prefix + std::string(k.str()),
                  fmt::format("unknown key; expected one of {}", list));
        }
    }

    std::string text(const toml::table& t, std::string_view k, const std::string& key,
                     bool required = false) {
        const auto* n = t.get(k);
        if (!n) {
            if (required) error(t.source(), key, "missing");
            return {};
        }
        if (auto v = n->value_exact<std::string>()) return *v;
        if (auto v = n->value_exact<std::int64_t>(); v && k == "serial")  // serial = 3
            return std::to_string(*v);
        error(n->source(), key, "expected a string");
        return {};
    }
    std::optional<std::int64_t> integer(const toml::table& t, std::string_view k,
                                        const std::string& key, std::int64_t lo, std::int64_t hi) {
        const auto* n = t.get(k);
        if (!n) return std::nullopt;
        auto v = n->value_exact<std::int64_t>();
        if (!v || *v < lo || *v > hi) {
            error(n->source(), key, fmt::format("expected a whole number from {} to {}", lo, hi));
            return std::nullopt;
        }
        return v;
    }
    std::optional<bool> flag(const toml::table& t, std::string_view k, const std::string& key) {
        const auto* n = t.get(k);
        if (!n) return std::nullopt;
        if (auto v = n->value_exact<bool>()) return *v;
        error(n->source(), key, "expected true or false");
        return std::nullopt;
    }
    std::vector<std::pair<std::string, toml::source_region>> strings(const toml::table& t,
                                                                     std::string_view k,
                                                                     const std::string& key) {
        std::vector<std::pair<std::string, toml::source_region>> out;
        const auto* n = t.get(k);
        if (!n) return out;
        const auto* arr = n->as_array();
        if (!arr) {
            error(n->source(), key, "expected an array of strings");
            return out;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            if (auto v = (*arr)[i].value_exact<std::string>())
                out.emplace_back(*v, (*arr)[i].source());
            else
                error((*arr)[i].source(), fmt::format("{}.{}", key, i), "expected a string");
        }
        return out;
    }
    template <class F>
    void tables(const toml::table& root, std::string_view k, F f) {
        const auto* n = root.get(k);
        if (!n) return;
        const auto* arr = n->as_array();
        if (!arr) {
            error(n->source(), std::string(k), fmt::format("expected [[{}]] tables", k));
            return;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            const std::string key = fmt::format("{}.{}", k, i);
            if (const auto* t = (*arr)[i].as_table())
                f(*t, key);
            else
                error((*arr)[i].source(), key, fmt::format("expected a [[{}]] table", k));
        }
    }

  private:
    std::string file_;
    std::vector<Diagnostic> diags_;
};

// A lever pattern names a live key or a live section ("mission.*").
std::optional<std::string> pattern_problem(const std::string& p) {
    const bool section = p.size() > 2 && p.compare(p.size() - 2, 2, ".*") == 0;
    const std::string key = section ? p.substr(0, p.size() - 1) + "x" : p;
    if (auto problem = scenario::live_lever_problem(key)) return problem;
    if (section) return std::nullopt;
    for (const auto& param : scenario::parameters())
        if (param.key == p) return std::nullopt;
    return fmt::format("{} is not a key of the scenario (peacesim params lists them)", p);
}

Role default_role(const std::string& id) {
    Role r;
    r.id = id;
    if (id == "control") {
        r.name = "Exercise control";
        r.levers = {"mission.*",  "mobility.*",    "population.*",
                    "conflict.*", "communities.*", "politics.*"};
        r.orders = true, r.injects = true;
    } else {
        r.name = "Mission headquarters staff";
        r.levers = {"mission.*", "mobility.*"};
        r.orders = true;
    }
    return r;
}

}  // namespace

bool Role::may_set(const std::string& key) const {
    return std::any_of(levers.begin(), levers.end(), [&](const std::string& p) {
        if (p.size() > 2 && p.compare(p.size() - 2, 2, ".*") == 0)
            return key.compare(0, p.size() - 1, p, 0, p.size() - 1) == 0;
        return key == p;
    });
}

const Role* Exercise::role(const std::string& id) const {
    for (const auto& r : roles)
        if (r.id == id) return &r;
    return nullptr;
}

const Role* Exercise::trainees() const {
    if (const auto* r = role("trainees")) return r;
    for (const auto& r : roles)
        if (!r.injects) return &r;
    return roles.empty() ? nullptr : &roles.front();
}

std::optional<std::string> Exercise::refused(const Role& r, const scenario::Decision& d) const {
    if (!d.set.empty()) {
        const std::string key = d.set.substr(0, d.set.find('='));
        if (!r.may_set(key)) {
            std::string held;
            for (const auto& p : r.levers) held += (held.empty() ? "" : ", ") + p;
            return fmt::format("the {} ({}) do not hold {}; their levers are {}", r.id, r.name, key,
                               held.empty() ? "none" : held);
        }
        return std::nullopt;
    }
    if (!r.orders)
        return fmt::format("the {} ({}) do not order mission units (orders = false)", r.id, r.name);
    return std::nullopt;
}

Exercise load_exercise(const std::string& path) {
    return load_exercise_text(
        scenario::read_user_file(path, max_exercise_bytes, "an exercise file"), path);
}

Exercise load_exercise_text(std::string_view text, const std::string& path) {
    if (text.size() > max_exercise_bytes)
        throw ScenarioError(
            {{path, 0, 0, "",
              fmt::format("an exercise file of more than {} MB", max_exercise_bytes >> 20)}});
    toml::table root;
    try {
        root = toml::parse(text, std::string_view{path});
    } catch (const toml::parse_error& e) {
        throw ScenarioError({{path, int(e.source().begin.line), int(e.source().begin.column), "",
                              fmt::format("TOML syntax error: {}", e.description())}});
    }
    Reader r(path);
    Exercise ex;
    ex.file = path;
    const fs::path dir = fs::path(path).parent_path();
    auto beside = [&](const std::string& f) {
        return fs::path(f).is_absolute() || dir.empty() ? f : (dir / f).string();
    };
    r.only(root, "", {"exercise", "roles", "events", "decision_points", "decisions"});

    // [exercise] and the scenario beneath.
    const auto* head = root["exercise"].as_table();
    toml::source_region head_at = root.source();
    std::string mel_file;
    toml::source_region mel_at, set_at = root.source();
    std::optional<std::int64_t> seed, days;
    if (!head) {
        r.error(root.source(), "exercise", "missing: expected an [exercise] table with a name");
    } else {
        head_at = head->source();
        r.only(*head, "exercise.",
               {"name", "description", "scenario", "set", "seed", "days", "fog_of_war", "mel_csv"});
        ex.name = r.text(*head, "name", "exercise.name", true);
        ex.description = r.text(*head, "description", "exercise.description");
        ex.scenario_file = r.text(*head, "scenario", "exercise.scenario");
        for (const auto& [s, at] : r.strings(*head, "set", "exercise.set")) {
            try {
                ex.sets.push_back(scenario::parse_override(s));
            } catch (const ScenarioError& e) {
                r.error(at, "exercise.set", e.diagnostics().front().message);
            }
            set_at = at;
        }
        seed = r.integer(*head, "seed", "exercise.seed", 0, 9007199254740991);
        days = r.integer(*head, "days", "exercise.days", 1, 36500);
        if (auto f = r.flag(*head, "fog_of_war", "exercise.fog_of_war")) ex.fog_of_war = *f;
        mel_file = r.text(*head, "mel_csv", "exercise.mel_csv");
        if (const auto* n = head->get("mel_csv")) mel_at = n->source();
    }
    if (r.failed()) throw ScenarioError(scenario::capped(std::move(r.diagnostics())));
    try {
        ex.scenario = ex.scenario_file.empty()
                          ? scenario::load_default(ex.sets)
                          : scenario::load_file(beside(ex.scenario_file), ex.sets);
    } catch (const ScenarioError& e) {
        auto diags = e.diagnostics();
        for (auto& d : diags)
            if (d.file.rfind("--set", 0) == 0)
                d = {path, int(set_at.begin.line), int(set_at.begin.column), "exercise.set",
                     d.str()};
        throw ScenarioError(std::move(diags));
    }
    if (ex.scenario.meta.model != scenario::Model::Conflict)
        r.error(head_at, "exercise.scenario",
                "the scenario runs Epstein's civil-violence model, which has no mission to "
                "exercise");
    ex.seed = std::uint64_t(seed.value_or(ex.scenario.meta.seed));
    ex.days = int(days.value_or(ex.scenario.meta.days));

    // [roles.ID]
    if (const auto* roles = root.get("roles")) {
        if (const auto* t = roles->as_table()) {
            for (const auto& [k, node] : *t) {
                const std::string key = "roles." + std::string(k.str());
                const auto* rt = node.as_table();
                if (!rt) {
                    r.error(node.source(), key, "expected a [roles.ID] table");
                    continue;
                }
                r.only(*rt, key + ".", {"name", "levers", "orders", "injects"});
                Role role;
                role.id = std::string(k.str());
                role.name = r.text(*rt, "name", key + ".name");
                if (role.name.empty()) role.name = role.id;
                for (const auto& [p, at] : r.strings(*rt, "levers", key + ".levers")) {
                    if (auto problem = pattern_problem(p)) r.error(at, key + ".levers", *problem);
                    role.levers.push_back(p);
                }
                role.orders = r.flag(*rt, "orders", key + ".orders").value_or(false);
                role.injects = r.flag(*rt, "injects", key + ".injects").value_or(false);
                ex.roles.push_back(std::move(role));
            }
        } else {
            r.error(roles->source(), "roles", "expected [roles.ID] tables");
        }
    }
    if (!ex.role("trainees") && ex.roles.empty()) ex.roles.push_back(default_role("trainees"));
    if (std::none_of(ex.roles.begin(), ex.roles.end(), [](const Role& x) { return x.injects; }))
        ex.roles.push_back(default_role("control"));

    // [[events]]: the master events list, then any kept as CSV beside the file.
    // The place of a key in a table, or of the table when the key is missing.
    auto where = [](const toml::table& t, std::string_view k) {
        const auto* n = t.get(k);
        return n ? n->source() : t.source();
    };
    // A serial's day and event, checked against the exercise: `t` is its table in the file, or
    // null for one read from CSV (its source names the line).
    auto check_event = [&](MelEvent& e, const std::string& key, const toml::table* t) {
        auto fail = [&](const char* field, std::string message) {
            if (t)
                r.error(where(*t, field), key + "." + field, std::move(message));
            else
                r.diagnostics().push_back({e.source, 0, 0, key + " " + field, std::move(message)});
        };
        if (e.day >= ex.days)
            fail("day", fmt::format("day {} is after the exercise's last day ({} of a {}-day "
                                    "exercise)",
                                    e.day, ex.days - 1, ex.days));
        // The time of day, as the master events list reads it (14:00, 1400, 14h00).
        if (!e.time.empty()) {
            if (auto c = clock_of_day(e.time))
                e.time = *c;
            else
                fail("time", fmt::format("expected a time of day on a 24-hour clock such as "
                                         "\"14:00\", got \"{}\"",
                                         e.time));
        }
        if (e.inject.empty()) return;
        scenario::Scenario probe = scenario::without_timeline(ex.scenario);
        try {
            scenario::add_injects(probe, {fmt::format("{}:{}", e.day, e.inject)});
        } catch (const ScenarioError& err) {
            fail("inject", err.diagnostics().front().message);
        }
    };
    r.tables(root, "events", [&](const toml::table& t, const std::string& key) {
        r.only(t, key + ".",
               {"serial", "day", "time", "from", "to", "message", "expected_action", "inject"});
        MelEvent e;
        e.serial = r.text(t, "serial", key + ".serial");
        if (e.serial.empty()) e.serial = std::to_string(ex.events.size() + 1);
        const auto day = r.integer(t, "day", key + ".day", 0, 36500);
        if (!day && !t.get("day")) r.error(t.source(), key + ".day", "missing");
        e.day = day.value_or(0);
        e.time = r.text(t, "time", key + ".time");
        e.from = r.text(t, "from", key + ".from");
        e.to = r.text(t, "to", key + ".to");
        e.message = r.text(t, "message", key + ".message", true);
        e.expected_action = r.text(t, "expected_action", key + ".expected_action");
        e.inject = r.text(t, "inject", key + ".inject");
        e.source = fmt::format("{}:{}", path, t.source().begin.line);
        check_event(e, key, &t);
        ex.events.push_back(std::move(e));
    });
    if (!mel_file.empty()) {
        try {
            for (auto& e : read_mel_csv(beside(mel_file), ex.scenario.meta.start_date)) {
                check_event(e, "serial " + e.serial, nullptr);
                ex.events.push_back(std::move(e));
            }
        } catch (const ScenarioError& e) {
            for (const auto& d : e.diagnostics()) r.diagnostics().push_back(d);
        }
    }
    std::map<std::string, std::string> serials;
    for (const auto& e : ex.events)
        if (auto [it, fresh] = serials.emplace(e.serial, e.source); !fresh)
            r.diagnostics().push_back({path, 0, 0, "events",
                                       fmt::format("serial {} is given twice ({} and {})", e.serial,
                                                   it->second, e.source)});

    // [[decision_points]]
    r.tables(root, "decision_points", [&](const toml::table& t, const std::string& key) {
        r.only(t, key + ".", {"day", "title", "guidance"});
        DecisionPoint p;
        p.day = r.integer(t, "day", key + ".day", 0, 36500).value_or(0);
        p.title = r.text(t, "title", key + ".title", true);
        p.guidance = r.text(t, "guidance", key + ".guidance");
        ex.decision_points.push_back(std::move(p));
    });

    // [[decisions]]: the trainees' decisions scripted (a rehearsal, or a replay of a log).
    std::vector<scenario::Decision> decisions;
    r.tables(root, "decisions", [&](const toml::table& t, const std::string& key) {
        r.only(t, key + ".", {"day", "set", "unit", "move_to", "posture", "role"});
        scenario::Decision d;
        d.day = r.integer(t, "day", key + ".day", 0, 36500).value_or(0);
        d.set = r.text(t, "set", key + ".set");
        d.unit = r.integer(t, "unit", key + ".unit", -1, 1000000).value_or(-1);
        d.move_to = r.text(t, "move_to", key + ".move_to");
        d.posture = r.text(t, "posture", key + ".posture");
        d.role = r.text(t, "role", key + ".role");
        if (d.role.empty()) d.role = ex.trainees() ? ex.trainees()->id : "trainees";
        if (auto problem = scenario::decision_problem(ex.scenario, d))
            r.error(t.source(), key, *problem);
        else if (const auto* role = ex.role(d.role); !role)
            r.error(t.source(), key + ".role", fmt::format("no role is called {}", d.role));
        else if (auto why = ex.refused(*role, d))
            r.error(t.source(), key, *why);
        if (d.day >= ex.days)
            r.error(t.source(), key + ".day",
                    fmt::format("day {} is after the exercise's last day", d.day));
        decisions.push_back(std::move(d));
    });
    if (r.failed()) throw ScenarioError(scenario::capped(std::move(r.diagnostics())));

    // The timeline: the scenario's own events, the serials' events, the scripted decisions.
    auto& sc = ex.scenario;
    std::vector<std::int64_t> from_event(sc.injects.size(), -1);
    for (std::size_t i = 0; i < ex.events.size(); ++i) {
        if (ex.events[i].inject.empty()) continue;
        scenario::add_injects(sc, {fmt::format("{}:{}", ex.events[i].day, ex.events[i].inject)});
        from_event.push_back(std::int64_t(i));
    }
    std::vector<std::size_t> order(sc.injects.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return sc.injects[a].day < sc.injects[b].day;
    });
    std::vector<scenario::Inject> sorted;
    ex.event_inject.assign(ex.events.size(), -1);
    for (std::size_t k = 0; k < order.size(); ++k) {
        sorted.push_back(sc.injects[order[k]]);
        if (from_event[order[k]] >= 0)
            ex.event_inject[std::size_t(from_event[order[k]])] = std::int64_t(k);
    }
    sc.injects = std::move(sorted);
    for (auto& d : decisions) sc.decisions.push_back(std::move(d));
    return ex;
}

}  // namespace peacesim::exercise
