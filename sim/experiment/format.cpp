// Reading experiment files (docs/experiments.md). Like the scenario loader, it collects every
// problem with its place in the file before giving up, and it checks each factor's levels by
// loading the base scenario with them, so a sweep never starts with a value the schema refuses.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "peacesim/experiment/experiment.hpp"
#include "peacesim/output/columns.hpp"

namespace peacesim::experiment {

namespace {

using scenario::Diagnostic;
using scenario::ScenarioError;

// A range may not expand into more levels than this: a typo in the step should fail loudly.
constexpr double max_range_levels = 100'000;
constexpr int max_replicates = 1'000'000;
constexpr int max_points = 1'000'000;

/// A real number as text the scenario loader reads back as the same double and as a real
/// (a point or an exponent always present). Twelve significant digits hide the drift of
/// first + i * step (0.30000000000000004 becomes 0.3).
std::string real_text(double v) {
    std::string s = fmt::format("{:.12g}", v);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
}

std::string toml_string(const std::string& v) {
    std::string s = "\"";
    for (char c : v) {
        if (c == '"' || c == '\\') s += '\\';
        s += c;
    }
    return s + "\"";
}

/// Where a key lives in the schema's documentation: "armed_groups.1.fighters" is listed as
/// "armed_groups[].fighters".
std::string schema_key(const std::string& key) {
    std::string out;
    std::size_t i = 0;
    while (i < key.size()) {
        const auto dot = key.find('.', i);
        const std::string part = key.substr(i, dot == std::string::npos ? dot : dot - i);
        const bool index =
            !part.empty() && part.find_first_not_of("0123456789") == std::string::npos;
        if (index)
            out += "[]";
        else
            out += (out.empty() ? "" : ".") + part;
        if (dot == std::string::npos) break;
        i = dot + 1;
    }
    return out;
}

class Reader {
  public:
    Reader(std::string file, const std::string& directory)
        : file_(std::move(file)), dir_(directory) {}

    void error(const toml::source_position& at, std::string key, std::string message) {
        diags_.push_back({file_, int(at.line), int(at.column), std::move(key), std::move(message)});
    }
    void error(const toml::source_region& at, std::string key, std::string message) {
        error(at.begin, std::move(key), std::move(message));
    }
    bool failed() const { return !diags_.empty(); }
    std::vector<Diagnostic>& diagnostics() { return diags_; }

    /// Reports keys of `table` that are not in `known`.
    void only(const toml::table& table, const std::string& prefix,
              std::initializer_list<std::string_view> known) {
        for (const auto& [k, node] : table) {
            bool ok = false;
            for (auto n : known) ok = ok || n == k.str();
            if (!ok) {
                std::string list;
                for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
                error(k.source(), prefix + std::string(k.str()),
                      fmt::format("unknown key; expected one of {}", list));
            }
        }
    }

    template <class T>
    std::optional<T> get(const toml::table& t, std::string_view k, const std::string& key,
                         const char* expected) {
        const auto* node = t.get(k);
        if (!node) return std::nullopt;
        if (auto v = node->value_exact<T>()) return *v;
        error(node->source(), key, fmt::format("expected {}", expected));
        return std::nullopt;
    }

    void read(const toml::table& root, Experiment& ex) {
        only(root, "", {"experiment", "factors", "design", "outputs"});
        read_experiment(root, ex);
        if (const auto* f = root.get("factors")) {
            if (const auto* arr = f->as_array()) {
                for (std::size_t i = 0; i < arr->size(); ++i) {
                    const std::string key = fmt::format("factors.{}", i);
                    if (const auto* t = (*arr)[i].as_table())
                        read_factor(*t, key, ex);
                    else
                        error((*arr)[i].source(), key, "expected a [[factors]] table");
                }
            } else {
                error(f->source(), "factors", "expected [[factors]] tables");
            }
        }
        if (ex.factors.empty() && !failed())
            error(root.source(), "factors", "expected at least one [[factors]] table");
        read_design(root, ex);
        read_outputs(root, ex);
    }

