// Charts of the daily series: measures named by column, read through the library's column table.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <variant>

#include "ui.hpp"

namespace peacesim::viz {

Measure::Measure(std::initializer_list<std::string_view> names, double scale,
                 std::span<const char* const> levels)
    : scale(scale), levels(levels) {
    for (auto name : names) {
        if (const auto* c = output::find_column(name))
            columns.push_back(c);
        else
            missing += (missing.empty() ? "unknown column " : ", ") + std::string(name);
    }
}

double Measure::at(const engine::DayStats& d) const {
    double sum = 0;
    for (const auto* c : columns) {
        const output::Value v = c->read(d);
        if (const auto* n = std::get_if<std::int64_t>(&v))
            sum += double(*n);
        else if (const auto* x = std::get_if<double>(&v))
            sum += *x;
        else
            for (std::size_t k = 0; k < levels.size(); ++k)
                if (std::get<std::string>(v) == levels[k]) sum += double(k);
    }
    return sum * scale;
}

void Plot::update(const engine::History& history) {
    if (history.size() < values.size()) values.clear(), total = 0;
    for (std::size_t i = values.size(); i < history.size(); ++i) {
        const double v = measure.at(history[i]);
        values.push_back(float(v));
        total += v;
    }
}

void Plot::draw(const std::vector<int>& marks) const {
    if (!measure.missing.empty()) {  // a name that is not in the column table: say so
        ImGui::TextColored({1, 0.4f, 0.4f, 1}, "%s: %s", title.c_str(), measure.missing.c_str());
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_PlotLines, colour);
    float hi = 1;
    for (float x : values) hi = std::max(hi, x);
    char overlay[96];
    std::snprintf(overlay, sizeof overlay, "%s  %.0f", title.c_str(),
                  values.empty() ? 0.0f : values.back());
    ImGui::PushID(this);
    ImGui::PlotLines("##chart", values.data(), int(values.size()), 0, overlay, 0, hi * 1.1f,
                     {ImGui::GetContentRegionAvail().x, height});
    ImGui::PopID();
    ImGui::PopStyleColor();
    if (values.size() > 1) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        for (int d : marks) {
            const float x = a.x + (b.x - a.x) * float(d) / float(values.size() - 1);
            ImGui::GetWindowDrawList()->AddLine({x, a.y}, {x, b.y}, rgba(255, 255, 255, 140), 1.0f);
        }
    }
}

}  // namespace peacesim::viz
