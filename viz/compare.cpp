// Compare: the same scenario and seed under other settings, run in step with this one; a table
// of outcomes with their difference and the other run's map beside it.
#include <algorithm>
#include <memory>

#include "peacesim/scenario/load.hpp"
#include "ui.hpp"

namespace peacesim::viz {

void App::start_compare(int day) {
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
    auto total = [](const Snapshot& s, auto f) {
        double t = 0;
        for (const auto& d : s.history) t += f(d);
        return t;
    };
    auto last = [](const Snapshot& s, auto f) {
        return s.history.empty() ? 0.0 : f(s.history.back());
    };
    const int upto = std::min(a.day, b->day);
    auto trim = [upto](const Snapshot& s) {
        Snapshot t;
        t.history.assign(
            s.history.begin(),
            s.history.begin() + std::min<std::ptrdiff_t>(upto, std::ptrdiff_t(s.history.size())));
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
        {"battle deaths", total(ta, [](auto& d) { return double(d.battle_deaths); }),
         total(tb, [](auto& d) { return double(d.battle_deaths); })},
        {"displaced now", last(ta, [](auto& d) { return double(d.status[1] + d.status[2]); }),
         last(tb, [](auto& d) { return double(d.status[1] + d.status[2]); })},
        {"refugees", last(ta, [](auto& d) { return double(d.status[3]); }),
         last(tb, [](auto& d) { return double(d.status[3]); })},
        {"peacekeepers killed", total(ta, [](auto& d) { return double(d.mission.fatalities); }),
         total(tb, [](auto& d) { return double(d.mission.fatalities); })},
        {"agreement stage", last(ta, [](auto& d) { return double(int(d.stage)); }),
         last(tb, [](auto& d) { return double(int(d.stage)); })},
        {"mission cash US$m", last(ta, [](auto& d) { return d.mission.cash_musd; }),
         last(tb, [](auto& d) { return d.mission.cash_musd; })},
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
            ImGui::TextColored(
                r.vb - r.va > 0 ? ImVec4(1, 0.6f, 0.5f, 1) : ImVec4(0.6f, 1, 0.6f, 1), "%+.0f",
                r.vb - r.va);
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
