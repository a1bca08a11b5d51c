// The map view: the terrain texture, and the layers drawn over it each frame (violence,
// settlements by control and residents, displacement, tension, armed and mission units), with
// panning, zooming, hover tips, unit selection and move orders.
#include <algorithm>
#include <cmath>
#include <string>

#include "ui.hpp"

namespace peacesim::viz {

namespace {

struct TerrainColour {
    unsigned char r, g, b;
};
const TerrainColour terrain_colours[] = {
    {214, 205, 160}, {98, 140, 78}, {122, 150, 132}, {172, 148, 118}, {78, 118, 178}};
const TerrainColour road_colours[] = {{0, 0, 0}, {150, 128, 96}, {95, 95, 95}, {50, 50, 50}};

}  // namespace

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
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, m.width, m.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 px.data());
    return tex;
}

void MapWidget::draw(const Snapshot& s) {
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
        const float mx = (io.MousePos.x - origin.x - size.x * 0.5f),
                    my = (io.MousePos.y - origin.y - size.y * 0.5f);
        view.centre.x += mx / old - mx / view.zoom;
        view.centre.y -= my / old - my / view.zoom;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, {origin.x + size.x, origin.y + size.y}, true);
    const ImVec2 a = to_screen(origin, size, 0, float(m.height)),
                 b = to_screen(origin, size, float(m.width), 0);
    // The background only where the terrain does not cover it: every layer drawn over the
    // whole map is paid in full for each pixel by a software rasteriser.
    const ImVec2 end{origin.x + size.x, origin.y + size.y};
    const ImVec2 ia{std::clamp(a.x, origin.x, end.x), std::clamp(a.y, origin.y, end.y)},
        ib{std::clamp(b.x, origin.x, end.x), std::clamp(b.y, origin.y, end.y)};
    const ImU32 background = rgba(30, 34, 40);
    if (ia.y > origin.y) dl->AddRectFilled(origin, {end.x, ia.y}, background);
    if (ib.y < end.y) dl->AddRectFilled({origin.x, ib.y}, end, background);
    if (ia.x > origin.x) dl->AddRectFilled({origin.x, ia.y}, {ia.x, ib.y}, background);
    if (ib.x < end.x) dl->AddRectFilled({ib.x, ia.y}, {end.x, ib.y}, background);
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture)), a, b);
    const float cell = view.zoom;

    if (layers.violence) {  // heat of remembered violence
        const int bc =
            int(s.violence.size()
                    ? std::lround(std::sqrt(double(m.width) * m.height / double(s.violence.size())))
                    : 1);
        const int bw = (m.width + bc - 1) / bc;
        for (std::size_t k = 0; k < s.violence.size(); ++k) {
            const float v = s.violence[k];
            if (v < 0.02f) continue;
            const int bx = int(k % std::size_t(bw)), by = int(k / std::size_t(bw));
            const ImVec2 p = to_screen(origin, size, (bx + 0.5f) * bc, (by + 0.5f) * bc);
            const int alpha = int(std::min(200.0f, 40.0f + 160.0f * v));
            dl->AddCircleFilled(p, std::max(3.0f, bc * cell * 0.9f), rgba(255, 40, 0, alpha / 2));
        }
    }
    // Settlements: sized by residents, filled by who controls them, ringed by tension.
    int hover_settlement = -1;
    float hover_d = 10;
    for (std::size_t i = 0; i < m.settlements.size(); ++i) {
        const auto& st = m.settlements[i];
        const ImVec2 p = to_screen(origin, size, st.x + 0.5f, st.y + 0.5f);
        const double res = double(s.residents[i]);
        float r = layers.population
                      ? std::clamp(float(std::sqrt(res) * 0.03f * std::sqrt(cell)), 1.5f, 30.0f)
                      : 2.5f;
        if (st.kind == world::SettlementKind::Town) r = std::max(r, 4.0f);
        const ImU32 fill = layers.control ? (party_colour(s.control[i]) & 0x00FFFFFF) | 0xC0000000u
                                          : rgba(240, 240, 240, 200);
        if (st.kind == world::SettlementKind::Camp) {
            dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, fill);
            dl->AddRect({p.x - r, p.y - r}, {p.x + r, p.y + r}, rgba(255, 255, 255), 0, 0, 1.5f);
        } else {
            dl->AddCircleFilled(p, r, fill);
            dl->AddCircle(p, r, rgba(20, 20, 20, 200), 0, 1.0f);
        }
        if (layers.displacement) {
            // Places that took in the displaced, and the mission's protection sites.
            if (i < s.protection_sites.size() && s.protection_sites[i])
                dl->AddRect({p.x - r - 4, p.y - r - 4}, {p.x + r + 4, p.y + r + 4}, un_colour, 0, 0,
                            2.5f);
            if (res > 1.2 * double(std::max<std::int64_t>(st.initial_population, 200)))
                dl->AddCircle(p, r + 2, rgba(0, 230, 230), 0, 2.0f);
        }
        if (layers.tension && i < s.tension.size() && s.tension[i] > 0.3f)
            dl->AddCircle(p, r + 3, rgba(255, 200, 0, int(80 + 170 * s.tension[i])), 0, 2.0f);
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
            if (u.party != 0 && armed_alive) ++*armed_alive;
            // The state's own forces report to the mission; armed groups are seen, or not.
            if (fog && u.party != 0 && !engine::mission_sees(s, u.x, u.y, m.cell_km)) continue;
            if (u.party != 0 && armed_drawn) ++*armed_drawn;
            const ImVec2 p = to_screen(origin, size, u.x + 0.5f, u.y + 0.5f);
            const float r = std::clamp(3.0f + std::sqrt(float(u.strength)) * 0.25f, 3.0f, 9.0f);
            if (u.party == 0)
                dl->AddRectFilled({p.x - r, p.y - r}, {p.x + r, p.y + r}, gov_colour);
            else
                dl->AddTriangleFilled({p.x, p.y - r - 2}, {p.x - r, p.y + r}, {p.x + r, p.y + r},
                                      party_colour(u.party));
            if (hovered && std::hypot(mouse.x - p.x, mouse.y - p.y) < r + 2)
                unit_tip = s.parties[u.party].name + ": " + std::to_string(u.strength) +
                           " armed, " + actors::action_names[int(u.action)];
        }
    if (layers.mission)
        for (const auto& u : s.mission_units) {
            if (!u.active()) continue;
            const ImVec2 p = to_screen(origin, size, u.x + 0.5f, u.y + 0.5f);
            const bool regional = u.kind == mission::UnitKind::Regional;
            const ImU32 c = regional ? regional_colour : un_colour;
            if (layers.coverage && (u.infantry() || regional))
                dl->AddCircle(p, 5.0f / map->cell_km * cell, (c & 0x00FFFFFF) | 0x90000000u, 0,
                              1.5f);
            const float r = u.infantry() || regional ? 5.0f : 3.5f;
            dl->AddCircleFilled(p, r, c);
            // A quick-reaction force wears a thick ring; one on a task, a yellow one.
            const bool qrf = u.kind == mission::UnitKind::QuickReaction;
            dl->AddCircle(p, r,
                          qrf && u.tasked_until >= s.day ? rgba(255, 200, 0) : rgba(255, 255, 255),
                          0, qrf ? 3.0f : 1.5f);
            if (u.patrolling && u.patrol_to < map->settlements.size()) {  // today's patrol
                const auto& to = map->settlements[u.patrol_to];
                dl->AddLine(p, to_screen(origin, size, to.x + 0.5f, to.y + 0.5f),
                            (c & 0x00FFFFFF) | 0xA0000000u, 1.5f);
            }
            const int index = int(&u - s.mission_units.data());
            if (index == selected_unit) dl->AddCircle(p, r + 4, rgba(255, 255, 0), 0, 2.5f);
            if (hovered && std::hypot(mouse.x - p.x, mouse.y - p.y) < r + 2) {
                unit_tip = std::string(regional ? "Regional force " : "UN ") +
                           mission::unit_kind_names[int(u.kind)] + ": " +
                           std::to_string(u.strength) + (u.patrolling ? ", on patrol" : "") +
                           "\nclick to select; then right-click the map to send it";
                if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !regional)
                    selected_unit = index;
            }
        }
    dl->PopClipRect();
    if (hovered && selected_unit >= 0 && ImGui::IsMouseClicked(ImGuiMouseButton_Right) &&
        on_order) {
        const int cx = int(view.centre.x + (mouse.x - origin.x - size.x * 0.5f) / cell);
        const int cy = int(view.centre.y - (mouse.y - origin.y - size.y * 0.5f) / cell);
        if (m.inside(cx, cy)) on_order(cx, cy);
    }
    if (!unit_tip.empty()) {
        ImGui::SetTooltip("%s", unit_tip.c_str());
    } else if (hover_settlement >= 0) {
        const auto& st = m.settlements[std::size_t(hover_settlement)];
        const auto i = std::size_t(hover_settlement);
        ImGui::SetTooltip(
            "%s (%s)\n%s\nresidents %lld (at the start %lld)\nheld by %s\ntension %.2f",
            st.name.c_str(), world::settlement_kind_names[int(st.kind)],
            m.regions[st.region].name.c_str(), (long long)s.residents[i],
            (long long)st.initial_population, s.parties[s.control[i]].name.c_str(),
            i < s.tension.size() ? s.tension[i] : 0.0f);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) selected_settlement = hover_settlement;
    } else if (hovered) {
        const int cx = int(view.centre.x + (mouse.x - origin.x - size.x * 0.5f) / cell);
        const int cy = int(view.centre.y - (mouse.y - origin.y - size.y * 0.5f) / cell);
        if (m.inside(cx, cy))
            ImGui::SetTooltip("cell %d,%d: %s%s\n%.3f N %.3f E", cx, cy,
                              world::terrain_names[int(m.terrain[m.cell(cx, cy)])],
                              (*s.roads)[m.cell(cx, cy)] != world::Road::None ? ", road" : "",
                              m.latitude(cy), m.longitude(cx, cy));
    }
}

}  // namespace peacesim::viz
