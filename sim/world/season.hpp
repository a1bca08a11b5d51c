#pragma once
// The season (docs/model.md, sections 2, 7.5 and 7.13): dry and rainy months from the
// scenario's calendar, overridden for a while by the rainy_season, dry_season and drought injects.
#include "peacesim/core/date.hpp"
#include "peacesim/scenario/scenario.hpp"

namespace peacesim::world {

struct Season {
    int rain_until = -1;     // last day of a rainy season forced by an inject
    int dry_until = -1;      // last day of a dry spell forced by an inject
    int drought_until = -1;  // last day of a drought (communities compete harder)
};

/// Whether the calendar puts this date in the rainy months (which may wrap over the new year).
bool calendar_rainy(const core::Date& d, const scenario::WorldParams& w);
/// The season in force on a day, injects first, then the calendar.
bool rainy(const Season& s, int day, const core::Date& d, const scenario::WorldParams& w);
/// Dry from `day` until the calendar's own rainy season has passed (the dry_season inject).
int dry_spell_end(int day, const core::Date& start, const scenario::WorldParams& w);

}  // namespace peacesim::world
