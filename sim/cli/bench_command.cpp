// `peacesim bench` (docs/performance.md): throughput of the default scenario at several sizes and
// thread counts, per phase of the day, with memory per civilian and the share of what the memory
// bandwidth allows (a STREAM triad run in the same process); and the throughput of the classic
// civil-violence model, single-threaded, against another implementation's figure.
#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "peacesim/core/version.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/engine/snapshot.hpp"
#include "peacesim/epstein/model.hpp"
#include "peacesim/output/chart.hpp"
#include "peacesim/output/writers.hpp"
#include "peacesim/scenario/load.hpp"
#include "peacesim/validation/suite.hpp"
#include "terminal.hpp"

namespace peacesim::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Resident memory of this process now, in bytes (Linux); 0 when it cannot tell.
std::uint64_t resident_bytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long pages = 0, resident = 0;
    const int got = std::fscanf(f, "%lu %lu", &pages, &resident);
    std::fclose(f);
    return got == 2 ? std::uint64_t(resident) * std::uint64_t(sysconf(_SC_PAGESIZE)) : 0;
}

// McCalpin's STREAM triad, a[i] = b[i] + s c[i], on `threads` threads over arrays far larger than
// any cache: the best of several passes, in bytes a second counted as STREAM counts them (three
// 8-byte words an element).
double triad_bandwidth(int threads) {
    const std::size_t n = std::size_t{1} << 24;  // 128 MiB an array
    std::vector<double> a(n), b(n), c(n);
    tbb::task_arena arena(threads);
    const auto pass = [&](auto&& body) {
        arena.execute([&] {
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, n / std::size_t(threads * 8)),
                              body, tbb::static_partitioner());
        });
    };
    pass([&](const tbb::blocked_range<std::size_t>& r) {  // first touch on the threads that use it
        for (std::size_t i = r.begin(); i < r.end(); ++i) a[i] = 0.0, b[i] = 1.0, c[i] = 2.0;
    });
    double best = 1e30;
    for (int k = 0; k < 10; ++k) {
        const auto t0 = Clock::now();
        pass([&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i < r.end(); ++i) a[i] = b[i] + 3.0 * c[i];
        });
        best = std::min(best, seconds_since(t0));
    }
    if (a[n / 2] != 7.0) std::fprintf(stderr, "warning: the triad computed a wrong result\n");
    return 24.0 * double(n) / best;
}

struct Args {
    std::vector<std::int64_t> sizes{10'000, 100'000, 1'000'000};
    std::vector<int> threads;
    int days = 30, repeat = 3, steps = 500;
    bool triad = true, conflict = true, epstein = true;
    double mesa_rate = 0;  // agent-updates a second of another implementation, for the ratio
    std::string out;
    bool out_given = false;
};

struct Row {
    std::int64_t civilians = 0;
    int threads = 0, days = 0, repeat = 0;
    double setup_s = 0, run_s = 0, updates_per_s = 0, updates_per_s_with_setup = 0;
    double days_per_s = 0, bytes_per_civilian = 0, bound_share = 0;
    double snapshot_ms = 0;  // publishing a day to a front end (the visualizer), after the first
    std::array<double, engine::phase_count> phase_ms{};  // per simulated day
};

Row measure_conflict(std::int64_t n, int threads, const Args& a, double bandwidth) {
    Row row;
    row.civilians = n, row.threads = threads, row.days = a.days, row.repeat = a.repeat;
    std::vector<double> setup, run, resident, snapshot;
    std::vector<std::vector<double>> phases(engine::phase_count);
    std::uint64_t updates = 0;
    for (int r = 0; r < a.repeat; ++r) {
        const std::uint64_t before = resident_bytes();
        auto sc = scenario::load_default({{"world.population", std::to_string(n)}});
        engine::Simulation sim(std::move(sc), 1);
        const auto t0 = Clock::now();
        engine::run_days(sim, a.days, threads);
        run.push_back(seconds_since(t0));
        const auto& ps = sim.phase_seconds();
        setup.push_back(ps.setup);
        for (std::size_t p = 0; p < engine::phase_count; ++p)
            phases[p].push_back(1e3 * ps.day[p] / double(a.days));
        // Growth of the resident memory; a small run may fit in memory the process already
        // holds from the one before, and then grows it by nothing.
        resident.push_back(std::max(0.0, double(resident_bytes()) - double(before)));
        updates = sim.agent_updates();
        // What the visualizer pays a day: a snapshot after one, as it publishes them.
        engine::SnapshotBuilder builder;
        builder.take(sim);
        engine::run_days(sim, 1, threads);
        const auto t1 = Clock::now();
        const auto snap = builder.take(sim);
        snapshot.push_back(1e3 * seconds_since(t1));
    }
    row.setup_s = median(setup), row.run_s = median(run);
    row.updates_per_s = double(updates) / row.run_s;
    row.updates_per_s_with_setup = double(updates) / (row.run_s + row.setup_s);
    row.days_per_s = double(a.days) / row.run_s;
    row.bytes_per_civilian = median(resident) / double(n);
    row.snapshot_ms = median(snapshot);
    for (std::size_t p = 0; p < engine::phase_count; ++p) row.phase_ms[p] = median(phases[p]);
    // The bound: every civilian's state streamed once a day at the triad's bandwidth.
    const double per_civilian = double(population::Civilians::bytes_per_person());
    if (bandwidth > 0) row.bound_share = row.updates_per_s / (bandwidth / per_civilian);
    return row;
}

