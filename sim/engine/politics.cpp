// The national political track: conflict -> talks -> ceasefire -> agreement -> implementation ->
// elections -> transition, with collapse and relapse. Each transition is a daily hazard driven
// by the military situation (a mutually hurting stalemate; Zartman 1989), mediation, Security
// Council unity, inclusion (Krause, Krause and Branfors 2018) and spoilers (Stedman 1997).
#include "state.hpp"

namespace peacesim::engine {

using namespace detail;
using scenario::Stage;
using scenario::Stance;

void Simulation::State::init_politics() {
    const auto& pp = sc.politics;
    stage = furthest = pp.initial_stage;
    stage_day = 0;
    mediation = pp.mediation;
    council_unity = pp.council_unity;
    inclusion = pp.inclusion;
    demobilise.assign(parties.size(), 0.0);
    if (stage == Stage::Elections) elections_until = 29;  // a scenario that starts at the vote
}

void Simulation::State::set_stage(Stage s) {
    if (s == Stage::Conflict && stage >= Stage::Agreement) ++relapses;
    stage = s;
    stage_day = day;
    furthest = std::max(furthest, s);
}

double Simulation::State::tempo(const Party& p) const {
    double t = p.government ? 2.0 * p.capacity : 0.5 + p.resources;
    if (p.offensive_until >= day) t *= 3.0;
    if (p.government) return t;
    switch (p.stance) {
        case Stance::Negotiating: t *= stage <= Stage::Talks ? 0.5 : 0.15; break;
        case Stance::Signatory: t *= 0.05; break;
        case Stance::Spoiler: t *= stage >= Stage::Talks ? 1.5 : 1.0; break;  // violence to derail
        default: break;
    }
    if (elections_until >= day && p.stance != Stance::Signatory) t *= 1.5;  // elections draw attacks
    return t;
}

bool Simulation::State::truce_between(std::uint32_t a, std::uint32_t b) const {
    if (a != 0 && b != 0) return false;
    const Party& g = parties[a == 0 ? b : a];
    if (g.government) return false;
    return (g.stance == Stance::Negotiating && stage >= Stage::Ceasefire) || g.stance == Stance::Signatory;
}

void Simulation::State::update_politics(DayStats& st) {
    const auto& pp = sc.politics;
    // Recent pain: losses as a share of strength, a 30-day moving average. Defeats and
    // disputes over talks strain cohesion, which otherwise recovers towards its usual level.
    for (auto& p : parties) {
        const double frac = double(p.losses_today) / double(std::max<std::int64_t>(1, p.fighters_before));
        p.pain += (frac - p.pain) / 30.0;
        if (p.government) continue;
        p.cohesion += 0.002 * (p.initial_cohesion - p.cohesion) - 0.5 * frac -
                      (p.stance == Stance::Negotiating ? 0.001 : 0.0);
        p.cohesion = std::clamp(p.cohesion, 0.0, 1.0);
    }
    // Resources: predation on the people a group holds, minus the upkeep of its fighters
    // (Collier and Hoeffler 2004; Weinstein 2007).
    {
        std::vector<std::int64_t> held(parties.size(), 0), fighters(parties.size(), 0);
        for (std::size_t s = 0; s < map.settlements.size(); ++s)
            held[control[s]] += residents_at(s);
        for (const auto& u : units) fighters[u.party] += u.strength;
        const auto& cp = sc.conflict;
        for (std::size_t p = 1; p < parties.size(); ++p) {
            Party& g = parties[p];
            g.resources += cp.predation_income * double(held[p]) / 100000.0 - cp.upkeep * double(fighters[p]) / 1000.0;
            g.resources = std::clamp(g.resources, 0.02, 1.0);
        }
        const std::size_t n = parties.size();
        for (std::size_t p = 1; p < n; ++p) {
            if (parties[p].cohesion >= cp.splinter_threshold || fighters[p] < 2 * parties[p].band_size) continue;
            Stream r(seed, std::uint32_t(day), std::uint32_t(p), Purpose::Splinter);
            if (r.bernoulli(cp.splinter_rate)) splinter(std::uint32_t(p));
        }
    }
    const double deaths = double(st.battle_deaths + st.civilians_killed() + st.communal_deaths);
    violence_ema += (deaths - violence_ema) / 30.0;
    spoiler_ema += (double(spoiler_deaths_today) - spoiler_ema) / 30.0;
    violations_ema += (double(violations_today) - violations_ema) / 30.0;
    spoiler_deaths_today = 0;
    if (elections_until >= day) election_deaths += deaths;

    std::int64_t gov_strength = 0, group_strength = 0;
    std::vector<std::int64_t> strength(parties.size(), 0);
    for (const auto& u : units) strength[u.party] += u.strength;
    gov_strength = strength[0];
    for (std::size_t p = 1; p < parties.size(); ++p) group_strength += strength[p];

    // Ripeness (Zartman 1989): both sides hurting, neither winning.
    const double share = double(gov_strength) / double(std::max<std::int64_t>(1, gov_strength + group_strength));
    const double stalemate = 1.0 - std::fabs(share - 0.5) * 2.0;
    // The mission's political staff add to the envoys' mediation, less so as the mission is
    // seen to take sides (stabilization mandates; BRIEF, Mandates).
    const double mediation_base = mediation;
    const double mediation = std::min(1.0, mediation_base + (tasks.mediation ? 0.2 * impartiality : 0.0));
    const double push = 0.5 * (mediation + council_unity);
    const double calm = std::exp(-3.0 * violations_ema);

    // Groups enter talks one by one while the track is open to them.
    if (stage <= Stage::Ceasefire) {
        for (std::size_t p = 1; p < parties.size(); ++p) {
            Party& g = parties[p];
            if (g.stance != Stance::Fighting || strength[p] == 0) continue;
            const double pain = std::min(parties[0].pain, g.pain) * 30.0;  // monthly loss share
            const double ripeness = std::min(1.0, pain / 0.02) * (0.3 + 0.7 * stalemate);
            Stream r(seed, std::uint32_t(day), std::uint32_t(p), Purpose::Politics);
            if (r.bernoulli(pp.talks_rate * ripeness * push)) g.stance = Stance::Negotiating;
        }
    }
    int negotiating = 0, signatories = 0;
    for (std::size_t p = 1; p < parties.size(); ++p) {
        negotiating += parties[p].stance == Stance::Negotiating && strength[p] > 0;
        signatories += parties[p].stance == Stance::Signatory && strength[p] > 0;
    }
    Stream r(seed, std::uint32_t(day), 0, Purpose::Politics);
    auto collapse = [&] {
        for (auto& p : parties)
            if (p.stance == Stance::Negotiating) p.stance = Stance::Fighting;
        set_stage(Stage::Conflict);
    };
    const double dialogue_share = double(dialogues_today) / double(std::max<std::size_t>(1, map.settlements.size()));
    switch (stage) {
        case Stage::Conflict:
            if (negotiating > 0) set_stage(Stage::Talks);
            break;
        case Stage::Talks:
        case Stage::Ceasefire:
            if (negotiating == 0 && signatories == 0) {
                set_stage(Stage::Conflict);
            } else if (r.bernoulli(pp.collapse_rate * std::min(1.0, violations_ema) * (1.0 - 0.5 * mediation))) {
                collapse();
            } else if (stage == Stage::Talks) {
                if (r.bernoulli(pp.ceasefire_rate * mediation * std::sqrt(council_unity) * calm))
                    set_stage(Stage::Ceasefire);
            } else if (r.bernoulli(pp.agreement_rate * mediation * council_unity * (1.0 + 100.0 * dialogue_share) * calm)) {
                // The negotiators sign; factions of weakly cohesive groups walk out as spoilers.
                const std::size_t n = parties.size();
                for (std::size_t p = 1; p < n; ++p) {
                    if (parties[p].stance != Stance::Negotiating) continue;
                    parties[p].stance = Stance::Signatory;
                    Stream s(seed, std::uint32_t(day), std::uint32_t(p), Purpose::SplinterAtSigning);
                    if (s.bernoulli(std::max(0.0, (0.6 - parties[p].cohesion) / 0.6))) splinter(std::uint32_t(p));
                }
                set_stage(Stage::Agreement);
            }
            break;
        case Stage::Agreement:
            if (day - stage_day >= 60) set_stage(Stage::Implementation);
            break;
        case Stage::Implementation:
            if (day - stage_day >= pp.implementation_days) {
                set_stage(Stage::Elections);
                elections_until = day + 30;  // today's deaths are already counted: 30 days from tomorrow
                election_deaths = 0;
                election_baseline = violence_ema;
            }
            break;
        case Stage::Elections:
        case Stage::Transition:
            break;
    }
    // Elections: a peaceful vote strengthens the state; a violent one weakens it and may end
    // the process (Brancati and Snyder 2013).
    if (elections_until == day) {
        Party& gov = parties[0];
        const bool peaceful = election_deaths / 30.0 <= 1.0 + 1.5 * election_baseline;
        if (peaceful) {
            // Electoral support makes a calm vote more credible.
            gov.legitimacy = std::min(1.0, gov.legitimacy + (tasks.electoral ? 0.15 : 0.1));
            gov.initial_legitimacy = std::min(1.0, gov.initial_legitimacy + 0.05);
            if (stage == Stage::Elections) set_stage(Stage::Transition);
        } else {
            gov.legitimacy = std::max(0.0, gov.legitimacy - 0.1);
            if (stage >= Stage::Agreement && r.bernoulli(0.3)) {
                for (auto& p : parties)
                    if (p.stance == Stance::Signatory) p.stance = Stance::Fighting;
                set_stage(Stage::Conflict);
            } else if (stage == Stage::Elections) {
                set_stage(Stage::Transition);
            }
        }
    }
    // Relapse after an agreement: violence and spoilers against inclusion and Council backing.
    if (stage >= Stage::Agreement) {
        const double pressure = std::min(1.0, violence_ema / 10.0 + spoiler_ema / 5.0);
        const double hazard = pp.relapse_rate * pressure * (1.0 - pp.inclusion_durability * inclusion) *
                              (1.5 - council_unity);
        if (r.bernoulli(hazard)) {
            for (auto& p : parties)
                if (p.stance == Stance::Signatory) p.stance = Stance::Fighting;
            set_stage(Stage::Conflict);
        }
    }
    // Disarmament, demobilisation and reintegration of signatories during implementation.
    demobilise.assign(parties.size(), 0.0);
    if (stage == Stage::Implementation || stage == Stage::Elections || stage == Stage::Transition) {
        for (std::size_t p = 1; p < parties.size(); ++p)
            if (parties[p].stance == Stance::Signatory) demobilise[p] = pp.ddr_rate * (tasks.ddr ? 1.5 : 1.0);
        for (std::uint32_t id = 0; id < units.size(); ++id) {
            Unit& u = units[id];
            if (!u.alive() || demobilise[u.party] == 0) continue;
            const double gone = demobilise[u.party] * u.strength;
            Stream d(seed, std::uint32_t(day), id, Purpose::Demobilise);
            u.strength -= std::int32_t(gone) + (d.bernoulli(gone - std::floor(gone)) ? 1 : 0);
            u.strength = std::max(0, u.strength);
        }
    }

    st.stage = stage;
    strength.assign(parties.size(), 0);  // parties may have split today
    for (const auto& u : units) strength[u.party] += u.strength;
    for (std::size_t p = 1; p < parties.size(); ++p) {
        if (strength[p] == 0) continue;
        ++st.armed_groups;
        st.negotiating += parties[p].stance == Stance::Negotiating;
        st.signatories += parties[p].stance == Stance::Signatory;
        st.spoilers += parties[p].stance == Stance::Spoiler;
    }
}

}  // namespace peacesim::engine
