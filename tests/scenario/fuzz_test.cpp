// Malformed scenarios never crash, hang or slip through: every mutation of the default scenario
// either loads (and then runs) or is refused with a ScenarioError that names a place.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "peacesim/core/random.hpp"
#include "peacesim/engine/simulation.hpp"
#include "peacesim/scenario/load.hpp"

using namespace peacesim;

namespace {
const char* tokens[] = {"",       "0",           "-1",         "1e308",
                        "-1e308", "nan",         "inf",        "\"\"",
                        "\"x\"",  "[]",          "[1,2]",      "{}",
                        "true",   "2025-02-30",  "2025-01-01", "99999999999999999999",
                        "0.5",    "=",           "[",          "]",
                        "[[",     "\"\\u0000\"", "#",          "1_000",
                        "0x10",   "'",           "\"\"\"",     "\n[world]\n"};

std::string mutate(const std::string& text, core::Stream& r) {
    std::string s = text;
    const int edits = 1 + int(r.below(4));
    for (int e = 0; e < edits; ++e) {
        if (s.empty()) break;
        const std::size_t at = r.below(std::uint32_t(s.size()));
        switch (r.below(5)) {
            case 0:
                s.erase(at, 1 + r.below(20));
                break;  // delete a run
            case 1:
                s.insert(at, tokens[r.below(std::size(tokens))]);
                break;  // insert a token
            case 2: {   // replace a value after '='
                const auto eq = s.find('=', at);
                if (eq == std::string::npos) break;
                const auto nl = s.find('\n', eq);
                s.replace(eq + 1, (nl == std::string::npos ? s.size() : nl) - eq - 1,
                          std::string(" ") + tokens[r.below(std::size(tokens))]);
                break;
            }
            case 3: {  // duplicate a line (duplicate keys, repeated sections)
                const auto ls = s.rfind('\n', at), le = s.find('\n', at);
                if (ls == std::string::npos || le == std::string::npos) break;
                s.insert(le, s.substr(ls, le - ls));
                break;
            }
            default:
                s[at] = char(32 + r.below(95));
                break;  // flip a character
        }
    }
    return s;
}
}  // namespace

TEST_CASE("fuzzed scenarios load or fail with a located message, and what loads runs",
          "[scenario][fuzz]") {
    const std::string base(scenario::default_scenario_text());
    int refused = 0, loaded = 0, ran = 0;
    for (std::uint32_t i = 0; i < 1500; ++i) {
        core::Stream r(2024, 0, i, core::Purpose::CivilianInit);
        const std::string text = mutate(base, r);
        INFO("mutation " << i);
        try {
            auto sc = scenario::load_text(text, "fuzz.toml");
            ++loaded;
            // Run what loaded, kept small: the point is that valid input never crashes.
            if (ran < 25 && sc.world.width * sc.world.height <= 512 * 512) {
                sc = scenario::load_text(text, "fuzz.toml",
                                         {{"world.population", "5000"},
                                          {"world.villages", "40"},
                                          {"world.towns", "8"},
                                          {"world.camps", "1"},
                                          {"world.regions", "6"}});
                engine::Simulation sim(sc, 1);
                engine::run_days(sim, 5, 2);
                ++ran;
            }
        } catch (const scenario::ScenarioError& e) {
            ++refused;
            REQUIRE_FALSE(e.diagnostics().empty());
            for (const auto& d : e.diagnostics()) {
                REQUIRE(d.file == "fuzz.toml");
                REQUIRE_FALSE(d.message.empty());
            }
        }
    }
    CHECK(refused > 300);
    CHECK(loaded > 100);
    CHECK(ran > 5);
}
