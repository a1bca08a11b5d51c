#pragma once
// What the visualizer's files share: the colour scheme, the map widget and App, the UI state kept
// between frames. Internal to peacesim-viz. The UI reads snapshots from a Runner and never
// touches a simulation itself.
#include <GL/gl.h>
#include <imgui.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "peacesim/compare/compare.hpp"
#include "peacesim/output/columns.hpp"
#include "runner.hpp"

namespace peacesim::viz {

// One scheme everywhere, explained in the legend: the state blue, armed groups warm colours,
// the UN light blue with a white ring, a regional force green.
constexpr ImU32 rgba(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
inline constexpr ImU32 gov_colour = rgba(40, 90, 200);
inline constexpr ImU32 un_colour = rgba(90, 190, 255);
inline constexpr ImU32 regional_colour = rgba(40, 160, 80);
inline constexpr ImU32 group_colours[] = {rgba(215, 50, 40), rgba(240, 140, 20), rgba(150, 60, 170),
                                          rgba(130, 80, 40), rgba(220, 60, 150), rgba(180, 170, 20),
                                          rgba(100, 30, 30), rgba(250, 100, 90)};
inline ImU32 party_colour(std::uint32_t p) {
    return p == 0 ? gov_colour : group_colours[(p - 1) % std::size(group_colours)];
}

struct Layers {
    bool control = true, violence = true, population = true, displacement = true, tension = false,
         armed = true, mission = true, coverage = true;
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
    int selected_unit = -1;                  // a mission unit
    std::function<void(int, int)> on_order;  // right click with a unit selected: send it there
    bool tooltips = true;  // off for screenshots, where the pointer is wherever the display put it

    ImVec2 to_screen(ImVec2 origin, ImVec2 size, float cx, float cy) const {
        // Cell (cx, cy) with y north-up.
        return {origin.x + size.x * 0.5f + (cx - view.centre.x) * view.zoom,
                origin.y + size.y * 0.5f - (cy - view.centre.y) * view.zoom};
    }

    /// Draws the map into the rest of the current window: pan, zoom, hover tips, selection and
    /// orders (map_view.cpp).
    void draw(const Snapshot& s);
};

/// A quantity of the daily series read by column name through the library's column table
/// (output/columns.hpp), so a chart can show any column: the sum of the named columns times
/// `scale`. A label column counts as its position in `levels` (the agreement stage as 0..6).
struct Measure {
    Measure(std::initializer_list<std::string_view> names, double scale = 1,
            std::span<const char* const> levels = {});
    double at(const engine::DayStats& d) const;
    std::vector<const output::Column*> columns;
    double scale = 1;
    std::span<const char* const> levels;
    std::string missing;  // names the table does not know, shown on the chart instead of a line
};

/// A chart of one measure over the run. It keeps the values it has read, so each frame reads
/// only the days added since the last (charts.cpp).
struct Plot {
    Plot(std::string title, Measure measure, ImU32 colour, float height = 56)
        : title(std::move(title)), measure(std::move(measure)), colour(colour), height(height) {}
    std::string title;
    Measure measure;
    ImU32 colour;
    float height = 56;
    std::vector<float> values;
    double total = 0;  // of the values, summed in double as read
    /// Brings the values up to the history; starts over if it is shorter (another run).
    void update(const engine::History& history);
    /// Draws the line, with a vertical mark on each of the given days.
    void draw(const std::vector<int>& marks) const;
};

/// The terrain with its roads as an RGBA texture, north up; the caller deletes it.
GLuint make_texture(const world::Map& m, const std::vector<world::Road>& roads);

/// Writes the current framebuffer, width x height, to a PNG; false when it cannot be written.
bool write_screenshot(const std::string& path, int width, int height);

/// An ensemble comparison run in the background: this run's settings against the compared ones
/// over several seeds (peacesim compare's engine), read by the interface when it is done.
struct Ensemble {
    std::atomic<int> done{0}, total{0};
    std::atomic<bool> finished{false}, cancel{false};
    std::unique_ptr<compare::Result> result;  // set before `finished`
    std::string error;
    std::thread worker;
    ~Ensemble() {
        cancel = true;
        if (worker.joinable()) worker.join();
    }
};

struct App {
    explicit App(Runner& r) : runner(r) {}
    Runner& runner;
    MapWidget map;
    float speed = 10;
    int inject_kind = 0, inject_day = 0;
    char inject_args[64] = "";
    // Compare: the same scenario and seed under another setting, kept in step.
    std::unique_ptr<Runner> other;
    char compare_set[160] = "mission.mandate=none";
    std::string compare_label;
    MapWidget other_map;
    bool show_other_map = true;
    std::unique_ptr<Ensemble> ensemble;
    int ensemble_runs = 8;
    int threads = 1;
    std::uint64_t seed = 1;
    std::string message;
    // Levers: the values the sliders show until they are applied.
    bool levers_loaded = false;
    int mandate = 0, troops = 0, police = 0, helicopters = 0;
    float budget = 0, paid = 0, restrictions = 0;
    // Outcomes: the fixed charts, then one of any column picked by name.
    std::vector<Plot> plots;
    int picked_column = -1;
    Plot killed_so_far{"civilians killed so far", Measure({"civilians_killed"}), 0};

    /// One frame of the whole interface: the fixed windows around the map, then the comparison.
    void frame(int width, int height);
    /// Starts (or restarts) the compared run from compare_set and brings it to `day`; problems
    /// go to `message`.
    void start_compare(int day);
    /// compare_set's space-separated KEY=VALUE words as overrides (throws ScenarioError).
    std::vector<scenario::Override> compare_overrides() const;

    // panels.cpp: watching the run.
    void controls_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void outcomes_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void events_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void map_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    // levers.cpp: steering it.
    void levers(const Snapshot& s);
    void selected(const Snapshot& s);
    void injects(const Snapshot& s);
    // compare.cpp: the same run under other settings.
    void compare_controls(const Snapshot& s);
    void compare_window(const Snapshot& a, float x, float y, float w);
    /// Starts an ensemble of ensemble_runs seeds over `days` days in the background.
    void start_ensemble(int days);
    void ensemble_view();
};

}  // namespace peacesim::viz
