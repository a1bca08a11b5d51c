// The columns of timeseries.csv (docs/outputs.md), each declared once.
#include "peacesim/output/columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <type_traits>

namespace peacesim::output {

using engine::DayStats;
using population::Status;

namespace {

// The read functions return through these so that every column of one kind yields the same
// alternative of Value whatever the width of the DayStats field (int, bool, int64).
Value count(std::int64_t v) { return v; }
Value real(double v) { return v; }
Value people(const DayStats& d, Status s) { return d.status[std::size_t(s)]; }

// File order is the CSV contract: scripts and the determinism tests read these bytes. Append new
// columns at the end unless there is a reason to break scripts that index by position.
constexpr Column table[] = {
    {.name = "day",
     .unit = "day",
     .meaning = "Days since the start; day 0 is the scenario's start_date.",
     .read = [](const DayStats& d) { return count(d.day); }},
    {.name = "date",
     .unit = "ISO date",
     .meaning = "Calendar date of the day.",
     .read = [](const DayStats& d) { return Value(d.date.iso()); }},
    {.name = "rainy",
     .unit = "0/1",
     .meaning = "1 when tracks are wet: the rainy season, or rain set by an inject.",
     .read = [](const DayStats& d) { return count(d.rainy ? 1 : 0); },
     .aggregate = Aggregate::Sum},
    {.name = "civilians_killed",
     .unit = "people",
     .meaning = "Civilians killed in one-sided violence or caught in battles (the next three "
                "columns); deaths in intercommunal clashes are in communal_deaths.",
     .read = [](const DayStats& d) { return count(d.civilians_killed()); },
     .aggregate = Aggregate::Sum},
    {.name = "civilians_killed_government",
     .unit = "people",
     .meaning = "Civilians killed by state forces in one-sided violence.",
     .read = [](const DayStats& d) { return count(d.civilians_killed_government); },
     .aggregate = Aggregate::Sum},
    {.name = "civilians_killed_groups",
     .unit = "people",
     .meaning = "Civilians killed by armed groups in one-sided violence.",
     .read = [](const DayStats& d) { return count(d.civilians_killed_groups); },
     .aggregate = Aggregate::Sum},
    {.name = "civilians_killed_battle",
     .unit = "people",
     .meaning = "Civilians caught in battles between armed parties.",
     .read = [](const DayStats& d) { return count(d.civilians_killed_battle); },
     .aggregate = Aggregate::Sum},
    {.name = "battle_deaths",
     .unit = "people",
     .meaning = "Combatants killed, all parties (not communal militias).",
     .read = [](const DayStats& d) { return count(d.battle_deaths); },
     .aggregate = Aggregate::Sum},
    {.name = "events_state_based",
     .unit = "events",
     .meaning = "State-based events: the government against an armed group (UCDP type 1).",
     .read = [](const DayStats& d) { return count(d.events_state); },
     .aggregate = Aggregate::Sum},
    {.name = "events_non_state",
     .unit = "events",
     .meaning = "Non-state events: armed groups or communal militias against each other (UCDP "
                "type 2).",
     .read = [](const DayStats& d) { return count(d.events_nonstate); },
     .aggregate = Aggregate::Sum},
    {.name = "events_one_sided",
     .unit = "events",
     .meaning = "One-sided violence against civilians (UCDP type 3).",
     .read = [](const DayStats& d) { return count(d.events_onesided); },
     .aggregate = Aggregate::Sum},
    {.name = "at_home",
     .unit = "people",
     .meaning = "People in their home settlement.",
     .read = [](const DayStats& d) { return people(d, Status::Home); },
     .aggregate = Aggregate::Last},
    {.name = "displaced",
     .unit = "people",
     .meaning = "Internally displaced people, in another settlement or a camp (not in a "
                "protection site).",
     .read = [](const DayStats& d) { return people(d, Status::Displaced); },
     .aggregate = Aggregate::Peak},
    {.name = "protection_site",
     .unit = "people",
     .meaning = "People sheltering at the mission's protection sites.",
     .read = [](const DayStats& d) { return people(d, Status::ProtectionSite); },
     .aggregate = Aggregate::Peak},
    {.name = "refugees",
     .unit = "people",
     .meaning = "People who have crossed the border; they leave the map for good.",
     .read = [](const DayStats& d) { return people(d, Status::Refugee); },
     .aggregate = Aggregate::Last},
    {.name = "recruited",
     .unit = "people",
     .meaning = "Civilians serving in armed groups, alive (a stock; new_recruits is the flow).",
     .read = [](const DayStats& d) { return people(d, Status::Recruited); },
     .aggregate = Aggregate::Last},
    {.name = "killed_cumulative",
     .unit = "people",
     .meaning = "Civilians killed since the start, intercommunal clashes included.",
     .read = [](const DayStats& d) { return people(d, Status::Killed); },
     .aggregate = Aggregate::Last},
    {.name = "died_fighting_cumulative",
     .unit = "people",
     .meaning = "Recruits killed as fighters since the start.",
     .read = [](const DayStats& d) { return people(d, Status::DiedFighting); },
     .aggregate = Aggregate::Last},
    {.name = "fled",
     .unit = "people",
     .meaning = "People who fled to another settlement, a camp or a protection site.",
     .read = [](const DayStats& d) { return count(d.fled); },
     .aggregate = Aggregate::Sum},
    {.name = "returned",
     .unit = "people",
     .meaning = "Displaced people who went home.",
     .read = [](const DayStats& d) { return count(d.returned); },
     .aggregate = Aggregate::Sum},
    {.name = "new_refugees",
     .unit = "people",
     .meaning = "People who crossed the border.",
     .read = [](const DayStats& d) { return count(d.new_refugees); },
     .aggregate = Aggregate::Sum},
    {.name = "new_recruits",
     .unit = "people",
     .meaning = "Civilians who joined an armed group.",
     .read = [](const DayStats& d) { return count(d.recruited); },
     .aggregate = Aggregate::Sum},
    {.name = "fighters_government",
     .unit = "people",
     .meaning = "Strength of the government's forces.",
     .read = [](const DayStats& d) { return count(d.fighters_government); },
     .aggregate = Aggregate::Last},
    {.name = "fighters_groups",
     .unit = "people",
     .meaning = "Strength of all armed groups' bands.",
     .read = [](const DayStats& d) { return count(d.fighters_groups); },
     .aggregate = Aggregate::Last},
    {.name = "legitimacy",
     .unit = "0 to 1",
     .meaning = "The government's legitimacy L (Gilley 2009).",
     .read = [](const DayStats& d) { return real(d.legitimacy); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "mean_grievance",
     .unit = "0 to 1",
     .meaning = "Grievance G = H (1 - L_i) (Epstein 2002), mean over civilians living on the "
                "map (at home, displaced, sheltered, active).",
     .read = [](const DayStats& d) { return real(d.mean_grievance); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "mean_trust_state",
     .unit = "0 to 1",
     .meaning = "Trust in the state, mean over the same civilians.",
     .read = [](const DayStats& d) { return real(d.mean_trust_state); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "state_control",
     .unit = "share",
     .meaning = "Share of the resident population in settlements the state holds.",
     .read = [](const DayStats& d) { return real(d.state_control); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "communal_deaths",
     .unit = "people",
     .meaning = "People killed in intercommunal clashes.",
     .read = [](const DayStats& d) { return count(d.communal_deaths); },
     .aggregate = Aggregate::Sum},
    {.name = "communal_clashes",
     .unit = "clashes",
     .meaning = "Intercommunal clashes.",
     .read = [](const DayStats& d) { return count(d.clashes); },
     .aggregate = Aggregate::Sum},
    {.name = "mean_tension",
     .unit = "0 to 1",
     .meaning = "Intercommunal tension, mean over mixed settlements weighted by residents.",
     .read = [](const DayStats& d) { return real(d.mean_tension); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "humanitarian_access",
     .unit = "0 to 1",
     .meaning = "Humanitarian access, mean over settlements weighted by residents.",
     .read = [](const DayStats& d) { return real(d.mean_access); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "local_dialogues",
     .unit = "dialogues",
     .meaning = "Local peace dialogues held.",
     .read = [](const DayStats& d) { return count(d.dialogues); },
     .aggregate = Aggregate::Sum},
    {.name = "agreement_stage",
     .unit = "label",
     .meaning = "Stage of the national peace track at the end of the day (conflict, talks, "
                "ceasefire, agreement, implementation, elections, transition).",
     .read = [](const DayStats& d) { return Value(scenario::stage_names[int(d.stage)]); },
     .aggregate = Aggregate::Last},
    {.name = "armed_groups",
     .unit = "groups",
     .meaning = "Armed groups with fighters left.",
     .read = [](const DayStats& d) { return count(d.armed_groups); },
     .aggregate = Aggregate::Last},
    {.name = "negotiating",
     .unit = "groups",
     .meaning = "Armed groups at the table.",
     .read = [](const DayStats& d) { return count(d.negotiating); },
     .aggregate = Aggregate::Last},
    {.name = "signatories",
     .unit = "groups",
     .meaning = "Armed groups that have signed the agreement.",
     .read = [](const DayStats& d) { return count(d.signatories); },
     .aggregate = Aggregate::Last},
    {.name = "spoilers",
     .unit = "groups",
     .meaning = "Armed groups fighting the peace process.",
     .read = [](const DayStats& d) { return count(d.spoilers); },
     .aggregate = Aggregate::Last},
    {.name = "demobilised",
     .unit = "people",
     .meaning = "Recruits who went home through DDR.",
     .read = [](const DayStats& d) { return count(d.demobilised); },
     .aggregate = Aggregate::Sum},
    {.name = "active",
     .unit = "people",
     .meaning = "People in open rebellion where they live (Epstein 2002's actives).",
     .read = [](const DayStats& d) { return people(d, Status::Active); },
     .aggregate = Aggregate::Last},
    {.name = "jailed",
     .unit = "people",
     .meaning = "Actives arrested and serving a term.",
     .read = [](const DayStats& d) { return people(d, Status::Jailed); },
     .aggregate = Aggregate::Last},
    {.name = "mission_cash_musd",
     .unit = "US$ million",
     .meaning = "The mission's cash in hand at the end of the day.",
     .read = [](const DayStats& d) { return real(d.mission.cash_musd); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "patrols",
     .unit = "patrols",
     .meaning = "Patrols the mission ran.",
     .read = [](const DayStats& d) { return count(d.mission.patrols); },
     .aggregate = Aggregate::Sum},
    {.name = "responses",
     .unit = "responses",
     .meaning = "Rapid responses to attacks on civilians.",
     .read = [](const DayStats& d) { return count(d.mission.responses); },
     .aggregate = Aggregate::Sum},
    // A median of daily medians is no median of the run: summary.json's mission section has
    // the run's median and 90th percentile over every response.
    {.name = "response_time_median_h",
     .unit = "hours",
     .meaning = "Median time to respond, over the day's responses; empty when there were none.",
     .read =
         [](const DayStats& d) {
             // Undefined without responses: an empty cell (NULL in the results database).
             return d.mission.responses > 0 ? real(d.mission.response_median_h) : Value{};
         },
     .decimals = 3},
    {.name = "movement_denials",
     .unit = "denials",
     .meaning = "Mission movements the host denied.",
     .read = [](const DayStats& d) { return count(d.mission.denials); },
     .aggregate = Aggregate::Sum},
    {.name = "flight_hours",
     .unit = "hours",
     .meaning = "Helicopter hours flown.",
     .read = [](const DayStats& d) { return real(d.mission.flight_hours); },
     .decimals = 3,
     .aggregate = Aggregate::Sum},
    {.name = "peacekeeper_fatalities",
     .unit = "people",
     .meaning = "Peacekeepers killed in attacks and by IEDs.",
     .read = [](const DayStats& d) { return count(d.mission.fatalities); },
     .aggregate = Aggregate::Sum},
    {.name = "misconduct_cases",
     .unit = "cases",
     .meaning = "Cases of misconduct by peacekeepers.",
     .read = [](const DayStats& d) { return count(d.mission.misconduct); },
     .aggregate = Aggregate::Sum},
    {.name = "trust_in_mission",
     .unit = "0 to 1",
     .meaning = "Trust in the mission, mean over the resident population.",
     .read = [](const DayStats& d) { return real(d.mission.trust); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "impartiality",
     .unit = "0 to 1",
     .meaning = "The mission's perceived impartiality.",
     .read = [](const DayStats& d) { return real(d.mission.impartiality); },
     .decimals = 6,
     .aggregate = Aggregate::Last},
    {.name = "reimbursement_delay_days",
     .unit = "days",
     .meaning = "Age of the oldest unpaid reimbursement to troop contributors; 0 when none is "
                "owed.",
     .read = [](const DayStats& d) { return count(d.mission.reimbursement_delay_days); },
     .aggregate = Aggregate::Peak},
    {.name = "companies_deployed",
     .unit = "companies",
     .meaning = "Mission infantry companies deployed.",
     .read = [](const DayStats& d) { return count(d.mission.companies_deployed); },
     .aggregate = Aggregate::Last},
};

void append_value(std::string& out, const Column& c, const Value& v) {
    auto it = std::back_inserter(out);
    if (const auto* i = std::get_if<std::int64_t>(&v))
        fmt::format_to(it, "{}", *i);
    else if (const auto* x = std::get_if<double>(&v))
        fmt::format_to(it, "{:.{}f}", *x, c.decimals);
    else if (const auto* t = std::get_if<std::string>(&v))
        out += *t;  // labels and dates: no commas or quotes to escape
    // An undefined value (std::monostate) is an empty cell.
}

// The zero of a column's kind: what a total is over no days.
Value zero_like(const Value& v) {
    if (std::holds_alternative<std::int64_t>(v)) return std::int64_t{0};
    if (std::holds_alternative<double>(v)) return 0.0;
    if (std::holds_alternative<std::monostate>(v)) return Value{};
    return std::string{};
}

}  // namespace

std::span<const Column> columns() noexcept { return table; }

const Column* find_column(std::string_view name) noexcept {
    const auto it = std::find_if(std::begin(table), std::end(table),
                                 [&](const Column& c) { return c.name == name; });
    return it == std::end(table) ? nullptr : &*it;
}

std::string format_value(const Column& column, const Value& value) {
    std::string out;
    append_value(out, column, value);
    return out;
}

std::string csv_header() {
    std::string out;
    for (const auto& c : table) {
        if (!out.empty()) out += ',';
        out += c.name;
    }
    return out + '\n';
}

void append_csv_row(std::string& out, const DayStats& day) {
    bool first = true;
    for (const auto& c : table) {
        if (!first) out += ',';
        first = false;
        append_value(out, c, c.read(day));
    }
    out += '\n';
}

std::map<std::string, Value, std::less<>> column_totals(std::span<const DayStats> history) {
    std::map<std::string, Value, std::less<>> totals;
    const DayStats blank;
    for (const auto& c : table) {
        if (c.aggregate == Aggregate::None) continue;
        Value total = zero_like(c.read(blank));
        if (c.aggregate == Aggregate::Last && !history.empty()) total = c.read(history.back());
        if (c.aggregate == Aggregate::Sum)
            for (const auto& d : history)
                std::visit(
                    [&](auto& t) {
                        // A label has no sum and stays empty; the tests keep labels off Sum.
                        using T = std::decay_t<decltype(t)>;
                        if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double>)
                            t += std::get<T>(c.read(d));
                    },
                    total);
        if (c.aggregate == Aggregate::Peak)
            for (std::size_t k = 0; k < history.size(); ++k)
                if (Value v = c.read(history[k]); k == 0 || total < v) total = std::move(v);
        totals.emplace(c.name, std::move(total));
    }
    return totals;
}

std::string columns_markdown() {
    std::string out = "| column | unit | meaning | run total |\n|---|---|---|---|\n";
    for (const auto& c : table)
        out += fmt::format("| `{}` | {} | {} | {} |\n", c.name, c.unit, c.meaning,
                           aggregate_names[int(c.aggregate)]);
    return out;
}

}  // namespace peacesim::output
