// Loading a scenario: parsing the TOML, binding each key to the schema with its type and range
// checked, the checks that involve more than one key, and the load_file/load_text/load_default
// entry points. Every problem found becomes a Diagnostic with its place in the file.
#include "peacesim/scenario/load.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "detail/diagnostics.hpp"
#include "detail/overrides.hpp"
#include "schema.hpp"

namespace peacesim::scenario {

using detail::apply_overrides;
using detail::Field;
using detail::Kind;
using detail::range_text;
using detail::Section;
using detail::suggestion;
using detail::Value;

namespace {

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::table:
            return "a table";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::string:
            return fmt::format("the string \"{}\"", *n.value<std::string>());
        case toml::node_type::integer:
            return fmt::format("the integer {}", *n.value<std::int64_t>());
        case toml::node_type::floating_point:
            return fmt::format("the number {}", *n.value<double>());
        case toml::node_type::boolean:
            return *n.value<bool>() ? "true" : "false";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        default:
            return "nothing";
    }
}

std::string expected_text(const Field& f) {
    switch (f.kind) {
        case Kind::Integer:
            return fmt::format("an integer from {}", range_text(f));
        case Kind::Real:
            return fmt::format("a number from {}", range_text(f));
        case Kind::Boolean:
            return "true or false";
        case Kind::String:
            return "a quoted string";
        case Kind::Date:
            return "a date YYYY-MM-DD";
        case Kind::Choice: {
            std::string s = "one of";
            for (std::size_t i = 0; i < f.choices.size(); ++i)
                s += fmt::format("{}\"{}\"", i ? ", " : " ", f.choices[i]);
            return s;
        }
    }
    return "";
}

class Binder {
  public:
    Binder(std::string file, std::map<std::string, std::string> overridden)
        : file_(std::move(file)), overridden_(std::move(overridden)) {}

    void error(const std::string& key, const toml::source_region& at, std::string message) {
        Diagnostic d;
        auto it = overridden_.find(key);
        if (it != overridden_.end()) {
            d.file = "--set " + it->second;
        } else {
            d.file = file_;
            d.line = int(at.begin.line);
            d.column = int(at.begin.column);
        }
        d.key = key;
        d.message = std::move(message);
        // A file of a million unknown keys is reported by its first problems and a count: the
        // messages, and the memory they take, stay bounded.
        if (errors_.size() < max_diagnostics)
            errors_.push_back(std::move(d));
        else
            ++unreported_;
    }
    // A problem found after binding, reported at the place the key was written (or the file).
    void error_at(const std::string& key, std::string message) {
        auto it = positions_.find(key);
        if (it == positions_.end() && !overridden_.count(key) && key.find('.') != std::string::npos)
            message += " (a default: set it in the file)";
        error(key, it == positions_.end() ? toml::source_region{} : it->second, std::move(message));
    }

    void bind(const toml::table& root, Scenario& sc) {
        sc_ = &sc;
        for (auto&& [k, node] : root) {
            const std::string name(k.str());
            const Section* sec = detail::find_section(name);
            if (!sec) {
                std::vector<std::string_view> names;
                for (const auto& s : detail::schema())
                    if (s.name.find('.') == std::string_view::npos) names.push_back(s.name);
                error(name, k.source(),
                      fmt::format("unknown section{}; sections are {}", suggestion(name, names),
                                  list(names)));
                continue;
            }
            positions_[name] = node.source();
            if (!sec->array) {
                if (!node.is_table()) {
                    error(name, node.source(),
                          fmt::format("expected a table [{}], got {}", name, type_name(node)));
                    continue;
                }
                bind_table(*node.as_table(), *sec, sec->table(sc), name);
                continue;
            }
            const toml::array* arr = node.as_array();
            if (!arr || !arr->is_array_of_tables()) {
                if (!(arr && arr->empty())) {
                    error(name, node.source(),
                          fmt::format("expected an array of tables [[{}]], got {}", name,
                                      type_name(node)));
                    continue;
                }
            }
            if (arr->size() < sec->min_items || arr->size() > sec->max_items) {
                error(name, node.source(),
                      fmt::format("expected {} to {} entries [[{}]], got {}", sec->min_items,
                                  sec->max_items, name, arr->size()));
                continue;
            }
            sec->resize(sc, arr->size());
            for (std::size_t i = 0; i < arr->size(); ++i) {
                const std::string prefix = fmt::format("{}.{}", name, i);
                positions_[prefix] = (*arr)[i].source();
                const toml::table& entry = *(*arr)[i].as_table();
                for (const auto key : sec->required)
                    if (!entry.contains(key))
                        error(prefix, entry.source(),
                              fmt::format("this [[{}]] entry has no `{}`; every entry needs {}",
                                          name, key, list(sec->required)));
                bind_table(entry, *sec, sec->item(sc, i), prefix);
            }
        }
    }