struct EpsteinRow {
    int citizens = 0, cops = 0, steps = 0, repeat = 0;
    double updates_per_s = 0, ratio = 0;
    double scan_updates_per_s = 0;  // the cell-visiting reference search, same runs
};

// Measured as the docking study measured the other implementation: one thread, construction
// included, agents times steps over the wall time, the median of several runs.
EpsteinRow measure_epstein(const Args& a) {
    const auto sc = validation::docking_scenario();
    EpsteinRow row;
    row.steps = a.steps, row.repeat = a.repeat;
    std::vector<double> rates, scan_rates;
    for (int r = 0; r < a.repeat; ++r)
        for (const auto search : {epstein::Model::Search::Bits, epstein::Model::Search::Scan}) {
            const auto t0 = Clock::now();
            epstein::Model m(sc, std::uint64_t(r + 1), search);
            for (int s = 0; s < a.steps; ++s) m.step();
            (search == epstein::Model::Search::Bits ? rates : scan_rates)
                .push_back(double(m.agent_updates()) / seconds_since(t0));
            row.citizens = m.citizens(), row.cops = m.cops();
        }
    row.updates_per_s = median(rates);
    row.scan_updates_per_s = median(scan_rates);
    if (a.mesa_rate > 0) row.ratio = row.updates_per_s / a.mesa_rate;
    return row;
}

Args& bench_args() {
    static Args a;
    return a;
}

// Agent-updates a second against civilians, a line per thread count, with the bandwidth bound
// and a quarter of it.
std::string throughput_chart(const std::vector<Row>& rows, const std::vector<int>& threads,
                             double bandwidth) {
    std::string data, plot = "plot ";
    const char* colours[] = {"#4477aa", "#cc6677", "#228833", "#ccbb44", "#66ccee", "#aa3377"};
    for (std::size_t k = 0; k < threads.size(); ++k) {
        data += fmt::format("$t{} << EOD\n", k);
        for (const auto& r : rows)
            if (r.threads == threads[k])
                data += fmt::format("{} {} {}\n", r.civilians, r.updates_per_s,
                                    r.updates_per_s_with_setup);
        data += "EOD\n";
        plot += fmt::format(
            "{}$t{} using 1:2 with linespoints lw 2 pt 7 lc rgb '{}' title '{} thread{}', "
            "$t{} using 1:3 with lines dt 2 lc rgb '{}' title 'the same, set-up included'",
            k ? ", " : "", k, colours[k % 6], threads[k], threads[k] > 1 ? "s" : "", k,
            colours[k % 6]);
    }
    if (bandwidth > 0) {
        const double bound = bandwidth / double(population::Civilians::bytes_per_person());
        plot += fmt::format(
            ", {} with lines lw 1 lc rgb '#444444' title 'memory-bandwidth bound', "
            "{} with lines dt 3 lc rgb '#444444' title 'a quarter of it'",
            bound, bound / 4);
    }
    return output::svg_chart(data +
                             "set logscale xy\nset format x '10^{%L}'\nset format y '10^{%L}'\n"
                             "set xlabel 'civilians'\nset ylabel 'agent-updates a second'\n"
                             "set key bottom right\n" +
                             plot);
}

