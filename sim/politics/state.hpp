#pragma once
// The national political track (docs/model.md, section 7.11). Internal to the library.
#include <cstdint>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::politics {

struct Track {
    scenario::Stage stage = scenario::Stage::Conflict;
    scenario::Stage furthest = scenario::Stage::Conflict;
    int stage_day = 0;  // day the current stage began
    int relapses = 0;
    double mediation = 0, council_unity = 0, inclusion = 0;  // the levers, as injects left them
    double violence_ema = 0;                                 // deaths a day, 30-day moving average
    double violations_ema = 0;       // state-based battles a day with negotiating parties
    int elections_until = -1;        // last day of an election period
    double election_deaths = 0;      // deaths during the election period
    double election_baseline = 0;    // deaths a day before it
    std::vector<double> demobilise;  // per party: today's chance a recruit goes home (DDR)
    std::vector<double> threat_ema;  // per party: its threat (DayNews), 30-day moving average
};

}  // namespace peacesim::politics
