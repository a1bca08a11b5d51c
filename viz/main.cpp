// [SECTION] peacesim-viz: watch and steer a run (Dear ImGui 1.86, GLFW, OpenGL 3.3)
// [SECTION] Colours and helpers
// [SECTION] Map
// [SECTION] Panels: time, layers, legend, injects, charts, events
// [SECTION] Screenshot and main loop
#include <CLI/CLI.hpp>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <GL/gl.h>

#include <algorithm>
#include <functional>
#include <cmath>
#include <cstdio>
#include <thread>

#include "peacesim/scenario/load.hpp"
#include "runner.hpp"

namespace {

using namespace peacesim;

// ---------------------------------------------------------------------------------------------
// [SECTION] Colours and helpers
// ---------------------------------------------------------------------------------------------

// One scheme everywhere, explained in the legend: the state blue, armed groups warm colours,
// the UN light blue with a white ring, a regional force green.
constexpr ImU32 rgba(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
const ImU32 gov_colour = rgba(40, 90, 200);
const ImU32 un_colour = rgba(90, 190, 255);
const ImU32 regional_colour = rgba(40, 160, 80);
const ImU32 group_colours[] = {rgba(215, 50, 40), rgba(240, 140, 20), rgba(150, 60, 170), rgba(130, 80, 40),
                               rgba(220, 60, 150), rgba(180, 170, 20), rgba(100, 30, 30), rgba(250, 100, 90)};
ImU32 party_colour(std::uint32_t p) {
    return p == 0 ? gov_colour : group_colours[(p - 1) % std::size(group_colours)];
}

struct TerrainColour {
    unsigned char r, g, b;
};
const TerrainColour terrain_colours[] = {{214, 205, 160}, {98, 140, 78}, {122, 150, 132}, {172, 148, 118}, {78, 118, 178}};
const TerrainColour road_colours[] = {{0, 0, 0}, {150, 128, 96}, {95, 95, 95}, {50, 50, 50}};

GLuint make_texture(const world::Map& m, const std::vector<world::Road>& roads) {
    std::vector<unsigned char> px(std::size_t(m.width) * m.height * 4);
    for (int y = 0; y < m.height; ++y)
        for (int x = 0; x < m.width; ++x) {
            const auto c = m.cell(x, y);
            // The texture's first row is the top of the screen: the map's northern edge.
            const std::size_t o = (std::size_t(m.height - 1 - y) * m.width + x) * 4;
            TerrainColour t = terrain_colours[int(m.terrain[c])];
            if (roads[c] != world::Road::None) t = road_colours[int(roads[c])];
            px[o] = t.r, px[o + 1] = t.g, px[o + 2] = t.b, px[o + 3] = 255;
        }
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, m.width, m.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    return tex;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Map
// ---------------------------------------------------------------------------------------------

struct Layers {
    bool control = true, violence = true, population = true, displacement = true, tension = false, armed = true,
         mission = true, coverage = true;
};

struct View {
    float zoom = 0;       // pixels per cell; 0 until fitted
    ImVec2 centre{0, 0};  // in cells
};

struct MapWidget {
    const world::Map* map = nullptr;
    GLuint texture = 0;
    std::int64_t roads_version = -1;
    View view;
    Layers layers;
    int selected_settlement = -1;
    int selected_unit = -1;  // a mission unit
    std::function<void(int, int)> on_order;  // right click with a unit selected: send it there
    bool tooltips = true;  // off for screenshots, where the pointer is wherever the display put it

    ImVec2 to_screen(ImVec2 origin, ImVec2 size, float cx, float cy) const {
        // Cell (cx, cy) with y north-up.
        return {origin.x + size.x * 0.5f + (cx - view.centre.x) * view.zoom,
                origin.y + size.y * 0.5f - (cy - view.centre.y) * view.zoom};
    }

    void draw(const viz::Snapshot& s) {
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 size = ImGui::GetContentRegionAvail();
        if (size.x < 50 || size.y < 50) return;
        const auto& m = *map;
        if (view.zoom == 0) {
            view.zoom = std::min(size.x / float(m.width), size.y / float(m.height));
            view.centre = {m.width * 0.5f, m.height * 0.5f};
        }
        ImGui::InvisibleButton("map", size, ImGuiButtonFlags_MouseButtonLeft);
        const bool hovered = ImGui::IsItemHovered() && tooltips;
        ImGuiIO& io = ImGui::GetIO();
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
            view.centre.x -= io.MouseDelta.x / view.zoom;
            view.centre.y += io.MouseDelta.y / view.zoom;
        }
        if (hovered && io.MouseWheel != 0) {
            const float old = view.zoom;
            view.zoom = std::clamp(view.zoom * std::pow(1.2f, io.MouseWheel), 0.2f, 64.0f);
            // Keep the cell under the cursor where it is.
            const float mx = (io.MousePos.x - origin.x - size.x * 0.5f), my = (io.MousePos.y - origin.y - size.y * 0.5f);
            view.centre.x += mx / old - mx / view.zoom;
            view.centre.y -= my / old - my / view.zoom;
        }
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
        dl->AddRectFilled(origin, {origin.x + size.x, origin.y + size.y}, rgba(30, 34, 40));
        const ImVec2 a = to_screen(origin, size, 0, float(m.height)), b = to_screen(origin, size, float(m.width), 0);
        dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture)), a, b);
        const float cell = view.zoom;

