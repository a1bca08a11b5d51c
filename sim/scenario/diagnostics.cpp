// Diagnostics: the text of a Diagnostic and a ScenarioError, and the wording shared by all the
// loader's checks (did-you-mean suggestions, ranges).
#include "detail/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "peacesim/scenario/load.hpp"

namespace peacesim::scenario {

std::string Diagnostic::str() const {
    std::string where = file;
    if (line > 0) where += fmt::format(":{}:{}", line, column);
    if (key.empty()) return fmt::format("{}: {}", where, message);
    return fmt::format("{}: {}: {}", where, key, message);
}

std::vector<Diagnostic> capped(std::vector<Diagnostic> d) {
    if (d.size() > max_diagnostics) {
        const std::size_t more = d.size() - max_diagnostics;
        const std::string file = d.front().file;
        d.resize(max_diagnostics);
        d.push_back({file, 0, 0, "", fmt::format("and {} more problems like these", more)});
    }
    return d;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& d) {
    std::string s;
    for (const auto& x : d) {
        if (!s.empty()) s += '\n';
        s += x.str();
    }
    return s;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

namespace detail {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string range_text(const Field& f) {
    auto num = [&](double v) {
        return f.kind == Kind::Integer ? fmt::format("{}", std::int64_t(v)) : fmt::format("{}", v);
    };
    return fmt::format("{} to {}", num(f.lo), num(f.hi));
}

}  // namespace detail
}  // namespace peacesim::scenario
