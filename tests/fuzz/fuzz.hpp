#pragma once
// Fuzz targets of the readers of user input (docs/architecture.md, "Reliability"). Each target is
// a function LLVMFuzzerTestOneInput: built with clang's libFuzzer (scripts/fuzz) it is fuzzed;
// built with the ordinary build it is linked with driver.cpp, and ctest feeds it its seed corpus
// (tests/fuzz/corpus/<target>/) as a regression test. A reader may refuse any input with its
// documented error; anything else (a crash, another exception, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace peacesim::fuzz {
inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}
}  // namespace peacesim::fuzz
