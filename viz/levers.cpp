// Panels that steer the run: the mission's levers, the selected settlement or unit with its
// orders, and injects fired now or scheduled, with the timeline of those still to come.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "peacesim/scenario/load.hpp"
#include "ui.hpp"

namespace peacesim::viz {

void App::levers(const Snapshot& s) {
    const auto& m = s.scenario.mission;
    if (!levers_loaded) {
        mandate = int(m.mandate), troops = int(m.troops), police = int(m.police),
        helicopters = int(m.helicopters);
        budget = float(m.budget_musd), paid = float(m.funding.paid_fraction);
        restrictions = float(s.scenario.mobility.host_restrictions);
        levers_loaded = true;
    }
    ImGui::Combo("mandate", &mandate, scenario::mandate_names,
                 int(std::size(scenario::mandate_names)));
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

void App::selected(const Snapshot& s) {
    if (map.selected_settlement >= 0 && std::size_t(map.selected_settlement) < s.residents.size()) {
        const auto i = std::size_t(map.selected_settlement);
        const auto& st = runner.map().settlements[i];
        ImGui::Text("%s (%s), %s", st.name.c_str(), world::settlement_kind_names[int(st.kind)],
                    runner.map().regions[st.region].name.c_str());
        ImGui::Text("residents %lld of %lld at the start", (long long)s.residents[i],
                    (long long)st.initial_population);
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
    if (mode != Mode::Free && !(role() && role()->orders)) {
        ImGui::TextDisabled("Your role gives no orders to units.");
        return;
    }
    ImGui::TextDisabled("Right-click the map to send it there.");
    const char* postures[] = {"headquarters decides", "hold", "patrol daily"};
    int p = u.orders + 1;
    if (ImGui::Combo("posture", &p, postures, 3)) {
        const int posture = p - 1;
        runner.command(
            [k, posture](engine::Simulation& sim) { sim.order_posture(std::size_t(k), posture); });
    }
}

void App::injects(const Snapshot& s) {
    ImGui::Separator();
    ImGui::TextUnformatted("Injects");
    ImGui::Combo("event", &inject_kind, scenario::inject_names,
                 int(std::size(scenario::inject_names)));
    ImGui::InputText("args", inject_args, sizeof inject_args);
    if (ImGui::Button("Fire now")) {
        scenario::Inject in{s.day, scenario::InjectKind(inject_kind), inject_args};
        if (auto problem = scenario::inject_problem(runner.scenario(), in))
            message = *problem;
        else
            runner.fire(in.event, inject_args),
                message = std::string("fired ") + scenario::inject_names[inject_kind];
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70);
    ImGui::InputInt("##day", &inject_day, 0);
    ImGui::SameLine();
    if (ImGui::Button("Schedule")) {
        scenario::Inject in{std::max(inject_day, s.day), scenario::InjectKind(inject_kind),
                            inject_args};
        if (auto problem = scenario::inject_problem(runner.scenario(), in))
            message = *problem;
        else {
            runner.command([in](engine::Simulation& sim) { sim.schedule(in); });
            message = "scheduled for day " + std::to_string(in.day);
        }
    }
    if (auto e = runner.last_error(); !e.empty()) message = e;
    if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());
    if (ImGui::BeginTable("timeline", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          {0, 110})) {
        for (std::size_t k = 0; k < s.injects.size(); ++k) {
            const auto& in = s.injects[k];
            shown.event_days.push_back(in.day);
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
                        if (!sim.cancel(k))
                            throw std::runtime_error("that event has already happened");
                    });
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace peacesim::viz
