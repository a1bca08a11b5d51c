#pragma once
// A scenario: everything a run needs besides its seed and thread count. Plain data with defaults
// that make up the built-in default scenario; the schema in schema.hpp maps every field to its
// dotted key, its range and its documentation (the same names feed files, --set and the viz).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/core/date.hpp"

namespace peacesim::scenario {

/// An armed group's stance towards the political process.
enum class Stance : int { Fighting = 0, Negotiating, Signatory, Spoiler };
inline constexpr const char* stance_names[] = {"fighting", "negotiating", "signatory", "spoiler"};

/// Stages of the national political track (docs/model.md, section 7.11).
enum class Stage : int {
    Conflict = 0,
    Talks,
    Ceasefire,
    Agreement,
    Implementation,
    Elections,
    Transition
};
inline constexpr const char* stage_names[] = {
    "conflict", "talks", "ceasefire", "agreement", "implementation", "elections", "transition"};

/// Events a scenario's timeline or a user can fire (`--inject DAY:EVENT[:ARGS]`).
enum class InjectKind : int {
    RainySeason = 0,       // the rains start now (ARGS: days they last, default 150)
    DrySeason,             // the rains end now
    Coup,                  // a military coup: legitimacy, capacity, conduct and consent fall
    Elections,             // national elections are held now
    Offensive,             // an armed group launches an offensive (ARGS: group index or name)
    Splinter,              // an armed group splits (ARGS: group index or name)
    Reinforcements,        // an armed group gains fighters (ARGS: GROUP[,FIGHTERS])
    MediationSurge,        // an envoy or regional mediator steps up (ARGS: new mediation level)
    CouncilDivided,        // the Security Council splits (ARGS: new unity, default 0.2)
    Drought,               // a drought raises competition for land and water (ARGS: days)
    CommunalIncident,      // a killing or insult inflames a settlement (ARGS: settlement index)
    FundingCut,            // the mission's budget is cut (ARGS: share cut, default 0.3)
    ConsentWithdrawn,      // the host withdraws consent (ARGS: the new consent, default 0.1)
    ContingentWithdrawn,   // contributors pull companies out (ARGS: companies, default a tenth)
    RegionalForceArrives,  // a regional partner force deploys now (ARGS: troops, default the
                           // scenario's)
};
inline constexpr const char* inject_names[] = {"rainy_season",
                                               "dry_season",
                                               "coup",
                                               "elections",
                                               "offensive",
                                               "splinter",
                                               "reinforcements",
                                               "mediation_surge",
                                               "council_divided",
                                               "drought",
                                               "communal_incident",
                                               "funding_cut",
                                               "consent_withdrawn",
                                               "contingent_withdrawn",
                                               "regional_force_arrives"};

struct Inject {
    std::int64_t day = 0;
    InjectKind event = InjectKind::Coup;
    std::string args;
};

/// A decision on the timeline (docs/training.md): a lever changed, or an order to a mission unit,
/// from the start of its day, before the day's events. `--adjust DAY:KEY=VALUE` and `--order`
/// add them; a steered run's log writes them back, so the run replays exactly. Exactly one of
/// set, move_to and posture is given.
struct Decision {
    std::int64_t day = 0;
    std::string set;         // "KEY=VALUE": a live lever (mission.*, mobility.*, ...)
    std::int64_t unit = -1;  // the mission unit ordered, by index, for move_to and posture
    std::string move_to;     // where it goes: a settlement's name, or "X,Y" in cells
    std::string posture;     // "headquarters" (its planners decide), "hold" or "patrol"
    std::string role;        // who decided, e.g. "trainees" (for the log; changes nothing)
};
inline constexpr const char* order_postures[] = {"headquarters", "hold", "patrol"};

/// Mandate presets (docs/model.md, section 8.1): each is a bundle of tasks, rules of engagement and
/// posture.
enum class Mandate : int {
    None = 0,
    Political,
    Observer,
    Traditional,
    Multidimensional,
    RobustPoc,
    Stabilization
};
inline constexpr const char* mandate_names[] = {"none",         "political",        "observer",
                                                "traditional",  "multidimensional", "robust_poc",
                                                "stabilization"};
/// Rules of engagement; Preset takes the mandate's.
enum class Roe : int { Preset = 0, SelfDefence, DefendMandate, Offensive };
inline constexpr const char* roe_names[] = {"preset", "self_defence", "defend_mandate",
                                            "offensive"};
/// Posture: how much of the force moves; Preset takes the mandate's.
enum class Posture : int { Preset = 0, Static, Mobile, Robust };
inline constexpr const char* posture_names[] = {"preset", "static", "mobile", "robust"};
/// A task switch: Preset takes the mandate's.
enum class Switch : int { Preset = 0, Off, On };
inline constexpr const char* switch_names[] = {"preset", "off", "on"};

/// The tasks a mandate bundles. Each acts through a mechanism (docs/model.md, section 8).
struct MissionTasks {
    Switch presence = Switch::Preset;          // company operating bases deter attacks nearby
    Switch patrols = Switch::Preset;           // daily patrols extend that presence
    Switch protection_sites = Switch::Preset;  // camps beside bases shelter the displaced
    Switch rapid_response = Switch::Preset;    // a quick-reaction force answers attacks
    Switch observe_report = Switch::Preset;    // observers report violations
    Switch human_rights = Switch::Preset;      // monitoring raises the cost of abuses
    Switch civil_affairs = Switch::Preset;     // local dialogues
    Switch mediation = Switch::Preset;         // the mission's political staff mediate
    Switch electoral = Switch::Preset;         // electoral support
    Switch ddr = Switch::Preset;               // support to disarmament and demobilisation
    Switch offensive_ops = Switch::Preset;     // operations against armed groups with host forces
};

struct FundingParams {
    double paid_fraction = 0.85;              // of assessed contributions actually paid
    std::int64_t payments_per_year = 4;       // instalments of the assessment
    double reserve_musd = 60.0;               // cash at the start
    double reimbursement_usd = 1448.0;        // per uniformed person and month (UN standard rate)
    double upkeep_usd_per_day = 70.0;         // rations, fuel for bases, logistics per person
    double civilian_usd_per_month = 12000.0;  // per civilian staff member, with programmes
    double patrol_usd = 1500.0;               // fuel and wear per company patrol
    double flight_hour_usd = 3900.0;          // per helicopter flight hour
    double helicopter_usd_per_month = 300000.0;  // fixed lease per helicopter, flying or not
};

struct MissionParams {
    Mandate mandate = Mandate::Multidimensional;
    Roe roe = Roe::Preset;
    Posture posture = Posture::Preset;
    std::int64_t troops = 6000;
    std::int64_t police = 700;
    std::int64_t observers = 80;
    std::int64_t helicopters = 4;
    std::int64_t attack_helicopters = 0;
    std::int64_t engineers = 300;
    std::int64_t civilian_staff = 300;
    double budget_musd = 420.0;
    bool accountability = true;
    double training = 0.6;  // training and equipment quality of contingents
    double discipline = 0.8;
    double caveats = 0.2;           // share of contingents with national caveats
    double misconduct_rate = 0.02;  // cases per 1,000 personnel per month without discipline
    std::int64_t company_size = 150;
    double flight_hours_per_month = 40.0;  // per helicopter, when cash allows
    double quick_reaction_share = 0.1;     // of infantry companies, held at sector hubs
    double local_truce_rate = 0.02;  // daily chance troops broker a truce where fighting goes on
    std::int64_t local_truce_days = 90;  // how long a local truce binds those who made it
    MissionTasks tasks;
    FundingParams funding;
};

/// A regional partner force (for example an African Union force), deployed beside or instead
/// of the UN mission under its own mandate and funded outside the UN budget.
enum class RegionalMandate : int { Protection = 0, Enforcement };
inline constexpr const char* regional_mandate_names[] = {"protection", "enforcement"};
struct RegionalParams {
    std::string name = "Regional force";
    std::int64_t troops = 0;
    RegionalMandate mandate = RegionalMandate::Enforcement;
    std::int64_t arrival_day = 0;
    double training = 0.5;
};

struct MobilityParams {
    double host_restrictions = 0.2;  // 0..1: how readily the host denies movements
    double ied_threat = 0.1;         // 0..1: threat of improvised explosive devices on roads
    double helicopter_kmh = 200.0;
    double response_prep_h = 1.0;         // hours to get a force moving
    double response_window_h = 12.0;      // hours an attack on a settlement goes on unopposed
    double alert_h = 1.0;                 // mean hours for residents' alert to reach the mission
    double helicopter_daily_hours = 8.0;  // most a helicopter flies in a day (daylight, crews)
};

/// Which model a scenario runs: the conflict model of docs/model.md, or Epstein's (2002)
/// civil-violence model I on a torus, configured by the [epstein] table (docs/validation.md).
enum class Model : int { Conflict = 0, Epstein };
inline constexpr const char* model_names[] = {"conflict", "epstein"};

/// How the estimated arrest probability rounds the ratio of cops to actives in vision:
/// NetLogo's Rebellion takes the floor, Mesa's example Python's round (half to even), Epstein's
/// paper writes the ratio unrounded.
enum class ArrestRounding : int { Floor = 0, Round, None };
inline constexpr const char* arrest_rounding_names[] = {"floor", "round", "none"};
/// Which cells an agent sees: NetLogo's `in-radius` (a disc), Mesa 3's von Neumann diamond
/// (|dx| + |dy| <= vision), or the Moore square of side 2 vision + 1 (Mesa before 3.0).
enum class Neighbourhood : int { Radius = 0, VonNeumann, Moore };
inline constexpr const char* neighbourhood_names[] = {"radius", "von_neumann", "moore"};

/// Epstein's civil-violence model I; the defaults are NetLogo "Rebellion"'s.
struct EpsteinParams {
    std::int64_t width = 40, height = 40;  // a torus of cells
    double citizen_density = 0.7;          // share of cells with a citizen at the start
    double cop_density = 0.04;             // share of cells with a cop
    std::int64_t vision = 7;               // cells
    double legitimacy = 0.82;              // the government's, as every citizen perceives it
    std::int64_t max_jail_term = 30;       // an arrest jails for a uniform 0..J-1 ticks
    double k = 2.3;                        // arrest-probability constant
    double threshold = 0.1;                // net grievance beyond which a citizen turns active
    bool movement = true;                  // citizens move (cops always do)
    ArrestRounding rounding = ArrestRounding::Floor;
    Neighbourhood neighbourhood = Neighbourhood::Radius;
    // A loss of legitimacy: `legitimacy_drop` taken off from day `drop_day`, at once when
    // `drop_days` is 0 or spread evenly over `drop_days` days (Epstein 2002, sudden vs gradual).
    double legitimacy_drop = 0.0;
    std::int64_t drop_day = 0, drop_days = 0;
    double outburst_share = 0.05;  // an outburst: days with at least this share of citizens active
};

struct Meta {
    Model model = Model::Conflict;
    std::string name = "default";
    std::string description;
    std::string country = "Republic of Kembara";
    core::Date start_date{2025, 1, 1};
    std::int64_t days = 365;
    std::int64_t seed = 1;
    std::int64_t compare_days = 730;  // horizon of `peacesim compare` without --days
};

struct WorldParams {
    std::int64_t seed = 1;     // map seed: replicates with other run seeds share the country
    std::int64_t width = 256;  // cells
    std::int64_t height = 256;
    double cell_km = 2.0;
    std::int64_t population = 1'000'000;  // civilian agents, one per person
    /// The population the scenario's numbers of fighters, troops, staff and money are written
    /// for; world.population scales them by population / forces_population. 0 takes the
    /// population the scenario file states (before any --set).
    std::int64_t forces_population = 0;
    std::int64_t towns = 12;
    std::int64_t villages = 360;
    std::int64_t camps = 3;  // pre-existing displacement camps near towns
    std::int64_t regions = 8;
    double urban_share = 0.35;  // of the population living in towns
    double forest = 0.30;       // shares of the land in each terrain class
    double hills = 0.15;
    double swamp = 0.06;
    double water = 0.03;
    double origin_lat = 4.0;  // latitude and longitude of the map's south-west corner
    double origin_lon = 18.0;
    std::int64_t rainy_start_month = 5;  // rainy season from the first of this month ...
    std::int64_t rainy_end_month = 10;   // ... to the end of this one
};

struct IdentityGroup {
    std::string name;
    double share = 0.0;             // of the population
    double hardship = 0.4;          // mean economic hardship H (Epstein 2002)
    std::int64_t home_region = -1;  // region where it is concentrated; -1 everywhere
};

struct PopulationParams {
    double risk_aversion_mean = 0.5;
    double trust_state = 0.45;
    double vision_km = 20.0;
    double flee_rate = 0.35;
    double return_rate = 0.03;
    double return_threat = 0.15;
    double refugee_border_km = 40.0;
    double refugee_share = 0.4;
    double recruit_rate = 0.0005;
    double recruit_threshold = 0.15;
    double arrest_k = 2.3;
    double max_risk = 0.6;
    double rebellion_threshold = 0.4;
    double activation_rate = 0.1;
    double state_reach = 20.0;
    double arrest_rate = 0.1;
    std::int64_t max_jail_days = 30;
    double displaced_hardship_rate = 0.004;
    double recovery_hardship_rate = 0.001;
};

struct GovernmentParams {
    std::string name = "Government";
    double legitimacy = 0.45;
    double capacity = 0.5;
    double consent = 0.8;
    double hr_compliance = 0.6;
    std::int64_t forces = 6000;
    std::int64_t company_size = 150;
};

struct ArmedGroup {
    std::string name;
    std::int64_t identity = 0;  // index into identity_groups
    std::int64_t fighters = 1000;
    std::int64_t band_size = 120;
    double cohesion = 0.7;
    double resources = 0.5;
    double brutality = 0.3;
    Stance stance = Stance::Fighting;
    std::int64_t home_region = 0;
};

struct ConflictParams {
    double operations_rate = 0.035;
    double unit_speed_km = 30.0;
    double raid_range_km = 70.0;
    double engage_km = 5.0;
    double osv_lethality = 0.017;
    double battle_lethality = 0.01;
    double collateral_rate = 0.5;
    double break_share = 0.15;       // losses x cohesion at which a side breaks off
    double punishment_rate = 0.5;    // sweeps that turn on civilians, x (1 - hr_compliance)
    double raid_caution = 1.0;       // weight raiders give their expected losses against defenders
    double witness_cost = 0.3;       // share of a raid's worth lost when the mission sees it
    double column_share = 0.6;       // chance an idle band joins an offensive of its group in reach
    double column_split_rate = 0.1;  // daily chance a column at its base splits into bands
    double reprisal = 600.0;         // how much recent harm by a party spurs operations against it
    double reprisal_days = 7.0;      // e-folding time of that memory
    double reprisal_max = 2.0;       // most that reprisals add to the launch rate (x its own)
    double threat_memory_days = 20.0;
    double threat_per_death = 0.5;
    double presence_threat = 0.6;
    double recovery_rate = 0.02;
    double government_reinforcement = 0.01;
    double predation_income = 0.004;
    double upkeep = 0.002;
    double splinter_threshold = 0.25;
    double splinter_rate = 0.02;
};

struct PoliticsParams {
    Stage initial_stage = Stage::Conflict;
    double mediation = 0.3;
    double council_unity = 0.6;
    double inclusion = 0.2;
    double talks_rate = 0.01;
    double ceasefire_rate = 0.02;
    double agreement_rate = 0.01;
    double collapse_rate = 0.02;
    double relapse_rate = 0.004;
    std::int64_t implementation_days = 365;
    double ddr_rate = 0.004;
    double local_dialogue_rate = 0.02;
    double dialogue_effect = 0.3;
};

struct CommunityParams {
    double tension = 0.2;
    double resolution_capacity = 0.4;
    double humanitarian_access = 0.7;
    double tension_per_death = 0.01;
    double impunity_weight = 0.002;
    double competition_weight = 0.004;
    double tension_decay = 0.01;
    double clash_threshold = 0.5;
    double clash_rate = 0.03;
    double clash_deaths = 8.0;
    double aid_relief = 0.7;
};

struct Scenario {
    Meta meta;
    WorldParams world;
    PopulationParams population;
    GovernmentParams government;
    ConflictParams conflict;
    PoliticsParams politics;
    CommunityParams communities;
    MissionParams mission;
    RegionalParams regional_force;
    MobilityParams mobility;
    EpsteinParams epstein;  // read only when meta.model is Epstein
    std::vector<Inject> injects;
    std::vector<Decision> decisions;
    std::vector<IdentityGroup> identity_groups{
        {"Ndara", 0.45, 0.35, -1}, {"Kessi", 0.35, 0.50, 2}, {"Mbolo", 0.20, 0.60, 5}};
    std::vector<ArmedGroup> armed_groups{
        {"Kessi Liberation Front", 1, 1800, 120, 0.70, 0.5, 0.35, Stance::Fighting, 2},
        {"Mbolo Self-Defence Militia", 2, 900, 90, 0.60, 0.3, 0.55, Stance::Fighting, 5},
        {"Northern Patriotic Movement", 0, 700, 100, 0.50, 0.6, 0.25, Stance::Fighting, 0},
    };

    /// world.population / world.forces_population: how the scenario's numbers of people under
    /// arms, staff and money scale to the country run (docs/model.md, section 5).
    double force_scale() const noexcept {
        return world.forces_population > 0
                   ? double(world.population) / double(world.forces_population)
                   : 1.0;
    }
    /// A number of people (or dollars) written for forces_population, scaled to the country.
    std::int64_t per_head(std::int64_t n) const noexcept {
        return std::int64_t(double(n) * force_scale() + 0.5);
    }
    double per_head(double x) const noexcept { return x * force_scale(); }
    /// The size of a unit (a band, a company, a team): units keep their number and scale their
    /// size, so that the map holds as many of them, as far apart, in a country of any size.
    std::int32_t unit_size(std::int64_t n) const noexcept {
        return std::int32_t(std::max<std::int64_t>(1, per_head(n)));
    }
    /// How many units of `size` the scenario's `people` make (both as written): the same in a
    /// country of any size.
    static std::int64_t units(std::int64_t people, std::int64_t size) noexcept {
        return people / std::max<std::int64_t>(1, size);
    }
};

}  // namespace peacesim::scenario
