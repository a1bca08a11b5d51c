// A run's set-up and its day (docs/model.md, sections 3 and 5). The day's schedule is the list
// in State::step: each line is one phase of one module, and says what it reads (const&) and
// what it writes (plain references).
#include <algorithm>
#include <chrono>

#include "actors/actors.hpp"
#include "communities/communities.hpp"
#include "engine/engine.hpp"
#include "mission/mission.hpp"
#include "politics/politics.hpp"
#include "population/population.hpp"

namespace peacesim::engine {

using population::Status;

core::Today Simulation::State::today() const {
    core::Today t;
    t.seed = seed;
    t.day = day;
    t.date = sc.meta.start_date.plus_days(day);
    t.rainy = world::rainy(season, day, t.date, sc.world);
    return t;
}

void Simulation::State::init() {
    // The map has a seed of its own, so that replicates (other run seeds) share a country;
    // everything else, the civilians' attributes included, draws on the run seed.
    map = world::generate_map(sc, std::uint64_t(sc.world.seed));
    sight = world::make_sight(map, sc);
    civ = population::make_civilians(map, sc, seed);
    population = std::int64_t(civ.size());
    population::init(presence, perception, civ, map, sight, sc.identity_groups.size());
    forces = actors::make_forces(map, sc, seed);
    init_incidents(incidents, map.settlements.size(), sight.block_count());
    std::stable_sort(sc.injects.begin(), sc.injects.end(),
                     [](const auto& a, const auto& b) { return a.day < b.day; });
    std::stable_sort(sc.decisions.begin(), sc.decisions.end(),
                     [](const auto& a, const auto& b) { return a.day < b.day; });
    communities::init(communities, map, presence, sc.communities);
    politics = politics::make_track(sc.politics, forces.parties.size());
    mission::init(mission, forces, map, sight, incidents.memory, sc, today());
    check_timeline(*this);
}

namespace {

// Charges the wall time since the last mark to a phase.
class Stopwatch {
  public:
    explicit Stopwatch(std::array<double, phase_count>& to)
        : to_(to), last_(std::chrono::steady_clock::now()) {}
    void charge(Phase p) {
        const auto now = std::chrono::steady_clock::now();
        to_[std::size_t(p)] += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }

