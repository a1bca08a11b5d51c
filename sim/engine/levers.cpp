// Steering a running simulation (docs/model.md, section 7.13 and docs/visualizer.md): injects
// fired live or scheduled, levers changed from the next day, orders to mission units. Each is
// recorded, so a rerun of the final scenario reproduces the steered run.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "actors/state.hpp"
#include "engine/state.hpp"
#include "mission/mission.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::engine {

void Simulation::adjust(const std::vector<scenario::Override>& overrides) {
    static const char* live[] = {"mission.",  "mobility.",    "population.",
                                 "conflict.", "communities.", "politics."};
    std::vector<scenario::Diagnostic> errors;
    for (const auto& o : overrides) {
        bool ok = false;
        for (const char* p : live) ok = ok || o.key.rfind(p, 0) == 0;
        if (!ok || o.key == "politics.initial_stage")
            errors.push_back({"--set " + o.key + "=" + o.value, 0, 0, o.key,
                              "cannot change during a run; live levers are mission.*, mobility.*, "
                              "population.*, conflict.*, communities.* and politics.*"});
    }
    if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
    State& s = *s_;
    scenario::Scenario next =
        scenario::load_text(scenario::to_toml(s.sc), "<running scenario>", overrides);
    s.sc = std::move(next);
    for (const auto& o : overrides) {
        if (o.key == "politics.mediation") s.politics.mediation = s.sc.politics.mediation;
        if (o.key == "politics.council_unity")
            s.politics.council_unity = s.sc.politics.council_unity;
        if (o.key == "politics.inclusion") s.politics.inclusion = s.sc.politics.inclusion;
        s.adjustments.push_back({s.day, o.key + "=" + o.value});
    }
    mission::apply_mandate(s.mission, s.sc.mission);
    mission::retune(s.mission, s.map, s.sc, s.today());
}

bool Simulation::order_move(std::size_t k, int x, int y) {
    State& s = *s_;
    auto& units = s.mission.units;
    if (k >= units.size() || !units[k].active() || !s.map.inside(x, y)) return false;
    auto& u = units[k];
    s.adjustments.push_back({s.day, fmt::format("order {} {} to {},{}",
                                                mission::unit_kind_names[int(u.kind)], k, x, y)});
    if (s.today()
            .stream(std::uint32_t(k), core::Purpose::MissionOrder)
            .bernoulli(mission::denial_chance(s.mission, s.forces, s.sc))) {
        ++s.mission.today.denials;
        return false;
    }
    u.dest_x = x, u.dest_y = y;
    if (u.orders < 0) u.orders = 0;  // under direct orders: headquarters leaves it be
    return true;
}

void Simulation::order_posture(std::size_t k, int posture) {
    State& s = *s_;
    if (k >= s.mission.units.size()) return;
    s.mission.units[k].orders = std::int8_t(std::clamp(posture, -1, 1));
    s.adjustments.push_back({s.day, fmt::format("posture {} {}", k, posture)});
}

void Simulation::fire(scenario::InjectKind event, std::string args) {
    schedule(scenario::Inject{s_->day, event, std::move(args)});
}

bool Simulation::cancel(std::size_t k) {
    auto& v = s_->sc.injects;
    if (k >= v.size() || k < s_->next_inject || v[k].day < s_->day) return false;
    s_->adjustments.push_back(
        {s_->day,
         fmt::format("cancel {} on day {}", scenario::inject_names[int(v[k].event)], v[k].day)});
    v.erase(v.begin() + std::ptrdiff_t(k));
    return true;
}

void Simulation::schedule(scenario::Inject in) {
    if (in.day < s_->day) throw std::invalid_argument("an event cannot be scheduled in the past");
    if (auto problem = scenario::inject_problem(s_->sc, in)) throw std::invalid_argument(*problem);
    // Insert after every inject already due today, so the order stays by day.
    auto& v = s_->sc.injects;
    auto at = std::upper_bound(v.begin() + std::ptrdiff_t(s_->next_inject), v.end(), in.day,
                               [](std::int64_t d, const scenario::Inject& x) { return d < x.day; });
    v.insert(at, std::move(in));
}

}  // namespace peacesim::engine
