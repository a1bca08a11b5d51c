#include "peacesim/scenario/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "schema.hpp"

namespace peacesim::scenario {

using detail::Field;
using detail::Kind;
using detail::Section;
using detail::Value;

std::string Diagnostic::str() const {
    std::string where = file;
    if (line > 0) where += fmt::format(":{}:{}", line, column);
    if (key.empty()) return fmt::format("{}: {}", where, message);
    return fmt::format("{}: {}: {}", where, key, message);
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& d) {
    std::string s;
    for (const auto& x : d) s += (s.empty() ? "" : "\n") + x.str();
    return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

Override parse_override(std::string_view text) {
    const auto eq = text.find('=');
    std::string key(text.substr(0, eq));
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' '; }), key.end());
    if (eq == std::string_view::npos || key.empty())
        throw ScenarioError({{"--set", 0, 0, std::string(text),
                              "expected KEY=VALUE with a dotted key, e.g. world.population=200000"}});
    return {key, std::string(text.substr(eq + 1))};
}

namespace {

// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

template <class Names>
std::string suggestion(std::string_view key, const Names& names) {
    std::string best;
    std::size_t best_d = 3;  // only close misspellings
    for (std::string_view n : names) {
        const auto d = n.substr(0, key.size()) == key ? 1 : edit_distance(key, n);
        if (d < best_d) best_d = d, best = std::string(n);
    }
    return best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
}

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return fmt::format("the string \"{}\"", *n.value<std::string>());
        case toml::node_type::integer: return fmt::format("the integer {}", *n.value<std::int64_t>());
        case toml::node_type::floating_point: return fmt::format("the number {}", *n.value<double>());
        case toml::node_type::boolean: return *n.value<bool>() ? "true" : "false";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

std::string range_text(const Field& f) {
    auto num = [&](double v) {
        return f.kind == Kind::Integer ? fmt::format("{}", std::int64_t(v)) : fmt::format("{}", v);
    };
    return fmt::format("{} to {}", num(f.lo), num(f.hi));
}

std::string expected_text(const Field& f) {
    switch (f.kind) {
        case Kind::Integer: return fmt::format("an integer from {}", range_text(f));
        case Kind::Real: return fmt::format("a number from {}", range_text(f));
        case Kind::Boolean: return "true or false";
        case Kind::String: return "a quoted string";
        case Kind::Date: return "a date YYYY-MM-DD";
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
        errors_.push_back(std::move(d));
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
                bind_table(*(*arr)[i].as_table(), *sec, sec->item(sc, i), prefix);
            }
        }
    }

    std::vector<Diagnostic>& errors() { return errors_; }