// Milliseconds a simulated day per phase against civilians, at the most threads measured.
std::string phases_chart(const std::vector<Row>& rows, int threads) {
    std::string data = "$p << EOD\n";
    for (const auto& r : rows) {
        if (r.threads != threads) continue;
        data += fmt::format("{}", r.civilians);
        for (const double ms : r.phase_ms) data += fmt::format(" {}", std::max(ms, 1e-4));
        data += "\n";
    }
    data += "EOD\n";
    std::string plot = "plot ";
    for (std::size_t p = 0; p < engine::phase_count; ++p)
        plot += fmt::format("{}$p using 1:{} with linespoints lw 2 pt 7 title '{}'", p ? ", " : "",
                            p + 2, engine::phase_name(engine::Phase(p)));
    return output::svg_chart(
        data +
        fmt::format("set logscale xy\nset format x '10^{{%L}}'\n"
                    "set xlabel 'civilians'\nset ylabel 'ms a "
                    "simulated day ({} thread{})'\nset key outside right top\n",
                    threads, threads > 1 ? "s" : "") +
        plot);
}

int cmd_bench(Args a) {
    if (a.threads.empty()) a.threads = {engine::default_threads()};
    std::sort(a.sizes.begin(), a.sizes.end());
    std::unique_ptr<output::AtomicDir> dir;
    if (!a.triad && !a.conflict && !a.epstein)
        throw BadInput(
            "--no-triad, --no-conflict and --no-epstein together leave nothing to measure");
    if (a.out_given && a.out.empty()) throw BadInput("--out \"\": expected a directory");
    if (!a.out.empty()) {  // checked before minutes of measurement
        try {
            dir = std::make_unique<output::AtomicDir>(a.out);
        } catch (const std::runtime_error& e) {
            throw BadInput(e.what());
        }
    }

    nlohmann::json info;
    info["version"] = core::version_string();
    info["hardware_threads"] = engine::default_threads();
    info["bytes_per_civilian_state"] = population::Civilians::bytes_per_person();
    double bandwidth = 0;
    if (a.triad) {
        const int t = *std::max_element(a.threads.begin(), a.threads.end());
        bandwidth = triad_bandwidth(t);
        info["triad_threads"] = t;
        info["triad_bytes_per_s"] = bandwidth;
        std::printf(
            "STREAM triad on %d threads: %.1f GB/s; a day that streams each civilian's %zu "
            "bytes once is bound at %.3g agent-updates/s\n\n",
            t, bandwidth / 1e9, population::Civilians::bytes_per_person(),
            bandwidth / double(population::Civilians::bytes_per_person()));
    }

    std::string csv =
        "civilians,threads,days,repeat,setup_s,run_s,agent_updates_per_s,"
        "agent_updates_per_s_with_setup,days_per_s,bytes_per_civilian,bandwidth_share,"
        "snapshot_ms";
    for (std::size_t p = 0; p < engine::phase_count; ++p)
        csv += fmt::format(",{}_ms_per_day", engine::phase_name(engine::Phase(p)));
    csv += "\n";
    std::vector<Row> rows;
    if (a.conflict) {
        std::printf("%-11s %-3s %-8s %-8s %-10s %-10s %-7s %-6s %-8s ms per day: ", "civilians",
                    "thr", "setup_s", "run_s", "upd/s", "days/s", "B/civ", "bound", "snap_ms");
        for (std::size_t p = 0; p < engine::phase_count; ++p)
            std::printf("%.5s ", engine::phase_name(engine::Phase(p)));
        std::printf("\n");
        for (const auto n : a.sizes)
            for (const int t : a.threads) {
                auto sc = scenario::load_default({{"world.population", std::to_string(n)}});
                if (auto problem = engine::memory_problem(engine::memory_estimate(sc),
                                                          engine::memory_available(), n))
                    throw BadInput(*problem);
                const Row r = measure_conflict(n, t, a, bandwidth);
                rows.push_back(r);
                std::printf(
                    "%-11lld %-3d %-8.2f %-8.2f %-10.3g %-10.3g %-7.1f %-6s %-8.3g ", (long long)n,
                    t, r.setup_s, r.run_s, r.updates_per_s, r.days_per_s, r.bytes_per_civilian,
                    bandwidth > 0 ? fmt::format("{:.0f}%", 100 * r.bound_share).c_str() : "-",
                    r.snapshot_ms);
                for (const double ms : r.phase_ms) std::printf("%-5.3g ", ms);
                std::printf("\n");
                std::fflush(stdout);
                csv += fmt::format(
                    "{},{},{},{},{:.4f},{:.4f},{:.6g},{:.6g},{:.6g},{:.2f},{:.4f},{:.4f}", n, t,
                    r.days, r.repeat, r.setup_s, r.run_s, r.updates_per_s,
                    r.updates_per_s_with_setup, r.days_per_s, r.bytes_per_civilian, r.bound_share,
                    r.snapshot_ms);
                for (const double ms : r.phase_ms) csv += fmt::format(",{:.4f}", ms);
                csv += "\n";
            }
    }
    if (a.epstein) {
        const auto e = measure_epstein(a);
        std::printf(
            "\nEpstein's civil-violence model, 40x40 (%d citizens, %d cops), one thread, "
            "%d steps with construction, median of %d: %.3g agent-updates/s",
            e.citizens, e.cops, e.steps, e.repeat, e.updates_per_s);
        if (e.ratio > 0) std::printf(", %.0f times %.3g", e.ratio, a.mesa_rate);
        std::printf(
            "\n  (the reference search that visits every cell in vision: %.3g, %.1f times "
            "slower)\n",
            e.scan_updates_per_s, e.updates_per_s / e.scan_updates_per_s);
        info["epstein"] = {{"citizens", e.citizens},
                           {"cops", e.cops},
                           {"steps", e.steps},
                           {"repeat", e.repeat},
                           {"agent_updates_per_s", e.updates_per_s},
                           {"cell_visiting_agent_updates_per_s", e.scan_updates_per_s}};
        if (e.ratio > 0) {
            info["epstein"]["reference_agent_updates_per_s"] = a.mesa_rate;
            info["epstein"]["ratio"] = e.ratio;
        }
    }
    if (dir) {
        if (a.conflict) {
            dir->add("bench.csv", csv);
            // Charts where gnuplot is installed; the table is the result, they only show it.
            const auto most = *std::max_element(a.threads.begin(), a.threads.end());
            if (auto svg = throughput_chart(rows, a.threads, bandwidth); !svg.empty())
                dir->add("bench.svg", svg);
            if (auto svg = phases_chart(rows, most); !svg.empty())
                dir->add("bench-phases.svg", svg);
        }
        dir->add("bench.json", info.dump(2) + "\n");
        dir->commit();
        std::printf("\nwrote %s\n", dir->path().c_str());
    }
    return 0;
}

}  // namespace

