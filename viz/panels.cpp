// [SECTION] Panels that watch the run: the frame's layout, time controls, layers and legend
// [SECTION] Outcome charts, marked with the days levers changed or events fired
// [SECTION] Events feed and the map window
#include <algorithm>
#include <cstdio>
#include <string>
#include <variant>

#include "peacesim/engine/feed.hpp"
#include "ui.hpp"

namespace peacesim::viz {

namespace {

// The four panels that tile the screen. They draw no background of their own: the frame is
// cleared to the colour their background would give (app.cpp), which a software rasteriser
// fills at a fraction of the cost of four blended rectangles over the whole screen. They stay
// behind the windows that float over them (Compare, Ensemble), whose backgrounds they would
// otherwise show through.
constexpr ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBackground |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;

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
    ImGui::TextWrapped("%s", text);
}

/// The outcome charts, each naming the columns it plots; the first three: civilians killed a day.
std::vector<Plot> outcome_plots() {
    return {
        {"by armed groups", Measure({"civilians_killed_groups"}), party_colour(1), "a day"},
        {"by state forces", Measure({"civilians_killed_government"}), gov_colour, "a day"},
        {"in battles and clashes", Measure({"civilians_killed_battle", "communal_deaths"}),
         rgba(200, 200, 200), "a day"},
        {"Displaced and sheltered", Measure({"displaced", "protection_site"}), rgba(250, 200, 60),
         "people", 70},
        {"Peacekeepers killed", Measure({"peacekeeper_fatalities"}), un_colour, "a day"},
        {"Agreement stage", Measure({"agreement_stage"}, 1, scenario::stage_names),
         rgba(120, 220, 120), "0 conflict..6 transition"},
        {"Mission cash", Measure({"mission_cash_musd"}), rgba(160, 220, 255), "US$ million"},
        {"Trust in the mission", Measure({"trust_in_mission"}, 100), rgba(200, 160, 255), "%"},
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
    poll_branch();
    const auto snap = mode == Mode::Replay ? runner.snapshot_at(scrub_day) : runner.snapshot();
    const auto& s = *snap;
    map.fog = mode == Mode::Trainee && exercise && exercise->fog_of_war;
    shown = {};
    map.armed_drawn = &shown.armed_drawn, map.armed_alive = &shown.armed_alive;
    shown.decisions = int(s.decisions.size());
    // Ctrl+S saves (Dear ImGui 1.86 indexes keys by the GLFW key code, 'S' for S).
    if (unsaved(s) && ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed('S')) save_exercise();
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
    close_prompt(s);
}

// Left: time, layers, legend, then the levers, orders, comparison and injects that steer the run.
void App::controls_window(const Snapshot& s, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("peacesim", nullptr, fixed);
    static constexpr const char* mode_names[] = {"", "CONTROL CELL VIEW", "TRAINEE VIEW", "REPLAY"};
    if (exercise || mode == Mode::Replay) {
        ImGui::TextColored(
            mode == Mode::Trainee ? ImVec4(0.5f, 0.85f, 1, 1) : ImVec4(1, 0.75f, 0.3f, 1), "%s",
            mode_names[int(mode)]);
        if (exercise) ImGui::TextWrapped("%s", exercise->name.c_str());
    }
    ImGui::Text("%s", runner.scenario().meta.name.c_str());
    ImGui::TextDisabled("%s", runner.scenario().meta.country.c_str());
    ImGui::Separator();
    ImGui::Text("Day %d  %s", s.day, s.date.iso().c_str());
    ImGui::Text("%s season   stage: %s", s.rainy ? "Rainy" : "Dry",
                scenario::stage_names[int(s.stage)]);
    if (mode == Mode::Replay) {
        // Scrub through the recorded exercise, day by day.
        const int have = runner.day();
        ImGui::SliderInt("day", &scrub_day, 0, replay_days);
        scrub_day = std::clamp(scrub_day, 0, replay_days);
        if (ImGui::Button("<", {40, 0})) scrub_day = std::max(0, scrub_day - 1);
        ImGui::SameLine();
        if (ImGui::Button(">", {40, 0})) scrub_day = std::min(replay_days, scrub_day + 1);
        if (have < replay_days) {
            ImGui::SameLine();
            ImGui::TextDisabled("replaying: day %d of %d", have, replay_days);
        }
    } else {
        if (ImGui::Button(runner.playing() ? "Pause" : "Play", {80, 0}))
            runner.play(!runner.playing());
        ImGui::SameLine();
        if (ImGui::Button("Step", {80, 0})) runner.step();
        if (ImGui::SliderFloat("days/s", &speed, 1, 365, "%.0f", ImGuiSliderFlags_Logarithmic))
            runner.set_speed(speed);
    }
    if (exercise && mode != Mode::Replay) {
        if (ImGui::Button(unsaved(s) ? "Save exercise (Ctrl+S)*" : "Save exercise (Ctrl+S)"))
            save_exercise();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The record (for peacesim aar) and a checkpoint, to %s",
                              record_dir.c_str());
    }
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
    for (std::size_t p = 1; p < s.parties.size(); ++p)  // groups that split off included
        legend_item(party_colour(std::uint32_t(p)), s.parties[p].name.c_str(), 2);
    if (map.fog) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Fog of war: armed groups are shown only where the mission sees them.");
        ImGui::PopStyleColor();
    }
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
    if (mode == Mode::Free && ImGui::CollapsingHeader("Levers")) levers(s);
    if ((mode == Mode::Control || mode == Mode::Trainee) &&
        ImGui::CollapsingHeader("Levers", ImGuiTreeNodeFlags_DefaultOpen))
        role_levers(s);
    if (mode != Mode::Replay && ImGui::CollapsingHeader("Selection and orders")) selected(s);
    if ((mode == Mode::Free || mode == Mode::Control) && ImGui::CollapsingHeader("Compare"))
        compare_controls(s);
    // The timeline of events to come is the control cell's: trainees learn of events as they
    // happen.
    if (mode == Mode::Free || mode == Mode::Control) injects(s);
    if (auto e = runner.last_error(); !e.empty()) message = e;
    if (mode != Mode::Free && mode != Mode::Control && !message.empty())
        ImGui::TextWrapped("%s", message.c_str());
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
    ImGui::Begin("Feed", nullptr, fixed | ImGuiWindowFlags_NoTitleBar);
    if (ImGui::BeginTabBar("bottom")) {
        if (ImGui::BeginTabItem("Feed: what the staff hears of (newest first)", nullptr,
                                open_tab == "feed" ? ImGuiTabItemFlags_SetSelected : 0)) {
            feed(s);
            ImGui::EndTabItem();
        }
        if (exercise || mode == Mode::Replay) exercise_tabs(s);
        ImGui::EndTabBar();
    }
    open_tab.clear();
    ImGui::End();
}

