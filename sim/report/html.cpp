// What the offline HTML reports share; see sim/report/html.hpp.
#include "report/html.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace peacesim::report {

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else if (c == '"')
            out += "&quot;";
        else
            out += c;
    }
    return out;
}

// A gnuplot string literal: single-quoted, with quotes doubled.
std::string gp(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

/// Runs gnuplot on a script (data given as inline datablocks) and returns the SVG element, or
/// an empty string when gnuplot is missing or fails.
std::string gnuplot_svg(const std::string& body) {
    static std::atomic<int> charts{0};  // a directory of its own for each chart
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir =
        fs::temp_directory_path(ec) / fmt::format("peacesim-chart-{}-{}", ::getpid(), ++charts);
    if (ec || !fs::create_directories(dir, ec)) return {};
    const fs::path svg = dir / "chart.svg", script = dir / "chart.gp";
    {
        std::ofstream out(script);
        out << "set terminal svg size 820,380 dynamic enhanced font 'Helvetica,12' "
               "background '#ffffff'\n"
            << "set output " << gp(svg.string()) << "\n"
            << "set border 3\nset tics nomirror\nset grid ytics lc rgb '#dddddd'\n"
            << "set key top right\n"
            << body << "\nunset output\n";
    }
    const std::string cmd = fmt::format("gnuplot '{}' >/dev/null 2>&1", script.string());
    std::string result;
    if (std::system(cmd.c_str()) == 0) {
        std::ifstream in(svg);
        std::stringstream ss;
        ss << in.rdbuf();
        result = ss.str();
        // Inline: drop the XML declaration and the doctype before the <svg> element.
        const auto at = result.find("<svg");
        result = at == std::string::npos ? std::string() : result.substr(at);
    }
    fs::remove_all(dir, ec);
    return result;
}

std::string chart_or_note(const std::string& svg) {
    if (!svg.empty()) return "<div class=\"chart\">" + svg + "</div>\n";
    return "<p class=\"note\">(No chart: gnuplot was not found or failed; install gnuplot-nox.)"
           "</p>\n";
}

std::string page_head(const std::string& title) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
           escape(title) +
           "</title>\n<style>\n"
           "body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;"
           "color:#222;line-height:1.45}\n"
           "table{border-collapse:collapse;margin:1em 0;font-size:0.92em}\n"
           "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}\n"
           "th{background:#f2f2f2}.pass{color:#1a7f37;font-weight:bold}"
           ".fail{color:#b2182b;font-weight:bold}\n"
           ".chart svg{max-width:100%;height:auto}.note{color:#777}\n"
           "h2{border-bottom:1px solid #ddd;padding-bottom:0.2em;margin-top:2em}\n"
           "</style></head><body>\n";
}

}  // namespace peacesim::report
