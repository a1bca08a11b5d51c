#pragma once
// What the visualizer's files share: the colour scheme, the map widget and App, the UI state kept
// between frames. Internal to peacesim-viz. The UI reads snapshots from a Runner and never
// touches a simulation itself.
#include <GL/gl.h>
#include <imgui.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <future>
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
#include "peacesim/exercise/exercise.hpp"
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
    bool fog = false;      // armed units only where the mission's sensors reach (trainee view)
    int* armed_drawn = nullptr;  // counts the armed-group units drawn, and those alive
    int* armed_alive = nullptr;

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
    Plot(std::string title, Measure measure, ImU32 colour, std::string unit = "", float height = 56)
        : title(std::move(title)),
          measure(std::move(measure)),
          colour(colour),
          unit(std::move(unit)),
          height(height) {}
    std::string title;
    Measure measure;
    ImU32 colour;
    std::string unit;  // of the y axis, e.g. "people a day"
    float height = 56;
    std::vector<float> values;
    core::Date start;  // the date of values[0]
    double total = 0;  // of the values, summed in double as read
    /// Brings the values up to the history; starts over if it is shorter (another run).
    void update(const engine::History& history);
    /// Draws the line on axes (a value scale with its unit, dates below), with a vertical mark
    /// on each of the given days.
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

/// Who is at the screen (docs/training.md): no exercise (a free run), an exercise's control
/// cell (sees and steers everything), its trainees (see what the mission would know, pull the
/// levers their role holds), or a recorded exercise replayed for the debrief.
enum class Mode { Free, Control, Trainee, Replay };

struct App {
    explicit App(Runner& r) : runner(r) {}
    Runner& runner;
    Mode mode = Mode::Free;
    std::unique_ptr<exercise::Exercise> exercise;  // in Control and Trainee modes
    std::string record_dir;                        // where "Save" writes the record
    int saved_day = 0;                             // what the last save held
    std::size_t saved_decisions = 0;
    bool ask_close = false, close_now = false;
    int replay_days = 0, scrub_day = 0;  // Replay mode
    bool routine_feed = false;           // the feed shows routine happenings too
    std::string open_tab;                // the bottom tab to open first: feed, messages, log
    /// What this frame showed, for --view-report: a view's contract (trainees see no event to
    /// come) checked from the outside.
    struct Shown {
        std::vector<std::string> serials;      // of the master events list
        std::vector<std::int64_t> event_days;  // events of the timeline listed
        int armed_drawn = 0, armed_alive = 0;  // armed-group units on the map
        int decisions = 0;
    } shown;
    // The role's levers as the trainees edit them, applied together.
    std::vector<std::pair<std::string, std::string>> lever_edits;
    std::shared_ptr<std::promise<std::string>> branch_promise;
    std::future<std::string> branch_future;
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

    // exercise.cpp: the exercise's roles, messages, log, saving and replay.
    /// The role whose decisions the screen takes now (nullptr outside an exercise).
    const exercise::Role* role() const;
    bool unsaved(const Snapshot& s) const;
    /// Writes the record and a checkpoint to record_dir, on the simulation's thread.
    void save_exercise();
    void exercise_tabs(const Snapshot& s);
    void messages(const Snapshot& s);
    void decision_log(const Snapshot& s);
    void role_levers(const Snapshot& s);
    void close_prompt(const Snapshot& s);
    /// Starts the compared run as a branch of this one from today (through a checkpoint).
    void start_branch();
    void poll_branch();
    // panels.cpp: watching the run.
    void controls_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void outcomes_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void events_window(const Snapshot& s, ImVec2 pos, ImVec2 size);
    void feed(const Snapshot& s);
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
