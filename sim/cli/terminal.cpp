// What the command's subcommands share on the terminal (terminal.hpp).
#include "terminal.hpp"

#include <fmt/format.h>

#include <algorithm>
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
        plan.emplace_back(d, file);
    }
    return plan;
}

}  // namespace peacesim::cli
