// The invariants of a run, day by day (include/peacesim/engine/invariants.hpp).
#include "peacesim/engine/invariants.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <numeric>

namespace peacesim::engine {

using population::Status;

InvariantChecker::InvariantChecker(const Simulation& sim)
    : population_(std::int64_t(sim.civilians().size())),
      days_(sim.history().size()),
      events_(sim.events().size()) {
    if (!sim.history().empty()) {
        const auto& d = sim.history().back();
        killed_ = d.status[std::size_t(Status::Killed)];
        refugees_ = d.status[std::size_t(Status::Refugee)];
        died_fighting_ = d.status[std::size_t(Status::DiedFighting)];
    }
}

std::vector<std::string> InvariantChecker::check(const Simulation& sim, int people_every) {
    std::vector<std::string> bad;
    auto fail = [&](int day, std::string what) {
        if (bad.size() < 50) bad.push_back(fmt::format("day {}: {}", day, what));
    };
    // The deaths of each new day, by the event log.
    std::map<int, std::int64_t> civ, battle, communal, peacekeepers;
    const auto& events = sim.events();
    for (std::size_t k = events_; k < events.size(); ++k) {
        const auto& e = events[k];
        if (e.best() < 1 || e.low < 0 || e.low > e.best() || e.high < e.best())
            fail(e.day, fmt::format("event {} has deaths best {}, low {}, high {}", e.id, e.best(),
                                    e.low, e.high));
        civ[e.day] += e.deaths_civilians;
        if (e.side_a >= Event::communal_side) {
            communal[e.day] += e.deaths_a + e.deaths_b;
        } else if (e.side_a == Event::mission_side || e.side_a == Event::regional_side) {
            // The mission's dead and the regional force's are counted apart from battle deaths;
            // the attackers who die fighting them are battle deaths.
            if (e.side_a == Event::mission_side) peacekeepers[e.day] += e.deaths_a;
            battle[e.day] += e.deaths_b;
        } else {
            battle[e.day] += e.deaths_a + e.deaths_b;
        }
    }
    events_ = events.size();
    const auto& hist = sim.history();
    for (; days_ < hist.size(); ++days_) {
        const auto& d = hist[days_];
        const std::int64_t people =
            std::accumulate(d.status.begin(), d.status.end(), std::int64_t{0});
        if (people != population_)
            fail(d.day, fmt::format("{} people by status, {} at the start", people, population_));
        for (std::size_t s = 0; s < d.status.size(); ++s)
            if (d.status[s] < 0)
                fail(d.day, fmt::format("{} people {}", d.status[s], population::status_names[s]));
        const auto killed = d.status[std::size_t(Status::Killed)];
        const auto refugees = d.status[std::size_t(Status::Refugee)];
        const auto died = d.status[std::size_t(Status::DiedFighting)];
        if (killed != killed_ + d.civilians_killed() + d.communal_deaths)
            fail(d.day, fmt::format("killed went from {} to {} with {} deaths reported", killed_,
                                    killed, d.civilians_killed() + d.communal_deaths));
        if (refugees != refugees_ + d.new_refugees)
            fail(d.day, fmt::format("refugees went from {} to {} with {} new", refugees_, refugees,
                                    d.new_refugees));
        if (died < died_fighting_) fail(d.day, "fighters who died came back");
        killed_ = killed, refugees_ = refugees, died_fighting_ = died;
        for (auto [name, v] : {std::pair{"battle deaths", d.battle_deaths},
                               {"fighters of the state", d.fighters_government},
                               {"fighters of the groups", d.fighters_groups},
                               {"recruits", d.recruited},
                               {"fled", d.fled},
                               {"returned", d.returned},
                               {"clashes", d.clashes},
                               {"dialogues", d.dialogues},
                               {"demobilised", d.demobilised},
                               {"patrols", d.mission.patrols},
                               {"responses", d.mission.responses},
                               {"peacekeeper deaths", d.mission.fatalities}})
            if (v < 0) fail(d.day, fmt::format("{} {}", v, name));
        for (auto [name, v] : {std::pair{"legitimacy", d.legitimacy},
                               {"mean grievance", d.mean_grievance},
                               {"trust in the state", d.mean_trust_state},
                               {"state control", d.state_control},
                               {"tension", d.mean_tension},
                               {"humanitarian access", d.mean_access},
                               {"trust in the mission", d.mission.trust},
                               {"impartiality", d.mission.impartiality}})
            if (!std::isfinite(v) || v < 0 || v > 1)
                fail(d.day, fmt::format("{} is {} (a share from 0 to 1)", name, v));
        for (auto [name, v] : {std::pair{"mission cash", d.mission.cash_musd},
                               {"flight hours", d.mission.flight_hours},
                               {"response time", d.mission.response_median_h}})
            if (!std::isfinite(v) || v < 0) fail(d.day, fmt::format("{} is {}", name, v));
        if (civ[d.day] != d.civilians_killed())
            fail(d.day, fmt::format("the event log has {} civilians killed, the day {}", civ[d.day],
                                    d.civilians_killed()));
        if (battle[d.day] != d.battle_deaths)
            fail(d.day, fmt::format("the event log has {} battle deaths, the day {}", battle[d.day],
                                    d.battle_deaths));
        if (peacekeepers[d.day] != d.mission.fatalities)
            fail(d.day, fmt::format("the event log has {} peacekeepers killed, the day {}",
                                    peacekeepers[d.day], d.mission.fatalities));
        if (communal[d.day] != d.communal_deaths)
            fail(d.day, fmt::format("the event log has {} communal deaths, the day {}",
                                    communal[d.day], d.communal_deaths));
    }
    const int day = sim.day();
    for (const auto& u : sim.units())
        if (u.strength < 0) fail(day, fmt::format("a unit of {} fighters", u.strength));
    for (const auto& u : sim.mission_units())
        if (u.strength < 0 || !std::isfinite(u.readiness) || !std::isfinite(u.performance))
            fail(day, "a mission unit with a negative strength or a NaN");
    if (people_every > 0 && day % people_every == 0) {
        const auto& c = sim.civilians();
        const std::size_t parties = sim.parties().size();
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < c.size(); ++i) {
            const bool ok =
                c.hardship[i] >= 0 && c.hardship[i] <= 1 && c.grievance[i] >= 0 &&
                c.grievance[i] <= 1 && std::isfinite(c.trust_state[i]) && c.trust_state[i] >= 0 &&
                c.trust_mission[i] >= 0 && c.trust_mission[i] <= 1 &&
                (c.status[i] != std::uint8_t(Status::Recruited) || c.affiliation[i] < parties) &&
                (c.status[i] != std::uint8_t(Status::Home) || c.location[i] == c.home[i]);
            wrong += !ok;
        }
        if (wrong) fail(day, fmt::format("{} people with attributes out of range", wrong));
    }
    return bad;
}

}  // namespace peacesim::engine
