// How the process binds the parties (docs/model.md, sections 7.4 and 7.11): negotiating parties
// and signatories fight less, spoilers more once talks open, and elections draw attacks; a
// ceasefire or an agreement is a truce between the state and the parties bound by it.
#include "politics/politics.hpp"

namespace peacesim::politics {

using scenario::Stage;
using scenario::Stance;

namespace {
/// The state's tempo per unit of capacity; a group's base tempo before its resources.
constexpr double state_tempo_per_capacity = 2.0, group_base_tempo = 0.5;
/// An offensive triples a party's tempo.
constexpr double offensive_tempo = 3.0;
/// Tempo of a negotiating group while talks are open, and once a ceasefire holds; of a
/// signatory; of a spoiler once talks open; of anyone not signed during elections.
constexpr double talks_tempo = 0.5, ceasefire_tempo = 0.15, signatory_tempo = 0.05;
constexpr double spoiler_tempo = 1.5, election_tempo = 1.5;
}  // namespace

double tempo(const actors::Party& p, const Track& tr, int day) {
    double t =
        p.government ? state_tempo_per_capacity * p.capacity : group_base_tempo + p.resources;
    if (p.offensive_until >= day) t *= offensive_tempo;
    if (p.government) return t;
    switch (p.stance) {
        case Stance::Negotiating:
            t *= tr.stage <= Stage::Talks ? talks_tempo : ceasefire_tempo;
            break;
        case Stance::Signatory:
            t *= signatory_tempo;
            break;
        case Stance::Spoiler:
            t *= tr.stage >= Stage::Talks ? spoiler_tempo : 1.0;
            break;  // violence to derail
        default:
            break;
    }
    if (tr.elections_until >= day && p.stance != Stance::Signatory) t *= election_tempo;
    return t;
}

bool truce_between(const std::vector<actors::Party>& parties, const Track& t, std::uint32_t a,
                   std::uint32_t b) {
    if (a != 0 && b != 0) return false;
    const actors::Party& g = parties[a == 0 ? b : a];
    if (g.government) return false;
    return (g.stance == Stance::Negotiating && t.stage >= Stage::Ceasefire) ||
           g.stance == Stance::Signatory;
}

}  // namespace peacesim::politics
