// peacesim-viz: watch and steer a run (Dear ImGui 1.86, GLFW, OpenGL 3.3). This file reads the
// command line and the scenario, sets up GLFW and ImGui, and runs the main loop; the panels and
// the map are in their own files, with the state they share in ui.hpp.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "peacesim/scenario/load.hpp"
#include "ui.hpp"

namespace peacesim::viz {
namespace {

// What the last frame showed, as JSON: for checking a view's contract from the outside.
bool write_view_report(const App& app, const std::string& path) {
    static constexpr const char* modes[] = {"free", "control", "trainee", "replay"};
    const auto snap =
        app.mode == Mode::Replay ? app.runner.snapshot_at(app.scrub_day) : app.runner.snapshot();
    nlohmann::json j;
    j["mode"] = modes[int(app.mode)];
    j["day"] = snap->day;
    j["serials"] = nlohmann::json::array();
    for (const auto& id : app.shown.serials) {
        std::int64_t day = -1;
        if (app.exercise)
            for (const auto& e : app.exercise->events)
                if (e.serial == id) day = e.day;
        j["serials"].push_back({{"serial", id}, {"day", day}});
    }
    j["event_days"] = app.shown.event_days;
    j["armed_units_drawn"] = app.shown.armed_drawn;
    j["armed_units_alive"] = app.shown.armed_alive;
    j["decisions"] = app.shown.decisions;
    std::ofstream out(path);
    out << j.dump(2) << "\n";
    return bool(out);
}

int run(int argc, char** argv) {
    CLI::App cli{"peacesim-viz: watch and steer a peacesim run"};
    std::string path, shot;
    int days = 0, threads = 0;
    std::int64_t seed = -1;
    std::vector<std::string> sets, injects;
    cli.add_option("scenario", path, "Scenario file (the built-in default if none)");
    cli.add_option("--seed", seed, "Run seed")
        ->check(CLI::Range(std::int64_t(0), std::int64_t(9007199254740991)));
    cli.add_option("--threads", threads, "Simulation threads")->check(CLI::Range(1, 1024));
    cli.add_option("--set", sets, "Override a scenario key");
    cli.add_option("--inject", injects, "Add an event: DAY:EVENT[:ARGS]");
    cli.add_option("--screenshot", shot, "Run --days days, write the window to this PNG and exit");
    cli.add_option("--days", days, "Days to run before the screenshot")
        ->check(CLI::Range(0, 36500));
    std::string compare;
    cli.add_option("--compare", compare,
                   "Start a comparison with these settings, e.g. \"mission.mandate=none\"");
    int ensemble = 0;
    cli.add_option("--ensemble", ensemble,
                   "With --compare: also run the comparison over this many seeds in the "
                   "background (to --days, or the scenario's compare_days)")
        ->check(CLI::Range(2, 200));
    std::string exercise_file, view = "control", record_dir, resume, replay;
    cli.add_option("--exercise", exercise_file,
                   "Run a training exercise (TOML): its scenario, master events list and roles");
    cli.add_option("--view", view,
                   "With --exercise: control (the control cell sees everything) or trainee "
                   "(upcoming events hidden, fog of war, the trainees' levers only)")
        ->check(CLI::IsMember({"control", "trainee"}));
    cli.add_option("--out", record_dir,
                   "With --exercise: where Save writes the record and a checkpoint (default: "
                   "exercise-record)");
    cli.add_option("--resume", resume,
                   "Continue from a checkpoint (with --exercise: a saved exercise's "
                   "checkpoint.ckpt)");
    std::string tab, view_report;
    bool branch = false;
    cli.add_flag("--branch", branch,
                 "With --resume: run the checkpoint twice, side by side: this run, which you "
                 "steer, and a branch that takes none of the decisions you take from now on");
    cli.add_option("--tab", tab, "The bottom tab open first: feed, messages or log")
        ->check(CLI::IsMember({"feed", "messages", "log"}));
    cli.add_option("--view-report", view_report,
                   "With --screenshot: also write what the view showed as JSON (the serials and "
                   "events listed, the armed units drawn)");
    cli.add_option("--replay", replay,
                   "Replay a recorded exercise (its --out directory) and scrub it day by day");
    double frame_seconds = 0, play_speed = 30;
    cli.add_option("--frame-times", frame_seconds,
                   "Play for this many seconds at --speed, then print the frame times (median, "
                   "95th percentile, worst) and the days run, and exit: how fluid the interface "
                   "stays while the simulation runs")
        ->check(CLI::Range(0.5, 3600.0));
    cli.add_option("--speed", play_speed, "With --frame-times: days a second to play at")
        ->check(CLI::Range(1.0, 365.0));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    std::unique_ptr<exercise::Exercise> exercise;
    std::unique_ptr<engine::Simulation> resumed;
    int replay_days = 0;
    scenario::Scenario sc;
    try {
        if (!replay.empty() && (!exercise_file.empty() || !resume.empty() || !path.empty()))
            throw std::invalid_argument(
                "--replay plays a record on its own: give no scenario, --exercise or --resume");
        if (!exercise_file.empty() && !path.empty())
            throw std::invalid_argument("--exercise names its own scenario: give no scenario file");
        if (!resume.empty()) {
            resumed =
                std::make_unique<engine::Simulation>(engine::Simulation::load_checkpoint(resume));
            sc = resumed->scenario();
        }
        if (!replay.empty()) {
            const auto rec = exercise::read_record(replay);
            sc = rec.scenario;
            seed = std::int64_t(rec.seed);
            replay_days = rec.days;
            exercise = std::make_unique<exercise::Exercise>();
            exercise->name = rec.name;
            exercise->events = rec.events;
            exercise->roles = rec.roles;
            exercise->decision_points = rec.decision_points;
        }
        if (!exercise_file.empty()) {
            exercise = std::make_unique<exercise::Exercise>(exercise::load_exercise(exercise_file));
            if (!resumed) {
                sc = exercise->scenario;
                if (seed < 0) seed = std::int64_t(exercise->seed);
            }
        }
    } catch (const scenario::ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "peacesim-viz: %s\n", e.what());
        return 2;
    }
    try {
        if (exercise_file.empty() && replay.empty() && !resumed) {
            std::vector<scenario::Override> o;
            for (const auto& s : sets) o.push_back(scenario::parse_override(s));
            sc = path.empty() ? scenario::load_default(o) : scenario::load_file(path, o);
        }
        scenario::add_injects(sc, injects);
        if (sc.meta.model != scenario::Model::Conflict) {
            std::fprintf(stderr,
                         "peacesim-viz: %s runs Epstein's civil-violence model, which the "
                         "visualizer does not show; run it with `peacesim run %s`\n",
                         path.c_str(), path.c_str());
            return 2;
        }
    } catch (const scenario::ScenarioError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.str().c_str());
        return 2;
    }

