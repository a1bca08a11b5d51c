// Compare: the same scenario and seed under other settings, run in step with this one; a table
// of outcomes with their difference and the other run's map beside it.
#include <algorithm>
#include <memory>

#include "peacesim/scenario/load.hpp"
#include "ui.hpp"

namespace peacesim::viz {

std::vector<scenario::Override> App::compare_overrides() const {
    std::vector<scenario::Override> o;
    std::string word;
    for (const char* c = compare_set;; ++c) {
        if (*c == ' ' || *c == 0) {
            if (!word.empty()) o.push_back(scenario::parse_override(word));
            word.clear();
            if (*c == 0) break;
        } else {
            word += *c;
        }
    }
    return o;
}

void App::start_compare(int day) {
    try {
        auto sc = scenario::load_text(scenario::to_toml(runner.scenario()), "<compare>",
                                      compare_overrides());
        other.reset();
        other = std::make_unique<Runner>(std::move(sc), seed, std::max(1, threads / 2));
        other->run_to(day);
        compare_label = compare_set;
    } catch (const scenario::ScenarioError& e) {
        message = e.what();
    }
}

void App::compare_controls(const Snapshot& s) {
    ImGui::TextWrapped(
        "The same scenario and seed with other settings (KEY=VALUE, space-separated), run in "
        "step:");
    ImGui::InputText("##set", compare_set, sizeof compare_set);
    if (ImGui::Button(other ? "Restart comparison" : "Start comparison")) start_compare(s.day);
    if (other) {
        ImGui::SameLine();
        if (ImGui::Button("Stop")) other.reset();
    }
    // A branch: this run as it stands today, going on without the decisions taken from now.
    if (ImGui::Button("Branch from today")) start_branch();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Run this run's state twice from today: the branch takes none of the "
            "decisions you take from now on");
    // Several seeds, in the background: one run can mislead, the spread cannot.
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("seeds", &ensemble_runs);
    ensemble_runs = std::clamp(ensemble_runs, 2, 200);
    ImGui::SameLine();
    const bool running = ensemble && !ensemble->finished;
    if (!running && ImGui::Button("Run an ensemble"))
        start_ensemble(std::max(s.day, int(runner.scenario().meta.compare_days)));
    if (running && ImGui::Button("Cancel ensemble")) ensemble.reset();
}

void App::start_ensemble(int days) {
    compare::Options o;
    o.scenario_text = scenario::to_toml(runner.scenario());
    o.options.push_back({"this run", {}, {}, 0});
    try {
        o.options.push_back({"other", compare_overrides(), {}, 0});
    } catch (const scenario::ScenarioError& e) {
        message = e.what();
        return;
    }
    o.runs = ensemble_runs;
    o.days = days;
    o.first_seed = seed;
    o.jobs = std::max(1, threads - 1);  // leave a core to the run on screen
    ensemble = std::make_unique<Ensemble>();
    Ensemble* e = ensemble.get();
    e->total = 2 * ensemble_runs;
    o.progress = [e](int done, int) { e->done = done; };
    o.cancelled = [e] { return e->cancel.load(); };
    e->worker = std::thread([e, o] {
        try {
            e->result = std::make_unique<compare::Result>(compare::run(o));
        } catch (const std::exception& ex) {
            e->error = ex.what();
        }
        e->finished = true;
    });
}