    std::vector<Diagnostic>& errors() {
        if (unreported_ > 0) {
            errors_.push_back(
                {file_, 0, 0, "", fmt::format("and {} more problems like these", unreported_)});
            unreported_ = 0;
        }
        return errors_;
    }

  private:
    static std::string list(const std::vector<std::string_view>& names) {
        std::string s;
        for (std::size_t i = 0; i < names.size(); ++i)
            s += fmt::format("{}{}", i ? ", " : "", names[i]);
        return s;
    }

    void bind_table(const toml::table& t, const Section& sec, void* obj,
                    const std::string& prefix) {
        for (auto&& [k, node] : t) {
            const std::string key = prefix + "." + std::string(k.str());
            const Field* f = detail::find_field(sec, k.str());
            const Section* sub = sec.array ? nullptr : detail::find_section(key);
            if (!f && sub) {  // a nested table such as [mission.funding]
                positions_[key] = node.source();
                if (!node.is_table())
                    error(key, node.source(),
                          fmt::format("expected a table [{}], got {}", key, type_name(node)));
                else
                    bind_table(*node.as_table(), *sub, sub->table(*sc_), key);
                continue;
            }
            if (!f) {
                std::vector<std::string_view> names;
                for (const auto& x : sec.fields) names.push_back(x.key);
                error(key, k.source(),
                      fmt::format("unknown key{}; [{}] takes {}", suggestion(k.str(), names),
                                  sec.name, list(names)));
                continue;
            }
            positions_[key] = node.source();
            if (auto v = convert(*f, node, key)) f->set(obj, *v);
        }
    }

    std::optional<Value> convert(const Field& f, const toml::node& n, const std::string& key) {
        auto bad = [&]() -> std::optional<Value> {
            error(key, n.source(),
                  fmt::format("expected {}, got {}", expected_text(f), type_name(n)));
            return std::nullopt;
        };
        auto in_range = [&](double v) { return v >= f.lo && v <= f.hi; };
        switch (f.kind) {
            case Kind::Integer: {
                std::int64_t v;
                if (n.is_integer()) {
                    v = *n.value<std::int64_t>();
                } else if (n.is_floating_point()) {
                    // 1e6 for a million is common and harmless; 2.5 people is not.
                    const double d = *n.value<double>();
                    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9e15)
                        return bad();
                    v = std::int64_t(d);
                } else {
                    return bad();
                }
                if (!in_range(double(v))) return bad();
                return Value{v};
            }
            case Kind::Real: {
                if (!n.is_number()) return bad();
                const double v = *n.value<double>();
                if (!std::isfinite(v) || !in_range(v)) return bad();
                return Value{v};
            }
            case Kind::Boolean:
                if (n.is_string()) {  // on/off read as true/false, as people write switches
                    const auto s = *n.value<std::string>();
                    if (s == "on") return Value{true};
                    if (s == "off") return Value{false};
                }
                if (!n.is_boolean()) return bad();
                return Value{*n.value<bool>()};
            case Kind::String:
                if (!n.is_string()) return bad();
                return Value{*n.value<std::string>()};
            case Kind::Date:
                if (n.is_date()) {
                    const auto d = n.as_date()->get();
                    if (core::Date::valid(d.year, d.month, d.day))
                        return Value{core::Date{d.year, d.month, d.day}};
                } else if (n.is_string()) {
                    if (auto d = core::Date::parse(*n.value<std::string>())) return Value{*d};
                }
                return bad();
            case Kind::Choice: {
                // Switches read true/false as on/off too.
                if (n.is_boolean() &&
                    std::find(f.choices.begin(), f.choices.end(), "on") != f.choices.end()) {
                    const auto want = *n.value<bool>() ? "on" : "off";
                    for (std::size_t i = 0; i < f.choices.size(); ++i)
                        if (f.choices[i] == want) return Value{std::int64_t(i)};
                }
                if (!n.is_string()) return bad();
                const auto s = *n.value<std::string>();
                for (std::size_t i = 0; i < f.choices.size(); ++i)
                    if (f.choices[i] == s) return Value{std::int64_t(i)};
                return bad();
            }
        }
        return bad();
    }

    std::string file_;
    Scenario* sc_ = nullptr;
    std::map<std::string, std::string> overridden_;
    std::map<std::string, toml::source_region> positions_;
    std::vector<Diagnostic> errors_;
    std::size_t unreported_ = 0;
};

