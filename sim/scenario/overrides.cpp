// --set KEY=VALUE: reading one from the command line, and writing it into the parsed document
// so that the binder checks it as if it were in the file.
#include "detail/overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "schema.hpp"

namespace peacesim::scenario {

using detail::Section;

Override parse_override(std::string_view text) {
    const auto eq = text.find('=');
    std::string key(text.substr(0, eq));
    key.erase(std::remove_if(key.begin(), key.end(), [](char c) { return c == ' '; }), key.end());
    if (eq == std::string_view::npos || key.empty())
        throw ScenarioError(
            {{"--set", 0, 0, std::string(text),
              "expected KEY=VALUE with a dotted key, e.g. world.population=200000"}});
    return {key, std::string(text.substr(eq + 1))};
}

namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int n = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
        if (n == 0 || i + std::size_t(n) > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + std::size_t(k)]) >> 6) != 0x2) return false;
        i += std::size_t(n);
    }
    return true;
}

}  // namespace

namespace detail {

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
        if (parts.size() < 2 ||
            std::any_of(parts.begin(), parts.end(), [](auto& p) { return p.empty(); })) {
            errors.push_back(
                {"--set " + shown, 0, 0, o.key, "expected a dotted key such as world.population"});
            continue;
        }
        // The longest leading run of parts that names a section: "mission.funding" before
        // "mission".
        const Section* sec = nullptr;
        std::size_t depth = 0;
        for (std::size_t k = parts.size() - 1; k >= 1 && !sec; --k) {
            std::string name = parts[0];
            for (std::size_t j = 1; j < k; ++j) name += "." + parts[j];
            if ((sec = detail::find_section(name))) depth = k;
        }
        if (!sec) {
            errors.push_back(
                {"--set " + shown, 0, 0, o.key, fmt::format("unknown section '{}'", parts[0])});
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
                errors.push_back(
                    {"--set " + shown, 0, 0, o.key, fmt::format("'{}' is not a table", sec->name)});
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
                if (auto* a = t.get(parts[0]))
                    a->visit([&](auto&& node) { root.insert(parts[0], std::move(node)); });
            }
            auto* arr = root[parts[0]].as_array();
            const std::size_t n = arr ? arr->size() : 0;
            const auto parsed = parts.size() == 3 ? parse_integer(parts[1]) : std::nullopt;
            const bool numeric = parsed && *parsed >= 0;
            if (numeric) index = std::size_t(*parsed);
            if (!numeric || index >= n || !(*arr)[index].is_table()) {
                errors.push_back(
                    {"--set " + shown, 0, 0, o.key,
                     n == 0 ? fmt::format("the scenario has no [[{}]] entries to change", parts[0])
                            : fmt::format("expected {}.INDEX.KEY with INDEX from 0 to {} "
                                          "(entries in the scenario)",
                                          parts[0], n - 1)});
                continue;
            }
            target = (*arr)[index].as_table();
        }
        // One value, on one line: a line break would let a second key in unseen.
        if (o.value.find_first_of("\r\n") != std::string::npos) {
            errors.push_back({"--set " + o.key + "=...", 0, 0, o.key,
                              "the value holds a line break; give one value per --set"});
            continue;
        }
        // The value is read as TOML, so numbers, booleans, dates and quoted strings keep their
        // type; a bare word (robust_poc) is a string.
        try {
            toml::table v = toml::parse("v = " + o.value, std::string_view{"--set"});
            v.get("v")->visit(
                [&](auto&& node) { target->insert_or_assign(parts.back(), std::move(node)); });
        } catch (const toml::parse_error&) {
            if (!valid_utf8(o.value)) {
                errors.push_back(
                    {"--set " + shown, 0, 0, o.key, "the value is not valid UTF-8 text"});
                continue;
            }
            target->insert_or_assign(parts.back(), o.value);
        }
        origin[o.key] = shown;
    }
    return origin;
}

}  // namespace detail
}  // namespace peacesim::scenario