private:
    static std::string list(const std::vector<std::string_view>& names) {
        std::string s;
        for (std::size_t i = 0; i < names.size(); ++i) s += fmt::format("{}{}", i ? ", " : "", names[i]);
        return s;
    }

    void bind_table(const toml::table& t, const Section& sec, void* obj, const std::string& prefix) {
        for (auto&& [k, node] : t) {
            const std::string key = prefix + "." + std::string(k.str());
            const Field* f = detail::find_field(sec, k.str());
            const Section* sub = sec.array ? nullptr : detail::find_section(key);
            if (!f && sub) {  // a nested table such as [mission.funding]
                positions_[key] = node.source();
                if (!node.is_table())
                    error(key, node.source(), fmt::format("expected a table [{}], got {}", key, type_name(node)));
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
            error(key, n.source(), fmt::format("expected {}, got {}", expected_text(f), type_name(n)));
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
                    if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9e15) return bad();
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
                if (n.is_boolean() && std::find(f.choices.begin(), f.choices.end(), "on") != f.choices.end()) {
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
};

}  // namespace

std::optional<std::int64_t> parse_integer(std::string_view s) noexcept {
    std::int64_t v = 0;
    if (s.empty()) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> parse_number(std::string_view s) noexcept {
    double v = 0;
    if (s.empty()) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<std::size_t> find_group(const Scenario& sc, std::string_view name_or_index) {
    const std::string s(name_or_index);
    if (!s.empty() && std::all_of(s.begin(), s.end(), ::isdigit)) {
        const auto i = parse_integer(s);
        if (i && *i >= 0 && std::size_t(*i) < sc.armed_groups.size()) return std::size_t(*i);
        return std::nullopt;
    }
    for (std::size_t i = 0; i < sc.armed_groups.size(); ++i)
        if (sc.armed_groups[i].name == s) return i;
    return std::nullopt;
}

std::optional<std::string> inject_problem(const Scenario& sc, const Inject& in) {
    const std::string& a = in.args;
    const std::string name = inject_names[int(in.event)];
    auto group_list = [&] {
        return fmt::format("an armed group index from 0 to {} or its name",
                           sc.armed_groups.empty() ? 0 : sc.armed_groups.size() - 1);
    };
    switch (in.event) {
        case InjectKind::RainySeason:
        case InjectKind::Drought: {
            if (a.empty()) return std::nullopt;
            auto v = parse_integer(a);
            if (!v || *v < 1 || *v > 3650)
                return fmt::format("{} takes a duration in days from 1 to 3650, got \"{}\"", name, a);
            return std::nullopt;
        }
        case InjectKind::DrySeason:
        case InjectKind::Coup:
        case InjectKind::Elections:
            if (!a.empty()) return fmt::format("{} takes no arguments, got \"{}\"", name, a);
            return std::nullopt;
        case InjectKind::FundingCut:
        case InjectKind::ConsentWithdrawn:
        case InjectKind::MediationSurge:
        case InjectKind::CouncilDivided: {
            if (a.empty()) return std::nullopt;
            auto v = parse_number(a);
            if (!v || *v < 0 || *v > 1) return fmt::format("{} takes a level from 0 to 1, got \"{}\"", name, a);
            return std::nullopt;
        }
        case InjectKind::Offensive:
        case InjectKind::Splinter:
            if (sc.armed_groups.empty()) return fmt::format("{} needs an armed group; the scenario has none", name);
            if (!find_group(sc, a)) return fmt::format("{} takes {}, got \"{}\"", name, group_list(), a);
            return std::nullopt;
        case InjectKind::Reinforcements: {
            if (sc.armed_groups.empty()) return fmt::format("{} needs an armed group; the scenario has none", name);
            const auto comma = a.find(',');
            if (!find_group(sc, a.substr(0, comma)))
                return fmt::format("{} takes GROUP[,FIGHTERS] with GROUP {}, got \"{}\"", name, group_list(), a);
            if (comma != std::string::npos) {
                auto v = parse_integer(a.substr(comma + 1));
                if (!v || *v < 1 || *v > 1000000)
                    return fmt::format("{} takes FIGHTERS from 1 to 1000000, got \"{}\"", name, a.substr(comma + 1));
            }
            return std::nullopt;
        }
        case InjectKind::RegionalForceArrives:
        case InjectKind::ContingentWithdrawn: {
            if (a.empty()) return std::nullopt;
            auto v = parse_integer(a);
            if (!v || *v < 1 || *v > 10000)
                return fmt::format("{} takes a number of companies from 1 to 10000, got \"{}\"", name, a);
            return std::nullopt;
        }
        case InjectKind::CommunalIncident: {
            if (a.empty()) return std::nullopt;
            const auto n = sc.world.towns + sc.world.villages + sc.world.camps;
            auto v = parse_integer(a);
            if (!v || *v < 0 || *v >= n)
                return fmt::format("{} takes a settlement index from 0 to {}, got \"{}\"", name, n - 1, a);
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void add_injects(Scenario& sc, const std::vector<std::string>& specs) {
    std::vector<Diagnostic> errors;
    for (const auto& spec : specs) {
        // DAY:EVENT[:ARGS]
        const auto c1 = spec.find(':');
        const std::string day = spec.substr(0, c1);
        const std::string rest = c1 == std::string::npos ? "" : spec.substr(c1 + 1);
        const auto c2 = rest.find(':');
        const std::string event = rest.substr(0, c2);
        const std::string args = c2 == std::string::npos ? "" : rest.substr(c2 + 1);
        Diagnostic d{"--inject " + spec, 0, 0, "", ""};
        auto dv = parse_integer(day);
        if (c1 == std::string::npos || !dv || *dv < 0 || *dv > 36500) {
            d.message = "expected DAY:EVENT[:ARGS] with DAY a whole number from 0 to 36500, e.g. 100:coup";
            errors.push_back(d);
            continue;
        }
        Inject in;
        in.day = std::int64_t(*dv);
        in.args = args;
        bool known = false;
        std::vector<std::string_view> names;
        for (std::size_t k = 0; k < std::size(inject_names); ++k) {
            names.push_back(inject_names[k]);
            if (event == inject_names[k]) in.event = InjectKind(k), known = true;
        }
        if (!known) {
            std::string all;
            for (auto n : names) all += (all.empty() ? "" : ", ") + std::string(n);
            d.message = fmt::format("unknown event \"{}\"{}; events are {}", event, suggestion(event, names), all);
            errors.push_back(d);
            continue;
        }
        if (auto problem = inject_problem(sc, in)) {
            d.message = *problem;
            errors.push_back(d);
            continue;
        }
        sc.injects.push_back(in);
    }
    if (!errors.empty()) throw ScenarioError(std::move(errors));
}

namespace {

// Checks that involve more than one key.
void cross_check(Scenario& sc, Binder& b) {
    const auto& w = sc.world;
    double share = 0;
    for (const auto& g : sc.identity_groups) share += g.share;
    if (std::fabs(share - 1.0) > 0.01)
        b.error_at("identity_groups",
                   fmt::format("the identity groups' shares sum to {:.3f}; they must sum to 1", share));
    for (std::size_t i = 0; i < sc.identity_groups.size(); ++i) {
        auto& g = sc.identity_groups[i];
        if (g.name.empty()) g.name = fmt::format("Group {}", i + 1);
        if (g.home_region >= w.regions)
            b.error_at(fmt::format("identity_groups.{}.home_region", i),
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
    for (std::size_t i = 0; i < sc.injects.size(); ++i)
        if (auto problem = inject_problem(sc, sc.injects[i]))
            b.error_at(fmt::format("injects.{}.args", i), *problem);
    if (w.forest + w.hills + w.swamp + w.water > 0.95)
        b.error_at("world", "forest + hills + swamp + water must leave at least 5% of plain land");
    const std::int64_t settlements = w.towns + w.villages + w.camps;
    if (settlements * 16 > w.width * w.height)
        b.error_at("world.villages",
                   fmt::format("{} settlements do not fit on a {}x{} map (at most one per 16 cells)",
                               settlements, w.width, w.height));
    {
        // Each settlement keeps the list of 8-km blocks in its sight: bound the memory it takes.
        const double blocks = 3.2 * std::pow(sc.population.vision_km / std::max(8.0, w.cell_km) + 1.5, 2.0);
        if (double(settlements) * blocks > 5e7)
            b.error_at("population.vision_km",
                       fmt::format("a vision of {} km over {} settlements needs too much memory; use a "
                                   "smaller vision or fewer settlements (settlements x (vision_km/8)^2 "
                                   "must stay under about 1.5e7)",
                                   sc.population.vision_km, settlements));
    }
    if (w.regions > w.towns)
        b.error_at("world.regions",
                   fmt::format("each region needs a town: {} regions but {} towns", w.regions, w.towns));
    if (w.population < settlements * 2)
        b.error_at("world.population",
                   fmt::format("{} people are too few for {} settlements", w.population, settlements));
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + std::size_t(n) > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + std::size_t(k)]) >> 6) != 0x2) return false;
        i += std::size_t(n);
    }
    return true;
}

// Puts each --set into the parsed document, creating tables as needed. The binder then checks
// the result exactly as if the user had written it in the file.
std::map<std::string, std::string> apply_overrides(toml::table& root,
                                                   const std::vector<Override>& overrides,
                                                   std::vector<Diagnostic>& errors) {
    std::map<std::string, std::string> origin;
    for (const auto& o : overrides) {
        const std::string shown = o.key + "=" + o.value;
        std::vector<std::string> parts;
        std::stringstream ss(o.key);
        for (std::string p; std::getline(ss, p, '.');) parts.push_back(p);
        if (parts.size() < 2 || std::any_of(parts.begin(), parts.end(), [](auto& p) { return p.empty(); })) {
            errors.push_back({"--set " + shown, 0, 0, o.key,
                              "expected a dotted key such as world.population"});
            continue;
        }
        // The longest leading run of parts that names a section: "mission.funding" before "mission".
        const Section* sec = nullptr;
        std::size_t depth = 0;
        for (std::size_t k = parts.size() - 1; k >= 1 && !sec; --k) {
            std::string name = parts[0];
            for (std::size_t j = 1; j < k; ++j) name += "." + parts[j];
            if ((sec = detail::find_section(name))) depth = k;
        }
        if (!sec) {
            errors.push_back({"--set " + shown, 0, 0, o.key, fmt::format("unknown section '{}'", parts[0])});
            continue;
        }
        toml::table* target = nullptr;
        if (!sec->array) {
            if (parts.size() != depth + 1) {
                errors.push_back({"--set " + shown, 0, 0, o.key,
                                  fmt::format("[{}] has no table '{}'", sec->name, parts[depth])});
                continue;
            }
            target = &root;
            for (std::size_t j = 0; j < depth && target; ++j) {
                if (!target->contains(parts[j])) target->insert(parts[j], toml::table{});
                target = (*target)[parts[j]].as_table();
            }
            if (!target) {
                errors.push_back({"--set " + shown, 0, 0, o.key, fmt::format("'{}' is not a table", sec->name)});
                continue;
            }
        } else {
            std::size_t index = 0;
            if (!root.contains(parts[0])) {
                // The file keeps the default entries: write them out so they can be overridden.
                Scenario defaults;
                std::string text;
                for (std::size_t i = 0; i < sec->size(defaults); ++i) {
                    text += fmt::format("[[{}]]\n", sec->name);
                    for (const auto& f : sec->fields)
                        text += fmt::format("{} = {}\n", f.key, f.show(sec->item(defaults, i)));
                }
                toml::table t = toml::parse(text, std::string_view{"<defaults>"});
                if (auto* a = t.get(parts[0])) a->visit([&](auto&& node) { root.insert(parts[0], std::move(node)); });
            }
            auto* arr = root[parts[0]].as_array();
            const std::size_t n = arr ? arr->size() : 0;
            const auto parsed = parts.size() == 3 ? parse_integer(parts[1]) : std::nullopt;
            const bool numeric = parsed && *parsed >= 0;
            if (numeric) index = std::size_t(*parsed);
            if (!numeric || index >= n || !(*arr)[index].is_table()) {
                errors.push_back({"--set " + shown, 0, 0, o.key,
                                  fmt::format("expected {}.INDEX.KEY with INDEX from 0 to {} "
                                              "(entries in the scenario)",
                                              parts[0], n == 0 ? 0 : n - 1)});
                continue;
            }
            target = (*arr)[index].as_table();
        }
        // The value is read as TOML, so numbers, booleans, dates and quoted strings keep their
        // type; a bare word (robust_poc) is a string.
        try {
            toml::table v = toml::parse("v = " + o.value, std::string_view{"--set"});
            v.get("v")->visit([&](auto&& node) { target->insert_or_assign(parts.back(), std::move(node)); });
        } catch (const toml::parse_error&) {
            if (!valid_utf8(o.value)) {
                errors.push_back({"--set " + shown, 0, 0, o.key, "the value is not valid UTF-8 text"});
                continue;
            }
            target->insert_or_assign(parts.back(), o.value);
        }
        origin[o.key] = shown;
    }
    return origin;
}

Scenario from_table(toml::table& root, const std::string& file, const std::vector<Override>& overrides) {
    std::vector<Diagnostic> errors;
    auto origin = apply_overrides(root, overrides, errors);
    if (!errors.empty()) throw ScenarioError(std::move(errors));
    Scenario sc;
    Binder b(file, std::move(origin));
    b.bind(root, sc);
    if (b.errors().empty()) cross_check(sc, b);
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
    return from_table(root, file, overrides);
}

Scenario load_file(const std::string& path, const std::vector<Override>& overrides) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw ScenarioError({{path, 0, 0, "", "is a directory, not a scenario file"}});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ScenarioError({{path, 0, 0, "", "cannot open the file (does it exist?)"}});
    std::stringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw ScenarioError({{path, 0, 0, "", "cannot read the file"}});
    return load_text(buf.str(), path, overrides);
}

Scenario load_default(const std::vector<Override>& overrides) {
    return load_text(default_scenario_text(), "<default>", overrides);
}

std::vector<ParamInfo> parameters() {
    std::vector<ParamInfo> out;
    Scenario sc = load_default();
    for (const auto& sec : detail::schema()) {
        Scenario fresh;
        const void* obj = nullptr;
        std::string prefix(sec.name);
        if (sec.array) {
            fresh.identity_groups.assign(1, {});
            fresh.armed_groups.assign(1, {});
            fresh.injects.assign(1, {});
            obj = sec.item(fresh, 0);
            prefix += "[]";
        } else {
            obj = sec.table(sc);
        }
        for (const auto& f : sec.fields) {
            ParamInfo p;
            p.key = prefix + "." + std::string(f.key);
            switch (f.kind) {
                case Kind::Integer: p.type = "integer"; p.range = range_text(f); break;
                case Kind::Real: p.type = "real"; p.range = range_text(f); break;
                case Kind::Boolean: p.type = "boolean"; break;
                case Kind::String: p.type = "string"; break;
                case Kind::Date: p.type = "date"; break;
                case Kind::Choice:
                    for (auto c : f.choices) p.type += (p.type.empty() ? "" : "|") + std::string(c);
                    break;
            }
            p.value = f.show(obj);
            p.doc = std::string(f.doc);
            out.push_back(std::move(p));
        }
    }
    return out;
}

std::string to_toml(const Scenario& sc_in) {
    Scenario sc = sc_in;  // the schema's accessors take a mutable scenario
    std::string out;
    for (const auto& sec : detail::schema()) {
        if (sec.array) {
            for (std::size_t i = 0; i < sec.size(sc); ++i) {
                out += fmt::format("\n[[{}]]\n", sec.name);
                for (const auto& f : sec.fields) out += fmt::format("{} = {}\n", f.key, f.show(sec.item(sc, i)));
            }
            continue;
        }
        out += fmt::format("\n[{}]\n", sec.name);
        for (const auto& f : sec.fields) out += fmt::format("{} = {}\n", f.key, f.show(sec.table(sc)));
    }
    return out;
}

std::string parameters_markdown() {
    std::string out =
        "# Scenario parameters\n\n"
        "Every key a scenario file or `--set` accepts, with its default in the built-in scenario.\n"
        "Generated by `peacesim params --markdown`; the test suite checks that this file is current.\n"
        "Keys of array sections (`[[identity_groups]]`, `[[armed_groups]]`) are set per entry; with "
        "`--set` by index, e.g. `armed_groups.0.fighters=900`. The mechanisms behind them are in "
        "model.md.\n\n"
        "| key | type | default | range | meaning |\n|---|---|---|---|---|\n";
    for (const auto& p : parameters())
        out += fmt::format("| `{}` | {} | `{}` | {} | {} |\n", p.key, p.type, p.value, p.range, p.doc);
    return out;
}

}  // namespace peacesim::scenario
