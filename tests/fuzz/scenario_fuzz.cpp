// Scenario files (scenario::load_text): any text is a scenario or a ScenarioError.
#include "fuzz.hpp"
#include "peacesim/scenario/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace peacesim;
    try {
        const auto sc = scenario::load_text(fuzz::text(data, size), "fuzz.toml");
        // What loads writes back and loads again to the same text.
        const auto text = scenario::to_toml(sc);
        if (scenario::to_toml(scenario::load_text(text, "again.toml")) != text) __builtin_trap();
    } catch (const scenario::ScenarioError&) {
    }
    return 0;
}
