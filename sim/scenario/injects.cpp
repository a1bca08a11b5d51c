// Injects: checking an event's arguments against the scenario, and reading --inject
// DAY:EVENT[:ARGS] specs; with them the plain number parsers and the armed-group lookup that
// injects and --set use.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "detail/diagnostics.hpp"
#include "peacesim/scenario/load.hpp"

namespace peacesim::scenario {

using detail::suggestion;

std::optional<std::int64_t> parse_integer(std::string_view s) noexcept {
    std::int64_t v = 0;
    if (s.empty()) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> parse_number(std::string_view s) noexcept {
    double v = 0;
    if (s.empty()) return std::nullopt;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<std::size_t> find_group(const Scenario& sc, std::string_view name_or_index) {
    const std::string s(name_or_index);
    if (!s.empty() && std::all_of(s.begin(), s.end(), ::isdigit)) {
        const auto i = parse_integer(s);
        if (i && *i >= 0 && std::size_t(*i) < sc.armed_groups.size()) return std::size_t(*i);
        return std::nullopt;
    }
    for (std::size_t i = 0; i < sc.armed_groups.size(); ++i)
        if (sc.armed_groups[i].name == s) return i;
    return std::nullopt;
}

std::optional<std::string> inject_problem(const Scenario& sc, const Inject& in) {
    const std::string& a = in.args;
    const std::string name = inject_names[int(in.event)];
    auto group_list = [&] {
        return fmt::format("an armed group index from 0 to {} or its name",
                           sc.armed_groups.empty() ? 0 : sc.armed_groups.size() - 1);
    };
    // An optional whole number from 1 to `hi`.
    const auto count = [&](const char* what, std::int64_t hi) -> std::optional<std::string> {
        if (a.empty()) return std::nullopt;
        const auto v = parse_integer(a);
        if (!v || *v < 1 || *v > hi)
            return fmt::format("{} takes {} from 1 to {}, got \"{}\"", name, what, hi, a);
        return std::nullopt;
    };
    switch (in.event) {
        case InjectKind::RainySeason:
        case InjectKind::Drought:
            return count("a duration in days", 3650);
        case InjectKind::DrySeason:
        case InjectKind::Coup:
        case InjectKind::Elections:
            if (!a.empty()) return fmt::format("{} takes no arguments, got \"{}\"", name, a);
            return std::nullopt;
        case InjectKind::FundingCut:
        case InjectKind::ConsentWithdrawn:
        case InjectKind::MediationSurge:
        case InjectKind::CouncilDivided: {
            if (a.empty()) return std::nullopt;
            auto v = parse_number(a);
            if (!v || *v < 0 || *v > 1)
                return fmt::format("{} takes a level from 0 to 1, got \"{}\"", name, a);
            return std::nullopt;
        }
        case InjectKind::Offensive:
        case InjectKind::Splinter:
            if (sc.armed_groups.empty())
                return fmt::format("{} needs an armed group; the scenario has none", name);
            if (!find_group(sc, a))
                return fmt::format("{} takes {}, got \"{}\"", name, group_list(), a);
            return std::nullopt;
        case InjectKind::Reinforcements: {
            if (sc.armed_groups.empty())
                return fmt::format("{} needs an armed group; the scenario has none", name);
            const auto comma = a.find(',');
            if (!find_group(sc, a.substr(0, comma)))
                return fmt::format("{} takes GROUP[,FIGHTERS] with GROUP {}, got \"{}\"", name,
                                   group_list(), a);
            if (comma != std::string::npos) {
                auto v = parse_integer(a.substr(comma + 1));
                if (!v || *v < 1 || *v > 100000)
                    return fmt::format("{} takes FIGHTERS from 1 to 1000000, got \"{}\"", name,
                                       a.substr(comma + 1));
            }
            return std::nullopt;
        }
        case InjectKind::RegionalForceArrives:
            return count("a number of troops", 100000);
        case InjectKind::ContingentWithdrawn:
            return count("a number of companies", 10000);
        case InjectKind::CommunalIncident: {
            if (a.empty()) return std::nullopt;
            const auto n = sc.world.towns + sc.world.villages + sc.world.camps;
            // A name is checked against the map when the run starts; a number (with its sign)
            // is an index.
            auto v = parse_integer(a);
            if (!v) return std::nullopt;
            if (*v < 0 || *v >= n)
                return fmt::format(
                    "{} takes a settlement's name or its index from 0 to {}, got \"{}\"", name,
                    n - 1, a);
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void add_injects(Scenario& sc, const std::vector<std::string>& specs) {
    std::vector<Diagnostic> errors;
    for (const auto& spec : specs) {
        // DAY:EVENT[:ARGS]
        const auto c1 = spec.find(':');
        const std::string day = spec.substr(0, c1);
        const std::string rest = c1 == std::string::npos ? "" : spec.substr(c1 + 1);
        const auto c2 = rest.find(':');
        const std::string event = rest.substr(0, c2);
        const std::string args = c2 == std::string::npos ? "" : rest.substr(c2 + 1);
        Diagnostic d{"--inject " + spec, 0, 0, "", ""};
        auto dv = parse_integer(day);
        if (c1 == std::string::npos || !dv || *dv < 0 || *dv > 36500) {
            d.message =
                "expected DAY:EVENT[:ARGS] with DAY a whole number from 0 to 36500, e.g. 100:coup";
            errors.push_back(d);
            continue;
        }
        Inject in;
        in.day = std::int64_t(*dv);
        in.args = args;
        bool known = false;
        std::vector<std::string_view> names;
        for (std::size_t k = 0; k < std::size(inject_names); ++k) {
            names.push_back(inject_names[k]);
            if (event == inject_names[k]) in.event = InjectKind(k), known = true;
        }
        if (!known) {
            std::string all;
            for (auto n : names) all += (all.empty() ? "" : ", ") + std::string(n);
            d.message = fmt::format("unknown event \"{}\"{}; events are {}", event,
                                    suggestion(event, names), all);
            errors.push_back(d);
            continue;
        }
        if (auto problem = inject_problem(sc, in)) {
            d.message = *problem;
            errors.push_back(d);
            continue;
        }
        sc.injects.push_back(in);
    }
    if (!errors.empty()) throw ScenarioError(std::move(errors));
}

}  // namespace peacesim::scenario