void App::ensemble_view() {
    if (!ensemble) return;
    auto& e = *ensemble;
    if (!e.finished) {
        ImGui::ProgressBar(
            e.total ? float(e.done) / float(e.total) : 0.0f, {-1, 0},
            (std::to_string(e.done.load()) + " of " + std::to_string(e.total.load()) + " runs")
                .c_str());
        return;
    }
    if (!e.result) {
        ImGui::TextWrapped("Ensemble failed: %s", e.error.c_str());
        return;
    }
    const auto& r = *e.result;
    ImGui::Text("%zu seeds, %d days: mean [95%% interval]", r.seeds.size(), r.days);
    if (ImGui::BeginTable("ens", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthFixed, 150);
        ImGui::TableSetupColumn("this run");
        ImGui::TableSetupColumn("other - this (paired)");
        ImGui::TableHeadersRow();
        for (const auto& out : r.outcomes) {
            if (out.mechanism) continue;
            const auto& m = out.mean[0];
            const auto& d = out.difference[1];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(out.label.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.0f [%.0f, %.0f]", m.value, m.lo, m.hi);
            ImGui::TableNextColumn();
            const bool clear = d.excludes_zero();
            const bool better = (d.value > 0) == out.higher_is_better;
            ImGui::TextColored(!clear   ? ImVec4(0.85f, 0.85f, 0.85f, 1)
                               : better ? ImVec4(0.6f, 1, 0.6f, 1)
                                        : ImVec4(1, 0.6f, 0.5f, 1),
                               "%+.1f [%+.1f, %+.1f]", d.value, d.lo, d.hi);
        }
        ImGui::EndTable();
    }
    // Civilians killed since the start: each option's mean and 95% band.
    const auto& s = r.series.front();
    ImGui::TextUnformatted("civilians killed since the start (band: 95% interval)");
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float w = std::max(100.0f, ImGui::GetContentRegionAvail().x), h = 120;
    ImGui::Dummy({w, h});
    auto* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, {p0.x + w, p0.y + h}, IM_COL32(30, 34, 44, 255));
    double top = 1;
    for (const auto& hi : s.hi)
        for (double v : hi) top = std::max(top, v);
    const ImU32 line[] = {IM_COL32(220, 220, 220, 255), IM_COL32(120, 180, 255, 255)};
    const ImU32 band[] = {IM_COL32(220, 220, 220, 50), IM_COL32(120, 180, 255, 60)};
    // Adjacent quads of a band must not show their anti-aliased seams.
    const auto flags = dl->Flags;
    dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (std::size_t o = 0; o < s.mean.size() && o < 2; ++o) {
        const std::size_t n = s.mean[o].size();
        if (n < 2) continue;
        auto at = [&](std::size_t i, double v) {
            return ImVec2(p0.x + w * float(i) / float(n - 1), p0.y + h - h * float(v / top));
        };
        for (std::size_t i = 1; i < n; ++i) {
            dl->AddQuadFilled(at(i - 1, s.lo[o][i - 1]), at(i, s.lo[o][i]), at(i, s.hi[o][i]),
                              at(i - 1, s.hi[o][i - 1]), band[o]);
            dl->AddLine(at(i - 1, s.mean[o][i - 1]), at(i, s.mean[o][i]), line[o], 2.0f);
        }
    }
    dl->Flags = flags;
    ImGui::TextColored(ImVec4(0.86f, 0.86f, 0.86f, 1), "this run");
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.47f, 0.7f, 1, 1), "other: %s", compare_set);
}

void App::compare_window(const Snapshot& a, float x, float y, float w) {
    if (!other) return;
    if (other->day() < a.day) other->run_to(a.day);
    const auto b = other->snapshot();
    ImGui::SetNextWindowPos({x, y}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize({w, 0}, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(0.92f);
    ImGui::Begin("Compare");
    ImGui::Text("this run vs %s (day %d)", compare_label.c_str(), b->day);
    // Both runs over the days both have run, so a run that is ahead does not look worse.
    const std::size_t upto = std::size_t(std::min(a.day, b->day));
    struct Row {
        const char* name;
        Measure measure;
        bool sum;  // over the days; else the value on the last of them
        bool higher_is_better = false;
        double va = 0, vb = 0;
    };
    Row rows[] = {
        {"civilians killed", Measure({"civilians_killed"}), true},
        {"battle deaths", Measure({"battle_deaths"}), true},
        {"displaced now", Measure({"displaced", "protection_site"}), false},
        {"refugees", Measure({"refugees"}), false},
        {"peacekeepers killed", Measure({"peacekeeper_fatalities"}), true},
        {"agreement stage", Measure({"agreement_stage"}, 1, scenario::stage_names), false, true},
        {"mission cash US$m", Measure({"mission_cash_musd"}), false, true},
    };
    auto value = [upto](const engine::History& h, const Row& r) {
        const std::size_t n = std::min(upto, h.size());
        if (!r.sum) return n == 0 ? 0.0 : r.measure.at(h[n - 1]);
        double t = 0;
        for (std::size_t i = 0; i < n; ++i) t += r.measure.at(h[i]);
        return t;
    };
    for (auto& r : rows) r.va = value(a.history, r), r.vb = value(b->history, r);
    if (ImGui::BeginTable("cmp", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn("outcome", ImGuiTableColumnFlags_WidthFixed, 170);
        ImGui::TableSetupColumn("this run");
        ImGui::TableSetupColumn("other");
        ImGui::TableSetupColumn("difference");
        ImGui::TableHeadersRow();
        for (const auto& r : rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.name);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", r.va);
            ImGui::TableNextColumn();
            ImGui::Text("%.0f", r.vb);
            ImGui::TableNextColumn();
            // Green where the other run does better on that outcome, red where worse.
            const double d = r.vb - r.va;
            const bool better = (d > 0) == r.higher_is_better;
            ImGui::TextColored(d == 0   ? ImVec4(0.85f, 0.85f, 0.85f, 1)
                               : better ? ImVec4(0.6f, 1, 0.6f, 1)
                                        : ImVec4(1, 0.6f, 0.5f, 1),
                               "%+.0f", d);
        }
        ImGui::EndTable();
    }
    // The other run's map, in step and with the same view, beside this one's.
    ImGui::Checkbox("show its map", &show_other_map);
    if (show_other_map) {
        other_map.map = map.map;
        other_map.texture = map.texture;
        other_map.view = map.view;
        other_map.view.zoom = map.view.zoom * 0.5f;  // the child is about half the map's size
        other_map.layers = map.layers;
        other_map.tooltips = false;
        ImGui::BeginChild("other map", {0, 300});
        other_map.draw(*b);
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace peacesim::viz