    /// Checks every level against the schema: the base scenario must load with it.
    void check_levels(Experiment& ex) {
        scenario::Scenario base;
        try {
            base = load_base(ex, {});
        } catch (const ScenarioError& e) {
            // With fixed overrides, a problem is theirs (alone or in combination with the
            // base scenario): point at `set` and keep the loader's own words.
            for (const auto& d : e.diagnostics())
                diags_.push_back(ex.fixed.empty()
                                     ? d
                                     : Diagnostic{file_, int(set_at_.line), int(set_at_.column),
                                                  "experiment.set", d.str()});
            return;
        }
        if (base.meta.model != scenario::Model::Conflict) {
            error(set_at_, "experiment.scenario",
                  "the base scenario runs Epstein's civil-violence model, which sweeps do not run; "
                  "`peacesim validate-model` runs its experiments");
            return;
        }
        if (ex.days == 0) ex.days = int(base.meta.days);
        const auto params = scenario::parameters();
        for (std::size_t f = 0; f < ex.factors.size(); ++f) {
            auto& factor = ex.factors[f];
            const auto& at = factor_at_[f];
            if (factor.key.empty()) continue;  // already reported: nothing to check against
            const std::string skey = schema_key(factor.key);
            std::string type;
            for (const auto& p : params)
                if (p.key == skey) type = p.type;
            factor.integer = type == "integer";
            if (!type.empty() && type != "integer" && type != "real" && factor.min)
                error(at.sampled, fmt::format("factors.{}", f),
                      fmt::format("{} is a {} key; min/max sampling needs a number", factor.key,
                                  type));
            std::vector<std::pair<Level, toml::source_position>> checks;
            for (std::size_t i = 0; i < factor.levels.size(); ++i)
                checks.emplace_back(factor.levels[i], at.levels[std::min(i, at.levels.size() - 1)]);
            if (factor.min && factor.max) {
                checks.push_back({{sample_text(factor, *factor.min), factor.min}, at.sampled});
                checks.push_back({{sample_text(factor, *factor.max), factor.max}, at.sampled});
            }
            if (factor.base) checks.push_back({*factor.base, at.base});
            for (const auto& [level, pos] : checks) {
                try {
                    load_base(ex, {{factor.key, level.text}});
                } catch (const ScenarioError& e) {
                    for (const auto& d : e.diagnostics())
                        diags_.push_back(
                            {file_, int(pos.line), int(pos.column), fmt::format("factors.{}", f),
                             fmt::format("{} = {}: {}", factor.key, level.text, d.message)});
                    break;  // one message per factor is enough: the others say the same
                }
            }
        }
    }

  private:
    struct FactorPlaces {
        std::vector<toml::source_position> levels;
        toml::source_position sampled, base;
    };

    static std::string sample_text(const Factor& f, double v) {
        return f.integer ? fmt::format("{}", std::llround(v)) : real_text(v);
    }

    static scenario::Scenario load_base(const Experiment& ex,
                                        std::vector<scenario::Override> extra) {
        std::vector<scenario::Override> o = ex.fixed;
        for (auto& e : extra) o.push_back(std::move(e));
        return ex.base.empty() ? scenario::load_default(o)
                               : scenario::load_text(ex.base_text, ex.base, o);
    }

    void read_experiment(const toml::table& root, Experiment& ex) {
        const auto* node = root.get("experiment");
        const auto* t = node ? node->as_table() : nullptr;
        if (!t) {
            error(node ? node->source() : root.source(), "experiment",
                  "expected an [experiment] table with name, scenario, days, replicates, seed");
            return;
        }
        only(*t, "experiment.", {"name", "scenario", "days", "replicates", "seed", "set"});
        if (auto v = get<std::string>(*t, "name", "experiment.name", "a string"))
            ex.name = *v;
        else if (!t->get("name"))
            error(t->source(), "experiment.name", "missing; expected a name for the experiment");
        const std::string sc =
            get<std::string>(*t, "scenario", "experiment.scenario", "a path or \"default\"")
                .value_or("default");
        if (sc != "default") {
            std::filesystem::path p(sc);
            if (p.is_relative()) p = std::filesystem::path(dir_) / p;
            ex.base = p.lexically_normal().string();
            std::ifstream in(ex.base, std::ios::binary);
            if (!in) {
                error(t->get("scenario")->source(), "experiment.scenario",
                      fmt::format("cannot open the base scenario {} (a path relative to the "
                                  "experiment file, or \"default\")",
                                  ex.base));
            } else {
                std::stringstream buf;
                buf << in.rdbuf();
                ex.base_text = buf.str();
            }
        }
        if (auto v = get<std::int64_t>(*t, "days", "experiment.days", "a whole number of days")) {
            if (*v < 1 || *v > 36500)
                error(t->get("days")->source(), "experiment.days", "expected 1 to 36500 days");
            else
                ex.days = int(*v);
        }
        if (auto v =
                get<std::int64_t>(*t, "replicates", "experiment.replicates", "a whole number")) {
            if (*v < 1 || *v > max_replicates)
                error(t->get("replicates")->source(), "experiment.replicates",
                      fmt::format("expected 1 to {}", max_replicates));
            else
                ex.replicates = int(*v);
        }
        if (auto v = get<std::int64_t>(*t, "seed", "experiment.seed", "a whole number")) {
            if (*v < 0)
                error(t->get("seed")->source(), "experiment.seed", "expected 0 or more");
            else
                ex.seed = std::uint64_t(*v);
        }
        if (const auto* s = t->get("set")) {
            set_at_ = s->source().begin;
            const auto* arr = s->as_array();
            bool ok = arr != nullptr;
            for (std::size_t i = 0; ok && i < arr->size(); ++i) {
                const auto v = (*arr)[i].value_exact<std::string>();
                if (!v) {
                    ok = false;
                    break;
                }
                try {
                    ex.fixed.push_back(scenario::parse_override(*v));
                } catch (const ScenarioError& e) {
                    error((*arr)[i].source(), "experiment.set",
                          e.diagnostics().empty() ? "expected KEY=VALUE"
                                                  : e.diagnostics().front().message);
                }
            }
            if (!ok)
                error(s->source(), "experiment.set",
                      "expected a list of \"KEY=VALUE\" strings, as for --set");
        }
    }

