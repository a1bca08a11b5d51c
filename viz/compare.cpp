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
    // Both runs over the days both have run, so a run that is ahead does not look worse.
    const std::size_t upto = std::size_t(std::min(a.day, b->day));
    struct Row {
        const char* name;
        Measure measure;
        bool sum;  // over the days; else the value on the last of them
        double va = 0, vb = 0;
    };
    Row rows[] = {
        {"civilians killed", Measure({"civilians_killed"}), true},
        {"battle deaths", Measure({"battle_deaths"}), true},
        {"displaced now", Measure({"displaced", "protection_site"}), false},
        {"refugees", Measure({"refugees"}), false},
        {"peacekeepers killed", Measure({"peacekeeper_fatalities"}), true},
        {"agreement stage", Measure({"agreement_stage"}, 1, scenario::stage_names), false},
        {"mission cash US$m", Measure({"mission_cash_musd"}), false},
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
