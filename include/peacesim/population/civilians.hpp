#pragma once
// Civilians as a structure of arrays: one entry per person, hot fields apart so that the daily
// update streams about 30 bytes per person (see the layout note in docs/model.md).
#include <cstdint>
#include <type_traits>
#include <vector>

#include "peacesim/scenario/scenario.hpp"
#include "peacesim/world/map.hpp"

namespace peacesim::population {

enum class Status : std::uint8_t {
    Home = 0,        // in their home settlement
    Displaced,       // internally displaced, living in another settlement or a camp
    ProtectionSite,  // sheltering at a protection site (used by the mission model)
    Refugee,         // crossed the border: leaves the map for good in this model
    Recruited,       // joined an armed group (alive, a fighter)
    Killed,          // killed as a civilian (one-sided violence or caught in a battle)
    DiedFighting,    // killed as a fighter after being recruited
    Active,          // in open rebellion where they live (Epstein 2002's "active")
    Jailed,          // arrested while active, for a term
};
inline constexpr int status_count = 9;
inline constexpr const char* status_names[] = {"home",          "displaced", "protection_site",
                                               "refugee",       "recruited", "killed",
                                               "died_fighting", "active",    "jailed"};
inline constexpr std::uint8_t no_affiliation = 0xFF;

struct Civilians {
    std::vector<std::uint32_t> home;        // settlement index
    std::vector<std::uint32_t> location;    // settlement index where they are now
    std::vector<std::uint8_t> group;        // identity group
    std::vector<std::uint8_t> status;       // Status
    std::vector<std::uint8_t> affiliation;  // armed group index when Recruited
    std::vector<float> hardship;            // H in [0,1] (Epstein 2002)
    std::vector<float> risk_aversion;       // R in [0,1]
    std::vector<float> grievance;           // G = H (1 - L_i)
    std::vector<float> trust_state;         // scales the legitimacy L_i a civilian perceives
    std::vector<std::uint16_t> jail_days;   // days left in jail when Jailed
    std::vector<float> trust_mission;       // trust in the peacekeeping mission, 0..1
    /// Derived, not state (neither hashed nor saved): where each run of people who share a home
    /// and an identity group ends, in storage order (docs/model.md, section 5). Home and group
    /// never change after set-up, so neither do the runs; index_runs() builds them when empty.
    std::vector<std::uint32_t> run_ends;

    std::size_t size() const noexcept { return home.size(); }
    /// Bytes of state a person takes: what a day that visits everyone streams at least.
    static constexpr std::size_t bytes_per_person() noexcept;
    void resize(std::size_t n);
};

constexpr std::size_t Civilians::bytes_per_person() noexcept {
    const auto of = [](const auto& v) {
        return sizeof(typename std::decay_t<decltype(v)>::value_type);
    };
    const Civilians c;
    return of(c.home) + of(c.location) + of(c.group) + of(c.status) + of(c.affiliation) +
           of(c.hardship) + of(c.risk_aversion) + of(c.grievance) + of(c.trust_state) +
           of(c.jail_days) + of(c.trust_mission);
}

/// Finds the runs of people who share a home and an identity group (Civilians::run_ends).
void index_runs(Civilians& c);

/// Gives each settlement its residents by identity composition, with individual hardship and
/// risk aversion drawn from the scenario's distributions. Deterministic in the seed alone.
Civilians make_civilians(const world::Map& map, const scenario::Scenario& sc, std::uint64_t seed);

}  // namespace peacesim::population
