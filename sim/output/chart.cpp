// Charts as standalone SVG files (include/peacesim/output/chart.hpp).
#include "peacesim/output/chart.hpp"

#include "report/html.hpp"

namespace peacesim::output {

std::string svg_chart(const std::string& gnuplot_body) {
    const std::string svg = report::gnuplot_svg(gnuplot_body);
    if (svg.empty()) return {};
    return "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>\n" + svg + "\n";
}

}  // namespace peacesim::output
