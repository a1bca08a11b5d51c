// The civilians' day (docs/model.md, sections 7.1-7.3 and 8.13), in parallel over fixed blocks
// of people: each may die in today's violence, be arrested, fall to attrition as a fighter or go
// home through DDR, flee, return, join an armed group or rebel; and updates hardship,
// grievance and trust. Each person writes only their own entries; counts go to per-thread
// integer tallies and the sums of grievance and trust, in fixed point (population/quiet.hpp), to
// per-block slots: every sum is of integers, the same in any order, so the result depends
// neither on the number of threads nor on the order in which a block serves its people.

#include <algorithm>
#include <cstring>

#include "core/parallel.hpp"
#include "population/population.hpp"
#include "population/quiet.hpp"

namespace peacesim::population {

using core::Purpose;
using core::Stream;
using world::detail::none32;
using world::detail::none8;

namespace {
/// Recruitment drive of a group bound by a ceasefire or an agreement, against its usual drive.
constexpr double bound_recruit_drive = 0.3;
/// Trust in the state after surviving an attack by its forces, and by another party; the daily
/// relaxation towards the initial value (section 7.3).
constexpr float trust_after_state_attack = 0.7f, trust_after_other_attack = 0.95f;
constexpr float trust_relaxation = 0.002f;
/// Trust in the mission (section 8.13): after misconduct, after an attack despite its presence;
/// the daily gain where it protects, and the drift back to indifference where it is absent.
constexpr float mission_trust_after_misconduct = 0.7f, mission_trust_after_failure = 0.9f;
constexpr float mission_trust_gain = 0.002f, mission_trust_drift = 0.001f, indifference = 0.5f;

/// What the mission does to its residents' trust in a settlement today (section 8.13).
enum class MissionHere : std::uint8_t { Misconduct = 1, Failure, Safe, Absent };

MissionHere mission_here(bool misconduct, bool failed_to_protect, bool safe) noexcept {
    return misconduct          ? MissionHere::Misconduct
           : failed_to_protect ? MissionHere::Failure
           : safe              ? MissionHere::Safe
                               : MissionHere::Absent;
}
/// Trust in the mission after today: lost to misconduct and failures to protect, earned by
/// protection, drifting back to indifference where the mission is absent.
float mission_trust_after(float tm, MissionHere m) noexcept {
    switch (m) {
        case MissionHere::Misconduct:
            return tm * mission_trust_after_misconduct;
        case MissionHere::Failure:
            return tm * mission_trust_after_failure;
        case MissionHere::Safe:
            return tm + mission_trust_gain * (1.0f - tm);
        default:
            return tm + mission_trust_drift * (indifference - tm);
    }
}
/// Integer tallies per thread (order-free sums).
struct Tally {
    std::vector<std::int32_t> osv_dead, battle_dead, clash_dead_a, clash_dead_b, present;
    std::vector<std::int64_t> recruits;
    std::vector<std::int32_t> actives, residents;  // per violence block
    std::vector<std::int64_t> trust_mission;       // per settlement, x 1e4
    std::int64_t demobilised = 0, communal = 0;
    std::vector<std::uint8_t> set_aside;  // the shortcut's, a run at most
    std::vector<std::uint32_t> aside;     // the shortcut's people who might act, a run at most
    std::vector<std::uint32_t> away;      // and those set aside who are not at home
};

bool resident(Status s) {
    return s == Status::Home || s == Status::Displaced || s == Status::ProtectionSite ||
           s == Status::Active;
}
}  // namespace

void Counts::add(const Counts& o) noexcept {
    for (std::size_t k = 0; k < status.size(); ++k) status[k] += o.status[k];
    killed_government += o.killed_government;
    killed_groups += o.killed_groups;
    killed_battle += o.killed_battle;
    fled += o.fled;
    returned += o.returned;
    new_refugees += o.new_refugees;
    grievance += o.grievance;
    trust += o.trust;
    counted += o.counted;
}

DayOutcome update(Civilians& civ, Presence& presence, const Perception& perception,
                  const Exposure& exposure, const actors::Forces& forces,
                  const politics::Track& politics, const world::Sight& sight,
                  const scenario::Scenario& sc, const core::Today& today, bool full_rules) {
    const auto& pp = sc.population;
    const auto& parties = forces.parties;
    const auto& inc = exposure.incidents;
    const auto& com = exposure.communities;
    const auto& mis = exposure.mission;
    const std::size_t n = civ.size();
    const std::size_t ns = presence.trust_mission.size(), np = parties.size();
    const std::size_t groups = presence.groups, nb = presence.actives.size();
    const float trust0 = float(std::max(1e-3, pp.trust_state));
    const double legit_per_trust = parties[0].legitimacy / double(trust0);
    // Groups recruit in proportion to their resources; parties to a ceasefire or an agreement
    // are bound to stop recruiting and mostly do. The daily chance that an aggrieved person with
    // the recruiters of group g at hand joins it (index g: the party is g + 1).
    std::vector<double> recruit_chance(np, 0.0);
    for (std::size_t p = 1; p < np; ++p) {
        const auto stance = parties[p].stance;
        const bool bound =
            stance == scenario::Stance::Signatory || (stance == scenario::Stance::Negotiating &&
                                                      politics.stage >= scenario::Stage::Ceasefire);
        const double drive = parties[p].resources * (bound ? bound_recruit_drive : 1.0);
        recruit_chance[p - 1] = pp.recruit_rate * drive;
    }
    std::vector<float> mean_hardship(groups);
    for (std::size_t g = 0; g < groups; ++g)
        mean_hardship[g] = float(sc.identity_groups[g].hardship);
    const auto& attrition = forces.attrition;
    const auto& demobilise = politics.demobilise;
    core::PerThread<Tally> tallies([&] {
        Tally t;
        t.osv_dead.assign(ns, 0);
        t.battle_dead.assign(ns, 0);
        t.clash_dead_a.assign(ns, 0);
        t.clash_dead_b.assign(ns, 0);
        t.present.assign(ns * groups, 0);
        t.recruits.assign(np, 0);
        t.actives.assign(nb, 0);
        t.residents.assign(nb, 0);
        t.trust_mission.assign(ns, 0);
        t.set_aside.resize(block_size + 64);
        t.aside.resize(block_size);
        t.away.resize(block_size);
        return t;
    });
    // Settlements where nothing struck today, by what the mission does there (0: something
    // did, so no failure to protect either): the fast path below serves the people at home.
    std::vector<std::uint8_t> calm(ns);
    for (std::size_t s = 0; s < ns; ++s)
        calm[s] =
            full_rules || inc.osv_party[s] != none32 || inc.collateral_p[s] > 0.0f ||
                    com.clash_p[s] > 0.0f
                ? 0
                : std::uint8_t(mission_here(mis.misconduct_here[s], false, mis.safety[s] > 0));
    const float recovery_rate = float(pp.recovery_hardship_rate);
    // Hardship's daily growth while displaced, by settlement: aid where it can reach relieves
    // part of it (the same expression, person by person or here, rounds alike).
    std::vector<float> displaced_growth(ns);
    for (std::size_t s = 0; s < ns; ++s)
        displaced_growth[s] =
            float(pp.displaced_hardship_rate * (1.0 - sc.communities.aid_relief * com.access[s]));
    if (civ.run_ends.empty() && n > 0) index_runs(civ);
    std::vector<Counts> block_sums((n + block_size - 1) / block_size);
    const auto seed = today.seed;
    const auto dayu = std::uint32_t(today.day);
    core::parallel_for(core::Range(0, block_sums.size(), 1), [&](const auto& blocks) {
        Tally& tally = tallies.local();
        // Raw pointers held in locals: the compiler may keep them in registers across the
        // byte-sized stores below, which could otherwise alias any vector's internals.
        auto* const home_ = civ.home.data();
        auto* const location_ = civ.location.data();
        auto* const group_ = civ.group.data();
        auto* const status_ = civ.status.data();
        auto* const affiliation_ = civ.affiliation.data();
        auto* const hardship_ = civ.hardship.data();
        const auto* const risk_aversion_ = civ.risk_aversion.data();
        auto* const grievance_ = civ.grievance.data();
        auto* const trust_state_ = civ.trust_state.data();
        auto* const jail_days_ = civ.jail_days.data();
        auto* const trust_mission_ = civ.trust_mission.data();
        const auto* const threat_ = perception.threat.data();
        const auto* const jail_p_ = perception.jail_p.data();
        const auto* const arrest_p_ = perception.arrest_p.data();
        const auto* const recruit_group_ = perception.recruit_group.data();
        const auto* const refuge_ = perception.refuge.data();
        const auto* const osv_p_ = inc.osv_p.data();
        const auto* const collateral_p_ = inc.collateral_p.data();
        const auto* const osv_party_ = inc.osv_party.data();
        const auto* const clash_a_ = com.clash_a.data();
        const auto* const clash_b_ = com.clash_b.data();
        const auto* const clash_p_ = com.clash_p.data();
        const auto* const guard_ = mis.guard.data();
        const auto* const misconduct_ = mis.misconduct_here.data();
        const auto* const poc_ = mis.poc.data();
        const auto* const safety_ = mis.safety.data();
        const auto* const block_of_ = sight.settlement_block.data();
        const auto* const near_border_ = sight.near_border.data();
        const auto* const control_ = forces.control.data();
        const auto* const calm_ = calm.data();
        const auto* const osv_only_ = inc.osv_only.data();
        const auto* const osv_spare_ = inc.osv_spare.data();
        const std::uint32_t* const run_ends = civ.run_ends.data();
        const std::size_t n_runs = civ.run_ends.size();
        const auto* const displaced_growth_ = displaced_growth.data();
        const auto* const mean_hardship_ = mean_hardship.data();
        // The rules' parameters in locals, for the same reason.
        const double max_risk = pp.max_risk, recruit_threshold = pp.recruit_threshold,
                     rebellion_threshold = pp.rebellion_threshold, refugee_share = pp.refugee_share,
                     return_rate = pp.return_rate, return_threat = pp.return_threat;
        const auto max_jail_days = std::uint32_t(pp.max_jail_days);
        const std::size_t ng = presence.groups;
        // What the shortcut below gives everyone, wherever they live.
        QuietPlace quiet_base;
        quiet_base.trust0 = trust0, quiet_base.trust_relaxation = trust_relaxation;
        quiet_base.recovery = recovery_rate, quiet_base.legit_per_trust = legit_per_trust;
        quiet_base.max_risk = pp.max_risk;
        quiet_base.recruit_threshold = pp.recruit_threshold;
        quiet_base.rebellion_threshold = pp.rebellion_threshold;
        const double flee_rate = pp.flee_rate, activation_rate = pp.activation_rate;
        const double* const recruit_p = recruit_chance.data();
        std::uint8_t* const set_aside = tally.set_aside.data();
        std::uint32_t* const aside = tally.aside.data();
        std::uint32_t* const away = tally.away.data();
        auto* const t_present = tally.present.data();
        auto* const t_residents = tally.residents.data();
        auto* const t_actives = tally.actives.data();
        auto* const t_osv_dead = tally.osv_dead.data();
        auto* const t_battle_dead = tally.battle_dead.data();
        auto* const t_recruits = tally.recruits.data();
        auto* const t_trust_mission = tally.trust_mission.data();
        for (std::size_t b = blocks.begin(); b < blocks.end(); ++b) {
            Counts sum;
            const std::size_t end = std::min(n, (b + 1) * block_size);
            // Everyone's day by the rules in full; `home` and `g` are the person's home and group,
            // which the caller knows from the run (one home and group), saving two scattered reads.
            auto visit = [=, &tally, &attrition, &demobilise](const std::size_t i,
                                                              const std::uint32_t home,
                                                              const std::uint8_t g, Counts& sum) {
                auto status = static_cast<Status>(status_[i]);
                if (status == Status::Refugee || status == Status::Killed ||
                    status == Status::DiedFighting) {
                    ++sum.status[status_[i]];
                    return;
                }
                const auto id = std::uint32_t(i);
                if (status == Status::Jailed) {
                    if (--jail_days_[i] == 0) {
                        status = location_[i] == home ? Status::Home : Status::Displaced;
                        status_[i] = std::uint8_t(status);
                        ++t_present[(std::size_t(location_[i]) * ng + g)];
                        ++t_residents[block_of_[location_[i]]];
                    }
                    ++sum.status[status_[i]];
                    return;
                }
                if (status == Status::Recruited) {
                    const std::size_t party = std::size_t(affiliation_[i]) + 1;
                    const double p = attrition[party];
                    Stream r(seed, dayu, id, Purpose::CivilianAttrition);
                    if (p > 0 && r.bernoulli(p)) {
                        status = Status::DiedFighting;
                    } else if (demobilise[party] > 0 && r.bernoulli(demobilise[party])) {
                        // Disarmament, demobilisation and reintegration: the fighter goes home.
                        status = Status::Home;
                        location_[i] = home;
                        affiliation_[i] = no_affiliation;
                        ++tally.demobilised;
                        ++t_present[(std::size_t(home) * ng + g)];
                        ++t_residents[block_of_[home]];
                    }
                    status_[i] = std::uint8_t(status);
                    ++sum.status[status_[i]];
                    return;
                }
                std::uint32_t loc = location_[i];
                // Violence where they are today.
                const float p_osv = engine::Incidents::is_targeted(osv_party_[loc], osv_only_[loc],
                                                                   osv_spare_[loc], g)
                                        ? osv_p_[loc]
                                        : 0.0f;
                const float p_col = collateral_p_[loc];
                const float p_clash =
                    (g == clash_a_[loc] || g == clash_b_[loc]) ? clash_p_[loc] : 0.0f;
                float trust = trust_state_[i];
                if (p_osv + p_col + p_clash > 0.0f) {
                    const double u = Stream(seed, dayu, id, Purpose::CivilianDie).uniform();
                    if (u < p_osv + p_col + p_clash) {
                        status_[i] = std::uint8_t(Status::Killed);
                        ++sum.status[std::size_t(Status::Killed)];
                        if (u < p_osv) {
                            (osv_party_[loc] == 0 ? sum.killed_government : sum.killed_groups) += 1;
                            ++t_osv_dead[loc];
                        } else if (u < p_osv + p_col) {
                            ++sum.killed_battle;
                            ++t_battle_dead[loc];
                        } else {
                            ++tally.communal;
                            ++(g == clash_a_[loc] ? tally.clash_dead_a : tally.clash_dead_b)[loc];
                        }
                        return;
                    }
                }
                // Survivors of an attack lose trust in the state: much more when its own forces
                // were the attackers than when it failed to protect them.
                if (osv_party_[loc] != none32)
                    trust *=
                        osv_party_[loc] == 0 ? trust_after_state_attack : trust_after_other_attack;
                trust += trust_relaxation * (trust0 - trust);
                // Hardship grows while displaced and eases at home; grievance follows Epstein.
                float h = hardship_[i];
                if (loc == home && (status == Status::Home || status == Status::Active))
                    h += recovery_rate * (mean_hardship_[g] - h);
                else  // aid where it can reach relieves part of the hardship of displacement
                    h = std::min(1.0f, h + displaced_growth_[loc]);
                const double grievance = grievance_of(h, trust, legit_per_trust);
                const float risk = risk_aversion_[i];
                // The threat a person bears before fleeing: the more risk-averse, the less.
                const float tolerance = 1.0f - risk;
                const float t_here = threat_[(std::size_t(loc) * ng + g)];
                const double net = grievance - std::min(max_risk, double(risk) * arrest_p_[loc]);
                const std::uint8_t rg = recruit_group_[(std::size_t(loc) * ng + g)];
                Stream rebel(seed, dayu, id, Purpose::CivilianRebel);
                if (status == Status::Active && jail_p_[loc] > 0 && rebel.bernoulli(jail_p_[loc])) {
                    // Actives are arrested at the rate the coercive agents in sight can manage.
                    status = Status::Jailed;
                    jail_days_[i] = std::uint16_t(1 + rebel.below(max_jail_days));
                } else if (status == Status::Active && t_here <= tolerance) {
                    // An armed group at hand may take an active in; one whose net grievance
                    // falls back goes quiet. (An active who fears for their life flees below.)
                    if (rg != none8 && net > recruit_threshold && rebel.bernoulli(recruit_p[rg])) {
                        status = Status::Recruited;
                        affiliation_[i] = rg;
                        ++t_recruits[std::size_t(rg) + 1];
                    } else if (net <= rebellion_threshold) {
                        status = loc == home ? Status::Home : Status::Displaced;
                    }
                } else if (t_here > tolerance) {
                    Stream r(seed, dayu, id, Purpose::CivilianFlee);
                    if (r.bernoulli(flee_rate)) {
                        const std::uint32_t dest = refuge_[(std::size_t(loc) * ng + g)];
                        if (near_border_[loc] && r.bernoulli(refugee_share)) {
                            status = Status::Refugee;
                            ++sum.new_refugees;
                        } else if (dest != none32) {
                            loc = dest;
                            status = dest == home ? Status::Home
                                     : poc_[dest] ? Status::ProtectionSite
                                                  : Status::Displaced;
                            ++sum.fled;
                        }
                    }
                } else if (status != Status::Home &&
                           threat_[(std::size_t(home) * ng + g)] < return_threat) {
                    if (Stream(seed, dayu, id, Purpose::CivilianReturn).bernoulli(return_rate)) {
                        loc = home;
                        status = Status::Home;
                        ++sum.returned;
                    }
                } else if (rg != none8) {
                    // Rebellion with an armed group at hand (Epstein 2002 generalised): join it
                    // when G - R*P exceeds the threshold T.
                    if (net > recruit_threshold &&
                        Stream(seed, dayu, id, Purpose::CivilianRecruit).bernoulli(recruit_p[rg])) {
                        status = Status::Recruited;
                        affiliation_[i] = rg;
                        ++t_recruits[std::size_t(rg) + 1];
                    }
                } else if (control_[loc] == 0 && net > rebellion_threshold &&
                           rebel.bernoulli(activation_rate)) {
                    // Open rebellion against the state where it governs; where an armed group
                    // holds the ground, grievance finds its outlet in recruitment instead.
                    status = Status::Active;
                }
                const float tm = mission_trust_after(
                    trust_mission_[i],
                    mission_here(misconduct_[loc], osv_party_[loc] != none32 && guard_[loc] > 0,
                                 safety_[loc] > 0));
                trust_mission_[i] = tm;
                location_[i] = loc;
                status_[i] = std::uint8_t(status);
                hardship_[i] = h;
                trust_state_[i] = trust;
                grievance_[i] = float(grievance);
                ++sum.status[std::size_t(status)];
                if (resident(status)) {
                    ++t_present[(std::size_t(loc) * ng + g)];
                    t_trust_mission[loc] += std::int64_t(tm * 1e4f);
                    ++t_residents[block_of_[loc]];
                }
                if (status == Status::Active) ++t_actives[block_of_[loc]];
                sum.grievance += fixed_share(grievance);
                sum.trust += fixed_share(trust);
                ++sum.counted;
            };
            // People at home in a settlement where nothing struck today (no attack, battle or
            // clash), a run of one identity group at a time: quiet_pass() settles the day of
            // everyone who cannot act, in vector registers, and sets aside the others. Whoever
            // is at home and might act (flee, join a group, rise) draws the number visit()
            // would draw first, the numbers drawn together so that their rounds overlap; only
            // those it tells to act are handed to visit(), which draws it again, as is everyone
            // not at home. The results are those of visit() for everyone, to the bit.
            // The runs of one home and group, cut at the block's end (they never change, so
            // they were found once: Civilians::run_ends).
            std::size_t r = std::size_t(
                std::upper_bound(run_ends, run_ends + n_runs, std::uint32_t(b * block_size)) -
                run_ends);
            for (std::size_t i = b * block_size; i < end;) {
                const std::size_t run_end = std::min<std::size_t>(run_ends[r], end);
                r += run_end == run_ends[r];
                const std::uint32_t s = home_[i];
                const std::uint8_t calm_here = calm_[s];
                if (calm_here == 0) {
                    const std::uint8_t g = group_[i];
                    for (; i < run_end; ++i) visit(i, s, g, sum);
                    continue;
                }
                const std::uint8_t g = group_[i];
                const std::uint8_t rg = recruit_group_[std::size_t(s) * ng + g];
                QuietPlace place = quiet_base;
                place.settlement = s;
                place.mean_hardship = mean_hardship[g];
                place.arrest = arrest_p_[s];
                place.threat = threat_[std::size_t(s) * ng + g];
                place.recruiter = rg != none8;
                place.may_rise = rg == none8 && control_[s] == 0;
                switch (MissionHere(calm_here)) {
                    case MissionHere::Misconduct:
                        place.scale = mission_trust_after_misconduct;
                        break;
                    case MissionHere::Safe:
                        place.gain = mission_trust_gain, place.target = 1.0f;
                        break;
                    default:
                        place.gain = mission_trust_drift, place.target = indifference;
                }
                const QuietRun run{.n = run_end - i,
                                   .status = status_ + i,
                                   .location = location_ + i,
                                   .risk_aversion = risk_aversion_ + i,
                                   .trust_state = trust_state_ + i,
                                   .hardship = hardship_ + i,
                                   .grievance = grievance_ + i,
                                   .trust_mission = trust_mission_ + i,
                                   .set_aside = set_aside};
                QuietSums q = quiet_pass(run, place);
                // Those set aside: at home and might act, or not at home.
                const auto settle = [&](std::size_t k, const QuietDay& d) {
                    const float tm = mission_trust_quiet(place, trust_mission_[k]);
                    trust_mission_[k] = tm;
                    hardship_[k] = d.hardship;
                    trust_state_[k] = d.trust;
                    grievance_[k] = float(d.grievance);
                    q.grievance += fixed_share(d.grievance);
                    q.trust += fixed_share(d.trust);
                    q.mission_trust += std::int32_t(tm * 1e4f);
                    ++q.at_home;
                };
                // The marks of 64 people at a time as the bits of a word (each mark 0 or 1,
                // zeros past the run; a multiplication gathers the low bits of a word's eight
                // bytes into its top byte). Those marked are sorted into two lists without a
                // branch on which: at home and might act, or not at home, served by visit().
                // Neither list's order changes a result: everyone writes their own entries and
                // integer tallies.
                std::fill_n(set_aside + run.n, 64, std::uint8_t(0));
                std::size_t n_aside = 0, n_away = 0;
                for (std::size_t k0 = 0; k0 < run.n; k0 += 64) {
                    std::uint64_t marks = 0;
                    for (std::size_t w = 0; w < 8; ++w) {
                        std::uint64_t bytes;
                        std::memcpy(&bytes, set_aside + k0 + 8 * w, 8);
                        marks |= ((bytes * 0x0102040810204080ull) >> 56) << (8 * w);
                    }
                    for (; marks != 0; marks &= marks - 1) {
                        const auto k = std::uint32_t(i + k0 + std::size_t(__builtin_ctzll(marks)));
                        const bool home_here =
                            status_[k] == std::uint8_t(Status::Home) && location_[k] == s;
                        aside[n_aside] = k, away[n_away] = k;
                        n_aside += home_here, n_away += !home_here;
                    }
                }
                for (std::size_t j = 0; j < n_away; ++j) visit(away[j], s, g, sum);
                constexpr std::size_t batch = 8;  // first_draws()'s; the last batch padded
                for (std::size_t j0 = 0; j0 < n_aside; j0 += batch) {
                    std::uint32_t who[batch], why[batch], u[batch];
                    QuietDay day[batch];
                    double p[batch];
                    for (std::size_t j = 0; j < batch; ++j) {
                        const std::uint32_t k = aside[std::min(j0 + j, n_aside - 1)];
                        day[j] = quiet_day(place, trust_state_[k], hardship_[k], risk_aversion_[k]);
                        who[j] = k;
                        why[j] = std::uint32_t(day[j].flees   ? Purpose::CivilianFlee
                                               : day[j].joins ? Purpose::CivilianRecruit
                                                              : Purpose::CivilianRebel);
                        p[j] = day[j].flees   ? flee_rate
                               : day[j].joins ? recruit_p[rg]
                                              : activation_rate;
                    }
                    first_draws(seed, dayu, who, why, u);
                    for (std::size_t j = 0; j < batch && j0 + j < n_aside; ++j) {
                        if (core::unit_interval(u[j]) < p[j])  // Stream::bernoulli's test
                            visit(who[j], s, g, sum);
                        else
                            settle(who[j], day[j]);
                    }
                }
                sum.grievance += q.grievance, sum.trust += q.trust;
                sum.status[std::size_t(Status::Home)] += q.at_home;
                sum.counted += q.at_home;
                t_present[std::size_t(s) * ng + g] += std::int32_t(q.at_home);
                t_trust_mission[s] += q.mission_trust;
                t_residents[block_of_[s]] += std::int32_t(q.at_home);  // all of them residents
                i = run_end;
            }
            block_sums[b] = sum;
        }
    });
    // Combine in a fixed order.
    DayOutcome out;
    out.osv_dead.assign(ns, 0), out.battle_dead.assign(ns, 0);
    out.clash_dead_a.assign(ns, 0), out.clash_dead_b.assign(ns, 0);
    out.recruits.assign(np, 0);
    std::fill(presence.present.begin(), presence.present.end(), 0);
    std::fill(presence.actives.begin(), presence.actives.end(), 0);
    std::fill(presence.residents.begin(), presence.residents.end(), 0);
    std::fill(presence.trust_mission.begin(), presence.trust_mission.end(), 0);
    for (auto& t : tallies) {
        for (std::size_t s = 0; s < ns; ++s) {
            out.osv_dead[s] += t.osv_dead[s], out.battle_dead[s] += t.battle_dead[s];
            out.clash_dead_a[s] += t.clash_dead_a[s], out.clash_dead_b[s] += t.clash_dead_b[s];
        }
        out.demobilised += t.demobilised;
        out.communal_deaths += t.communal;
        for (std::size_t k = 0; k < presence.present.size(); ++k)
            presence.present[k] += t.present[k];
        for (std::size_t k = 0; k < nb; ++k)
            presence.actives[k] += t.actives[k], presence.residents[k] += t.residents[k];
        for (std::size_t k = 0; k < ns; ++k) presence.trust_mission[k] += t.trust_mission[k];
        for (std::size_t p = 0; p < np; ++p) out.recruits[p] += t.recruits[p];
    }
    for (const auto& b : block_sums) out.counts.add(b);
    return out;
}

}  // namespace peacesim::population
