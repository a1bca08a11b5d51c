// Command-line arguments: --set KEY=VALUE (parse_override and the loader), --inject
// DAY:EVENT[:ARGS], --adjust DAY:KEY=VALUE and --order DAY:UNIT:VERB=ARG, checked against the
// built-in scenario. The first byte chooses the option.
#include <string>

#include "fuzz.hpp"
#include "peacesim/scenario/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace peacesim;
    if (size == 0) return 0;
    static const scenario::Scenario base = scenario::load_default();
    const std::string arg(fuzz::text(data + 1, size - 1));
    try {
        scenario::Scenario sc = base;
        switch (data[0] % 4) {
            case 0:
                (void)scenario::load_default({scenario::parse_override(arg)});
                break;
            case 1:
                scenario::add_injects(sc, {arg});
                break;
            case 2:
                scenario::add_decisions(sc, {arg}, {});
                break;
            default:
                scenario::add_decisions(sc, {}, {arg});
                break;
        }
        // Whatever was accepted loads back from the file form.
        (void)scenario::load_text(scenario::to_toml(sc), "again.toml");
    } catch (const scenario::ScenarioError&) {
    }
    return 0;
}
