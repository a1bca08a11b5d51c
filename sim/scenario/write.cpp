// Writing a scenario back out as TOML, every key of every section, so that it loads back to the
// same values: lever changes in a running simulation and the visualizer's comparisons rely on it.
#include <fmt/format.h>

#include "peacesim/scenario/load.hpp"
#include "schema.hpp"

namespace peacesim::scenario {

std::string to_toml(const Scenario& sc_in) {
    Scenario sc = sc_in;  // the schema's accessors take a mutable scenario
    std::string out;
    // An empty array section must be written as such, or it would load back as the defaults
    // (three armed groups); as a top-level key it has to come before any [table].
    for (const auto& sec : detail::schema())
        if (sec.array && sec.size(sc) == 0) out += fmt::format("{} = []\n", sec.name);
    for (const auto& sec : detail::schema()) {
        // The civil-violence table is written only for that model: in any other scenario it
        // would be an error (load.cpp).
        if (sec.name == "epstein" && sc.meta.model != Model::Epstein) continue;
        if (sec.array) {
            for (std::size_t i = 0; i < sec.size(sc); ++i) {
                out += fmt::format("\n[[{}]]\n", sec.name);
                for (const auto& f : sec.fields)
                    out += fmt::format("{} = {}\n", f.key, f.show(sec.item(sc, i)));
            }
            continue;
        }
        out += fmt::format("\n[{}]\n", sec.name);
        for (const auto& f : sec.fields)
            out += fmt::format("{} = {}\n", f.key, f.show(sec.table(sc)));
    }
    return out;
}

std::optional<std::string> value_text(const Scenario& sc_in, std::string_view key) {
    const auto dot = key.rfind('.');
    if (dot == std::string_view::npos) return std::nullopt;
    const auto* sec = detail::find_section(key.substr(0, dot));
    if (!sec || sec->array) return std::nullopt;
    const auto* f = detail::find_field(*sec, key.substr(dot + 1));
    if (!f) return std::nullopt;
    Scenario sc = sc_in;  // the schema's accessors take a mutable scenario
    return f->show(sec->table(sc));
}

}  // namespace peacesim::scenario
