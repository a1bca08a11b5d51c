#pragma once
// Charts as standalone SVG files, drawn by gnuplot (the reports' charts, as files).
#include <string>

namespace peacesim::output {

/// Runs gnuplot on a script (data as inline datablocks, `$name << EOD`) with the reports' SVG
/// terminal and returns a standalone SVG document, or an empty string when gnuplot is missing or
/// fails.
std::string svg_chart(const std::string& gnuplot_body);

}  // namespace peacesim::output
