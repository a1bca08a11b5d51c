// The national political track (docs/model.md, section 7.11): conflict -> talks -> ceasefire ->
// agreement -> implementation -> elections -> transition, with collapse and relapse. Each
// transition is a daily hazard driven by the military situation (a mutually hurting stalemate;
// Zartman 1989), mediation, Security Council unity, inclusion (Krause, Krause and Branfors 2018)
// and spoilers (Stedman 1997).
#include <algorithm>
#include <cmath>

#include "actors/actors.hpp"
#include "politics/politics.hpp"

namespace peacesim::politics {

using core::Purpose;
using scenario::Stage;
using scenario::Stance;

namespace {
/// Moving averages of violence, spoilers' violence and violations span this many days.
constexpr double ema_days = 30.0;
/// Ripeness: pain is the monthly loss share, full at 2%; ripeness is (stalemate_floor +
/// stalemate_weight x stalemate) of that.
constexpr double full_pain = 0.02, stalemate_floor = 0.3, stalemate_weight = 0.7;
/// The mission's political staff add up to this much mediation, times its impartiality, in
/// proportion to their number against 300 per million people (a multidimensional mission's
/// political, civil affairs and electoral staff), up to one and a half times that.
constexpr double mission_mediation = 0.2, staff_per_million = 300.0, most_staff = 1.5;
/// A violation no impartial observer saw is rumoured: each side fears the worst of it, and it
/// weighs twice a verified one (Fortna 2004: monitoring lowers the uncertainty that unravels
/// ceasefires).
constexpr double rumour_weight = 2.0;
/// Third-party guarantees (Walter 2002): a signatory with all its fighters within reach of
/// mission troops fears being caught disarmed by this share less.
constexpr double guarantee_relief = 0.5;
/// Calm = exp(-calm_decay x violations); mediation halves the collapse hazard at most.
constexpr double calm_decay = 3.0, mediation_against_collapse = 0.5;
/// Local dialogues lift the agreement hazard by this factor per share of settlements.
constexpr double dialogue_lift = 100.0;
/// Signatories with cohesion below this walk out with probability (c0 - c) / c0.
constexpr double walkout_cohesion = 0.6;
/// Agreement to implementation takes this long.
constexpr int agreement_days = 60;
/// A signatory's fear is full at this many deaths a day near its fighters that it reads as bad
/// faith (per head of world.forces_population); Council division raises the hazard up to
/// (council_base - unity).
constexpr double full_threat = 1.0, council_base = 1.5;
/// A coup divides the Security Council by this much.
constexpr double coup_council = 0.2;
/// The mission's DDR support raises the demobilisation rate by half.
constexpr double ddr_support = 1.5;
}  // namespace

Track make_track(const scenario::PoliticsParams& pp, std::size_t parties) {
    Track t;
    t.stage = t.furthest = pp.initial_stage;
    t.stage_day = 0;
    t.mediation = pp.mediation;
    t.council_unity = pp.council_unity;
    t.inclusion = pp.inclusion;
    t.demobilise.assign(parties, 0.0);
    t.threat_ema.assign(parties, 0.0);
    if (t.stage == Stage::Elections) t.elections_until = 29;  // a scenario that starts at the vote
    return t;
}

void set_stage(Track& t, Stage s, int day) {
    if (s == Stage::Conflict && t.stage >= Stage::Agreement) ++t.relapses;
    t.stage = s;
    t.stage_day = day;
    t.furthest = std::max(t.furthest, s);
}

void follow_parties(Track& t, std::size_t parties) {
    t.demobilise.resize(parties, 0.0);
    t.threat_ema.resize(parties, 0.0);
}

void coup(Track& t, actors::Forces& forces, int day) {
    t.council_unity = std::max(0.0, t.council_unity - coup_council);
    if (t.stage == Stage::Talks || t.stage == Stage::Ceasefire) {
        for (auto& p : forces.parties)
            if (p.stance == Stance::Negotiating) p.stance = Stance::Fighting;
        set_stage(t, Stage::Conflict, day);
    }
}

void update(Track& t, actors::Forces& forces, population::Civilians& civ, const DayNews& news,
            const mission::State& mission, const scenario::Scenario& sc, const core::Today& today) {
    const auto& pp = sc.politics;
    const int day = today.day;
    auto& parties = forces.parties;
    follow_parties(t, parties.size());  // groups may have split since the day's fights
    t.violence_ema += (news.deaths - t.violence_ema) / ema_days;
    for (std::size_t p = 0; p < parties.size(); ++p)
        t.threat_ema[p] +=
            ((p < news.threat.size() ? news.threat[p] : 0.0) - t.threat_ema[p]) / ema_days;
    t.violations_ema +=
        (news.violations + rumour_weight * news.rumoured - t.violations_ema) / ema_days;
    if (t.elections_until >= day) t.election_deaths += news.deaths;

    std::int64_t gov_strength = 0, group_strength = 0;
    std::vector<std::int64_t> strength(parties.size(), 0);
    for (const auto& u : forces.units) strength[u.party] += u.strength;
    gov_strength = strength[0];
    for (std::size_t p = 1; p < parties.size(); ++p) group_strength += strength[p];

    // Ripeness (Zartman 1989): both sides hurting, neither winning.
    const double share =
        double(gov_strength) / double(std::max<std::int64_t>(1, gov_strength + group_strength));
    const double stalemate = 1.0 - std::fabs(share - 0.5) * 2.0;
    // The mission's political staff add to the envoys' mediation, less so as the mission is
    // seen to take sides (stabilization mandates; docs/model.md, section 8.9).
    double staff = 0;
    for (const auto& u : mission.units)
        if (u.active() && u.kind == mission::UnitKind::CivilianTeam) staff += u.strength;
    const double capacity =
        std::min(most_staff, staff / (staff_per_million * double(sc.world.population) / 1e6));
    const double mediation =
        std::min(1.0, t.mediation + (mission.tasks.mediation
                                         ? mission_mediation * capacity * mission.impartiality
                                         : 0.0));
    const double push = 0.5 * (mediation + t.council_unity);
    const double calm = std::exp(-calm_decay * t.violations_ema);

    // Groups enter talks one by one while the track is open to them.
    if (t.stage <= Stage::Ceasefire) {
        for (std::size_t p = 1; p < parties.size(); ++p) {
            actors::Party& g = parties[p];
            if (g.stance != Stance::Fighting || strength[p] == 0) continue;
            const double pain = std::min(parties[0].pain, g.pain) * 30.0;  // monthly loss share
            const double ripeness =
                std::min(1.0, pain / full_pain) * (stalemate_floor + stalemate_weight * stalemate);
            if (today.stream(std::uint32_t(p), Purpose::Politics)
                    .bernoulli(pp.talks_rate * ripeness * push))
                g.stance = Stance::Negotiating;
        }
    }
    int negotiating = 0, signatories = 0;
    for (std::size_t p = 1; p < parties.size(); ++p) {
        negotiating += parties[p].stance == Stance::Negotiating && strength[p] > 0;
        signatories += parties[p].stance == Stance::Signatory && strength[p] > 0;
    }
    auto r = today.stream(0, Purpose::Politics);
    auto collapse = [&] {
        for (auto& p : parties)
            if (p.stance == Stance::Negotiating) p.stance = Stance::Fighting;
        set_stage(t, Stage::Conflict, day);
    };
    const double dialogue_share =
        double(news.dialogues) / double(std::max<std::size_t>(1, news.settlements));
    switch (t.stage) {
        case Stage::Conflict:
            if (negotiating > 0) set_stage(t, Stage::Talks, day);
            break;
        case Stage::Talks:
        case Stage::Ceasefire:
            if (negotiating == 0 && signatories == 0) {
                set_stage(t, Stage::Conflict, day);
            } else if (r.bernoulli(pp.collapse_rate * std::min(1.0, t.violations_ema) *
                                   (1.0 - mediation_against_collapse * mediation))) {
                collapse();
            } else if (t.stage == Stage::Talks) {
                if (r.bernoulli(pp.ceasefire_rate * mediation * std::sqrt(t.council_unity) * calm))
                    set_stage(t, Stage::Ceasefire, day);
            } else if (r.bernoulli(pp.agreement_rate * mediation * t.council_unity *
                                   (1.0 + dialogue_lift * dialogue_share) * calm)) {
                // The negotiators sign; factions of weakly cohesive groups walk out as spoilers.
                const std::size_t n = parties.size();
                for (std::size_t p = 1; p < n; ++p) {
                    if (parties[p].stance != Stance::Negotiating) continue;
                    parties[p].stance = Stance::Signatory;
                    auto s = today.stream(std::uint32_t(p), Purpose::SplinterAtSigning);
                    if (s.bernoulli(std::max(
                            0.0, (walkout_cohesion - parties[p].cohesion) / walkout_cohesion)))
                        actors::splinter(forces, civ, std::uint32_t(p), today);
                }
                set_stage(t, Stage::Agreement, day);
            }
            break;
        case Stage::Agreement:
            if (day - t.stage_day >= agreement_days) set_stage(t, Stage::Implementation, day);
            break;
        case Stage::Implementation:
            if (day - t.stage_day >= pp.implementation_days) {
                set_stage(t, Stage::Elections, day);
                open_elections(
                    t, day + 30);  // today's deaths are already counted: 30 days from tomorrow
            }
            break;
        case Stage::Elections:
        case Stage::Transition:
            break;
    }
    if (t.elections_until == day) close_elections(t, forces, mission, r, day);
    // Keeping one's word (Walter 2002; Fortna 2008): each signatory weighs, every day, the
    // violence around it that it reads as the other side's bad faith against what protects it
    // while it disarms; one that defects returns to fighting, and the agreement has relapsed
    // once no signatory is left to keep it.
    if (t.stage >= Stage::Agreement && signatories > 0) {
        follow_parties(t, parties.size());  // factions that walked out at a signing today
        int kept = 0;
        for (std::size_t p = 1; p < parties.size(); ++p) {
            // Factions that walked out at a signing today are not in `strength`: not signatories.
            if (p >= strength.size() || parties[p].stance != Stance::Signatory || strength[p] == 0)
                continue;
            const double g = p < news.guarantee_of.size() ? news.guarantee_of[p] : 0.0;
            const double hazard = pp.relapse_rate * std::min(1.0, t.threat_ema[p] / full_threat) *
                                  (council_base - t.council_unity) * (1.0 - guarantee_relief * g);
            if (today.stream(std::uint32_t(p), Purpose::Defection).bernoulli(hazard))
                parties[p].stance = Stance::Fighting;
            else
                ++kept;
        }
        if (kept == 0) set_stage(t, Stage::Conflict, day);
    }
    // Disarmament, demobilisation and reintegration of signatories during implementation.
    t.demobilise.assign(parties.size(), 0.0);
    if (t.stage == Stage::Implementation || t.stage == Stage::Elections ||
        t.stage == Stage::Transition)
        for (std::size_t p = 1; p < parties.size(); ++p)
            if (parties[p].stance == Stance::Signatory)
                t.demobilise[p] = pp.ddr_rate * (mission.tasks.ddr ? ddr_support : 1.0);
}

}  // namespace peacesim::politics
