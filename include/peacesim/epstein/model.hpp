#pragma once
// Epstein's (2002) civil-violence model I, as NetLogo's "Rebellion" and Mesa's example implement
// it: citizens with a hardship H and a risk aversion R on a torus, a grievance H (1 - L) against
// the government's legitimacy L, an estimated arrest probability from the cops and actives in
// vision, and cops who each arrest one active in vision per tick. The docking scenario of
// docs/validation.md; one tick is one day in the outputs.
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/scenario/scenario.hpp"

namespace peacesim::epstein {

/// Citizens in each state at the end of a tick (Mesa's names).
struct Tick {
    std::int32_t day = 0;
    double legitimacy = 0;
    std::int32_t quiet = 0, active = 0, jailed = 0;
    std::int32_t arrests = 0;  // arrests made during the tick
};

/// A run of days on which at least epstein.outburst_share of the citizens were active.
struct Outburst {
    std::int32_t start = 0, end = 0;  // first and last day
    std::int32_t peak = 0, peak_day = 0;
};

class Model {
  public:
    /// Places citizens and cops on distinct random cells (scenario.model must be Epstein).
    Model(const scenario::Scenario& sc, std::uint64_t seed);

    /// One tick in NetLogo's order: every agent in a random order moves, then a free citizen
    /// decides whether to be active and a cop arrests one active in vision; jail terms then
    /// fall by one.
    void step();

    const scenario::Scenario& scenario() const noexcept { return sc_; }
    const std::vector<Tick>& history() const noexcept { return history_; }
    std::int32_t citizens() const noexcept { return std::int32_t(hardship_.size()); }
    std::int32_t cops() const noexcept { return std::int32_t(cop_cell_.size()); }
    /// Legitimacy on a day, after any scheduled loss.
    double legitimacy(std::int32_t day) const noexcept;
    /// Outbursts in the history so far; one still going at the end runs to the last day.
    std::vector<Outburst> outbursts() const;
    /// Agent-updates so far (agents times ticks), for throughput figures.
    std::uint64_t agent_updates() const noexcept;
    /// A hash of every agent's state and the day (the determinism contract's state_hash).
    std::string state_hash() const;

    /// The estimated arrest probability of the rule in use, for C cops and A actives in vision
    /// (A counts the citizen itself, as NetLogo does).
    static double arrest_probability(const scenario::EpsteinParams& p, int cops, int actives);

  private:
    bool free_cells_in_vision(std::int32_t cell);
    void place(std::int32_t i, std::int32_t cell);  // a free citizen enters a cell's list
    void lift(std::int32_t i);                      // and leaves it
    void set_active(std::int32_t i, bool active);
    template <class F>
    void for_each_in_vision(std::int32_t cell, F&& f) const;

    scenario::Scenario sc_;
    std::uint64_t seed_;
    std::int32_t day_ = 0;
    std::int32_t width_, height_;
    std::vector<std::pair<std::int32_t, std::int32_t>> offsets_;  // the cells in vision
    // Citizens
    std::vector<float> hardship_, risk_;
    std::vector<std::int32_t> cell_, jail_;
    std::vector<std::uint8_t> active_;
    std::vector<std::int32_t> next_, prev_;  // free citizens of a cell, as a linked list
    // Cops
    std::vector<std::int32_t> cop_cell_;
    // Cells
    std::vector<std::int32_t> head_;  // first free citizen, or -1
    std::vector<std::int32_t> free_count_, cop_count_, active_count_;
    std::vector<std::int32_t> order_, scratch_;
    std::int32_t arrests_today_ = 0;
    std::vector<Tick> history_;
};

}  // namespace peacesim::epstein
