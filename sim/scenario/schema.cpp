// The scenario schema (docs/parameters.md is generated from it): every section and key a
// scenario file may hold, with its type, range, default and meaning, in file order.
#include "schema.hpp"

#include "scenario/detail/fields.hpp"

namespace peacesim::scenario::detail {
namespace {
std::vector<Section> build() {
    std::vector<Section> out;
    out.push_back(table_section(
        "scenario", &Scenario::meta, "What the scenario is and the run it describes.",
        {
            choice("model", &Meta::model, model_names,
                   "conflict: the model of docs/model.md; epstein: Epstein's (2002) civil-violence "
                   "model I, configured by the [epstein] table (docs/validation.md)."),
            text("name", &Meta::name, "Short name, written to summary.json."),
            text("description", &Meta::description, "What the scenario represents."),
            text("country", &Meta::country,
                 "Name of the host state, for reports and summary.json."),
            date("start_date", &Meta::start_date,
                 "Calendar date of day 0; the season and the event dates follow from it."),
            integer("days", &Meta::days, 1, 36500,
                    "Days simulated when the command line gives no --days."),
            integer("seed", &Meta::seed, 0, 9.007199254740991e15,
                    "Run seed when the command line gives no --seed."),
            integer("compare_days", &Meta::compare_days, 1, 36500,
                    "Horizon of `peacesim compare` without --days: long enough for the options' "
                    "funding and deployment to show (two budget years by default)."),
        }));
    out.push_back(table_section(
        "world", &Scenario::world, "The map: size, terrain, settlements, regions and seasons.",
        {
            integer("seed", &WorldParams::seed, 0, 9.007199254740991e15,
                    "Map seed: terrain, settlements, roads and regions come from it, so runs "
                    "with different run seeds and the same world.seed share a country."),
            integer("width", &WorldParams::width, 32, 2048, "Map width in cells."),
            integer("height", &WorldParams::height, 32, 2048, "Map height in cells."),
            real("cell_km", &WorldParams::cell_km, 0.25, 20, "Side of a cell in km."),
            integer("population", &WorldParams::population, 1000, 1'000'000'000,
                    "Civilian agents, one per person."),
            integer("forces_population", &WorldParams::forces_population, 0, 50'000'000,
                    "Population the scenario's forces are written for: fighters, government "
                    "forces, the mission's troops, police, staff and budget, the regional force "
                    "and injected reinforcements scale by population / forces_population, so "
                    "that changing world.population changes the size of the country, not its "
                    "violence per head. 0 (the default) takes the population the scenario file "
                    "states, before any --set."),
            integer("towns", &WorldParams::towns, 1, 2000, "Towns (regional centres, markets)."),
            integer("villages", &WorldParams::villages, 0, 200'000, "Villages."),
            integer("camps", &WorldParams::camps, 0, 500,
                    "Displacement camps that exist at the start, each beside a town."),
            integer("regions", &WorldParams::regions, 1, 64,
                    "Administrative regions (adm_1 in the event log)."),
            real("urban_share", &WorldParams::urban_share, 0, 1,
                 "Share of the population living in towns."),
            real("forest", &WorldParams::forest, 0, 0.9, "Share of land cells that are forest."),
            real("hills", &WorldParams::hills, 0, 0.9, "Share of land cells that are hills."),
            real("swamp", &WorldParams::swamp, 0, 0.9, "Share of land cells that are swamp."),
            real("water", &WorldParams::water, 0, 0.5, "Share of cells that are open water."),
            real("origin_lat", &WorldParams::origin_lat, -85, 85,
                 "Latitude of the map's south-west corner (degrees)."),
            real("origin_lon", &WorldParams::origin_lon, -180, 180,
                 "Longitude of the map's south-west corner (degrees)."),
            integer("rainy_start_month", &WorldParams::rainy_start_month, 1, 12,
                    "First month of the rainy season."),
            integer("rainy_end_month", &WorldParams::rainy_end_month, 1, 12,
                    "Last month of the rainy season (may wrap past December)."),
        }));
    out.push_back(array_section(
        "identity_groups", &Scenario::identity_groups, 1, 32,
        "The population's identity groups (ethnic, religious or regional communities).", "Group",
        {
            text("name", &IdentityGroup::name, "Name of the group."),
            real("share", &IdentityGroup::share, 0, 1,
                 "Share of the population; shares must sum to 1."),
            real("hardship", &IdentityGroup::hardship, 0, 1,
                 "Mean economic hardship H of its members (Epstein 2002)."),
            integer("home_region", &IdentityGroup::home_region, -1, 63,
                    "Region where most of its members live; -1 spreads them over the map."),
        }));
    out.push_back(table_section(
        "population", &Scenario::population, "How civilians perceive threat and decide.",
        {
            real("risk_aversion_mean", &PopulationParams::risk_aversion_mean, 0, 1,
                 "Mean risk aversion R; individual values are drawn uniformly around it (Epstein "
                 "2002)."),
            real("trust_state", &PopulationParams::trust_state, 0, 1,
                 "Initial trust in the state, scaling the legitimacy a civilian perceives."),
            real("vision_km", &PopulationParams::vision_km, 1, 200,
                 "Radius over which a civilian perceives violence and armed presence (Epstein's "
                 "vision v)."),
            real("flee_rate", &PopulationParams::flee_rate, 0, 1,
                 "Daily probability of fleeing once perceived threat exceeds risk aversion."),
            real("return_rate", &PopulationParams::return_rate, 0, 1,
                 "Daily probability that a displaced person returns once home is safe."),
            real("return_threat", &PopulationParams::return_threat, 0, 1,
                 "Perceived threat at home below which it counts as safe to return."),
            real("refugee_border_km", &PopulationParams::refugee_border_km, 0, 1000,
                 "Distance to the border within which fleeing people may leave the country."),
            real("refugee_share", &PopulationParams::refugee_share, 0, 1,
                 "Share of those fleeing near the border who cross it and become refugees."),
            real("recruit_rate", &PopulationParams::recruit_rate, 0, 1,
                 "Daily probability, times the group's resources, that a civilian whose net "
                 "grievance exceeds the threshold joins an armed group of their identity within "
                 "sight."),
            real("recruit_threshold", &PopulationParams::recruit_threshold, 0, 1,
                 "Threshold T of net grievance G - R*P above which a civilian rebels (Epstein "
                 "2002)."),
            real("arrest_k", &PopulationParams::arrest_k, 0, 100,
                 "Constant k of the perceived risk P = 1 - exp(-k * C/A) (Epstein 2002: 2.3)."),
            real("max_risk", &PopulationParams::max_risk, 0, 1,
                 "Cap on the risk term R*P, so that very high coercion never fully deters."),
            real("rebellion_threshold", &PopulationParams::rebellion_threshold, 0, 1,
                 "Threshold T of net grievance G - R*P above which a civilian with no armed "
                 "group of their identity in sight turns active in open rebellion (Epstein 2002)."),
            real("activation_rate", &PopulationParams::activation_rate, 0, 1,
                 "Daily probability of turning active once over the threshold (1 is Epstein's "
                 "immediate switch)."),
            real("state_reach", &PopulationParams::state_reach, 0, 1000,
                 "Coercive agents (police, administration, informers) per 1,000 residents that "
                 "the state adds to C, times its capacity, in settlements it holds."),
            real("arrest_rate", &PopulationParams::arrest_rate, 0, 10,
                 "Arrests a day per coercive agent in sight, shared among the actives in sight."),
            integer("max_jail_days", &PopulationParams::max_jail_days, 1, 3650,
                    "Longest jail term J_max; terms are uniform in 1..J_max (Epstein 2002: 30)."),
            real("displaced_hardship_rate", &PopulationParams::displaced_hardship_rate, 0, 1,
                 "Daily rise in hardship while displaced (lost land and income)."),
            real("recovery_hardship_rate", &PopulationParams::recovery_hardship_rate, 0, 1,
                 "Daily fall in hardship at home, towards the group's mean."),
        }));
    out.push_back(table_section(
        "government", &Scenario::government, "The host government and its forces.",
        {
            text("name", &GovernmentParams::name, "Name of the government's side."),
            real("legitimacy", &GovernmentParams::legitimacy, 0, 1,
                 "Legitimacy L perceived by citizens (Epstein 2002)."),
            real("capacity", &GovernmentParams::capacity, 0, 1,
                 "State capacity: reinforcement of its forces, reach of its authority."),
            real("consent", &GovernmentParams::consent, 0, 1,
                 "Consent to an international presence (used by the mission model)."),
            real("hr_compliance", &GovernmentParams::hr_compliance, 0, 1,
                 "Compliance of its forces with human rights law: 1 - probability that a "
                 "counter-insurgency sweep turns on civilians."),
            integer("forces", &GovernmentParams::forces, 0, 2'000'000, "Soldiers at the start."),
            integer("company_size", &GovernmentParams::company_size, 10, 2000,
                    "Soldiers per company (the government's unit)."),
        }));
    out.push_back(array_section(
        "armed_groups", &Scenario::armed_groups, 0, 64, "Non-state armed groups.", "Armed group",
        {
            text("name", &ArmedGroup::name, "Name (side_a/side_b in the event log)."),
            integer("identity", &ArmedGroup::identity, 0, 31,
                    "Index (from 0) of the identity group it claims to defend and recruits from."),
            integer("fighters", &ArmedGroup::fighters, 0, 1'000'000, "Fighters at the start."),
            integer("band_size", &ArmedGroup::band_size, 5, 5000, "Fighters per band (its unit)."),
            real("cohesion", &ArmedGroup::cohesion, 0, 1,
                 "Internal cohesion; bands of low-cohesion groups break off fights sooner."),
            real("resources", &ArmedGroup::resources, 0, 1,
                 "Resources (predation, mines, trafficking): sustain fighters and attacks."),
            real("brutality", &ArmedGroup::brutality, 0, 1,
                 "Propensity to attack civilians of other identities (one-sided violence)."),
            choice("stance", &ArmedGroup::stance, stance_names,
                   "Stance towards the political process."),
            integer("home_region", &ArmedGroup::home_region, 0, 63,
                    "Region of its bases at the start."),
        }));
    out.push_back(table_section(
        "conflict", &Scenario::conflict, "How armed units move and fight.",
        {
            real("operations_rate", &ConflictParams::operations_rate, 0, 1,
                 "Daily probability that an idle unit launches an operation (raid, attack, "
                 "recruitment drive), times 2x capacity for the state and 0.5 + resources for a "
                 "group."),
            real("unit_speed_km", &ConflictParams::unit_speed_km, 1, 200,
                 "Distance a unit covers in a day on a good road in the dry season."),
            real("raid_range_km", &ConflictParams::raid_range_km, 1, 1000,
                 "Radius within which a band looks for targets."),
            real("engage_km", &ConflictParams::engage_km, 0.5, 50,
                 "Distance at which an attacking unit engages its target."),
            real("osv_lethality", &ConflictParams::osv_lethality, 0, 1,
                 "Civilians killed per attacking fighter in an unopposed attack on a settlement."),
            real("battle_lethality", &ConflictParams::battle_lethality, 0, 1,
                 "Lanchester attrition coefficient: losses per enemy fighter per battle-day."),
            real("collateral_rate", &ConflictParams::collateral_rate, 0, 100,
                 "Civilians killed per 100 fighters engaged when a battle is fought in a "
                 "settlement (at most 5% of its residents)."),
            real("break_share", &ConflictParams::break_share, 0.01, 1,
                 "A side whose losses in one fight exceed break_share x its cohesion of its "
                 "strength breaks off and falls back (battle durations and battle deaths)."),
            real("punishment_rate", &ConflictParams::punishment_rate, 0, 1,
                 "Chance, times 1 - hr_compliance, that a battle between the state and insurgents "
                 "in a settlement of the insurgents' identity turns on its residents (collective "
                 "punishment; Fjelde and Hultman 2014)."),
            real("raid_caution", &ConflictParams::raid_caution, 0, 20,
                 "How heavily a band weighs the losses it expects from the defenders of a "
                 "settlement (state troops, mission troops whose rules let them fight, a "
                 "protection site) against what breaks it: a raid whose expected losses reach "
                 "cohesion x break_share / raid_caution of the band is not attempted."),
            real("column_share", &ConflictParams::column_share, 0, 1,
                 "Chance that each idle band of a group within raiding reach joins an offensive "
                 "the group launches (a raid, an attack on a unit), merging into one column that "
                 "attacks as one and splits back into bands at its base: groups coalesce and "
                 "fragment, which gives event sizes their heavy tail (Bohorquez et al. 2009). An "
                 "idle column joins as one."),
            real("column_split_rate", &ConflictParams::column_split_rate, 0, 1,
                 "Daily chance that a column resting at its base splits back into bands (the "
                 "fragmentation rate: the lower, the longer columns last and the larger they "
                 "grow)."),
            real("reprisal", &ConflictParams::reprisal, 0, 1000,
                 "Gain of reprisals (0: off). A party launches operations at its usual rate times "
                 "1 + reprisal_max (1 - exp(-reprisal x H / reprisal_max)), H the harm other "
                 "parties did it lately as a share of its strength (its fighters, and for a group "
                 "the civilians of its identity), and leans towards those who did it."),
            real("reprisal_days", &ConflictParams::reprisal_days, 0.1, 365,
                 "Days over which a party's memory of the harm done to it fades (e-folding)."),
            real("reprisal_max", &ConflictParams::reprisal_max, 0, 100,
                 "Most that reprisals add to a party's launches, as a multiple of its usual rate "
                 "(the spur saturates: 1 + max (1 - exp(-reprisal x harm / max)))."),
            real("witness_cost", &ConflictParams::witness_cost, 0, 1,
                 "Share of a raid's worth a band gives up when the mission would see it (its "
                 "troops, a patrol, observers or monitors in sight): the reports, sanctions and "
                 "lost support that follow (Fjelde, Hultman and Nilsson 2019)."),
            real("threat_memory_days", &ConflictParams::threat_memory_days, 1, 365,
                 "E-folding time of remembered violence in the threat field."),
            real("threat_per_death", &ConflictParams::threat_per_death, 0, 10,
                 "Threat each violent death adds at its place."),
            real("presence_threat", &ConflictParams::presence_threat, 0, 10,
                 "Threat that hostile armed men within sight add at most: presence_threat * (1 - "
                 "exp(-fighters/200)); state forces count for civilians whose identity has an "
                 "armed group, weighted by half their abuse rate 1 - hr_compliance."),
            real("recovery_rate", &ConflictParams::recovery_rate, 0, 1,
                 "Daily share of lost strength a resting band recovers from its resources."),
            real("government_reinforcement", &ConflictParams::government_reinforcement, 0, 1,
                 "Daily share of lost strength a government company regains, times capacity."),
            real("predation_income", &ConflictParams::predation_income, 0, 1,
                 "Daily resources a group draws from each 100,000 people in settlements it "
                 "holds (taxation, extortion, trafficking), counted per head of the country the "
                 "forces are written for (world.forces_population)."),
            real("upkeep", &ConflictParams::upkeep, 0, 1,
                 "Daily resources each 1,000 fighters cost a group, counted per head like "
                 "predation_income."),
            real("splinter_threshold", &ConflictParams::splinter_threshold, 0, 1,
                 "Cohesion below which a group may split."),
            real("splinter_rate", &ConflictParams::splinter_rate, 0, 1,
                 "Daily probability that a group below the threshold splits in two."),
        }));
    out.push_back(table_section(
        "politics", &Scenario::politics,
        "The national political track and local dialogues (daily hazards of each transition).",
        {
            choice("initial_stage", &PoliticsParams::initial_stage, stage_names,
                   "Stage of the national track on day 0."),
            real("mediation", &PoliticsParams::mediation, 0, 1,
                 "Strength of mediation by envoys and regional organisations."),
            real("council_unity", &PoliticsParams::council_unity, 0, 1,
                 "Unity of the Security Council behind the process."),
            real("inclusion", &PoliticsParams::inclusion, 0, 1,
                 "Participation of women and civil society in the process: the chance that the "
                 "civil society tied to the agreement reports who caused an incident, times the "
                 "settlement's local capacity."),
            real("talks_rate", &PoliticsParams::talks_rate, 0, 1,
                 "Daily hazard that a fighting group enters talks when the conflict is ripe "
                 "(a mutually hurting stalemate) and mediation and council unity are full."),
            real("ceasefire_rate", &PoliticsParams::ceasefire_rate, 0, 1,
                 "Daily hazard that talks produce a ceasefire, at full mediation and calm."),
            real("agreement_rate", &PoliticsParams::agreement_rate, 0, 1,
                 "Daily hazard that a ceasefire becomes a peace agreement, at full mediation and "
                 "unity."),
            real("collapse_rate", &PoliticsParams::collapse_rate, 0, 1,
                 "Daily hazard that talks or a ceasefire collapse while their parties fight."),
            real("relapse_rate", &PoliticsParams::relapse_rate, 0, 1,
                 "Daily hazard that a signatory breaks an agreement, at full fear of the other "
                 "side's bad faith (violence near it it cannot attribute, or by the state)."),
            integer("implementation_days", &PoliticsParams::implementation_days, 1, 3650,
                    "Days of implementation (DDR, reforms) before elections are held."),
            real("ddr_rate", &PoliticsParams::ddr_rate, 0, 1,
                 "Daily share of a signatory group's fighters demobilised during implementation."),
            real("local_dialogue_rate", &PoliticsParams::local_dialogue_rate, 0, 1,
                 "Daily probability that a tense settlement holds a local dialogue, times its "
                 "conflict-resolution capacity."),
            real("dialogue_effect", &PoliticsParams::dialogue_effect, 0, 1,
                 "Share of intercommunal tension a local dialogue removes."),
        }));
    out.push_back(table_section(
        "communities", &Scenario::communities,
        "Intercommunal tension, local conflict resolution and humanitarian access per settlement.",
        {
            real("tension", &CommunityParams::tension, 0, 1,
                 "Initial intercommunal tension in settlements with more than one identity group."),
            real("resolution_capacity", &CommunityParams::resolution_capacity, 0, 1,
                 "Initial local conflict-resolution capacity (elders, committees, courts)."),
            real("humanitarian_access", &CommunityParams::humanitarian_access, 0, 1,
                 "Humanitarian access where there is no violence and the state holds the ground."),
            real("tension_per_death", &CommunityParams::tension_per_death, 0, 1,
                 "Tension each violent death in a settlement adds, times its fractionalisation."),
            real("impunity_weight", &CommunityParams::impunity_weight, 0, 1,
                 "Daily tension added where violence goes unpunished (no state authority)."),
            real("competition_weight", &CommunityParams::competition_weight, 0, 1,
                 "Daily tension added per unit of crowding (residents over the initial "
                 "population) and during droughts: competition for land and water."),
            real("tension_decay", &CommunityParams::tension_decay, 0, 1,
                 "Daily share of tension that local conflict resolution removes, times capacity."),
            real("clash_threshold", &CommunityParams::clash_threshold, 0, 1,
                 "Tension above which communities may clash."),
            real("clash_rate", &CommunityParams::clash_rate, 0, 1,
                 "Daily probability of a clash at full tension, scaled by how far tension "
                 "exceeds the threshold."),
            real("clash_deaths", &CommunityParams::clash_deaths, 0, 10000,
                 "Expected deaths in a clash, times 0.5 + tension: most communal clashes kill a "
                 "handful, a few kill hundreds (UCDP non-state data)."),
            real("aid_relief", &CommunityParams::aid_relief, 0, 1,
                 "Share of the hardship of displacement that full humanitarian access relieves."),
        }));
    out.push_back(table_section(
        "mission", &Scenario::mission,
        "The peacekeeping mission: mandate, strength, money and conduct (docs/model.md, section "
        "8).",
        {
            choice(
                "mandate", &MissionParams::mandate, mandate_names,
                "Mandate preset: a bundle of tasks, rules of engagement and posture; none is the "
                "counterfactual of no mission."),
            choice("roe", &MissionParams::roe, roe_names,
                   "Rules of engagement; preset takes the mandate's."),
            choice("posture", &MissionParams::posture, posture_names,
                   "Share of the force that moves and patrols; preset takes the mandate's."),
            integer("troops", &MissionParams::troops, 0, 100000,
                    "Military contingents (infantry), in persons."),
            integer("police", &MissionParams::police, 0, 20000, "Formed police units, in persons."),
            integer("observers", &MissionParams::observers, 0, 5000, "Unarmed military observers."),
            integer("helicopters", &MissionParams::helicopters, 0, 200, "Utility helicopters."),
            integer("attack_helicopters", &MissionParams::attack_helicopters, 0, 100,
                    "Attack helicopters: fire support for responses under robust rules."),
            integer("engineers", &MissionParams::engineers, 0, 10000,
                    "Engineers, in persons: companies of 150 turn tracks into all-weather roads."),
            integer("civilian_staff", &MissionParams::civilian_staff, 0, 20000,
                    "Civilian staff: political, civil affairs, human rights, electoral."),
            real("budget_musd", &MissionParams::budget_musd, 0, 20000,
                 "Annual budget, US$ million."),
            flag(
                "accountability", &MissionParams::accountability,
                "Measure unit performance and rotate out underperformers; investigate misconduct."),
            real("training", &MissionParams::training, 0, 1,
                 "Training and equipment quality of contingents."),
            real("discipline", &MissionParams::discipline, 0, 1,
                 "Discipline and oversight of personnel."),
            real("caveats", &MissionParams::caveats, 0, 1,
                 "Share of contingents whose national caveats refuse risky tasks."),
            real("misconduct_rate", &MissionParams::misconduct_rate, 0, 10,
                 "Misconduct cases a month per 1,000 personnel with no discipline at all."),
            integer("company_size", &MissionParams::company_size, 20, 1000,
                    "Troops per company operating base."),
            real("flight_hours_per_month", &MissionParams::flight_hours_per_month, 0, 500,
                 "Flight hours a month each helicopter may fly when cash allows."),
            real("quick_reaction_share", &MissionParams::quick_reaction_share, 0, 1,
                 "Share of the infantry companies held as quick-reaction forces at the sector "
                 "hubs (at least one when rapid response is a task)."),
            real("local_truce_rate", &MissionParams::local_truce_rate, 0, 1,
                 "Daily chance that mission troops standing where violence goes on broker a "
                 "local truce among the parties there (with civil affairs or mediation in the "
                 "mandate)."),
            integer("local_truce_days", &MissionParams::local_truce_days, 1, 3650,
                    "Days a local truce binds the parties that made it, unless violence there "
                    "breaks it first."),
        }));
    out.push_back(nested_section(
        "mission.tasks", &MissionParams::tasks, &Scenario::mission,
        "Task switches: preset (the mandate's), on or off.",
        {
            choice("presence", &MissionTasks::presence, switch_names,
                   "Bases deter attacks within reach."),
            choice("patrols", &MissionTasks::patrols, switch_names,
                   "Daily patrols extend presence."),
            choice("protection_sites", &MissionTasks::protection_sites, switch_names,
                   "Camps beside bases become protection sites."),
            choice("rapid_response", &MissionTasks::rapid_response, switch_names,
                   "A quick-reaction force answers attacks on civilians."),
            choice("observe_report", &MissionTasks::observe_report, switch_names,
                   "Observers report ceasefire violations and attacks."),
            choice("human_rights", &MissionTasks::human_rights, switch_names,
                   "Human-rights monitoring raises the political cost of abuses."),
            choice("civil_affairs", &MissionTasks::civil_affairs, switch_names,
                   "Civil affairs run local dialogues."),
            choice("mediation", &MissionTasks::mediation, switch_names,
                   "Political staff mediate the national track."),
            choice("electoral", &MissionTasks::electoral, switch_names, "Electoral support."),
            choice("ddr", &MissionTasks::ddr, switch_names,
                   "Support to disarmament and demobilisation."),
            choice("offensive_ops", &MissionTasks::offensive_ops, switch_names,
                   "Offensive operations with host forces, extending state authority."),
        }));
    out.push_back(nested_section(
        "mission.funding", &MissionParams::funding, &Scenario::mission,
        "Assessed contributions, cash and costs.",
        {
            real("paid_fraction", &FundingParams::paid_fraction, 0, 1,
                 "Share of assessed contributions paid (the rest are arrears)."),
            integer("payments_per_year", &FundingParams::payments_per_year, 1, 12,
                    "Instalments a year."),
            real("reserve_musd", &FundingParams::reserve_musd, 0, 10000,
                 "Cash at the start, US$ million."),
            real("reimbursement_usd", &FundingParams::reimbursement_usd, 0, 100000,
                 "Reimbursement to troop and police contributors per person and month."),
            real("upkeep_usd_per_day", &FundingParams::upkeep_usd_per_day, 0, 10000,
                 "Rations, base fuel and logistics per uniformed person and day."),
            real("civilian_usd_per_month", &FundingParams::civilian_usd_per_month, 0, 1e6,
                 "Cost of a civilian staff member and their programmes per month."),
            real("patrol_usd", &FundingParams::patrol_usd, 0, 1e6, "Cost of a company patrol."),
            real("flight_hour_usd", &FundingParams::flight_hour_usd, 0, 1e6,
                 "Cost of a helicopter flight hour."),
            real("helicopter_usd_per_month", &FundingParams::helicopter_usd_per_month, 0, 1e8,
                 "Fixed cost of each helicopter (lease, crew, basing) per month, flying or not."),
        }));
    out.push_back(table_section(
        "regional_force", &Scenario::regional_force,
        "A regional partner force with its own mandate, funded outside the UN budget.",
        {
            text("name", &RegionalParams::name, "Name of the force."),
            integer("troops", &RegionalParams::troops, 0, 100000, "Troops; 0 for none."),
            choice("mandate", &RegionalParams::mandate, regional_mandate_names,
                   "protection (presence only) or enforcement (offensive operations against "
                   "armed groups)."),
            integer("arrival_day", &RegionalParams::arrival_day, 0, 36500, "Day it deploys."),
            real("training", &RegionalParams::training, 0, 1, "Training and equipment quality."),
        }));
    out.push_back(table_section(
        "mobility", &Scenario::mobility, "Freedom of movement of the mission.",
        {
            real("host_restrictions", &MobilityParams::host_restrictions, 0, 1,
                 "How readily the host government denies the mission's movements, before consent "
                 "and the mandate's intrusiveness."),
            real("ied_threat", &MobilityParams::ied_threat, 0, 1,
                 "Threat of improvised explosive devices on roads: slows convoys and kills."),
            real("helicopter_kmh", &MobilityParams::helicopter_kmh, 50, 400,
                 "Helicopter cruise speed."),
            real("response_prep_h", &MobilityParams::response_prep_h, 0, 48,
                 "Hours before a response force is on its way."),
            real("response_window_h", &MobilityParams::response_window_h, 1, 168,
                 "Hours an attack on a settlement goes on unopposed: its killing is spread over "
                 "them, and a force arriving before the end stops it and fights the attackers."),
            real("alert_h", &MobilityParams::alert_h, 0, 48,
                 "Mean hours for word of an attack to reach the mission where none of its people "
                 "are in sight (residents tell it, as often as they trust it): drawn from 0 to "
                 "twice this, and added to the response time."),
            real("helicopter_daily_hours", &MobilityParams::helicopter_daily_hours, 0, 24,
                 "Most hours a helicopter flies in a day (daylight flying, crew duty limits): it "
                 "limits the sorties flown at once."),
        }));
    out.push_back(table_section(
        "epstein", &Scenario::epstein,
        "Epstein's (2002) civil-violence model I, run when scenario.model is \"epstein\"; the "
        "defaults are NetLogo Rebellion's.",
        {
            integer("width", &EpsteinParams::width, 3, 100000, "Cells across the torus."),
            integer("height", &EpsteinParams::height, 3, 100000, "Cells down the torus."),
            real("citizen_density", &EpsteinParams::citizen_density, 0, 1,
                 "Share of cells holding a citizen at the start."),
            real("cop_density", &EpsteinParams::cop_density, 0, 1,
                 "Share of cells holding a cop at the start."),
            integer("vision", &EpsteinParams::vision, 1, 1000,
                    "Cells an agent sees (and a citizen or cop moves) in each direction."),
            real("legitimacy", &EpsteinParams::legitimacy, 0, 1,
                 "The government's legitimacy as citizens perceive it on day 0."),
            integer("max_jail_term", &EpsteinParams::max_jail_term, 1, 1000000,
                    "An arrest jails a citizen for a uniform 0 to max_jail_term - 1 ticks."),
            real("k", &EpsteinParams::k, 0, 100,
                 "Arrest-probability constant: P = 1 - exp(-k round(cops / actives))."),
            real("threshold", &EpsteinParams::threshold, 0, 1,
                 "Grievance minus risk beyond which a citizen turns active."),
            flag("movement", &EpsteinParams::movement, "Citizens move (cops always do)."),
            choice("rounding", &EpsteinParams::rounding, arrest_rounding_names,
                   "How cops / actives is rounded: floor (NetLogo), round (Mesa), none (the "
                   "paper)."),
            choice("neighbourhood", &EpsteinParams::neighbourhood, neighbourhood_names,
                   "The cells in vision: radius (a disc, NetLogo), von_neumann (a diamond, "
                   "Mesa 3) or moore (a square, Mesa before 3.0)."),
            real("legitimacy_drop", &EpsteinParams::legitimacy_drop, 0, 1,
                 "Legitimacy lost from drop_day on (0: none)."),
            integer("drop_day", &EpsteinParams::drop_day, 0, 36500,
                    "Day the loss of legitimacy begins."),
            integer("drop_days", &EpsteinParams::drop_days, 0, 36500,
                    "Days the loss is spread over: 0 is a sudden drop, more a gradual one."),
            real("outburst_share", &EpsteinParams::outburst_share, 0, 1,
                 "Share of citizens active that makes a day part of an outburst (summary.json "
                 "and events.csv)."),
        }));
    out.push_back(array_section(
        "injects", &Scenario::injects, 0, 10000,
        "The scenario's timeline of events; the same events can be given with --inject.", "Inject",
        {
            integer("day", &Inject::day, 0, 36500, "Day on which the event happens (0 = start)."),
            choice("event", &Inject::event, inject_names, "What happens."),
            text("args", &Inject::args, "Arguments of the event (see docs/model.md, Injects)."),
        }));
    // An event without its day or its kind is a slip, not a coup on the first day.
    out.back().required = {"day", "event"};
    out.push_back(array_section(
        "decisions", &Scenario::decisions, 0, 100000,
        "Decisions on the timeline (docs/training.md): a lever changed or an order to a mission "
        "unit from the start of a day; --adjust and --order add them, and a steered run's log "
        "writes them back so that it replays exactly.",
        "Decision",
        {
            integer("day", &Decision::day, 0, 36500,
                    "Day from whose start the decision holds (0 = start)."),
            text("set", &Decision::set,
                 "KEY=VALUE: a live lever (mission.*, mobility.*, population.*, conflict.*, "
                 "communities.*, politics.*)."),
            integer("unit", &Decision::unit, -1, 1000000,
                    "The mission unit ordered (its index), for move_to and posture."),
            text("move_to", &Decision::move_to,
                 "Where the unit goes: a settlement's name, or X,Y in cells."),
            text("posture", &Decision::posture,
                 "The unit's posture: headquarters (its planners decide), hold or patrol."),
            text("role", &Decision::role, "Who decided (recorded in the log; changes nothing)."),
        }));
    out.back().required = {"day"};
    return out;
}

}  // namespace

const std::vector<Section>& schema() {
    static const std::vector<Section> s = build();
    return s;
}

const Section* find_section(std::string_view name) {
    for (const auto& s : schema())
        if (s.name == name) return &s;
    return nullptr;
}

const Field* find_field(const Section& section, std::string_view key) {
    for (const auto& f : section.fields)
        if (f.key == key) return &f;
    return nullptr;
}

}  // namespace peacesim::scenario::detail
