// The feed: a day's record put into the words a staff would hear it in (feed.hpp).
#include "peacesim/engine/feed.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "peacesim/scenario/load.hpp"

namespace peacesim::engine {

namespace {

std::string plural(std::int64_t n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string place(const Event& e, const world::Map& map) {
    if (e.settlement < map.settlements.size()) return map.settlements[e.settlement].name;
    if (e.region < map.regions.size()) return "the " + map.regions[e.region].name + " region";
    return fmt::format("cell {},{}", e.cell_x, e.cell_y);
}

std::string group_name(const scenario::Scenario& sc, const std::string& arg) {
    const auto i = scenario::find_group(sc, arg.substr(0, arg.find(',')));
    return i ? sc.armed_groups[*i].name : "An armed group";
}

std::string settlement_name(const world::Map& map, const std::string& arg) {
    if (arg.empty()) return "a tense town";
    if (auto i = scenario::parse_integer(arg);
        i && *i >= 0 && std::size_t(*i) < map.settlements.size())
        return map.settlements[std::size_t(*i)].name;
    return arg;
}

std::string inject_text(const scenario::Inject& in, const scenario::Scenario& sc,
                        const world::Map& map) {
    using K = scenario::InjectKind;
    const std::string& a = in.args;
    switch (in.event) {
        case K::RainySeason:
            return "The rains begin: tracks turn to mud and rivers rise";
        case K::DrySeason:
            return "The rains end: the roads open again";
        case K::Coup:
            return "Military coup in the capital";
        case K::Elections:
            return "National elections open";
        case K::Offensive:
            return group_name(sc, a) + " launches an offensive";
        case K::Splinter:
            return group_name(sc, a) + " splits: a faction breaks away";
        case K::Reinforcements:
            return group_name(sc, a) + " receives fighters from abroad";
        case K::MediationSurge:
            return "A regional envoy steps up mediation";
        case K::CouncilDivided:
            return "The Security Council is divided over the mission";
        case K::Drought:
            return "Drought: communities compete for water and pasture";
        case K::CommunalIncident:
            return "A killing inflames relations between communities at " + settlement_name(map, a);
        case K::FundingCut:
            return fmt::format("The mission's budget is cut by {:.0f}%",
                               100 * (a.empty() ? 0.3 : *scenario::parse_number(a)));
        case K::ConsentWithdrawn:
            return "The host government withdraws its consent to the mission";
        case K::ContingentWithdrawn:
            return a.empty() ? "A troop contributor withdraws its companies"
                             : "A troop contributor withdraws " +
                                   plural(*scenario::parse_integer(a), "company", "companies");
        case K::RegionalForceArrives:
            return "A regional partner force deploys";
    }
    // Not reached for a kind the scenario loader accepts; a value cast from elsewhere gets its
    // name, or a neutral word, never a read past the names.
    const auto k = std::size_t(in.event);
    return k < std::size(scenario::inject_names) ? scenario::inject_names[k] : "an event";
}

}  // namespace

std::vector<Happening> happenings(const DayStats& d, const DayStats* before,
                                  std::span<const Event> events,
                                  std::span<const scenario::Inject> injects,
                                  const scenario::Scenario& sc, const world::Map& map,
                                  const std::function<std::string(std::uint32_t)>& side_name) {
    std::vector<Happening> out;
    auto add = [&](std::string kind, std::string text, int weight, int x = -1, int y = -1) {
        out.push_back({d.day, std::move(kind), std::move(text), x, y, weight});
    };
    for (const auto& in : injects) add("event", inject_text(in, sc, map), 3);
    for (const auto& e : events) {
        const std::string a = side_name(e.side_a), where = place(e, map);
        const std::int64_t dead = e.best();
        if (e.side_a == Event::mission_side || e.side_a == Event::regional_side)
            add("mission attacked",
                fmt::format("{} in a fight with {} near {}: {} dead", a, side_name(e.side_b), where,
                            dead),
                3, e.cell_x, e.cell_y);
        else if (e.type == 3)
            add("civilians attacked",
                fmt::format("{} attacks civilians at {}: {} killed", a, where, dead),
                dead >= 10 ? 3 : 2, e.cell_x, e.cell_y);
        else if (e.side_a >= Event::communal_side)
            add("communal violence",
                fmt::format("Clash between {} and {} at {}: {} dead", a, side_name(e.side_b), where,
                            dead),
                2, e.cell_x, e.cell_y);
        else
            add("fighting",
                fmt::format("Fighting between {} and {} near {}: {} dead", a, side_name(e.side_b),
                            where, dead),
                dead >= 25 ? 3 : 2, e.cell_x, e.cell_y);
    }
    if (before) {
        if (d.stage != before->stage)
            add("politics",
                d.stage == scenario::Stage::Conflict
                    ? fmt::format("The peace process collapses: from {} back to conflict",
                                  scenario::stage_names[int(before->stage)])
                    : fmt::format("The national track moves from {} to {}",
                                  scenario::stage_names[int(before->stage)],
                                  scenario::stage_names[int(d.stage)]),
                3);
        if (d.armed_groups > before->armed_groups)
            add("armed groups", "A new armed group appears in the field", 2);
        if (d.armed_groups < before->armed_groups)
            add("armed groups", "An armed group is broken up or disbands", 2);
        if (d.negotiating > before->negotiating)
            add("politics",
                plural(d.negotiating - before->negotiating, "armed group joins",
                       "armed groups join") +
                    " talks",
                2);
        if (d.signatories > before->signatories)
            add("politics",
                plural(d.signatories - before->signatories, "armed group signs",
                       "armed groups sign") +
                    " the agreement",
                2);
        // A signatory that stops keeping an agreement still in force (when the last one does,
        // the process collapses, above).
        if (d.signatories < before->signatories && d.stage == before->stage &&
            d.armed_groups == before->armed_groups)
            add("politics",
                before->signatories - d.signatories == 1
                    ? std::string("An armed group breaks the agreement and returns to fighting")
                    : plural(before->signatories - d.signatories, "armed group breaks",
                             "armed groups break") +
                          " the agreement and return to fighting",
                3);
        if (d.spoilers > before->spoilers)
            add("politics",
                plural(d.spoilers - before->spoilers, "armed group turns", "armed groups turn") +
                    " spoiler, against the process",
                2);
        const auto dep = d.mission.companies_deployed - before->mission.companies_deployed;
        if (dep > 0) add("mission", plural(dep, "company deploys", "companies deploy"), 1);
        if (dep < 0) add("mission", plural(-dep, "company leaves", "companies leave"), 2);
    }
    const auto& m = d.mission;
    if (m.local_truces > 0)
        add("mission",
            m.local_truces == 1
                ? std::string("Troops broker a local truce where fighting went on around them")
                : plural(m.local_truces, "local truce", "local truces") +
                      " brokered by troops where fighting went on around them",
            1);
    if (m.denials > 0)
        add("mission",
            fmt::format("The host denies movement: {} held at checkpoints",
                        plural(m.denials, "mission unit", "mission units")),
            2);
    if (m.fatalities > 0)
        add("mission attacked", plural(m.fatalities, "peacekeeper killed", "peacekeepers killed"),
            3);
    if (m.misconduct > 0)
        add("mission",
            plural(m.misconduct, "misconduct case is", "misconduct cases are") +
                " reported against peacekeepers",
            2);
    if (m.responses > 0)
        add("mission",
            fmt::format("{} to attacks on civilians (median {:.1f} h)",
                        plural(m.responses, "quick-reaction response", "quick-reaction responses"),
                        m.response_median_h),
            1);
    if (d.clashes > 0)
        add("communal violence",
            plural(d.clashes, "intercommunal clash", "intercommunal clashes") + " today", 1);
    if (d.dialogues > 0)
        add("communities",
            plural(d.dialogues, "local dialogue is", "local dialogues are") + " held", 0);
    if (d.demobilised > 0)
        add("politics",
            plural(d.demobilised, "fighter demobilises", "fighters demobilise") + " through DDR",
            0);
    if (d.new_refugees > 0)
        add("displacement",
            plural(d.new_refugees, "person crosses", "people cross") + " the border as refugees",
            0);
    return out;
}

std::vector<Happening> run_happenings(const Simulation& sim) {
    std::vector<Happening> out;
    const auto& hist = sim.history();
    const auto& events = sim.events();
    const auto& injects = sim.scenario().injects;
    auto names = [&](std::uint32_t side) { return sim.side_name(side); };
    std::size_t e = 0, i = 0;
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const int day = hist[k].day;
        const std::size_t e0 = e;
        while (e < events.size() && events[e].day <= day) ++e;
        while (i < injects.size() && injects[i].day < day) ++i;
        std::size_t i1 = i;
        while (i1 < injects.size() && injects[i1].day == day) ++i1;
        auto today =
            happenings(hist[k], k ? &hist[k - 1] : nullptr, std::span(events).subspan(e0, e - e0),
                       std::span(injects).subspan(i, i1 - i), sim.scenario(), sim.map(), names);
        for (auto& h : today) out.push_back(std::move(h));
    }
    return out;
}

}  // namespace peacesim::engine