        if (layers.violence) {  // heat of remembered violence
            const int bc = int(s.violence.size() ? std::lround(std::sqrt(double(m.width) * m.height / double(s.violence.size()))) : 1);
            const int bw = (m.width + bc - 1) / bc;
            for (std::size_t k = 0; k < s.violence.size(); ++k) {
                const float v = s.violence[k];
                if (v < 0.02f) continue;
                const int bx = int(k % std::size_t(bw)), by = int(k / std::size_t(bw));
                const ImVec2 p = to_screen(origin, size, (bx + 0.5f) * bc, (by + 0.5f) * bc);
                const int alpha = int(std::min(200.0f, 40.0f + 160.0f * v));
                dl->AddCircleFilled(p, std::max(3.0f, bc * cell * 0.9f), rgba(255, 40, 0, alpha / 2), 20);
            }
        }
        // Settlements: sized by residents, filled by who controls them, ringed by tension.
        int hover_settlement = -1;
        float hover_d = 10;
        for (std::size_t i = 0; i < m.settlements.size(); ++i) {
            const auto& st = m.settlements[i];
            const ImVec2 p = to_screen(origin, size, st.x + 0.5f, st.y + 0.5f);
            const double res = double(s.residents[i]);
            float r = layers.population ? std::clamp(float(std::sqrt(res) * 0.03f * std::sqrt(cell)), 1.5f, 30.0f) : 2.5f;
            if (st.kind == world::SettlementKind::Town) r = std::max(r, 4.0f);
            const ImU32 fill = layers.control ? (party_colour(s.control[i]) & 0x00FFFFFF) | 0xC0000000u : rgba(240, 240, 240, 200);
            if (st.kind == world::SettlementKind::Camp) {
                dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, fill);
                dl->AddRect({p.x - r, p.y - r}, {p.x + r, p.y + r}, rgba(255, 255, 255), 0, 0, 1.5f);
            } else {
                dl->AddCircleFilled(p, r, fill, 16);
                dl->AddCircle(p, r, rgba(20, 20, 20, 200), 16, 1.0f);
            }
            if (layers.displacement) {
                // Places that took in the displaced, and the mission's protection sites.
                if (i < s.protection_sites.size() && s.protection_sites[i])
                    dl->AddRect({p.x - r - 4, p.y - r - 4}, {p.x + r + 4, p.y + r + 4}, un_colour, 0, 0, 2.5f);
                if (res > 1.2 * double(std::max<std::int64_t>(st.initial_population, 200)))
                    dl->AddCircle(p, r + 2, rgba(0, 230, 230), 16, 2.0f);
            }
            if (layers.tension && i < s.tension.size() && s.tension[i] > 0.3f)
                dl->AddCircle(p, r + 3, rgba(255, 200, 0, int(80 + 170 * s.tension[i])), 16, 2.0f);
            if (st.kind == world::SettlementKind::Town && cell > 1.5f)
                dl->AddText({p.x + r + 2, p.y - 7}, rgba(15, 15, 15), st.name.c_str());
            const float d = std::hypot(io.MousePos.x - p.x, io.MousePos.y - p.y);
            if (hovered && d < std::max(hover_d, r)) hover_d = d, hover_settlement = int(i);
        }
        // Units.
        const ImVec2 mouse = io.MousePos;
        std::string unit_tip;
        if (layers.armed)
            for (const auto& u : s.units) {
                if (!u.alive()) continue;
                const ImVec2 p = to_screen(origin, size, u.x + 0.5f, u.y + 0.5f);
                const float r = std::clamp(3.0f + std::sqrt(float(u.strength)) * 0.25f, 3.0f, 9.0f);
                if (u.party == 0) dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, gov_colour);
                else dl->AddTriangleFilled({p.x, p.y - r - 2}, {p.x - r, p.y + r}, {p.x + r, p.y + r}, party_colour(u.party));
                if (hovered && std::hypot(mouse.x - p.x, mouse.y - p.y) < r + 2)
                    unit_tip = s.parties[u.party].name + ": " + std::to_string(u.strength) + " armed, " +
                               actors::action_names[int(u.action)];
            }
        if (layers.mission)
            for (const auto& u : s.mission_units) {
                if (!u.active()) continue;
                const ImVec2 p = to_screen(origin, size, u.x + 0.5f, u.y + 0.5f);
                const bool regional = u.kind == mission::UnitKind::Regional;
                const ImU32 c = regional ? regional_colour : un_colour;
                if (layers.coverage && (u.kind == mission::UnitKind::Company || regional))
                    dl->AddCircle(p, 5.0f / map->cell_km * cell, (c & 0x00FFFFFF) | 0x90000000u, 24, 1.5f);
                const float r = u.kind == mission::UnitKind::Company || regional ? 5.0f : 3.5f;
                dl->AddCircleFilled(p, r, c, 12);
                dl->AddCircle(p, r, rgba(255, 255, 255), 12, 1.5f);
                const int index = int(&u - s.mission_units.data());
                if (index == selected_unit) dl->AddCircle(p, r + 4, rgba(255, 255, 0), 16, 2.5f);
                if (hovered && std::hypot(mouse.x - p.x, mouse.y - p.y) < r + 2) {
                    unit_tip = std::string(regional ? "Regional force " : "UN ") + mission::unit_kind_names[int(u.kind)] +
                               ": " + std::to_string(u.strength) + (u.patrolling ? ", on patrol" : "") +
                               "\nclick to select; then right-click the map to send it";
                    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !regional) selected_unit = index;
                }
            }
        dl->PopClipRect();
        if (hovered && selected_unit >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && on_order) {
            const int cx = int(view.centre.x + (mouse.x - origin.x - size.x * 0.5f) / cell);
            const int cy = int(view.centre.y - (mouse.y - origin.y - size.y * 0.5f) / cell);
            if (m.inside(cx, cy)) on_order(cx, cy);
        }
        if (!unit_tip.empty()) {
            ImGui::SetTooltip("%s", unit_tip.c_str());
        } else if (hover_settlement >= 0) {
            const auto& st = m.settlements[std::size_t(hover_settlement)];
            const auto i = std::size_t(hover_settlement);
            ImGui::SetTooltip("%s (%s)\n%s\nresidents %lld (at the start %lld)\nheld by %s\ntension %.2f", st.name.c_str(),
                              world::settlement_kind_names[int(st.kind)], m.regions[st.region].name.c_str(),
                              (long long)s.residents[i], (long long)st.initial_population,
                              s.parties[s.control[i]].name.c_str(), i < s.tension.size() ? s.tension[i] : 0.0f);
            if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) selected_settlement = hover_settlement;
        } else if (hovered) {
            const int cx = int(view.centre.x + (mouse.x - origin.x - size.x * 0.5f) / cell);
            const int cy = int(view.centre.y - (mouse.y - origin.y - size.y * 0.5f) / cell);
            if (m.inside(cx, cy))
                ImGui::SetTooltip("cell %d,%d: %s%s\n%.3f N %.3f E", cx, cy, world::terrain_names[int(m.terrain[m.cell(cx, cy)])],
                                  s.roads[m.cell(cx, cy)] != world::Road::None ? ", road" : "", m.latitude(cy), m.longitude(cx, cy));
        }
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Panels: time, layers, legend, injects, charts, events
// ---------------------------------------------------------------------------------------------