// Checks that involve more than one key.
void cross_check(Scenario& sc, Binder& b) {
    const auto& w = sc.world;
    double share = 0;
    for (const auto& g : sc.identity_groups) share += g.share;
    if (std::fabs(share - 1.0) > 0.01)
        b.error_at(
            "identity_groups",
            fmt::format("the identity groups' shares sum to {:.3f}; they must sum to 1", share));
    for (std::size_t i = 0; i < sc.identity_groups.size(); ++i) {
        auto& g = sc.identity_groups[i];
        if (g.name.empty()) g.name = fmt::format("Group {}", i + 1);
        if (g.home_region >= w.regions)
            b.error_at(
                fmt::format("identity_groups.{}.home_region", i),
                fmt::format("expected -1 or a region from 0 to {} (world.regions is {}), got {}",
                            w.regions - 1, w.regions, g.home_region));
    }
    for (std::size_t i = 0; i < sc.armed_groups.size(); ++i) {
        auto& a = sc.armed_groups[i];
        if (a.name.empty()) a.name = fmt::format("Armed group {}", i + 1);
        if (a.identity >= std::int64_t(sc.identity_groups.size()))
            b.error_at(fmt::format("armed_groups.{}.identity", i),
                       fmt::format("expected an identity group index from 0 to {}, got {}",
                                   sc.identity_groups.size() - 1, a.identity));
        if (a.home_region >= w.regions)
            b.error_at(fmt::format("armed_groups.{}.home_region", i),
                       fmt::format("expected a region from 0 to {} (world.regions is {}), got {}",
                                   w.regions - 1, w.regions, a.home_region));
    }
    // Injects, orders and reports name groups: two of one name could not be told apart.
    const auto unique_names = [&](const auto& items, const char* section, const char* what) {
        for (std::size_t i = 0; i < items.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (items[j].name == items[i].name)
                    b.error_at(fmt::format("{}.{}.name", section, i),
                               fmt::format("\"{}\" is already the name of {} {}; each group "
                                           "needs its own",
                                           items[i].name, what, j));
    };
    unique_names(sc.identity_groups, "identity_groups", "identity group");
    unique_names(sc.armed_groups, "armed_groups", "armed group");
    for (std::size_t i = 0; i < sc.injects.size(); ++i)
        if (auto problem = inject_problem(sc, sc.injects[i]))
            b.error_at(fmt::format("injects.{}.args", i), *problem);
    for (std::size_t i = 0; i < sc.decisions.size(); ++i)
        if (auto problem = decision_problem(sc, sc.decisions[i]))
            b.error_at(fmt::format("decisions.{}.{}", i,
                                   !sc.decisions[i].set.empty()       ? "set"
                                   : !sc.decisions[i].move_to.empty() ? "move_to"
                                   : !sc.decisions[i].posture.empty() ? "posture"
                                                                      : "day"),
                       *problem);
    if (w.forest + w.hills + w.swamp + w.water > 0.95)
        b.error_at("world", "forest + hills + swamp + water must leave at least 5% of plain land");
    const std::int64_t settlements = w.towns + w.villages + w.camps;
    if (settlements * 16 > w.width * w.height)
        b.error_at(
            "world.villages",
            fmt::format("{} settlements do not fit on a {}x{} map (at most one per 16 cells)",
                        settlements, w.width, w.height));
    {
        // Each settlement keeps the list of 8-km blocks in its sight: bound the memory it takes.
        const double blocks =
            3.2 * std::pow(sc.population.vision_km / std::max(8.0, w.cell_km) + 1.5, 2.0);
        if (double(settlements) * blocks > 5e7)
            b.error_at(
                "population.vision_km",
                fmt::format("a vision of {} km over {} settlements needs too much memory; use a "
                            "smaller vision or fewer settlements (settlements x (vision_km/8)^2 "
                            "must stay under about 1.5e7)",
                            sc.population.vision_km, settlements));
    }
    if (w.regions > w.towns)
        b.error_at("world.regions", fmt::format("each region needs a town: {} regions but {} towns",
                                                w.regions, w.towns));
    if (w.population < settlements * 2)
        b.error_at("world.population", fmt::format("{} people are too few for {} settlements",
                                                   w.population, settlements));
}

// Checks of the civil-violence model's keys that involve more than one of them.
void epstein_check(const Scenario& sc, Binder& b) {
    const auto& e = sc.epstein;
    if (e.citizen_density + e.cop_density > 1.0)
        b.error_at("epstein.cop_density",
                   fmt::format("citizen_density + cop_density is {:.3f}; at most one agent fits a "
                               "cell, so they must sum to at most 1",
                               e.citizen_density + e.cop_density));
    if (2 * e.vision >= std::min(e.width, e.height))
        b.error_at("epstein.vision",
                   fmt::format("a vision of {} wraps round a {}x{} torus onto itself; it must be "
                               "less than half the smaller side",
                               e.vision, e.width, e.height));
    if (e.width * e.height > 400'000'000)
        b.error_at("epstein.width",
                   fmt::format("a {}x{} torus is more than 4e8 cells", e.width, e.height));
    if (e.legitimacy_drop > e.legitimacy)
        b.error_at("epstein.legitimacy_drop",
                   fmt::format("a drop of {} would take legitimacy {} below 0", e.legitimacy_drop,
                               e.legitimacy));
    if (!sc.injects.empty())
        b.error_at("injects",
                   "the classic civil-violence model takes no injects; use "
                   "epstein.legitimacy_drop for a loss of legitimacy");
    if (!sc.decisions.empty())
        b.error_at("decisions", "the classic civil-violence model has no levers to decide on");
}

Scenario from_table(toml::table& root, const std::string& file,
                    const std::vector<Override>& overrides) {
    std::vector<Diagnostic> errors;
    // The population the file's forces are written for, unless it says: its own population,
    // before --set changes it.
    std::int64_t file_population = WorldParams{}.population;
    if (const auto* w = root["world"].as_table())
        if (auto v = (*w)["population"].value<std::int64_t>()) file_population = *v;
    auto origin = apply_overrides(root, overrides, errors);
    if (!errors.empty()) throw ScenarioError(std::move(errors));
    Scenario sc;
    Binder b(file, std::move(origin));
    b.bind(root, sc);
    if (sc.world.forces_population == 0) sc.world.forces_population = file_population;
    if (b.errors().empty()) {
        if (sc.meta.model == Model::Epstein)
            epstein_check(sc, b);
        else if (root.contains("epstein"))
            b.error_at("epstein",
                       "the [epstein] table configures the classic civil-violence model; set "
                       "scenario.model = \"epstein\" to run it");
        else
            cross_check(sc, b);
    }
    if (!b.errors().empty()) throw ScenarioError(std::move(b.errors()));
    return sc;
}

toml::table parse_or_throw(std::string_view text, const std::string& file) {
    try {
        return toml::parse(text, std::string_view{file});
    } catch (const toml::parse_error& e) {
        throw ScenarioError({{file, int(e.source().begin.line), int(e.source().begin.column), "",
                              fmt::format("TOML syntax error: {}", e.description())}});
    }
}

}  // namespace