void App::feed(const Snapshot& s) {
    ImGui::Checkbox("routine too (refugees crossing, dialogues, DDR)", &routine_feed);
    if (!ImGui::BeginTable(
            "feed", 2,
            ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
        return;
    ImGui::TableSetupColumn("date", ImGuiTableColumnFlags_WidthFixed, 84);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    // The last weeks, newest first, from the days and events the snapshot holds.
    const auto& h = s.history;
    const std::size_t first_event = s.events.first();
    std::size_t rows = 0;
    for (std::size_t i = h.size(); i-- > h.first() && rows < 150;) {
        const int day = h[i].day;
        std::vector<engine::Event> events;
        for (std::size_t k = s.events.size(); k-- > first_event;) {
            if (s.events[k].day < day) break;
            if (s.events[k].day == day) events.push_back(s.events[k]);
        }
        std::reverse(events.begin(), events.end());
        std::vector<scenario::Inject> injects;
        for (const auto& in : s.injects)
            if (in.day == day) injects.push_back(in);
        const auto today = engine::happenings(
            h[i], i > h.first() ? &h[i - 1] : nullptr, events, injects, s.scenario, *map.map,
            [&](std::uint32_t side) { return s.side_name(side); });
        for (auto it = today.rbegin(); it != today.rend(); ++it) {
            if (it->weight == 0 && !routine_feed) continue;
            ++rows;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(h[i].date.iso().c_str());
            ImGui::TableNextColumn();
            const ImVec4 colour = it->weight >= 3   ? ImVec4(1, 0.45f, 0.35f, 1)
                                  : it->weight == 2 ? ImVec4(1, 0.8f, 0.45f, 1)
                                                    : ImVec4(0.85f, 0.85f, 0.85f, 1);
            ImGui::PushStyleColor(ImGuiCol_Text, colour);
            ImGui::TextWrapped("%s", it->text.c_str());
            ImGui::PopStyleColor();
            if (it->x >= 0 && ImGui::IsItemHovered())
                ImGui::SetTooltip("click to centre the map here");
            if (it->x >= 0 && ImGui::IsItemClicked())
                map.view.centre = {it->x + 0.5f, it->y + 0.5f},
                map.view.zoom = std::max(map.view.zoom, 6.0f);
        }
    }
    ImGui::EndTable();
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
