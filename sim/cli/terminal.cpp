// What the command's subcommands share on the terminal (terminal.hpp).
#include "terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "peacesim/scenario/load.hpp"

namespace peacesim::cli {

std::atomic<bool> interrupted{false};
extern "C" void on_signal(int) { interrupted = true; }

void print_footer(const std::string& state_hash, std::uint64_t agent_updates, double wall,
                  const std::string& out) {
    std::printf("  state_hash           %s\n", state_hash.c_str());
    std::printf("  wall time            %.2f s  (%.3g agent-updates/s)\n", wall,
                double(agent_updates) / std::max(wall, 1e-9));
    if (!out.empty())
        std::printf(
            "  outputs              "
            "%s/{summary.json,timeseries.csv,events.csv,scenario.toml,...}\n",
            out.c_str());
}

std::vector<std::pair<int, std::string>> checkpoint_plan(const std::vector<std::string>& specs,
                                                         int first, int last) {
    std::vector<std::pair<int, std::string>> plan;
    for (const auto& spec : specs) {
        const auto colon = spec.find(':');
        auto day = colon == std::string::npos ? std::nullopt
                                              : scenario::parse_integer(spec.substr(0, colon));
        // A colon after something that is not a day is a slip in DAY:FILE, unless it is part
        // of a path (./a:b).
        if (colon != std::string::npos && !day &&
            spec.substr(0, colon).find('/') == std::string::npos)
            throw BadInput(fmt::format(
                "--checkpoint {}: expected DAY:FILE with a whole number of days before ':' (or "
                "FILE alone; a file name with ':' in it as ./{})",
                spec, spec));
        const std::string file = day ? spec.substr(colon + 1) : spec;
        const int d = day ? int(std::clamp<std::int64_t>(*day, -1, 1 << 30)) : last;
        if (file.empty())
            throw BadInput(fmt::format("--checkpoint {}: expected DAY:FILE or FILE", spec));
        if (d < first || d > last)
            throw BadInput(fmt::format(
                "--checkpoint {}: day {} is outside this run, which goes from day {} to day {}",
                spec, d, first, last));
        const auto dir = std::filesystem::path(file).parent_path();
        if (!dir.empty() && !std::filesystem::is_directory(dir))
            throw BadInput(
                fmt::format("--checkpoint {}: there is no directory {}", spec, dir.string()));
        // Where a checkpoint cannot be written, say so before the run, not days into it (after
        // the earlier checkpoints are written): try to make the file, and take it away again.
        std::error_code ec;
        if (std::filesystem::is_directory(file, ec))
            throw BadInput(fmt::format("--checkpoint {}: {} is a directory", spec, file));
        if (!std::filesystem::exists(file, ec)) {
            std::FILE* probe = std::fopen(file.c_str(), "wb");
            if (!probe)
                throw BadInput(
                    fmt::format("--checkpoint {}: cannot write a file at {}", spec, file));
            std::fclose(probe);
            std::filesystem::remove(file, ec);
        }
        plan.emplace_back(d, file);
    }
    return plan;
}

CLI::Validator finite_number(double lo, double hi, bool above_lo, const std::string& what) {
    const std::string range = std::isinf(hi)
                                  ? fmt::format("{} {}", above_lo ? "above" : "at least", lo)
                                  : fmt::format("from {} to {}", lo, hi);
    return CLI::Validator(
        [=](std::string& v) {
            char* end = nullptr;
            const double x = std::strtod(v.c_str(), &end);
            const bool ok = !v.empty() && *end == '\0' && std::isfinite(x) &&
                            (above_lo ? x > lo : x >= lo) && x <= hi;
            return ok ? std::string() : fmt::format("expected {}, {}; got {}", what, range, v);
        },
        "NUMBER");
}

}  // namespace peacesim::cli
