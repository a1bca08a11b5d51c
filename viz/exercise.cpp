// The exercise at the screen (docs/training.md): the control cell's and the trainees' views of
// the master events list, the decision log, the levers a role holds, saving the record and a
// checkpoint, the prompt before closing an unsaved exercise, and a branch from today.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "peacesim/output/writers.hpp"
#include "peacesim/scenario/load.hpp"
#include "ui.hpp"

namespace peacesim::viz {

namespace {

// The timeline's inject of a serial: the first not yet run with its day, event and arguments.
std::optional<std::size_t> serial_inject(const Snapshot& s, const exercise::MelEvent& e) {
    if (e.inject.empty()) return std::nullopt;
    const auto colon = e.inject.find(':');
    const std::string name = e.inject.substr(0, colon);
    const std::string args = colon == std::string::npos ? "" : e.inject.substr(colon + 1);
    for (std::size_t k = 0; k < s.injects.size(); ++k) {
        const auto& in = s.injects[k];
        if (in.day == e.day && name == scenario::inject_names[int(in.event)] && in.args == args)
            return k;
    }
    return std::nullopt;
}

}  // namespace

const exercise::Role* App::role() const {
    if (!exercise) return nullptr;
    if (mode == Mode::Trainee) return exercise->trainees();
    for (const auto& r : exercise->roles)
        if (r.injects) return &r;
    return nullptr;
}

bool App::unsaved(const Snapshot& s) const {
    return exercise && (mode == Mode::Control || mode == Mode::Trainee) &&
           (s.day != saved_day || s.decisions.size() != saved_decisions);
}

void App::save_exercise() {
    if (!exercise) return;
    const auto snap = runner.snapshot();
    saved_day = snap->day, saved_decisions = snap->decisions.size();
    exercise::Exercise ex = *exercise;
    const std::string dir = record_dir;
    runner.command([ex, dir](engine::Simulation& sim) {
        output::AtomicDir out(dir);
        output::RunInfo info{ex.name, ex.file, sim.seed(), sim.day(), 1, 0, "peacesim-viz"};
        for (const auto& [name, content] : exercise::record_files(ex, sim, info))
            out.add(name, content);
        out.commit();
        sim.save_checkpoint((std::filesystem::path(dir) / "checkpoint.ckpt").string());
    });
    message = "saved to " + dir + " (record and checkpoint.ckpt)";
}

void App::close_prompt(const Snapshot& s) {
    if (ask_close) {
        ImGui::OpenPopup("Save the exercise?");
        ask_close = false;
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, {0.5f, 0.5f});
    if (ImGui::BeginPopupModal("Save the exercise?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("The exercise has run to day %d and has %zu decisions not saved.", s.day,
                    s.decisions.size());
        ImGui::Text("Save writes the record and a checkpoint to %s.", record_dir.c_str());
        if (ImGui::Button("Save and close")) {
            save_exercise();
            runner.command([](engine::Simulation&) {});  // the save runs before the window goes
            close_now = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Close without saving")) {
            close_now = true;
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void App::exercise_tabs(const Snapshot& s) {
    if (ImGui::BeginTabItem(mode == Mode::Trainee ? "Messages received" : "Master events list",
                            nullptr, open_tab == "messages" ? ImGuiTabItemFlags_SetSelected : 0)) {
        messages(s);
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Decision log", nullptr,
                            open_tab == "log" ? ImGuiTabItemFlags_SetSelected : 0)) {
        decision_log(s);
        ImGui::EndTabItem();
    }
}

void App::messages(const Snapshot& s) {
    const auto start = runner.scenario().meta.start_date;
    const bool trainee = mode == Mode::Trainee;
    if (!exercise || exercise->events.empty()) {
        ImGui::TextDisabled("The exercise has no master events list.");
        return;
    }
    const int cols = trainee ? 4 : 6;
    // Control's six columns need more room than the bottom panel has: the table is at least
    // 1,000 pixels wide and scrolls sideways, rather than squeezing the message and the
    // expected action to a few letters a line.
    const float wide = 1000.0f;
    const bool scroll = !trainee && ImGui::GetContentRegionAvail().x < wide;
    if (!ImGui::BeginTable("mel", cols,
                           ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                               (scroll ? ImGuiTableFlags_ScrollX : 0),
                           {0, 0}, scroll ? wide : 0.0f))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("serial", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, 135);
    ImGui::TableSetupColumn("from / to", ImGuiTableColumnFlags_WidthFixed, 150);
    ImGui::TableSetupColumn("message", ImGuiTableColumnFlags_WidthStretch);
    if (!trainee) {
        ImGui::TableSetupColumn("expected action", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("control", ImGuiTableColumnFlags_WidthFixed, 150);
    }
    ImGui::TableHeadersRow();
    // Newest first for the trainees, as an inbox; in order for control, as a script.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < exercise->events.size(); ++i)
        if (!trainee || exercise->events[i].day <= s.day) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& x = exercise->events[a];
        const auto& y = exercise->events[b];
        return trainee ? x.day > y.day : x.day < y.day;
    });
    for (std::size_t i : order) {
        auto& e = exercise->events[i];
        const bool delivered = e.day <= s.day;
        shown.serials.push_back(e.serial);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.serial.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%s %s", start.plus_days(e.day).iso().c_str(), e.time.c_str());
        if (!trainee) ImGui::TextDisabled(delivered ? "delivered" : "to come");
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s\n-> %s", e.from.c_str(), e.to.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", e.message.c_str());
        if (trainee) continue;
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", e.expected_action.c_str());
        if (!e.inject.empty()) ImGui::TextDisabled("model: %s", e.inject.c_str());
        ImGui::TableNextColumn();
        if (delivered) continue;
        // Control holds, moves or fires a serial live; its event moves with it.
        ImGui::PushID(int(i));
        auto reschedule = [&](int day) {
            const auto k = serial_inject(s, e);
            if (k) {
                scenario::Inject in = s.injects[*k];
                in.day = day;
                const std::size_t index = *k;
                runner.command([index, in](engine::Simulation& sim) {
                    if (!sim.cancel(index)) throw std::runtime_error("that event has happened");
                    sim.schedule(in);
                });
            }
            e.day = day;
        };
        if (ImGui::SmallButton("fire now")) reschedule(s.day);
        ImGui::SameLine();
        if (ImGui::SmallButton("hold a day")) reschedule(int(e.day) + 1);
        if (ImGui::SmallButton("cancel")) {
            if (const auto k = serial_inject(s, e)) {
                const std::size_t index = *k;
                runner.command([index](engine::Simulation& sim) {
                    if (!sim.cancel(index)) throw std::runtime_error("that event has happened");
                });
            }
            exercise->events.erase(exercise->events.begin() + std::ptrdiff_t(i));
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void App::decision_log(const Snapshot& s) {
    const auto start = runner.scenario().meta.start_date;
    if (s.decisions.empty()) {
        ImGui::TextDisabled("No decisions yet: levers, orders and events fired are logged here.");
        return;
    }
    if (!ImGui::BeginTable(
            "log", 5,
            ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("when", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthFixed, 70);
    ImGui::TableSetupColumn("decision", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("killed so far", ImGuiTableColumnFlags_WidthFixed, 90);
    ImGui::TableSetupColumn("displaced", ImGuiTableColumnFlags_WidthFixed, 80);
    ImGui::TableHeadersRow();
    for (std::size_t k = s.decisions.size(); k-- > 0;) {
        const auto& d = s.decisions[k];
        if (mode == Mode::Trainee && d.role != (role() ? role()->id : "")) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(start.plus_days(d.day).iso().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.role.empty() ? "-" : d.role.c_str());
        ImGui::TableNextColumn();
        if (d.done)
            ImGui::TextWrapped("%s", d.what.c_str());
        else
            ImGui::TextColored({1, 0.5f, 0.4f, 1}, "%s", d.what.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)d.civilians_killed);
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)d.displaced);
    }
    ImGui::EndTable();
}

void App::role_levers(const Snapshot& s) {
    const auto* r = role();
    if (!r) return;
    ImGui::TextWrapped("%s: your levers, from tomorrow", r->name.c_str());
    // The widgets show the values in force unless edited; the edits start again when applied.
    static const auto params = scenario::parameters();
    for (const auto& p : params) {
        if (p.key.find('[') != std::string::npos || !r->may_set(p.key)) continue;
        if (p.type == "string" || p.type == "date") continue;
        std::string value;
        for (const auto& [k, v] : lever_edits)
            if (k == p.key) value = v;
        if (value.empty()) {
            auto now = scenario::value_text(s.scenario, p.key);
            if (!now) continue;
            value = *now;
            if (value.size() > 1 && value.front() == '"') value = value.substr(1, value.size() - 2);
        }
        auto edit = [&](std::string v) {
            for (auto& [k, old] : lever_edits)
                if (k == p.key) return void(old = std::move(v));
            lever_edits.emplace_back(p.key, std::move(v));
        };
        ImGui::PushID(p.key.c_str());
        const std::string label = p.key.substr(p.key.find('.') + 1);
        if (!p.choices.empty()) {
            int at = 0;
            for (std::size_t c = 0; c < p.choices.size(); ++c)
                if (p.choices[c] == value) at = int(c);
            if (ImGui::BeginCombo(label.c_str(), p.choices[std::size_t(at)].c_str())) {
                for (std::size_t c = 0; c < p.choices.size(); ++c)
                    if (ImGui::Selectable(p.choices[c].c_str(), int(c) == at)) edit(p.choices[c]);
                ImGui::EndCombo();
            }
        } else if (p.type == "boolean") {
            bool b = value == "true";
            if (ImGui::Checkbox(label.c_str(), &b)) edit(b ? "true" : "false");
        } else if (p.type == "integer") {
            int v = std::atoi(value.c_str());
            if (ImGui::InputInt(label.c_str(), &v, 0))
                edit(std::to_string(int(std::clamp(double(v), p.min, p.max))));
        } else {
            double v = std::atof(value.c_str());
            if (ImGui::InputDouble(label.c_str(), &v, 0, 0, "%.3g"))
                edit(std::to_string(std::clamp(v, p.min, p.max)));
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.doc.c_str());
        ImGui::PopID();
    }
    if (!lever_edits.empty()) {
        if (ImGui::Button("Apply from tomorrow")) {
            std::vector<scenario::Override> o;
            for (const auto& [k, v] : lever_edits) o.push_back({k, v});
            const std::string who = r->id;
            runner.command([o, who](engine::Simulation& sim) {
                sim.set_role(who);
                sim.adjust(o);
            });
            message = std::to_string(o.size()) + " lever(s) applied from tomorrow";
            lever_edits.clear();
        }
        ImGui::SameLine();
        if (ImGui::Button("Discard")) lever_edits.clear();
    }
}

void App::start_branch() {
    branch_promise = std::make_shared<std::promise<std::string>>();
    branch_future = branch_promise->get_future();
    const auto promise = branch_promise;
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("peacesim-branch-" + std::to_string(::getpid()) + ".ckpt"))
                                 .string();
    runner.command([promise, path](engine::Simulation& sim) {
        try {
            sim.save_checkpoint(path);
            promise->set_value(path);
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
}

void App::poll_branch() {
    if (!branch_future.valid() ||
        branch_future.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    try {
        const std::string path = branch_future.get();
        auto sim = engine::Simulation::load_checkpoint(path);
        std::error_code ec;
        std::filesystem::remove(path, ec);
        compare_label =
            "the branch from day " + std::to_string(sim.day()) + " (no decisions since)";
        other.reset();
        other = std::make_unique<Runner>(std::move(sim), std::max(1, threads / 2));
        other_map.map = &other->map();
    } catch (const std::exception& e) {
        message = std::string("branch: ") + e.what();
    }
}

}  // namespace peacesim::viz
