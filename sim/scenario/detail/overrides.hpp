#pragma once
// Applying --set overrides to a parsed scenario document before it is bound to the schema.
// Internal to the library.
#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

#include "peacesim/scenario/load.hpp"

namespace peacesim::scenario::detail {

// Puts each --set into the parsed document, creating tables as needed. The binder then checks
// the result exactly as if the user had written it in the file.
std::map<std::string, std::string> apply_overrides(toml::table& root,
                                                   const std::vector<Override>& overrides,
                                                   std::vector<Diagnostic>& errors);

}  // namespace peacesim::scenario::detail
