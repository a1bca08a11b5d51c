#pragma once
// The shipped scenarios the validation suite runs, compiled in (as the default scenario is) so
// that `peacesim validate-model` works from any directory.
#include <string_view>

namespace peacesim::validation {

std::string_view frozen_conflict_text() noexcept;
std::string_view epstein_text() noexcept;

}  // namespace peacesim::validation
