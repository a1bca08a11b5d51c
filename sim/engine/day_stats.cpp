// The day's row of the time series (docs/model.md, section 2 "Observation"; docs/outputs.md),
// filled from what the phases report and from the state at the end of the day.
#include "engine/engine.hpp"

namespace peacesim::engine {

void record_people(DayStats& st, const population::DayOutcome& people, const Logged& logged) {
    const auto& c = people.counts;
    st.status = c.status;
    st.civilians_killed_government = c.killed_government;
    st.civilians_killed_groups = c.killed_groups;
    st.civilians_killed_battle = c.killed_battle;
    st.fled = c.fled;
    st.returned = c.returned;
    st.new_refugees = c.new_refugees;
    st.mean_grievance = c.mean_grievance();
    st.mean_trust_state = c.mean_trust_state();
    st.demobilised = people.demobilised;
    st.communal_deaths = people.communal_deaths;
    st.events_state = logged.events_state;
    st.events_nonstate = logged.events_nonstate;
    st.events_onesided = logged.events_onesided;
    st.battle_deaths = logged.battle_deaths;
}

void record_forces(DayStats& st, const actors::Forces& forces,
                   const population::Presence& presence) {
    for (const auto& u : forces.units)
        (u.party == 0 ? st.fighters_government : st.fighters_groups) += u.strength;
    st.legitimacy = forces.parties[0].legitimacy;
    std::int64_t held = 0, residents = 0;
    for (std::size_t s = 0; s < forces.control.size(); ++s) {
        const std::int64_t here = presence.residents_at(s);
        residents += here;
        if (forces.control[s] == 0) held += here;
    }
    st.state_control = residents ? double(held) / double(residents) : 0.0;
}

void record_process(DayStats& st, const politics::Track& track, const actors::Forces& forces) {
    st.stage = track.stage;
    std::vector<std::int64_t> strength(forces.parties.size(), 0);
    for (const auto& u : forces.units) strength[u.party] += u.strength;
    for (std::size_t p = 1; p < forces.parties.size(); ++p) {
        if (strength[p] == 0) continue;
        const auto stance = forces.parties[p].stance;
        ++st.armed_groups;
        st.negotiating += stance == scenario::Stance::Negotiating;
        st.signatories += stance == scenario::Stance::Signatory;
        st.spoilers += stance == scenario::Stance::Spoiler;
    }
}

}  // namespace peacesim::engine
