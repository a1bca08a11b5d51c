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
/// Defaults of the injects' arguments.
constexpr int default_rain_days = 150, default_drought_days = 120, offensive_days = 30,
              election_days = 30;
constexpr double default_mediation_surge = 0.3, default_divided_council = 0.2;
constexpr double default_funding_cut = 0.3, default_consent = 0.1;

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
            actors::coup(s.forces);
            politics::coup(pol, s.forces, day);
            break;
        case InjectKind::Elections:
            politics::open_elections(pol, day + election_days - 1);
            break;
        case InjectKind::Offensive:
            actors::launch_offensive(s.forces, group(in.args), day + offensive_days - 1);
            break;
        case InjectKind::Splinter:
            actors::splinter(s.forces, s.civ, group(in.args), today);
            break;
        case InjectKind::Reinforcements: {
            const auto comma = in.args.find(',');
            const std::uint32_t p = group(in.args.substr(0, comma));
            const std::int32_t n = comma == std::string::npos
                                       ? 2 * s.forces.parties[p].band_size
                                       : std::int32_t(s.sc.per_head(
                                             *scenario::parse_integer(in.args.substr(comma + 1))));
            actors::reinforce_from_abroad(s.forces, p, n, s.map);
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
            actors::set_consent(s.forces, level_arg(default_consent));
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
            communities::incident(s.communities, in.args.empty() ? world::detail::none32
                                                                 : settlement_arg(s, in.args));
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
