#pragma once
// What the offline HTML reports share (validate-model, compare): escaping, charts drawn by
// gnuplot as inline SVG, and the page's head.
#include <string>

namespace peacesim::report {

/// Text made safe inside HTML elements and attribute values.
std::string escape(const std::string& s);
/// A gnuplot string literal: single-quoted, quotes doubled.
std::string gp(const std::string& s);
/// Runs gnuplot on a script (data given as inline datablocks, `$name << EOD`) with an SVG
/// terminal of 820x380 and returns the <svg> element, or an empty string when gnuplot is
/// missing or fails.
std::string gnuplot_svg(const std::string& body);
/// The chart in a <div>, or a note saying why there is none.
std::string chart_or_note(const std::string& svg);
/// <!DOCTYPE ...><head> with the reports' style, up to and including <body>.
std::string page_head(const std::string& title);

}  // namespace peacesim::report
