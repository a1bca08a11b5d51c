#pragma once
// The subcommands that run many simulations and write a report or a database: aar
// (docs/training.md), compare (docs/compare.md), validate-model (docs/validation.md), and sweep,
// merge and export (docs/experiments.md).
#include <CLI/CLI.hpp>

namespace peacesim::cli {

/// Adds `aar`, `compare`, `validate-model`, `sweep`, `merge` and `export` to the command. Each runs
/// from its subcommand's callback during parsing and ends the process with its exit code (0 done, 1
/// internal error, 2 bad input, 130 interrupted), so main() needs only this one call.
void add_sweep_commands(CLI::App& app);

}  // namespace peacesim::cli