    std::optional<Level> level_of(const toml::node& n, const std::string& key) {
        if (auto v = n.value_exact<std::int64_t>()) return Level{fmt::format("{}", *v), double(*v)};
        if (auto v = n.value_exact<double>()) return Level{real_text(*v), *v};
        if (auto v = n.value_exact<bool>()) return Level{*v ? "true" : "false", std::nullopt};
        if (auto v = n.value_exact<std::string>()) return Level{toml_string(*v), std::nullopt};
        error(n.source(), key, "expected a number, a boolean or a string");
        return std::nullopt;
    }

    void read_factor(const toml::table& t, const std::string& key, Experiment& ex) {
        only(t, key + ".", {"key", "kind", "values", "range", "min", "max", "base"});
        Factor f;
        FactorPlaces at;
        at.sampled = at.base = t.source().begin;
        if (auto v = get<std::string>(t, "key", key + ".key", "a scenario key as a string"))
            f.key = *v;
        else if (!t.get("key"))
            error(t.source(), key + ".key",
                  "missing; expected a scenario key, e.g. \"mission.troops\"");
        if (auto v = get<std::string>(t, "kind", key + ".kind", "\"uncertainty\" or \"lever\"")) {
            if (*v == "lever")
                f.kind = FactorKind::Lever;
            else if (*v != "uncertainty")
                error(t.get("kind")->source(), key + ".kind",
                      fmt::format("unknown kind '{}'; expected \"uncertainty\" or \"lever\"", *v));
        }
        const bool has_values = t.contains("values"), has_range = t.contains("range"),
                   has_sampled = t.contains("min") || t.contains("max");
        if (int(has_values) + int(has_range) + int(has_sampled) != 1) {
            error(t.source(), key,
                  "expected exactly one of values = [...], range = [first, step, last], or "
                  "min and max");
            return;
        }
        if (has_values) {
            const auto* arr = t.get("values")->as_array();
            if (!arr || arr->empty()) {
                error(t.get("values")->source(), key + ".values", "expected a non-empty array");
                return;
            }
            for (const auto& n : *arr) {
                if (auto l = level_of(n, key + ".values")) {
                    f.levels.push_back(*l);
                    at.levels.push_back(n.source().begin);
                }
            }
        } else if (has_range) {
            read_range(*t.get("range"), key + ".range", f, at);
        } else {
            // Whole numbers are accepted as bounds too (value_exact<double> refuses them).
            auto num = [&](const char* k) -> std::optional<double> {
                const auto* n = t.get(k);
                if (!n) {
                    error(t.source(), key + "." + k, "missing; min and max go together");
                    return std::nullopt;
                }
                if (auto i = n->value_exact<std::int64_t>()) return double(*i);
                if (auto d = n->value_exact<double>()) return *d;
                error(n->source(), key + "." + k, "expected a number");
                return std::nullopt;
            };
            f.min = num("min"), f.max = num("max");
            if (f.min && f.max && !(*f.min < *f.max))
                error(t.get("max")->source(), key + ".max", "expected max greater than min");
            if (!f.min || !f.max) f.min.reset(), f.max.reset();
            at.sampled = t.get("min") ? t.get("min")->source().begin : t.source().begin;
        }
        if (const auto* b = t.get("base")) {
            f.base = level_of(*b, key + ".base");
            at.base = b->source().begin;
        }
        if (!f.key.empty()) {
            for (const auto& other : ex.factors)
                if (other.key == f.key)
                    error(t.get("key")->source(), key + ".key",
                          fmt::format("{} is already a factor", f.key));
        }
        ex.factors.push_back(std::move(f));
        factor_at_.push_back(std::move(at));
    }