Scenario load_text(std::string_view text, std::string_view source_name,
                   const std::vector<Override>& overrides) {
    const std::string file(source_name);
    toml::table root = parse_or_throw(text, file);
    // An empty file would silently run the built-in defaults under another name (with --set
    // values, building on the defaults is what was asked).
    if (root.empty() && overrides.empty())
        throw ScenarioError({{file, 0, 0, "",
                              "the scenario is empty (no tables, no keys); write at least "
                              "[scenario] name = \"...\", or run the built-in default with no "
                              "file"}});
    return from_table(root, file, overrides);
}

std::string read_user_file(const std::string& path, std::size_t max_bytes, std::string_view what) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ScenarioError({{path, 0, 0, "", fmt::format("is a directory, not {}", what)}});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError({{path, 0, 0, "", "cannot open the file (does it exist?)"}});
    // At most a little more than the limit is read (a device such as /dev/zero never ends): a
    // larger file is refused, not loaded.
    std::string text(max_bytes + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    if (in.bad()) throw ScenarioError({{path, 0, 0, "", "cannot read the file"}});
    text.resize(std::size_t(in.gcount()));
    if (text.size() > max_bytes)
        throw ScenarioError(
            {{path, 0, 0, "",
              fmt::format("more than {} MB: too large for {}", max_bytes >> 20, what)}});
    return text;
}

Scenario load_file(const std::string& path, const std::vector<Override>& overrides) {
    return load_text(read_user_file(path, max_scenario_bytes, "a scenario file"), path, overrides);
}

Scenario load_default(const std::vector<Override>& overrides) {
    return load_text(default_scenario_text(), "<default>", overrides);
}

}  // namespace peacesim::scenario
