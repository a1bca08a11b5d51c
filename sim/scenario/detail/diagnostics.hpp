#pragma once
// Helpers that word the loader's messages, shared by the files that check scenarios, --set and
// --inject. Internal to the library.
#include <fmt/format.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "../schema.hpp"

namespace peacesim::scenario::detail {

// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
std::size_t edit_distance(std::string_view a, std::string_view b);

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

/// A numeric field's range as "LO to HI", integers without a decimal point.
std::string range_text(const Field& f);

}  // namespace peacesim::scenario::detail
