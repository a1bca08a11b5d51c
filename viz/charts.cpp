// Charts of the daily series: measures named by column, read through the library's column table.
#include <algorithm>
#include <cmath>
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
    if (values.empty() && !history.empty()) start = history[history.first()].date;
    for (std::size_t i = values.size(); i < history.size(); ++i) {
        const double v = measure.at(history[i]);
        values.push_back(float(v));
        total += v;
    }
}

namespace {

// A round step for about `n` ticks over [0, hi]: 1, 2 or 5 times a power of ten.
double nice_step(double hi, int n) {
    const double raw = hi / std::max(1, n);
    const double p = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * p) return m * p;
    return 10 * p;
}

std::string short_number(double v) {
    char b[32];
    if (std::fabs(v) >= 1e6)
        std::snprintf(b, sizeof b, "%.3gM", v / 1e6);
    else if (std::fabs(v) >= 1e4)
        std::snprintf(b, sizeof b, "%.3gk", v / 1e3);
    else
        std::snprintf(b, sizeof b, "%.4g", v);
    return b;
}

}  // namespace

void Plot::draw(const std::vector<int>& marks) const {
    if (!measure.missing.empty()) {  // a name that is not in the column table: say so
        ImGui::TextColored({1, 0.4f, 0.4f, 1}, "%s: %s", title.c_str(), measure.missing.c_str());
        return;
    }
    // Title, latest value and unit on one line; then the plot with its axes.
    ImGui::Text("%s", title.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s %s", values.empty() ? "-" : short_number(values.back()).c_str(),
                        unit.c_str());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float axis_w = 42, axis_h = 14;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy({w, height + axis_h});
    const ImVec2 a{at.x + axis_w, at.y + 2}, b{at.x + w - 4, at.y + height};
    dl->AddRectFilled(a, b, rgba(25, 28, 34));
    float hi = 0;
    for (float x : values) hi = std::max(hi, x);
    const double step = nice_step(hi > 0 ? hi : 1, 2);
    const double top = std::max(step, std::ceil(hi / step) * step);
    const ImU32 grid = rgba(255, 255, 255, 40), text = rgba(170, 170, 170);
    for (double v = 0; v <= top + step * 0.01; v += step) {
        const float y = b.y - float(v / top) * (b.y - a.y);
        dl->AddLine({a.x, y}, {b.x, y}, grid);
        const std::string label = short_number(v);
        const ImVec2 size = ImGui::CalcTextSize(label.c_str());
        dl->AddText({a.x - size.x - 4, y - size.y * 0.5f}, text, label.c_str());
    }
    const std::size_t n = values.size();
    auto x_of = [&](double i) {
        return a.x + (b.x - a.x) * float(n > 1 ? i / double(n - 1) : 0.5);
    };
    // Dates under the axis: the first, the middle and the last day, kept inside the plot.
    if (n > 0) {
        for (double i : {0.0, double(n - 1) / 2, double(n - 1)}) {
            const std::string d = start.plus_days(int(i)).iso();
            const float tw = ImGui::CalcTextSize(d.c_str()).x;
            const float x = std::clamp(x_of(i) - tw / 2, a.x, b.x - tw);
            dl->AddText({x, b.y + 1}, text, d.c_str());
            if (n == 1) break;
        }
    }
    dl->PushClipRect(a, b, true);
    for (int d : marks)
        if (n > 1 && d >= 0 && std::size_t(d) < n)
            dl->AddLine({x_of(d), a.y}, {x_of(d), b.y}, rgba(255, 255, 255, 110), 1.0f);
    if (n > 1) {
        std::vector<ImVec2> pts;
        pts.reserve(n);
        // At most one point per pixel column, so a long run draws as fast as a short one.
        const std::size_t stride =
            std::max<std::size_t>(1, n / std::size_t(std::max(1.0f, b.x - a.x)));
        for (std::size_t i = 0; i < n; i += stride)
            pts.push_back({x_of(double(i)), b.y - float(values[i] / top) * (b.y - a.y)});
        pts.push_back({x_of(double(n - 1)), b.y - float(values[n - 1] / top) * (b.y - a.y)});
        dl->AddPolyline(pts.data(), int(pts.size()), colour, 0, 1.5f);
    }
    dl->PopClipRect();
}

}  // namespace peacesim::viz