void legend_item(ImU32 c, const char* text, int shape) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 m{p.x + 8, p.y + 8};
    if (shape == 0) dl->AddCircleFilled(m, 5, c);
    else if (shape == 1) dl->AddRectFilled({m.x - 5, m.y - 5}, {m.x + 5, m.y + 5}, c);
    else if (shape == 2) dl->AddTriangleFilled({m.x, m.y - 6}, {m.x - 5, m.y + 5}, {m.x + 5, m.y + 5}, c);
    else dl->AddCircle(m, 5, c, 12, 2);
    ImGui::Dummy({18, 16});
    ImGui::SameLine();
    ImGui::TextUnformatted(text);
}

// Days on which levers were changed or events fired, marked on every chart's time axis.
std::vector<int> marks;

void chart(const char* label, const std::vector<float>& v, ImU32 colour, float height = 56) {
    ImGui::PushStyleColor(ImGuiCol_PlotLines, colour);
    float lo = 0, hi = 1;
    for (float x : v) hi = std::max(hi, x);
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s  %.0f", label, v.empty() ? 0.0f : v.back());
    ImGui::PlotLines("##chart", v.data(), int(v.size()), 0, overlay, lo, hi * 1.1f,
                     {ImGui::GetContentRegionAvail().x, height});
    ImGui::PopStyleColor();
    if (v.size() > 1) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        for (int d : marks) {
            const float x = a.x + (b.x - a.x) * float(d) / float(v.size() - 1);
            ImGui::GetWindowDrawList()->AddLine({x, a.y}, {x, b.y}, rgba(255, 255, 255, 140), 1.0f);
        }
    }
}