    glfwSetErrorCallback([](int code, const char* text) {
        std::fprintf(stderr, "peacesim-viz: GLFW error %d: %s\n", code, text);
    });
    if (!glfwInit()) {
        std::fprintf(
            stderr,
            "peacesim-viz: cannot open a window (no display?). On a headless machine run it under "
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
        const std::uint64_t run_seed = resumed     ? resumed->seed()
                                       : seed >= 0 ? std::uint64_t(seed)
                                                   : std::uint64_t(sc.meta.seed);
        const int sim_threads =
            threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
        std::unique_ptr<Runner> runner_ptr =
            resumed ? std::make_unique<Runner>(std::move(*resumed), sim_threads)
                    : std::make_unique<Runner>(sc, run_seed, sim_threads);
        Runner& runner = *runner_ptr;
        App app(runner);
        if (branch) {
            if (resume.empty()) {
                std::fprintf(stderr,
                             "peacesim-viz: --branch starts from a checkpoint: give "
                             "--resume CHECKPOINT\n");
                rc = 2;
            } else {
                app.other = std::make_unique<Runner>(engine::Simulation::load_checkpoint(resume),
                                                     std::max(1, sim_threads / 2));
                app.compare_label = "the branch from " + resume;
            }
        }
        if (!replay.empty()) {
            app.mode = Mode::Replay;
            app.exercise = std::move(exercise);
            app.replay_days = replay_days;
            app.scrub_day = replay_days;
            runner.keep_days();
            runner.run_to(replay_days);
        } else if (exercise) {
            app.mode = view == "trainee" ? Mode::Trainee : Mode::Control;
            app.exercise = std::move(exercise);
            app.record_dir = record_dir.empty() ? "exercise-record" : record_dir;
            app.saved_day = runner.snapshot()->day;
            app.saved_decisions = runner.snapshot()->decisions.size();
            if (const auto* r = app.role()) {
                const std::string who = r->id;
                runner.command([who](engine::Simulation& sim) { sim.set_role(who); });
            }
        }
        app.threads =
            threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
        app.seed = run_seed;
        app.map.map = &runner.map();
        const bool screenshot = !shot.empty();
        app.open_tab = tab;
        app.map.tooltips = !screenshot;
        if (!compare.empty()) {
            std::snprintf(app.compare_set, sizeof app.compare_set, "%s", compare.c_str());
            app.start_compare(0);
            if (!app.message.empty()) {
                std::fprintf(stderr, "peacesim-viz: --compare: %s\n", app.message.c_str());
                rc = 2;
            }
            if (ensemble > 0) {
                app.ensemble_runs = ensemble;
                app.start_ensemble(days > 0 ? days : int(sc.meta.compare_days));
            }
        }
        app.map.on_order = [&runner, &app](int x, int y) {
            const int k = app.map.selected_unit;
            runner.command([k, x, y](engine::Simulation& sim) {
                if (!sim.order_move(std::size_t(k), x, y))
                    throw std::runtime_error("the order was denied or the unit cannot move");
            });
        };
        if (screenshot) {
            if (app.mode == Mode::Replay) {
                app.scrub_day = std::min(days, replay_days);
                days = replay_days;
            }
            runner.run_to(days);
            if (app.other) app.other->run_to(days);
            while (runner.snapshot()->day < days ||
                   (app.other && app.other->snapshot()->day < days) ||
                   (app.ensemble && !app.ensemble->finished))
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        // --frame-times: play, and time each frame's work on this thread (building the
        // interface from the latest snapshot, and drawing it), not the wait for the display.
        std::vector<double> frame_ms;
        const auto timing_start = std::chrono::steady_clock::now();
        const int timing_day0 = runner.snapshot()->day;
        if (frame_seconds > 0) {
            runner.set_speed(play_speed);
            runner.play(true);
        }
        for (int frame = 0; !app.close_now; ++frame) {
            const auto frame_start = std::chrono::steady_clock::now();
            glfwPollEvents();
            if (glfwWindowShouldClose(window)) {
                // An exercise not saved asks first; anything else closes.
                glfwSetWindowShouldClose(window, GLFW_FALSE);
                if (!screenshot && app.unsaved(*runner.snapshot()))
                    app.ask_close = true;
                else
                    app.close_now = true;
            }
            int fw, fh;
            glfwGetFramebufferSize(window, &fw, &fh);
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            ImGui::NewFrame();
            app.frame(fw, fh);
            ImGui::Render();
            glViewport(0, 0, fw, fh);
            // The panels' background (panels.cpp), as it looked blended over this clear colour.
            const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
            glClearColor(bg.x * bg.w + 0.1f * (1 - bg.w), bg.y * bg.w + 0.1f * (1 - bg.w),
                         bg.z * bg.w + 0.12f * (1 - bg.w), 1);
            glClear(GL_COLOR_BUFFER_BIT);
            ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
            if (screenshot && frame == 3) {  // a few frames for the layout to settle
                if (!write_screenshot(shot, fw, fh)) {
                    std::fprintf(stderr, "peacesim-viz: cannot write %s\n", shot.c_str());
                    rc = 1;
                } else {
                    std::printf("peacesim-viz: wrote %s (%dx%d, day %d)\n", shot.c_str(), fw, fh,
                                days);
                }
                if (!view_report.empty() && !write_view_report(app, view_report)) {
                    std::fprintf(stderr, "peacesim-viz: cannot write %s\n", view_report.c_str());
                    rc = 1;
                }
                break;
            }
            if (frame_seconds > 0) {
                glFinish();
                const auto now = std::chrono::steady_clock::now();
                frame_ms.push_back(
                    std::chrono::duration<double, std::milli>(now - frame_start).count());
                if (std::chrono::duration<double>(now - timing_start).count() >= frame_seconds) {
                    runner.play(false);
                    std::sort(frame_ms.begin(), frame_ms.end());
                    const auto at = [&](double q) {
                        return frame_ms[std::min(frame_ms.size() - 1,
                                                 std::size_t(q * double(frame_ms.size())))];
                    };
                    const int days_run = runner.snapshot()->day - timing_day0;
                    std::printf(
                        "peacesim-viz: %zu frames in %.1f s; frame time median %.2f ms, 95th "
                        "percentile %.2f ms, worst %.2f ms; %d days run (%.1f a second, %.0f "
                        "asked)\n",
                        frame_ms.size(), frame_seconds, at(0.5), at(0.95), frame_ms.back(),
                        days_run, double(days_run) / frame_seconds, play_speed);
                    break;
                }
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

}  // namespace
}  // namespace peacesim::viz

int main(int argc, char** argv) { return peacesim::viz::run(argc, argv); }
