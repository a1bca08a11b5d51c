#pragma once
// The feed (docs/training.md, "The feed"): what a mission's staff would hear of on a day, in
// words: fights and attacks on civilians with their dead, attacks on the mission, the events of
// the timeline (a coup, a drought, an offensive), the national track moving, groups splitting or
// signing, the host denying movement, clashes and dialogues between communities, contingents
// arriving and leaving. Built from the day's record alone, so the command line's feed.csv, the
// visualizer and the after-action review say the same thing.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::engine {

struct Happening {
    int day = 0;
    std::string kind;  // fighting, civilians attacked, mission attacked, event, politics, ...
    std::string text;
    int x = -1, y = -1;  // where, in cells, when it has a place
    int weight = 1;      // 0 routine, 1 notable, 2 serious, 3 grave
};

/// What happened on `day.day`: `before` is the day before (nullptr on day 0), `events` the day's
/// incidents, `injects` the timeline's events of that day. `side_name` names an event's side.
std::vector<Happening> happenings(const DayStats& day, const DayStats* before,
                                  std::span<const Event> events,
                                  std::span<const scenario::Inject> injects,
                                  const scenario::Scenario& sc, const world::Map& map,
                                  const std::function<std::string(std::uint32_t)>& side_name);

/// Every day's happenings of a run so far.
std::vector<Happening> run_happenings(const Simulation& sim);

}  // namespace peacesim::engine