struct App {
    explicit App(viz::Runner& r) : runner(r) {}
    viz::Runner& runner;
    MapWidget map;
    float speed = 10;
    int inject_kind = 0, inject_day = 0;
    char inject_args[64] = "";
    // Compare: the same scenario and seed under another setting, kept in step.
    std::unique_ptr<viz::Runner> other;
    char compare_set[160] = "mission.mandate=none";
    std::string compare_label;
    MapWidget other_map;
    bool show_other_map = true;
    int threads = 1;
    std::uint64_t seed = 1;
    std::string message;
    // Levers: the values the sliders show until they are applied.
    bool levers_loaded = false;
    int mandate = 0, troops = 0, police = 0, helicopters = 0;
    float budget = 0, paid = 0, restrictions = 0;

    void levers(const viz::Snapshot& s) {
        const auto& m = s.scenario.mission;
        if (!levers_loaded) {
            mandate = int(m.mandate), troops = int(m.troops), police = int(m.police), helicopters = int(m.helicopters);
            budget = float(m.budget_musd), paid = float(m.funding.paid_fraction);
            restrictions = float(s.scenario.mobility.host_restrictions);
            levers_loaded = true;
        }
        ImGui::Combo("mandate", &mandate, scenario::mandate_names, int(std::size(scenario::mandate_names)));
        ImGui::SliderInt("troops", &troops, 0, 20000);
        ImGui::SliderInt("police", &police, 0, 3000);
        ImGui::SliderInt("helicopters", &helicopters, 0, 30);
        ImGui::SliderFloat("budget US$m", &budget, 0, 2000, "%.0f");
        ImGui::SliderFloat("paid fraction", &paid, 0, 1, "%.2f");
        ImGui::SliderFloat("host restrictions", &restrictions, 0, 1, "%.2f");
        if (ImGui::Button("Apply from tomorrow")) {
            std::vector<scenario::Override> o = {
                {"mission.mandate", scenario::mandate_names[mandate]},
                {"mission.troops", std::to_string(troops)},
                {"mission.police", std::to_string(police)},
                {"mission.helicopters", std::to_string(helicopters)},
                {"mission.budget_musd", std::to_string(budget)},
                {"mission.funding.paid_fraction", std::to_string(paid)},
                {"mobility.host_restrictions", std::to_string(restrictions)}};
            runner.command([o](engine::Simulation& sim) { sim.adjust(o); });
            message = "levers applied";
        }
        ImGui::SameLine();
        if (ImGui::Button("Rains now")) runner.fire(scenario::InjectKind::RainySeason, "");
    }

    void start_compare(int day) {
        try {
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
            auto sc = scenario::load_text(scenario::to_toml(runner.scenario()), "<compare>", o);
            other.reset();
            other = std::make_unique<viz::Runner>(std::move(sc), seed, std::max(1, threads / 2));
            other->run_to(day);
            compare_label = compare_set;
        } catch (const scenario::ScenarioError& e) {
            message = e.what();
        }
    }

    void compare_controls(const viz::Snapshot& s) {
        ImGui::TextWrapped("The same scenario and seed with other settings (KEY=VALUE, space-separated), run in step:");
        ImGui::InputText("##set", compare_set, sizeof compare_set);
        if (ImGui::Button(other ? "Restart comparison" : "Start comparison")) start_compare(s.day);
        if (other) {
            ImGui::SameLine();
            if (ImGui::Button("Stop")) other.reset();
        }
    }

