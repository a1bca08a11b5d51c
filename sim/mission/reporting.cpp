// Reporting (docs/model.md, section 8.10): observers and human-rights monitors in sight of a
// one-sided attack report it, which raises the political cost of abuses: the state tightens its
// forces' conduct, an armed group restrains its brutality (naming and shaming).
#include <algorithm>

#include "mission/mission.hpp"

namespace peacesim::mission {

namespace {
constexpr double compliance_per_report = 0.005;
constexpr double brutality_after_report = 0.99;
}  // namespace

void report(State& m, actors::Forces& forces, const engine::Event& e) {
    if (e.type != 3 || e.settlement >= m.reported.size() || !m.reported[e.settlement]) return;
    ++m.totals.reports;
    if (e.side_a == 0) {
        auto& c = forces.parties[0].hr_compliance;
        c = std::min(1.0, c + compliance_per_report);
    } else {
        forces.parties[e.side_a].brutality *= brutality_after_report;
    }
}

}  // namespace peacesim::mission
