// [SECTION] Panels that watch the run: the frame's layout, time controls, layers and legend
// [SECTION] Outcome charts, marked with the days levers changed or events fired
// [SECTION] Events feed and the map window
#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

#include "ui.hpp"

namespace peacesim::viz {

namespace {

constexpr ImGuiWindowFlags fixed =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;

void legend_item(ImU32 c, const char* text, int shape) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 m{p.x + 8, p.y + 8};
    if (shape == 0)
        dl->AddCircleFilled(m, 5, c);
    else if (shape == 1)
        dl->AddRectFilled({m.x - 5, m.y - 5}, {m.x + 5, m.y + 5}, c);
    else if (shape == 2)
        dl->AddTriangleFilled({m.x, m.y - 6}, {m.x - 5, m.y + 5}, {m.x + 5, m.y + 5}, c);
    else
        dl->AddCircle(m, 5, c, 12, 2);
    ImGui::Dummy({18, 16});
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

/// The outcome charts, each naming the columns it plots; the first three: civilians killed a day.
std::vector<Plot> outcome_plots() {
    return {
        {"by armed groups", Measure({"civilians_killed_groups"}), party_colour(1)},
        {"by state forces", Measure({"civilians_killed_government"}), gov_colour},
        {"in battles and clashes", Measure({"civilians_killed_battle", "communal_deaths"}),
         rgba(200, 200, 200)},
        {"Displaced and sheltered", Measure({"displaced", "protection_site"}), rgba(250, 200, 60),
         70},
        {"Peacekeepers killed a day", Measure({"peacekeeper_fatalities"}), un_colour},
        {"Agreement stage (0 conflict .. 6 transition)",
         Measure({"agreement_stage"}, 1, scenario::stage_names), rgba(120, 220, 120)},
        {"Mission cash, US$ million", Measure({"mission_cash_musd"}), rgba(160, 220, 255)},
        {"Trust in the mission, %", Measure({"trust_in_mission"}, 100), rgba(200, 160, 255)},
    };
}

bool is_numeric(const output::Column& c) {
    return !std::holds_alternative<std::string>(c.read(engine::DayStats{}));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Panels that watch the run: the frame's layout, time controls, layers and legend
// ---------------------------------------------------------------------------------------------

void App::frame(int width, int height) {
    const auto snap = runner.snapshot();
    const auto& s = *snap;
    const float left = 300, right = 380, bottom = 190;
    controls_window(s, {0, 0}, {left, float(height)});
    outcomes_window(s, {float(width) - right, 0}, {right, float(height)});
    events_window(s, {left, float(height) - bottom}, {float(width) - left - right, bottom});
    map_window(s, {left, 0}, {float(width) - left - right, float(height) - bottom});
    compare_window(s, left + 20, 40, 520);
    if (ensemble) {
        ImGui::SetNextWindowPos({left + 20, float(height) - bottom - 330}, ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize({520, 0}, ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowBgAlpha(0.92f);
        ImGui::Begin("Ensemble: this run's settings against the compared ones");
        ensemble_view();
        ImGui::End();
    }
}

// Left: time, layers, legend, then the levers, orders, comparison and injects that steer the run.
void App::controls_window(const Snapshot& s, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("peacesim", nullptr, fixed);
    ImGui::Text("%s", runner.scenario().meta.name.c_str());
    ImGui::TextDisabled("%s", runner.scenario().meta.country.c_str());
    ImGui::Separator();
    ImGui::Text("Day %d  %s", s.day, s.date.iso().c_str());
    ImGui::Text("%s season   stage: %s", s.rainy ? "Rainy" : "Dry",
                scenario::stage_names[int(s.stage)]);
    if (ImGui::Button(runner.playing() ? "Pause" : "Play", {80, 0})) runner.play(!runner.playing());
    ImGui::SameLine();
    if (ImGui::Button("Step", {80, 0})) runner.step();
    if (ImGui::SliderFloat("days/s", &speed, 1, 365, "%.0f", ImGuiSliderFlags_Logarithmic))
        runner.set_speed(speed);
    ImGui::Separator();
    ImGui::TextUnformatted("Layers");
    ImGui::Checkbox("Territorial control", &map.layers.control);
    ImGui::Checkbox("Violence (last weeks)", &map.layers.violence);
    ImGui::Checkbox("Population", &map.layers.population);
    ImGui::Checkbox("Displacement, protection sites", &map.layers.displacement);
    ImGui::Checkbox("Intercommunal tension", &map.layers.tension);
    ImGui::Checkbox("Armed units", &map.layers.armed);
    ImGui::Checkbox("Mission units", &map.layers.mission);
    ImGui::SameLine();
    ImGui::Checkbox("coverage", &map.layers.coverage);
    ImGui::Separator();
    ImGui::TextUnformatted("Legend");
    legend_item(gov_colour, s.parties.empty() ? "Government" : s.parties[0].name.c_str(), 1);
    for (std::size_t p = 1; p < s.parties.size() && p < 9; ++p)
        legend_item(party_colour(std::uint32_t(p)), s.parties[p].name.c_str(), 2);
    legend_item(un_colour, "UN mission (ring: reach; line: patrol)", 0);
    legend_item(rgba(255, 200, 0), "UN quick-reaction force on a task", 3);
    legend_item(regional_colour, "Regional force", 0);
    legend_item(rgba(255, 60, 0, 160), "Violence in the last weeks", 0);
    legend_item(rgba(255, 200, 0), "Intercommunal tension", 3);
    legend_item(rgba(0, 230, 230), "Swollen by the displaced", 3);
    legend_item(un_colour, "Protection site (square)", 3);
    ImGui::TextDisabled(
        "circles: settlements by residents,\nfilled by the party holding them;\nsquares with white "
        "edge: camps");
    if (ImGui::CollapsingHeader("Levers")) levers(s);
    if (ImGui::CollapsingHeader("Selection and orders")) selected(s);
    if (ImGui::CollapsingHeader("Compare")) compare_controls(s);
    injects(s);
    ImGui::End();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Outcome charts, marked with the days levers changed or events fired
// ---------------------------------------------------------------------------------------------

void App::outcomes_window(const Snapshot& s, ImVec2 pos, ImVec2 size) {
    // Days on which levers were changed or events fired, marked on every chart's time axis.
    std::vector<int> marks;
    for (const auto& d : s.decisions) marks.push_back(d.day);
    for (const auto& in : s.injects)
        if (in.day <= s.day) marks.push_back(int(in.day));
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("Outcomes", nullptr, fixed);
    if (plots.empty()) plots = outcome_plots();
    for (auto& p : plots) p.update(s.history);
    ImGui::TextUnformatted("Civilians killed a day");
    for (const auto& p : plots) p.draw(marks);
    // Any numeric column of the daily series can be charted after the fixed ones, by name.
    // Column names are string literals in the table, so data() is a C string.
    const auto cols = output::columns();
    const char* picked = picked_column >= 0 ? cols[std::size_t(picked_column)].name.data() : "none";
    if (ImGui::BeginCombo("chart column", picked)) {
        for (std::size_t k = 0; k < cols.size(); ++k) {
            if (!is_numeric(cols[k])) continue;
            if (ImGui::Selectable(cols[k].name.data(), int(k) == picked_column)) {
                picked_column = int(k);
                plots.erase(plots.begin() + std::ptrdiff_t(outcome_plots().size()), plots.end());
                plots.push_back(
                    {std::string(cols[k].name), Measure({cols[k].name}), rgba(230, 230, 120)});
            }
        }
        ImGui::EndCombo();
    }
    if (!s.history.empty()) {
        killed_so_far.update(s.history);
        ImGui::Text("Civilians killed so far: %.0f", killed_so_far.total);
        static const Measure refugees({"refugees"});
        ImGui::Text("Refugees: %.0f", refugees.at(s.history.back()));
    }
    ImGui::End();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Events feed and the map window
// ---------------------------------------------------------------------------------------------

void App::events_window(const Snapshot& s, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("Events (newest first; click to centre the map)", nullptr, fixed);
    static const char* type_names[] = {"", "state-based", "non-state", "one-sided"};
    static const std::string civilians = "civilians";
    for (std::size_t k = 0; k < s.events.count() && k < 60; ++k) {
        const auto& e = s.recent(k);
        char line[256];
        const std::string& a = s.side_name(e.side_a);
        const std::string& b = e.type == 3 ? civilians : s.side_name(e.side_b);
        std::snprintf(line, sizeof line, "%s  %-11s %s vs %s: %lld dead##%lld",
                      e.date.iso().c_str(), type_names[e.type], a.c_str(), b.c_str(),
                      (long long)e.best(), (long long)e.id);
        if (ImGui::Selectable(line))
            map.view.centre = {e.cell_x + 0.5f, e.cell_y + 0.5f},
            map.view.zoom = std::max(map.view.zoom, 6.0f);
    }
    ImGui::End();
}

void App::map_window(const Snapshot& s, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("Map (drag to pan, wheel to zoom)", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
    // Rebuild the terrain texture only when engineers have changed a road.
    if (map.texture == 0 || s.roads_version != map.roads_version) {
        if (map.texture) glDeleteTextures(1, &map.texture);
        map.texture = make_texture(*map.map, *s.roads);
        map.roads_version = s.roads_version;
    }
    map.draw(s);
    ImGui::End();
}

}  // namespace peacesim::viz