    void compare_window(const viz::Snapshot& a, float x, float y, float w) {
        if (!other) return;
        if (other->day() < a.day) other->run_to(a.day);
        const auto b = other->snapshot();
        ImGui::SetNextWindowPos({x, y}, ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize({w, 0}, ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowBgAlpha(0.92f);
        ImGui::Begin("Compare");
        ImGui::Text("this run vs %s (day %d)", compare_label.c_str(), b->day);
        auto total = [](const viz::Snapshot& s, auto f) {
            double t = 0;
            for (const auto& d : s.history) t += f(d);
            return t;
        };
        auto last = [](const viz::Snapshot& s, auto f) { return s.history.empty() ? 0.0 : f(s.history.back()); };
        const int upto = std::min(a.day, b->day);
        auto trim = [upto](const viz::Snapshot& s) {
            viz::Snapshot t;
            t.history.assign(s.history.begin(), s.history.begin() + std::min<std::ptrdiff_t>(upto, std::ptrdiff_t(s.history.size())));
            return t;
        };
        const auto ta = trim(a), tb = trim(*b);
        struct Row {
            const char* name;
            double va, vb;
        };
        const Row rows[] = {
            {"civilians killed", total(ta, [](auto& d) { return double(d.civilians_killed()); }),
             total(tb, [](auto& d) { return double(d.civilians_killed()); })},
            {"battle deaths", total(ta, [](auto& d) { return double(d.battle_deaths); }), total(tb, [](auto& d) { return double(d.battle_deaths); })},
            {"displaced now", last(ta, [](auto& d) { return double(d.status[1] + d.status[2]); }),
             last(tb, [](auto& d) { return double(d.status[1] + d.status[2]); })},
            {"refugees", last(ta, [](auto& d) { return double(d.status[3]); }), last(tb, [](auto& d) { return double(d.status[3]); })},
            {"peacekeepers killed", total(ta, [](auto& d) { return double(d.mission.fatalities); }),
             total(tb, [](auto& d) { return double(d.mission.fatalities); })},
            {"agreement stage", last(ta, [](auto& d) { return double(int(d.stage)); }), last(tb, [](auto& d) { return double(int(d.stage)); })},
            {"mission cash US$m", last(ta, [](auto& d) { return d.mission.cash_musd; }), last(tb, [](auto& d) { return d.mission.cash_musd; })},
        };
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
                ImGui::TextColored(r.vb - r.va > 0 ? ImVec4(1, 0.6f, 0.5f, 1) : ImVec4(0.6f, 1, 0.6f, 1), "%+.0f", r.vb - r.va);
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

    void selected(const viz::Snapshot& s) {
        if (map.selected_settlement >= 0 && std::size_t(map.selected_settlement) < s.residents.size()) {
            const auto i = std::size_t(map.selected_settlement);
            const auto& st = runner.map().settlements[i];
            ImGui::Text("%s (%s), %s", st.name.c_str(), world::settlement_kind_names[int(st.kind)],
                        runner.map().regions[st.region].name.c_str());
            ImGui::Text("residents %lld of %lld at the start", (long long)s.residents[i], (long long)st.initial_population);
            ImGui::Text("held by %s", s.parties[s.control[i]].name.c_str());
            ImGui::Text("tension %.2f", i < s.tension.size() ? s.tension[i] : 0.0f);
            if (ImGui::SmallButton("centre map")) map.view.centre = {st.x + 0.5f, st.y + 0.5f};
            ImGui::Separator();
        }
        const int k = map.selected_unit;
        if (k < 0 || std::size_t(k) >= s.mission_units.size()) {
            ImGui::TextDisabled("Click a UN unit on the map to select it.");
            return;
        }
        const auto& u = s.mission_units[std::size_t(k)];
        ImGui::Text("UN %s #%d: %d strong", mission::unit_kind_names[int(u.kind)], k, u.strength);
        ImGui::Text("training %.2f  readiness %.2f", u.training, u.readiness);
        ImGui::Text("performance %.2f%s", u.performance, u.caveated ? "  (national caveats)" : "");
        ImGui::TextDisabled("Right-click the map to send it there.");
        const char* postures[] = {"headquarters decides", "hold", "patrol daily"};
        int p = u.orders + 1;
        if (ImGui::Combo("posture", &p, postures, 3)) {
            const int posture = p - 1;
            runner.command([k, posture](engine::Simulation& sim) { sim.order_posture(std::size_t(k), posture); });
        }
    }

    void frame(int width, int height) {
        const auto snap = runner.snapshot();
        const auto& s = *snap;
        const float left = 300, right = 380, bottom = 190;
        const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse;

        // Left: time, layers, legend, injects.
        ImGui::SetNextWindowPos({0, 0}, ImGuiCond_Always);
        ImGui::SetNextWindowSize({left, float(height)}, ImGuiCond_Always);
        ImGui::Begin("peacesim", nullptr, fixed);
        ImGui::Text("%s", runner.scenario().meta.name.c_str());
        ImGui::TextDisabled("%s", runner.scenario().meta.country.c_str());
        ImGui::Separator();
        ImGui::Text("Day %d  %s", s.day, s.date.iso().c_str());
        ImGui::Text("%s season   stage: %s", s.rainy ? "Rainy" : "Dry", scenario::stage_names[int(s.stage)]);
        if (ImGui::Button(runner.playing() ? "Pause" : "Play", {80, 0})) runner.play(!runner.playing());
        ImGui::SameLine();
        if (ImGui::Button("Step", {80, 0})) runner.step();
        if (ImGui::SliderFloat("days/s", &speed, 1, 365, "%.0f", ImGuiSliderFlags_Logarithmic)) runner.set_speed(speed);
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
        for (std::size_t p = 1; p < s.parties.size() && p < 9; ++p) legend_item(party_colour(std::uint32_t(p)), s.parties[p].name.c_str(), 2);
        legend_item(un_colour, "UN mission (ring: reach)", 0);
        legend_item(regional_colour, "Regional force", 0);
        legend_item(rgba(255, 60, 0, 160), "Violence in the last weeks", 0);
        legend_item(rgba(255, 200, 0), "Intercommunal tension", 3);
        legend_item(rgba(0, 230, 230), "Swollen by the displaced", 3);
        legend_item(un_colour, "Protection site (square)", 3);
        ImGui::TextDisabled("circles: settlements by residents,\nfilled by the party holding them;\nsquares with white edge: camps");
        if (ImGui::CollapsingHeader("Levers")) levers(s);
        if (ImGui::CollapsingHeader("Selection and orders")) selected(s);
        if (ImGui::CollapsingHeader("Compare")) compare_controls(s);
        ImGui::Separator();
        ImGui::TextUnformatted("Injects");
        ImGui::Combo("event", &inject_kind, scenario::inject_names, int(std::size(scenario::inject_names)));
        ImGui::InputText("args", inject_args, sizeof inject_args);
        if (ImGui::Button("Fire now")) {
            scenario::Inject in{s.day, scenario::InjectKind(inject_kind), inject_args};
            if (auto problem = scenario::inject_problem(runner.scenario(), in)) message = *problem;
            else runner.fire(in.event, inject_args), message = std::string("fired ") + scenario::inject_names[inject_kind];
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(70);
        ImGui::InputInt("##day", &inject_day, 0);
        ImGui::SameLine();
        if (ImGui::Button("Schedule")) {
            scenario::Inject in{std::max(inject_day, s.day), scenario::InjectKind(inject_kind), inject_args};
            if (auto problem = scenario::inject_problem(runner.scenario(), in)) message = *problem;
            else {
                runner.command([in](engine::Simulation& sim) { sim.schedule(in); });
                message = "scheduled for day " + std::to_string(in.day);
            }
        }
        if (auto e = runner.last_error(); !e.empty()) message = e;
        if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());
        if (ImGui::BeginTable("timeline", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY, {0, 110})) {
            for (std::size_t k = 0; k < s.injects.size(); ++k) {
                const auto& in = s.injects[k];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text("%lld", (long long)in.day);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(scenario::inject_names[int(in.event)]);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(in.args.c_str());
                ImGui::TableNextColumn();
                if (in.day > s.day) {  // still to come: it can be taken back
                    ImGui::PushID(int(k));
                    if (ImGui::SmallButton("cancel"))
                        runner.command([k](engine::Simulation& sim) {
                            if (!sim.cancel(k)) throw std::runtime_error("that event has already happened");
                        });
                    ImGui::PopID();
                }
            }
            ImGui::EndTable();
        }
        ImGui::End();

        marks.clear();
        for (const auto& [day, what] : s.adjustments) marks.push_back(day);
        for (const auto& in : s.injects)
            if (in.day <= s.day) marks.push_back(int(in.day));
        // Right: charts.
        ImGui::SetNextWindowPos({float(width) - right, 0}, ImGuiCond_Always);
        ImGui::SetNextWindowSize({right, float(height)}, ImGuiCond_Always);
        ImGui::Begin("Outcomes", nullptr, fixed);
        std::vector<float> gov, grp, bat, disp, pk, stage, cash, trust;
        for (const auto& d : s.history) {
            gov.push_back(float(d.civilians_killed_government));
            grp.push_back(float(d.civilians_killed_groups));
            bat.push_back(float(d.civilians_killed_battle + d.communal_deaths));
            disp.push_back(float(d.status[std::size_t(population::Status::Displaced)] +
                                 d.status[std::size_t(population::Status::ProtectionSite)]));
            pk.push_back(float(d.mission.fatalities));
            stage.push_back(float(int(d.stage)));
            cash.push_back(float(d.mission.cash_musd));
            trust.push_back(float(d.mission.trust * 100));
        }
        ImGui::TextUnformatted("Civilians killed a day");
        chart("by armed groups", grp, party_colour(1));
        chart("by state forces", gov, gov_colour);
        chart("in battles and clashes", bat, rgba(200, 200, 200));
        chart("Displaced and sheltered", disp, rgba(250, 200, 60), 70);
        chart("Peacekeepers killed a day", pk, un_colour);
        chart("Agreement stage (0 conflict .. 6 transition)", stage, rgba(120, 220, 120));
        chart("Mission cash, US$ million", cash, rgba(160, 220, 255));
        chart("Trust in the mission, %", trust, rgba(200, 160, 255));
        if (!s.history.empty()) {
            std::int64_t killed = 0;
            for (const auto& d : s.history) killed += d.civilians_killed();
            ImGui::Text("Civilians killed so far: %lld", (long long)killed);
            ImGui::Text("Refugees: %lld", (long long)s.history.back().status[std::size_t(population::Status::Refugee)]);
        }
        ImGui::End();

        // Bottom: event feed.
        ImGui::SetNextWindowPos({left, float(height) - bottom}, ImGuiCond_Always);
        ImGui::SetNextWindowSize({float(width) - left - right, bottom}, ImGuiCond_Always);
        ImGui::Begin("Events (newest first; click to centre the map)", nullptr, fixed);
        static const char* type_names[] = {"", "state-based", "non-state", "one-sided"};
        for (std::size_t k = 0; k < s.recent.size() && k < 60; ++k) {
            const auto& e = s.recent[k];
            char line[256];
            const std::string& a = e.side_a < s.side_names.size() ? s.side_names[e.side_a] : std::string();
            const std::string b = e.type == 3 ? std::string("civilians")
                                  : e.side_b < s.side_names.size() ? s.side_names[e.side_b] : std::string();
            std::snprintf(line, sizeof line, "%s  %-11s %s vs %s: %lld dead##%lld", e.date.iso().c_str(), type_names[e.type],
                          a.c_str(), b.c_str(), (long long)e.best(), (long long)e.id);
            if (ImGui::Selectable(line)) map.view.centre = {e.cell_x + 0.5f, e.cell_y + 0.5f}, map.view.zoom = std::max(map.view.zoom, 6.0f);
        }
        ImGui::End();

        // Centre: the map.
        ImGui::SetNextWindowPos({left, 0}, ImGuiCond_Always);
        ImGui::SetNextWindowSize({float(width) - left - right, float(height) - bottom}, ImGuiCond_Always);
        ImGui::Begin("Map (drag to pan, wheel to zoom)", nullptr, fixed | ImGuiWindowFlags_NoScrollbar);
        // Rebuild the terrain texture only when engineers have changed a road.
        if (map.texture == 0 || s.roads_version != map.roads_version) {
            if (map.texture) glDeleteTextures(1, &map.texture);
            map.texture = make_texture(*map.map, s.roads);
            map.roads_version = s.roads_version;
        }
        map.draw(s);
        ImGui::End();
        compare_window(s, left + 20, 40, 520);
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Screenshot and main loop
// ---------------------------------------------------------------------------------------------

int main(int argc, char** argv) {
    CLI::App cli{"peacesim-viz: watch and steer a peacesim run"};
    std::string path, shot;
    int days = 0, threads = 0;
    std::int64_t seed = -1;
    std::vector<std::string> sets, injects;
    cli.add_option("scenario", path, "Scenario file (the built-in default if none)");
    cli.add_option("--seed", seed, "Run seed")->check(CLI::Range(std::int64_t(0), std::int64_t(9007199254740991)));
    cli.add_option("--threads", threads, "Simulation threads")->check(CLI::Range(1, 1024));
    cli.add_option("--set", sets, "Override a scenario key");
    cli.add_option("--inject", injects, "Add an event: DAY:EVENT[:ARGS]");
    cli.add_option("--screenshot", shot, "Run --days days, write the window to this PNG and exit");
    cli.add_option("--days", days, "Days to run before the screenshot")->check(CLI::Range(0, 36500));
    std::string compare;
    cli.add_option("--compare", compare, "Start a comparison with these settings, e.g. \"mission.mandate=none\"");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    scenario::Scenario sc;
    try {
        std::vector<scenario::Override> o;
        for (const auto& s : sets) o.push_back(scenario::parse_override(s));
        sc = path.empty() ? scenario::load_default(o) : scenario::load_file(path, o);
        scenario::add_injects(sc, injects);
    } catch (const scenario::ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
        return 2;
    }

    glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "peacesim-viz: GLFW error %d: %s\n", code, text); });
    if (!glfwInit()) {
        std::fprintf(stderr, "peacesim-viz: cannot open a window (no display?). On a headless machine run it under "
                             "xvfb-run -a -s \"-screen 0 1280x800x24\"\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    const int width = 1280, height = 800;
    GLFWwindow* window = glfwCreateWindow(width, height, "peacesim", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "peacesim-viz: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // never write imgui.ini into the user's directory
    ImFontConfig font;
    font.SizePixels = 15.0f;
    io.Fonts->AddFontDefault(&font);
    ImGui::StyleColorsDark();
    ImGui::GetStyle().WindowRounding = 0;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330");

    int rc = 0;
    {
        const std::uint64_t run_seed = seed >= 0 ? std::uint64_t(seed) : std::uint64_t(sc.meta.seed);
        viz::Runner runner(sc, run_seed, threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency())));
        App app(runner);
        app.threads = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
        app.seed = run_seed;
        app.map.map = &runner.map();
        const bool screenshot = !shot.empty();
        app.map.tooltips = !screenshot;
        if (!compare.empty()) {
            std::snprintf(app.compare_set, sizeof app.compare_set, "%s", compare.c_str());
            app.start_compare(0);
            if (!app.message.empty()) {
                std::fprintf(stderr, "peacesim-viz: --compare: %s\n", app.message.c_str());
                rc = 2;
            }
        }
        app.map.on_order = [&runner, &app](int x, int y) {
            const int k = app.map.selected_unit;
            runner.command([k, x, y](engine::Simulation& sim) {
                if (!sim.order_move(std::size_t(k), x, y)) throw std::runtime_error("the order was denied or the unit cannot move");
            });
        };
        if (screenshot) {
            runner.run_to(days);
            if (app.other) app.other->run_to(days);
            while (runner.snapshot()->day < days || (app.other && app.other->snapshot()->day < days))
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
            glfwPollEvents();
            int fw, fh;
            glfwGetFramebufferSize(window, &fw, &fh);
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            app.frame(fw, fh);
            ImGui::Render();
            glViewport(0, 0, fw, fh);
            glClearColor(0.1f, 0.1f, 0.12f, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            if (screenshot && frame == 3) {  // a few frames for the layout to settle
                std::vector<unsigned char> px(std::size_t(fw) * fh * 3);
                glPixelStorei(GL_PACK_ALIGNMENT, 1);
                glReadPixels(0, 0, fw, fh, GL_RGB, GL_UNSIGNED_BYTE, px.data());
                stbi_flip_vertically_on_write(1);
                if (!stbi_write_png(shot.c_str(), fw, fh, 3, px.data(), fw * 3)) {
                    std::fprintf(stderr, "peacesim-viz: cannot write %s\n", shot.c_str());
                    rc = 1;
                } else {
                    std::printf("peacesim-viz: wrote %s (%dx%d, day %d)\n", shot.c_str(), fw, fh, days);
                }
                break;
            }
            glfwSwapBuffers(window);
        }
        if (app.map.texture) glDeleteTextures(1, &app.map.texture);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return rc;
}
