// Experiment files (experiment::load_text): any text is an experiment or a ScenarioError.
#include "fuzz.hpp"
#include "peacesim/experiment/experiment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace peacesim;
    try {
        (void)experiment::load_text(fuzz::text(data, size), "fuzz.toml");
    } catch (const scenario::ScenarioError&) {
    }
    return 0;
}
