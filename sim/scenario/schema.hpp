#pragma once
// The scenario schema: each section and key of a scenario file, bound to a field of Scenario,
// with its type, range and documentation. Internal to the library; users see it through
// load.hpp (errors) and parameters() (documentation).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::scenario::detail {

using Value = std::variant<std::int64_t, double, bool, std::string, core::Date>;
enum class Kind { Integer, Real, Boolean, String, Choice, Date };

struct Field {
    std::string_view key;
    Kind kind;
    double lo = 0, hi = 0;
    std::vector<std::string_view> choices;
    std::string_view doc;
    std::function<void(void*, const Value&)> set;
    std::function<std::string(const void*)> show;
};

struct Section {
    std::string_view name;
    bool array = false;
    std::size_t min_items = 0, max_items = 0;  // array sections only
    std::string_view doc;
    std::vector<Field> fields;
    std::function<void*(Scenario&)> table;                      // table sections
    std::function<void(Scenario&, std::size_t)> resize;         // array sections
    std::function<void*(Scenario&, std::size_t)> item;          // array sections
    std::function<std::size_t(const Scenario&)> size;           // array sections
    std::function<std::string(std::size_t)> default_item_name;  // array sections
    std::vector<std::string_view> required;  // array sections: keys every entry must give
};

const std::vector<Section>& schema();
const Section* find_section(std::string_view name);
const Field* find_field(const Section& section, std::string_view key);

}  // namespace peacesim::scenario::detail
