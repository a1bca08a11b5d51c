// The civil-violence model's output files; the conflict model's are in sim/output/writers.cpp.
#include "peacesim/epstein/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "output/run_json.hpp"

namespace peacesim::epstein {

std::string timeseries_csv(const Model& m) {
    std::string out = "day,date,legitimacy,quiet,active,jailed,arrests\n";
    const auto start = m.scenario().meta.start_date;
    for (const auto& t : m.history())
        out += fmt::format("{},{},{:.6g},{},{},{},{}\n", t.day, start.plus_days(t.day).iso(),
                           t.legitimacy, t.quiet, t.active, t.jailed, t.arrests);
    return out;
}

std::string events_csv(const Model& m) {
    // GED-shaped, so that scripts written for the conflict model's events read it: an outburst
    // is a rebellion against the state in which nobody dies (the model has no deaths), so its
    // UCDP type is left empty and its death counts are 0.
    std::string out =
        "id,date_start,date_end,type_of_violence,side_a,side_b,best,low,high,start_day,end_day,"
        "days,peak_active,peak_day\n";
    const auto start = m.scenario().meta.start_date;
    int n = 0;
    for (const auto& o : m.outbursts())
        out += fmt::format("{},{},{},,Active citizens,Government (cops),0,0,0,{},{},{},{},{}\n",
                           ++n, start.plus_days(o.start).iso(), start.plus_days(o.end).iso(),
                           o.start, o.end, o.end - o.start + 1, o.peak, o.peak_day);
    return out;
}

std::string summary_json(const Model& m, const output::RunInfo& info) {
    const auto& sc = m.scenario();
    const auto& h = m.history();
    nlohmann::ordered_json j;
    output::detail::add_provenance(j, info);
    j["model"] = "epstein";
    j["seeds"] = {{"run", info.seed}};
    j["seed"] = info.seed;
    j["days"] = info.days;
    j["threads"] = 1;  // the model is sequential
    j["start_date"] = sc.meta.start_date.iso();
    j["end_date"] = sc.meta.start_date.plus_days(info.days > 0 ? info.days - 1 : 0).iso();
    j["citizens"] = m.citizens();
    j["cops"] = m.cops();
    std::int64_t arrests = 0, active_sum = 0;
    Tick peak;
    for (const auto& t : h) {
        arrests += t.arrests, active_sum += t.active;
        if (t.active > peak.active) peak = t;
    }
    const auto bursts = m.outbursts();
    // Quiet spells: the days between the end of one outburst and the start of the next.
    nlohmann::ordered_json spells = nlohmann::ordered_json::array();
    for (std::size_t i = 1; i < bursts.size(); ++i)
        spells.push_back(bursts[i].start - bursts[i - 1].end - 1);
    nlohmann::ordered_json tot;
    tot["peak_active"] = peak.active;
    tot["peak_day"] = peak.day;
    tot["mean_active"] = h.empty() ? 0.0 : double(active_sum) / double(h.size());
    tot["arrests"] = arrests;
    tot["outbursts"] = bursts.size();
    tot["quiet_spells_days"] = spells;
    j["totals"] = tot;
    if (!h.empty())
        j["final_status"] = {
            {"quiet", h.back().quiet}, {"active", h.back().active}, {"jailed", h.back().jailed}};
    output::detail::add_throughput(j, m.state_hash(), m.agent_updates(), info);
    return j.dump(2) + "\n";
}

}  // namespace peacesim::epstein