    void read_range(const toml::node& node, const std::string& key, Factor& f, FactorPlaces& at) {
        const auto* arr = node.as_array();
        const char* expected = "expected [first, step, last] (three numbers, last included)";
        if (!arr || arr->size() != 3) return error(node.source(), key, expected);
        double v[3];
        bool integers = true;
        for (int i = 0; i < 3; ++i) {
            if (auto n = (*arr)[std::size_t(i)].value_exact<std::int64_t>())
                v[i] = double(*n);
            else if (auto d = (*arr)[std::size_t(i)].value_exact<double>())
                v[i] = *d, integers = false;
            else
                return error(node.source(), key, expected);
        }
        const double first = v[0], step = v[1], last = v[2];
        if (step == 0 || !std::isfinite(step))
            return error(node.source(), key, "the step must not be zero");
        if ((last - first) / step < 0)
            return error(node.source(), key,
                         fmt::format("a step of {} never goes from {} to {}", step, first, last));
        const double count = std::floor((last - first) / step + 1e-9) + 1;
        if (count > max_range_levels)
            return error(node.source(), key,
                         fmt::format("{} levels; at most {}", count, max_range_levels));
        for (int i = 0; i < int(count); ++i) {
            const double x = first + i * step;  // by multiplication: no accumulated drift
            f.levels.push_back(integers ? Level{fmt::format("{}", std::llround(x)), x}
                                        : Level{real_text(x), std::stod(real_text(x))});
            at.levels.push_back(node.source().begin);
        }
    }

    void read_design(const toml::table& root, Experiment& ex) {
        const auto* node = root.get("design");
        if (!node) return;
        const auto* t = node->as_table();
        if (!t) return error(node->source(), "design", "expected a [design] table");
        only(*t, "design.",
             {"type", "points", "trajectories", "grid_levels", "samples", "second_order"});
        if (auto v = get<std::string>(*t, "type", "design.type", "a string")) {
            bool found = false;
            for (int i = 0; i < int(std::size(design_names)); ++i)
                if (*v == design_names[i]) ex.design = DesignType(i), found = true;
            if (!found)
                error(t->get("type")->source(), "design.type",
                      fmt::format("unknown design '{}'; expected \"full_factorial\", "
                                  "\"latin_hypercube\", \"one_at_a_time\", \"morris\", "
                                  "\"sobol\" or \"levers_by_futures\"",
                                  *v));
        }
        const bool morris = ex.design == DesignType::Morris;
        const bool sobol = ex.design == DesignType::Sobol;
        // How many points a design takes, under the name it gives them: points
        // (latin_hypercube), trajectories (morris), samples (sobol).
        const char* count_key = morris ? "trajectories" : sobol ? "samples" : "points";
        for (const char* k : {"points", "trajectories", "samples"}) {
            const std::string key = std::string("design.") + k;
            const auto v = get<std::int64_t>(*t, k, key, "a whole number");
            if (!v) continue;
            if (std::string_view(k) != count_key)
                error(t->get(k)->source(), key,
                      fmt::format("a {} design {}", design_names[int(ex.design)],
                                  morris  ? "counts trajectories: expected trajectories = R"
                                  : sobol ? "counts base samples: expected samples = N"
                                          : "takes points = N (trajectories are for morris, "
                                            "samples for sobol)"));
            else if (*v < 1 || *v > max_points)
                error(t->get(k)->source(), key, fmt::format("expected 1 to {}", max_points));
            else
                ex.points = int(*v);
        }
        if (auto v = get<bool>(*t, "second_order", "design.second_order", "true or false")) {
            if (!sobol)
                error(t->get("second_order")->source(), "design.second_order",
                      "second_order is for a sobol design");
            else
                ex.second_order = *v;
        }
        if (auto v = get<std::int64_t>(*t, "grid_levels", "design.grid_levels", "a whole number")) {
            if (!morris)
                error(t->get("grid_levels")->source(), "design.grid_levels",
                      "grid_levels are for a morris design");
            else if (*v < 2 || *v > 100 || *v % 2 != 0)
                error(t->get("grid_levels")->source(), "design.grid_levels",
                      "expected an even number from 2 to 100 (Morris's p)");
            else
                ex.grid_levels = int(*v);
        }
        for (std::size_t i = 0; i < ex.factors.size(); ++i) {
            const auto& f = ex.factors[i];
            const auto where = factor_at_[i].sampled;
            const std::string key = fmt::format("factors.{}", i);
            // In levers_by_futures the levers take levels and the uncertainties are sampled.
            const bool sampled =
                ex.design == DesignType::LatinHypercube || ex.design == DesignType::Morris ||
                ex.design == DesignType::Sobol ||
                (ex.design == DesignType::LeversByFutures && f.kind == FactorKind::Uncertainty);
            const bool futures = ex.design == DesignType::LeversByFutures;
            if (sampled && !f.min)
                diags_.push_back(
                    {file_, int(where.line), int(where.column), key,
                     futures ? std::string("in a levers_by_futures design an uncertainty is "
                                           "sampled: expected min and max (or kind = \"lever\" "
                                           "with values or range)")
                             : fmt::format("a {} design samples each factor: expected min and max",
                                           design_names[int(ex.design)])});
            if (!sampled && f.min)
                diags_.push_back(
                    {file_, int(where.line), int(where.column), key,
                     futures ? std::string("in a levers_by_futures design a lever takes values or "
                                           "range; min and max are for uncertainties")
                             : std::string("min and max are for a latin_hypercube, morris or "
                                           "sobol design; expected values or range")});
            if (ex.design == DesignType::OneAtATime && !f.base)
                diags_.push_back({file_, int(where.line), int(where.column), key,
                                  "a one_at_a_time design needs base = the value held while "
                                  "other factors move"});
        }
        if ((ex.design == DesignType::LatinHypercube || ex.design == DesignType::LeversByFutures) &&
            ex.points == 0)
            error(t->source(), "design.points",
                  fmt::format("a {} design needs points = N", design_names[int(ex.design)]));
        if (sobol && ex.points == 0)
            error(t->source(), "design.samples", "a sobol design needs samples = N");
        if (morris && ex.points == 0)
            error(t->source(), "design.trajectories", "a morris design needs trajectories = R");
    }

