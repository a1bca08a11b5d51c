// Dry and rainy seasons (docs/model.md, sections 2 and 7.5).
#include "world/season.hpp"

namespace peacesim::world {

bool calendar_rainy(const core::Date& d, const scenario::WorldParams& w) {
    const int a = int(w.rainy_start_month), b = int(w.rainy_end_month);
    return a <= b ? (d.month >= a && d.month <= b) : (d.month >= a || d.month <= b);
}

bool rainy(const Season& s, int day, const core::Date& d, const scenario::WorldParams& w) {
    if (s.rain_until >= day) return true;
    if (s.dry_until >= day) return false;
    return calendar_rainy(d, w);
}

int dry_spell_end(int day, const core::Date& start, const scenario::WorldParams& w) {
    int d = day;
    while (d < day + 366 && calendar_rainy(start.plus_days(d), w)) ++d;
    return d - 1;
}

}  // namespace peacesim::world