  private:
    std::array<double, phase_count>& to_;
    std::chrono::steady_clock::time_point last_;
};

}  // namespace

void Simulation::State::step() {
    Stopwatch watch(seconds.day);
    DayStats st;
    st.day = day;
    st.date = sc.meta.start_date.plus_days(day);
    apply_decisions(*this);
    apply_injects(*this, today());
    const core::Today t = today();  // the season as the day's injects left it
    st.rainy = t.rainy;
    watch.charge(Phase::Timeline);

    // Sense: who stands where, what people fear, where they would go.
    mission::sense(mission, map, sight, presence, sc, t);
    watch.charge(Phase::Mission);
    actors::survey(forces, map, sight, mission);
    watch.charge(Phase::Units);
    mission::patrol(mission, forces, map, sight, presence, incidents.memory, sc, t);
    watch.charge(Phase::Mission);
    population::perceive(perception, presence, map, sight, forces, incidents.memory, mission,
                         politics, sc);
    watch.charge(Phase::Perception);
    actors::take_ground(forces);
    watch.charge(Phase::Units);
    population::choose_refuges(perception, presence, map, sight);
    watch.charge(Phase::Perception);

    // Decide: tasks for the day.
    actors::reckon_provocations(forces, events, presence, sc.conflict, t.day);
    const auto choices = actors::decide(forces, map, sight, presence, mission, politics, sc, t);
    watch.charge(Phase::Units);
    mission::count_choices(mission, choices.not_attempted, choices.retargeted);
    mission::plan(mission, forces, map, sight, presence, perception, incidents.memory, sc, t);
    watch.charge(Phase::Mission);

    // Act: movement.
    actors::move(forces, map, sc, t.rainy);
    watch.charge(Phase::Units);

    // Resolve: fights, raids, responses, offensives, clashes (serial, in id order). The
    // mission's convoys move here, after the day's patrols and before its fights, so that what
    // they meet on the road is part of today's incidents.
    incidents.reset_day();
    mission::move_convoys(mission, forces, map, sight, sc, t);
    watch.charge(Phase::Mission);
    actors::resolve(forces, incidents, mission, map, sight, presence, politics, sc, t);
    watch.charge(Phase::Units);
    politics::follow_parties(politics, forces.parties.size());
    watch.charge(Phase::Politics);
    communities::clash(
        communities, incidents, map, presence, sc.communities, sc.force_scale(), mission.policed,
        std::min(1.0, sc.mobility.response_prep_h / sc.mobility.response_window_h), t);
    mission.totals.why.clashes_policed += communities.clashes_policed_today;
    watch.charge(Phase::Communities);

    // Update: civilians in parallel, then the parties, communities, the track and the mission.
    const auto people =
        population::update(civ, presence, perception, {incidents, communities, mission}, forces,
                           politics, sight, sc, t, full_rules);
    attribute_deaths(incidents, communities, people);
    watch.charge(Phase::Civilians);
    st.recruited = actors::enlist(forces, people.recruits, map);
    actors::fragment_columns(forces, sc.conflict, t);
    watch.charge(Phase::Units);
    const std::size_t first_event = events.size();
    const Logged logged = log_incidents(incidents, events, forces, mission, map, sight, sc, t);
    watch.charge(Phase::Outputs);
    actors::update_legitimacy(forces, logged.killed_by_state, logged.killed_by_others, population);
    actors::reinforce(forces, politics.demobilise, sc, t);
    watch.charge(Phase::Units);
    record_people(st, people, logged);
    record_forces(st, forces, presence);
    displaced_peak = std::max(displaced_peak, st.status[std::size_t(Status::Displaced)] +
                                                  st.status[std::size_t(Status::ProtectionSite)]);
    watch.charge(Phase::Outputs);
    const auto com =
        communities::update(communities, presence, sight, incidents.memory, incidents.deaths,
                            forces, mission, politics, season, sc, t);
    st.mean_tension = com.mean_tension, st.mean_access = com.mean_access;
    st.dialogues = communities.dialogues_today, st.clashes = communities.clashes_today;
    watch.charge(Phase::Communities);
    actors::update_groups(forces, civ, presence, sc, t);
    watch.charge(Phase::Units);
    politics::DayNews news;
    const double per_head = 1.0 / sc.force_scale();
    news.deaths = double(st.battle_deaths + st.civilians_killed() + st.communal_deaths +
                         mission.today.fatalities) *
                  per_head;
    const auto seen = mission::watch_process(mission, forces, incidents.violation_sites, sight);
    news.violations = double(seen.verified) * per_head;
    news.rumoured = double(seen.rumoured) * per_head;
    news.guarantee = seen.guarantee;
    news.guarantee_of = seen.guarantee_of;
    watch.charge(Phase::Mission);
    news.threat = politics::signatory_threats(events, first_event, forces, mission, communities,
                                              politics, sight, t, per_head);
    news.dialogues = communities.dialogues_today;
    news.settlements = map.settlements.size();
    politics::update(politics, forces, civ, news, mission, sc, t);
    watch.charge(Phase::Politics);
    actors::demobilise(forces, politics.demobilise, t);
    watch.charge(Phase::Units);
    record_process(st, politics, forces);
    watch.charge(Phase::Outputs);
    mission::mediate_locally(mission, map, sight, incidents.memory, incidents.deaths, sc, t);
    mission::end_day(mission, map, sight, presence, incidents.memory, sc, t, st.mission);
    watch.charge(Phase::Mission);

    history.push_back(st);
    agent_updates += civ.size() + forces.units.size();
    ++day;
    watch.charge(Phase::Outputs);
}

void Simulation::step() { s_->step(); }

}  // namespace peacesim::engine
