// Options files for `peacesim compare --options FILE` (docs/compare.md): the options a policy
// team keeps with its question, checked with the same quality of errors as a scenario.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "peacesim/compare/compare.hpp"

namespace peacesim::compare {

namespace {

using scenario::Diagnostic;

struct Reader {
    std::string file;
    std::vector<Diagnostic> errors;

    void error(const toml::node& at, const std::string& key, const std::string& message) {
        errors.push_back(
            {file, int(at.source().begin.line), int(at.source().begin.column), key, message});
    }
    std::vector<std::string> strings(const toml::node& n, const std::string& key) {
        std::vector<std::string> out;
        const auto* arr = n.as_array();
        if (!arr) {
            error(n, key, "expected an array of \"KEY=VALUE\" strings");
            return out;
        }
        for (std::size_t i = 0; i < arr->size(); ++i) {
            if (const auto v = (*arr)[i].value<std::string>())
                out.push_back(*v);
            else
                error((*arr)[i], fmt::format("{}.{}", key, i), "expected a \"KEY=VALUE\" string");
        }
        return out;
    }
};

}  // namespace

Options load_options_file(const std::string& path) {
    const std::string text =
        scenario::read_user_file(path, scenario::max_scenario_bytes, "an options file");
    toml::table root;
    try {
        root = toml::parse(text, std::string_view{path});
    } catch (const toml::parse_error& e) {
        throw scenario::ScenarioError(
            {{path, int(e.source().begin.line), int(e.source().begin.column), "",
              fmt::format("TOML syntax error: {}", e.description())}});
    }
    Reader r{path, {}};
    Options o;
    for (const auto& [k, node] : root) {
        const std::string key(k.str());
        if (key == "scenario") {
            if (const auto v = node.value<std::string>()) {
                // A scenario file relative to the options file, or "default" (built in).
                if (*v != "default")
                    o.scenario = (std::filesystem::path(path).parent_path() / *v).string();
            } else {
                r.error(node, key, "expected a scenario file name, or \"default\"");
            }
        } else if (key == "runs" || key == "days") {
            const auto v = node.value<std::int64_t>();
            if (!v || *v < (key == "runs" ? 2 : 1) || *v > (key == "runs" ? 100000 : 36500))
                r.error(node, key,
                        key == "runs" ? "expected a whole number of seeds from 2 to 100000"
                                      : "expected a whole number of days from 1 to 36500");
            else
                (key == "runs" ? o.runs : o.days) = int(*v);
        } else if (key == "set") {
            o.base_sets = r.strings(node, key);
        } else if (key == "option") {
            const auto* arr = node.as_array();
            if (!arr) {
                r.error(node, key, "expected [[option]] tables");
                continue;
            }
            for (std::size_t i = 0; i < arr->size(); ++i) {
                const std::string at = fmt::format("option.{}", i);
                const auto* t = (*arr)[i].as_table();
                if (!t) {
                    r.error((*arr)[i], at, "expected an [[option]] table");
                    continue;
                }
                Option opt;
                opt.file = path;
                opt.line = int(t->source().begin.line);
                for (const auto& [ok, on] : *t) {
                    const std::string okey(ok.str());
                    if (okey == "name") {
                        if (const auto v = on.value<std::string>(); v && !v->empty())
                            opt.name = *v;
                        else
                            r.error(on, at + ".name", "expected the option's name");
                    } else if (okey == "set") {
                        for (const auto& s : r.strings(on, at + ".set")) {
                            try {
                                opt.sets.push_back(scenario::parse_override(s));
                            } catch (const scenario::ScenarioError& e) {
                                r.error(on, at + ".set", e.diagnostics().front().message);
                            }
                        }
                    } else if (okey == "budget_musd") {
                        if (const auto v = on.value<double>())
                            opt.sets.push_back({"mission.budget_musd", fmt::format("{}", *v)});
                        else
                            r.error(on, at + ".budget_musd", "expected US$ million");
                    } else {
                        r.error(on, at + "." + okey,
                                "unknown key; an [[option]] takes name, set, budget_musd");
                    }
                }
                if (opt.name.empty() && !t->contains("name"))
                    r.error(*t, at + ".name", "missing; every option needs a name");
                o.options.push_back(std::move(opt));
            }
        } else {
            r.error(node, key,
                    "unknown key; an options file takes scenario, runs, days, set and "
                    "[[option]] tables");
        }
    }
    if (r.errors.empty() && o.options.size() < 2)
        r.errors.push_back({path, 0, 0, "option",
                            "expected two or more [[option]] tables (the first is the baseline)"});
    if (!r.errors.empty()) throw scenario::ScenarioError(scenario::capped(std::move(r.errors)));
    return o;
}

}  // namespace peacesim::compare