    void read_outputs(const toml::table& root, Experiment& ex) {
        const auto* node = root.get("outputs");
        if (!node) return;
        const auto* t = node->as_table();
        if (!t) return error(node->source(), "outputs", "expected an [outputs] table");
        only(*t, "outputs.", {"series", "events"});
        if (const auto* s = t->get("series")) {
            if (auto b = s->value_exact<bool>()) {
                ex.keep_series = *b;
            } else if (const auto* arr = s->as_array()) {
                ex.keep_series = true;
                for (const auto& n : *arr) {
                    auto name = n.value_exact<std::string>();
                    if (!name) {
                        error(n.source(), "outputs.series", "expected a column name");
                    } else if (!output_column_exists(*name)) {
                        error(n.source(), "outputs.series",
                              fmt::format("no time-series column '{}' (docs/outputs.md lists "
                                          "them)",
                                          *name));
                    } else {
                        ex.series.push_back(*name);
                    }
                }
            } else {
                error(s->source(), "outputs.series",
                      "expected true, false, or a list of time-series column names");
            }
        }
        if (auto v = get<bool>(*t, "events", "outputs.events", "true or false"))
            ex.keep_events = *v;
    }

    static bool output_column_exists(const std::string& name) {
        return output::find_column(name) != nullptr;
    }

    std::string file_, dir_;
    std::vector<Diagnostic> diags_;
    std::vector<FactorPlaces> factor_at_;
    toml::source_position set_at_{};
};

}  // namespace

Experiment load_text(std::string_view text, std::string_view source_name,
                     const std::string& directory) {
    const std::string file(source_name);
    toml::table root;
    try {
        root = toml::parse(text, std::string_view{file});
    } catch (const toml::parse_error& e) {
        throw ScenarioError({{file, int(e.source().begin.line), int(e.source().begin.column), "",
                              fmt::format("TOML syntax error: {}", e.description())}});
    }
    Experiment ex;
    ex.file = file;
    ex.text = std::string(text);
    Reader r(file, directory);
    r.read(root, ex);
    // Levels are checked whatever else is wrong, so that one pass lists every problem; only a
    // base scenario that could not be read leaves nothing to check them against.
    if (ex.base.empty() || !ex.base_text.empty()) r.check_levels(ex);
    if (r.failed()) throw ScenarioError(scenario::capped(std::move(r.diagnostics())));
    return ex;
}

Experiment load_file(const std::string& path) {
    const std::string text =
        scenario::read_user_file(path, scenario::max_scenario_bytes, "an experiment file");
    const auto dir = std::filesystem::path(path).parent_path();
    return load_text(text, path, dir.empty() ? "." : dir.string());
}

}  // namespace peacesim::experiment
