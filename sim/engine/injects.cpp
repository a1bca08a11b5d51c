// Injects (docs/model.md, section 7.13): dated events from the scenario's timeline or fired live.
// Each changes the state at the start of its day, before anyone senses or decides, so it changes
// nothing before its day. The engine dispatches; each effect is a module's own function or a
// change of a lever that module reads.
#include <algorithm>

#include "actors/actors.hpp"
#include "communities/communities.hpp"
#include "engine/engine.hpp"
#include "mission/mission.hpp"
#include "peacesim/scenario/load.hpp"
#include "politics/politics.hpp"

namespace peacesim::engine {

using scenario::InjectKind;

namespace {
/// A coup (as in Mali 2020-21 and Burkina Faso 2022): a junta less legitimate, less capable,
/// more abusive, consenting less to the mission; the Council divides.
constexpr double coup_legitimacy = 0.25, coup_structural_legitimacy = 0.15, coup_capacity = 0.15,
                 coup_min_capacity = 0.05, coup_hr_compliance = 0.25, coup_consent = 0.3,
                 coup_council = 0.2;
/// Defaults of the injects' arguments.
constexpr int default_rain_days = 150, default_drought_days = 120, offensive_days = 30,
              election_days = 30;
constexpr double default_mediation_surge = 0.3, default_divided_council = 0.2;
constexpr double default_funding_cut = 0.3, default_consent = 0.1;
/// Reinforcements arrive this many cells east of their group's home capital, from across a
/// border.
constexpr int reinforcement_offset_cells = 6;

void apply(Simulation::State& s, const scenario::Inject& in, const core::Today& today) {
    // Arguments were checked when the inject was added; these parse them the same way.
    auto days_arg = [&](int fallback) {
        return in.args.empty() ? fallback : int(*scenario::parse_integer(in.args));
    };
    auto level_arg = [&](double fallback) {
        return in.args.empty() ? fallback : *scenario::parse_number(in.args);
    };
    auto group = [&](const std::string& a) {
        return std::uint32_t(*scenario::find_group(s.sc, a) + 1);
    };
    const int day = today.day;
    auto& parties = s.forces.parties;
    actors::Party& gov = parties[0];
    auto& pol = s.politics;
    switch (in.event) {
        case InjectKind::RainySeason:
            s.season.rain_until = day + days_arg(default_rain_days) - 1;
            s.season.dry_until = -1;
            break;
        case InjectKind::DrySeason:
            s.season.rain_until = -1;
            s.season.dry_until = world::dry_spell_end(day, s.sc.meta.start_date, s.sc.world);
            break;
        case InjectKind::Coup:
            gov.legitimacy = std::max(0.0, gov.legitimacy - coup_legitimacy);
            gov.initial_legitimacy =
                std::max(0.0, gov.initial_legitimacy - coup_structural_legitimacy);
            gov.capacity = std::max(coup_min_capacity, gov.capacity - coup_capacity);
            gov.hr_compliance = std::max(0.0, gov.hr_compliance - coup_hr_compliance);
            gov.consent = std::max(0.0, gov.consent - coup_consent);
            pol.council_unity = std::max(0.0, pol.council_unity - coup_council);
            // Talks in progress are suspended.
            if (pol.stage == scenario::Stage::Talks || pol.stage == scenario::Stage::Ceasefire) {
                for (auto& p : parties)
                    if (p.stance == scenario::Stance::Negotiating)
                        p.stance = scenario::Stance::Fighting;
                politics::set_stage(pol, scenario::Stage::Conflict, day);
            }
            break;
        case InjectKind::Elections:
            politics::open_elections(pol, day + election_days - 1);
            break;
        case InjectKind::Offensive:
            parties[group(in.args)].offensive_until = day + offensive_days - 1;
            break;
        case InjectKind::Splinter:
            actors::splinter(s.forces, s.civ, group(in.args), today);
            break;
        case InjectKind::Reinforcements: {
            const auto comma = in.args.find(',');
            const std::uint32_t p = group(in.args.substr(0, comma));
            const std::int32_t band = parties[p].band_size;
            const std::int32_t n =
                comma == std::string::npos
                    ? 2 * band
                    : std::int32_t(*scenario::parse_integer(in.args.substr(comma + 1)));
            const auto& cap =
                s.map.settlements[s.map.regions[std::size_t(parties[p].home_region)].capital];
            for (std::int32_t left = n; left > 0; left -= band) {
                actors::Unit u;
                u.party = p;
                u.x = u.dest_x = u.base_x =
                    std::min(s.map.width - 1, int(cap.x) + reinforcement_offset_cells);
                u.y = u.dest_y = u.base_y = cap.y;
                u.full_strength = band;
                u.strength = std::min(left, band);
                s.forces.units.push_back(u);
            }
            break;
        }
        case InjectKind::MediationSurge:
            pol.mediation = level_arg(std::min(1.0, pol.mediation + default_mediation_surge));
            break;
        case InjectKind::CouncilDivided:
            pol.council_unity = level_arg(default_divided_council);
            break;
        case InjectKind::Drought:
            s.season.drought_until = day + days_arg(default_drought_days) - 1;
            break;
        case InjectKind::FundingCut:
            // From now on the assessment is smaller; what was paid stays paid.
            s.sc.mission.budget_musd *= 1.0 - level_arg(default_funding_cut);
            break;
        case InjectKind::ConsentWithdrawn:
            gov.consent = level_arg(default_consent);
            break;
        case InjectKind::ContingentWithdrawn: {
            std::int64_t companies = 0;
            for (const auto& u : s.mission.units)
                companies += u.active() && u.kind == mission::UnitKind::Company;
            const std::int64_t n = in.args.empty() ? std::max<std::int64_t>(1, companies / 10)
                                                   : *scenario::parse_integer(in.args);
            mission::withdraw_companies(s.mission, n);
            break;
        }
        case InjectKind::RegionalForceArrives:
            mission::deploy_regional(
                s.mission,
                in.args.empty() ? s.sc.regional_force.troops : *scenario::parse_integer(in.args),
                s.map, s.sight, s.incidents.memory, s.sc);
            break;
        case InjectKind::CommunalIncident:
            communities::incident(
                s.communities, in.args.empty() ? world::detail::none32
                                               : std::uint32_t(*scenario::parse_integer(in.args)));
            break;
    }
}
}  // namespace

void apply_injects(Simulation::State& s, const core::Today& today) {
    auto& injects = s.sc.injects;
    while (s.next_inject < injects.size() && injects[s.next_inject].day <= today.day) {
        if (injects[s.next_inject].day == today.day) apply(s, injects[s.next_inject], today);
        ++s.next_inject;
    }
}

}  // namespace peacesim::engine
