// Elections (docs/model.md, section 7.11): a peaceful vote strengthens the state; a violent one
// weakens it and may end the process (Brancati and Snyder 2013).
#include <algorithm>

#include "politics/politics.hpp"

namespace peacesim::politics {

using scenario::Stage;
using scenario::Stance;

namespace {
constexpr double election_days = 30.0;
/// A vote is peaceful when its mean daily deaths stay below peaceful_floor + peaceful_factor x
/// the level before it.
constexpr double peaceful_floor = 1.0, peaceful_factor = 1.5;
/// Legitimacy a peaceful vote brings (more with the mission's electoral support), the rise of
/// its structural level, and what a violent vote costs.
constexpr double peaceful_gain = 0.1, supported_gain = 0.15, structural_gain = 0.05,
                 violent_loss = 0.1;
/// Chance that a violent vote after an agreement sends the signatories back to war.
constexpr double violent_relapse = 0.3;
}  // namespace

void open_elections(Track& t, int last_day) {
    t.elections_until = last_day;
    t.election_deaths = 0;
    t.election_baseline = t.violence_ema;
}

void close_elections(Track& t, actors::Forces& forces, const mission::State& mission,
                     core::Stream& r, int day) {
    actors::Party& gov = forces.parties[0];
    const bool peaceful =
        t.election_deaths / election_days <= peaceful_floor + peaceful_factor * t.election_baseline;
    if (peaceful) {
        // Electoral support makes a calm vote more credible.
        gov.legitimacy = std::min(
            1.0, gov.legitimacy + (mission.tasks.electoral ? supported_gain : peaceful_gain));
        gov.initial_legitimacy = std::min(1.0, gov.initial_legitimacy + structural_gain);
        if (t.stage == Stage::Elections) set_stage(t, Stage::Transition, day);
    } else {
        gov.legitimacy = std::max(0.0, gov.legitimacy - violent_loss);
        if (t.stage >= Stage::Agreement && r.bernoulli(violent_relapse)) {
            for (auto& p : forces.parties)
                if (p.stance == Stance::Signatory) p.stance = Stance::Fighting;
            set_stage(t, Stage::Conflict, day);
        } else if (t.stage == Stage::Elections) {
            set_stage(t, Stage::Transition, day);
        }
    }
}

}  // namespace peacesim::politics
