// Injects: dated events from the scenario's timeline or fired live. Each changes the state at
// the start of its day, before anyone senses or decides, so it changes nothing before its day.
#include <fmt/format.h>
#include <tbb/parallel_for.h>

#include "peacesim/scenario/load.hpp"
#include "state.hpp"

namespace peacesim::engine {

using namespace detail;
using scenario::InjectKind;

bool Simulation::State::rainy_today() const {
    if (rain_until >= day) return true;
    if (dry_until >= day) return false;
    return rainy_on(sc.meta.start_date.plus_days(day), sc.world);
}

void Simulation::State::apply_injects() {
    while (next_inject < sc.injects.size() && sc.injects[next_inject].day <= day) {
        if (sc.injects[next_inject].day == day) apply_inject(sc.injects[next_inject]);
        ++next_inject;
    }
}

void Simulation::State::apply_inject(const scenario::Inject& in) {
    // Arguments were checked when the inject was added; these parse them the same way.
    auto days_arg = [&](int fallback) { return in.args.empty() ? fallback : int(*scenario::parse_integer(in.args)); };
    auto level_arg = [&](double fallback) { return in.args.empty() ? fallback : *scenario::parse_number(in.args); };
    auto group = [&](const std::string& a) { return std::uint32_t(*scenario::find_group(sc, a) + 1); };
    Party& gov = parties[0];
    switch (in.event) {
        case InjectKind::RainySeason:
            rain_until = day + days_arg(150) - 1;
            dry_until = -1;
            break;
        case InjectKind::DrySeason: {
            // Dry until the calendar's own rainy season has passed.
            rain_until = -1;
            int d = day;
            while (d < day + 366 && rainy_on(sc.meta.start_date.plus_days(d), sc.world)) ++d;
            dry_until = d - 1;
            break;
        }
        case InjectKind::Coup:
            // A junta: less legitimate, less capable, more abusive; the Council divides and
            // talks in progress are suspended (as in Mali 2020-21 and Burkina Faso 2022).
            gov.legitimacy = std::max(0.0, gov.legitimacy - 0.25);
            gov.initial_legitimacy = std::max(0.0, gov.initial_legitimacy - 0.15);
            gov.capacity = std::max(0.05, gov.capacity - 0.15);
            gov.hr_compliance = std::max(0.0, gov.hr_compliance - 0.25);
            gov.consent = std::max(0.0, gov.consent - 0.3);
            council_unity = std::max(0.0, council_unity - 0.2);
            if (stage == scenario::Stage::Talks || stage == scenario::Stage::Ceasefire) {
                for (auto& p : parties)
                    if (p.stance == scenario::Stance::Negotiating) p.stance = scenario::Stance::Fighting;
                set_stage(scenario::Stage::Conflict);
            }
            break;
        case InjectKind::Elections:
            elections_until = day + 29;
            election_deaths = 0;
            election_baseline = violence_ema;
            break;
        case InjectKind::Offensive:
            parties[group(in.args)].offensive_until = day + 29;
            break;
        case InjectKind::Splinter:
            splinter(group(in.args));
            break;
        case InjectKind::Reinforcements: {
            const auto comma = in.args.find(',');
            const std::uint32_t p = group(in.args.substr(0, comma));
            const std::int32_t n = comma == std::string::npos ? 2 * parties[p].band_size
                                                              : std::int32_t(*scenario::parse_integer(in.args.substr(comma + 1)));
            // New bands arrive at the group's home region capital (from across a border).
            const auto& cap = map.settlements[map.regions[std::size_t(parties[p].home_region)].capital];
            for (std::int32_t left = n; left > 0; left -= parties[p].band_size) {
                Unit u;
                u.party = p;
                u.x = u.dest_x = u.base_x = std::min(map.width - 1, int(cap.x) + 6);
                u.y = u.dest_y = u.base_y = cap.y;
                u.full_strength = parties[p].band_size;
                u.strength = std::min(left, parties[p].band_size);
                units.push_back(u);
            }
            break;
        }
        case InjectKind::MediationSurge:
            mediation = level_arg(std::min(1.0, mediation + 0.3));
            break;
        case InjectKind::CouncilDivided:
            council_unity = level_arg(0.2);
            break;
        case InjectKind::Drought:
            drought_until = day + days_arg(120) - 1;
            break;
        case InjectKind::FundingCut:
            // From now on the assessment is smaller; what was paid stays paid.
            sc.mission.budget_musd *= 1.0 - level_arg(0.3);
            break;
        case InjectKind::ConsentWithdrawn:
            gov.consent = level_arg(0.1);
            break;
        case InjectKind::ContingentWithdrawn: {
            std::int64_t companies = 0;
            for (const auto& u : munits) companies += u.active() && u.kind == mission::UnitKind::Company;
            std::int64_t n = in.args.empty() ? std::max<std::int64_t>(1, companies / 10) : *scenario::parse_integer(in.args);
            // The most recently deployed companies leave first.
            for (auto it = munits.rbegin(); it != munits.rend() && n > 0; ++it)
                if (it->active() && it->kind == mission::UnitKind::Company) {
                    it->status = mission::UnitStatus::Withdrawn;
                    ++mtot.contingents_withdrawn;
                    --n;
                }
            break;
        }
        case InjectKind::RegionalForceArrives:
            deploy_regional(in.args.empty() ? sc.regional_force.troops : *scenario::parse_integer(in.args));
            break;
        case InjectKind::CommunalIncident: {
            std::size_t s = 0;
            if (!in.args.empty()) {
                s = std::size_t(*scenario::parse_integer(in.args));
            } else {  // the most tense mixed settlement
                float best = -1;
                for (std::size_t k = 0; k < tension.size(); ++k)
                    if (tension[k] > best) best = tension[k], s = k;
            }
            tension[s] = std::min(1.0f, tension[s] + 0.4f);
            break;
        }
    }
}

void Simulation::State::splinter(std::uint32_t p) {
    // Affiliations are stored in a byte: at most 250 parties.
    if (parties.size() >= 250) return;
    Party q = parties[p];
    int n = 1;
    for (const auto& o : parties)
        if (o.splinter_of == int(p)) ++n;
    q.name = n == 1 ? fmt::format("{} splinter faction", parties[p].name)
                    : fmt::format("{} splinter faction {}", parties[p].name, n);
    q.recruits = q.losses = q.losses_today = q.fighters_before = 0;
    q.cohesion = 0.6;
    q.splinter_of = int(p);
    // Those who break away from a process become its spoilers (Stedman 1997).
    const bool in_process = parties[p].stance == scenario::Stance::Negotiating ||
                            parties[p].stance == scenario::Stance::Signatory;
    q.stance = in_process ? scenario::Stance::Spoiler : scenario::Stance::Fighting;
    parties[p].cohesion = std::min(1.0, parties[p].cohesion + 0.1);
    const auto qi = std::uint32_t(parties.size());
    parties.push_back(q);
    // Half the parent's recruited civilians go with the splinter, so its losses and its DDR
    // are theirs.
    const auto parent_aff = std::uint8_t(p - 1), split_aff = std::uint8_t(qi - 1);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, civ.size(), 1 << 16), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i < r.end(); ++i)
            if (civ.status[i] == std::uint8_t(Status::Recruited) && civ.affiliation[i] == parent_aff &&
                Stream(seed, std::uint32_t(day), std::uint32_t(i), Purpose::SplinterRecruits).bernoulli(0.5))
                civ.affiliation[i] = split_aff;
    });
    std::vector<std::uint32_t> mine;
    for (std::uint32_t id = 0; id < units.size(); ++id)
        if (units[id].party == p && units[id].alive()) mine.push_back(id);
    if (mine.size() == 1) {
        Unit half = units[mine[0]];
        half.strength = units[mine[0]].strength / 2;
        units[mine[0]].strength -= half.strength;
        half.party = qi;
        half.action = Action::Hold;
        half.target = no_target;
        if (half.strength > 0) units.push_back(half);
    } else {
        for (std::size_t k = 1; k < mine.size(); k += 2) {
            units[mine[k]].party = qi;
            units[mine[k]].action = Action::Hold;
            units[mine[k]].target = no_target;
        }
    }
}

}  // namespace peacesim::engine
