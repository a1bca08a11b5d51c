#pragma once
// The invariants of a run (docs/architecture.md, "Reliability"), checked day by day by the soak
// (`peacesim soak`) and the property tests: people are neither created nor lost, the dead stay
// dead, no stock goes negative, no quantity is NaN or infinite, and the event log accounts for
// every death of the day.
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::engine {

class InvariantChecker {
  public:
    /// Starts from the simulation as it stands (day 0, or a checkpoint's day).
    explicit InvariantChecker(const Simulation& sim);
    /// The problems of the days run since the last call (empty when all hold). The civilians'
    /// own attributes, a pass over every person, are checked every `people_every` days.
    std::vector<std::string> check(const Simulation& sim, int people_every = 30);

  private:
    std::int64_t population_ = 0, killed_ = 0, refugees_ = 0, died_fighting_ = 0;
    std::size_t days_ = 0, events_ = 0;
};

}  // namespace peacesim::engine
