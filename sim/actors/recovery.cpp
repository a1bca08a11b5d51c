// Recovery and legitimacy (docs/model.md, section 7.8): resting bands rebuild from their
// resources and the state's companies from its capacity; legitimacy erodes when the state kills
// its citizens, less when it fails to protect them, and drifts back towards its structural level
// (Gilley 2009: legitimacy tracks performance and human-rights conduct).
#include <algorithm>
#include <cmath>

#include "actors/actors.hpp"

namespace peacesim::actors {

using core::Purpose;

namespace {
/// Legitimacy drifts back towards its initial level at this share a day.
constexpr double legitimacy_drift = 0.002;
/// Legitimacy lost per thousand civilians killed by the state, and by others, per million
/// inhabitants (so the effect holds when the population is scaled).
constexpr double legitimacy_per_state_killing = 0.05, legitimacy_per_other_killing = 0.01;
}  // namespace

void reinforce(Forces& f, const std::vector<double>& demobilise, const scenario::Scenario& sc,
               const core::Today& today) {
    const auto& cp = sc.conflict;
    for (std::uint32_t id = 0; id < f.units.size(); ++id) {
        Unit& u = f.units[id];
        if (!u.alive() || u.strength >= u.full_strength) continue;
        const Party& p = f.parties[u.party];
        const bool resting = u.x == u.base_x && u.y == u.base_y;
        // Bands being demobilised do not rebuild.
        const bool disarming = u.party < demobilise.size() && demobilise[u.party] > 0;
        const double rate = p.government
                                ? cp.government_reinforcement * p.capacity
                                : (resting && !disarming ? cp.recovery_rate * p.resources : 0.0);
        const double gain = rate * double(u.full_strength - u.strength);
        if (gain <= 0) continue;
        auto r = today.stream(id, Purpose::Reinforcement);
        const double whole = std::floor(gain);
        u.strength += std::int32_t(whole) + (r.bernoulli(gain - whole) ? 1 : 0);
        if (u.action == Action::Retreat && resting) u.action = Action::Hold;
    }
}

void update_legitimacy(Forces& f, std::int64_t killed_by_state, std::int64_t killed_by_others,
                       std::int64_t population) {
    Party& gov = f.parties[0];
    const double per_million = 1e6 / double(std::max<std::int64_t>(1, population));
    gov.legitimacy +=
        legitimacy_drift * (gov.initial_legitimacy - gov.legitimacy) -
        legitimacy_per_state_killing * double(killed_by_state) / 1000.0 * per_million -
        legitimacy_per_other_killing * double(killed_by_others) / 1000.0 * per_million;
    gov.legitimacy = std::clamp(gov.legitimacy, 0.0, 1.0);
}

void demobilise(Forces& f, const std::vector<double>& rates, const core::Today& today) {
    // Disarmament, demobilisation and reintegration (docs/model.md, section 7.11): signatories'
    // bands shrink at the day's rate, the fraction drawn at random.
    for (std::uint32_t id = 0; id < f.units.size(); ++id) {
        Unit& u = f.units[id];
        if (!u.alive() || rates[u.party] == 0) continue;
        const double gone = rates[u.party] * u.strength;
        auto d = today.stream(id, Purpose::Demobilise);
        u.strength -= std::int32_t(gone) + (d.bernoulli(gone - std::floor(gone)) ? 1 : 0);
        u.strength = std::max(0, u.strength);
    }
}

}  // namespace peacesim::actors