CLI::App* add_bench_command(CLI::App& app) {
    auto& a = bench_args();
    auto* bench = app.add_subcommand(
        "bench",
        "Throughput of the default scenario at several sizes and thread counts, per phase, with "
        "memory per civilian and the share of the memory-bandwidth bound; and of the classic "
        "civil-violence model");
    bench->add_option("--population", a.sizes, "Civilian counts to measure (comma-separated)")
        ->delimiter(',')
        ->check(CLI::Range(std::int64_t(1000), std::int64_t(200'000'000)));
    bench->add_option("--threads", a.threads, "Thread counts to measure (default: all cores)")
        ->delimiter(',')
        ->check(CLI::Range(1, 1024));
    bench->add_option("--days", a.days, "Days per run")->check(CLI::Range(1, 3650));
    bench->add_option("--repeat", a.repeat, "Runs per size; medians are reported")
        ->check(CLI::Range(1, 100));
    bench->add_option("--steps", a.steps, "Steps of the classic model per run")
        ->check(CLI::Range(1, 100000));
    bench
        ->add_option("--mesa-rate", a.mesa_rate,
                     "Agent-updates a second of another implementation of the classic model at "
                     "40x40 (e.g. Mesa's), for the ratio")
        ->check(finite_number(0, HUGE_VAL, true, "a number of agent-updates a second"));
    bench->add_flag("!--no-triad", a.triad, "Skip the memory-bandwidth measurement");
    bench->add_flag("!--no-conflict", a.conflict, "Skip the conflict model's sizes");
    bench->add_flag("!--no-epstein", a.epstein, "Skip the classic civil-violence model");
    bench->add_option("--out", a.out, "Directory for bench.csv and bench.json");
    return bench;
}

int run_bench(const CLI::App& bench) {
    auto a = bench_args();
    a.out_given = bench.get_option("--out")->count() > 0;
    return cmd_bench(std::move(a));
}

}  // namespace peacesim::cli
