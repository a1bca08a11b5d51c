#pragma once
// What every phase of a day knows about the day itself. Internal to the library.
#include <cstdint>

#include "peacesim/core/date.hpp"
#include "peacesim/core/random.hpp"

namespace peacesim::core {

struct Today {
    std::uint64_t seed = 0;
    int day = 0;  // days completed before this one
    Date date;
    bool rainy = false;  // the season in force today, after injects

    /// The random stream of one entity for one purpose today (docs/model.md, section 2
    /// "Stochasticity": keyed by seed, day, entity, purpose).
    Stream stream(std::uint32_t entity, Purpose purpose) const noexcept {
        return Stream(seed, std::uint32_t(day), entity, purpose);
    }
};

}  // namespace peacesim::core
