#pragma once
// The parts of summary.json every model writes alike: who ran what, and the run's state hash and
// throughput (sim/output/writers.cpp, sim/epstein/output.cpp).
#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "peacesim/core/version.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::output::detail {

inline void add_provenance(nlohmann::ordered_json& j, const RunInfo& info) {
    j["scenario"] = info.scenario;
    j["source"] = info.source;
    j["command_line"] = info.command_line;
    j["version"] = core::version_string();
}

inline void add_throughput(nlohmann::ordered_json& j, const std::string& state_hash,
                           std::uint64_t agent_updates, const RunInfo& info) {
    j["state_hash"] = state_hash;
    j["wall_seconds"] = info.wall_seconds;
    const double wall = std::max(info.wall_seconds, 1e-9);
    j["agent_updates"] = agent_updates;
    j["agent_updates_per_second"] = double(agent_updates) / wall;
    j["simulated_days_per_second"] = double(info.days) / wall;
}

}  // namespace peacesim::output::detail
