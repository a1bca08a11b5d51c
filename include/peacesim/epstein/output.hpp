#pragma once
// What a run of the civil-violence model writes to --out: the same four files as a conflict run,
// with this model's contents (docs/outputs.md, "The civil-violence model").
#include <string>

#include "peacesim/epstein/model.hpp"
#include "peacesim/output/writers.hpp"

namespace peacesim::epstein {

/// day, date, legitimacy, quiet, active, jailed, arrests: one row per tick.
std::string timeseries_csv(const Model& m);
/// One row per outburst, in the GED's shape (dates, sides, no deaths), then its start and end
/// day, days, peak actives and its day.
std::string events_csv(const Model& m);
/// The run, its seeds and version, the totals (peak and mean actives, arrests, outbursts and the
/// quiet spells between them) and the state hash.
std::string summary_json(const Model& m, const output::RunInfo& info);

}  // namespace peacesim::epstein
