// Exercise files and master events lists (exercise::load_exercise_text, parse_mel_csv): any text
// is an exercise or a ScenarioError; the first byte chooses the reader.
#include "fuzz.hpp"
#include "peacesim/exercise/exercise.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace peacesim;
    if (size == 0) return 0;
    const auto text = fuzz::text(data + 1, size - 1);
    try {
        if (data[0] % 2 == 0) {
            (void)exercise::load_exercise_text(text, "/nonexistent/fuzz.toml");
        } else {
            const auto events = exercise::parse_mel_csv(text, "fuzz.csv", {2025, 1, 1});
            // What is read writes back and reads again to the same serials.
            const auto again =
                exercise::parse_mel_csv(exercise::mel_csv(events), "again.csv", {2025, 1, 1});
            if (again.size() != events.size()) __builtin_trap();
        }
    } catch (const scenario::ScenarioError&) {
    }
    return 0;
}
