#pragma once
// Epstein's (2002) civil-violence model I, as NetLogo's "Rebellion" and Mesa's example implement
// it: citizens with a hardship H and a risk aversion R on a torus, a grievance H (1 - L) against
// the government's legitimacy L, an estimated arrest probability from the cops and actives in
// vision, and cops who each arrest one active in vision per tick. The docking scenario of
// docs/validation.md; one tick is one day in the outputs.
#include <cstdint>
#include <string>
#include <vector>

#include "peacesim/core/random.hpp"
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
    /// How an agent finds what is in its vision. Bits, the default, counts and picks with the
    /// occupancy bitmaps of the rows in vision (a handful of popcounts per row); Scan visits every
    /// cell in vision, as the rules read. Both give the same run, bit for bit: Scan is the
    /// reference the tests hold Bits to.
    enum class Search { Bits, Scan };

    /// Places citizens and cops on distinct random cells (scenario.model must be Epstein).
    Model(const scenario::Scenario& sc, std::uint64_t seed, Search search = Search::Bits);

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

    /// What an agent on a cell sees: the cops, the active free citizens, and the cells it could
    /// move to (no cop, no free citizen). For tests and tools; the rules count the same way.
    struct InVision {
        std::int32_t cops = 0, actives = 0, free_cells = 0;
        bool operator==(const InVision&) const = default;
    };
    InVision in_vision(std::int32_t cell) const;

    /// The estimated arrest probability of the rule in use, for C cops and A actives in vision
    /// (A counts the citizen itself, as NetLogo does).
    static double arrest_probability(const scenario::EpsteinParams& p, int cops, int actives);

  private:
    /// A per-cell count kept with its bitmap (count > 0) and, per row, the number of cells
    /// whose count is above one, so a sum over a row of vision is a popcount but for rare rows.
    /// Cells as bits, in one of two layouts. Grids up to 64 wide: a word per row, with the v
    /// rows above the top and below the bottom repeated so that the rows in vision are 2v + 1
    /// consecutive words, and a mask per column and row of vision picks the cells (wrapping
    /// round the torus) out of each. Wider grids: a row doubled (bit x and x + width both stand
    /// for cell x), so the cells of a row in vision are one run of at most 57 bits, read with an
    /// unaligned load.
    struct Bitmap {
        std::vector<std::uint64_t> words;  // narrow grids: height + 2v words
        std::vector<std::uint8_t> bytes;   // wide grids: rows of row_bytes_ bytes
    };
    struct Layer {
        std::vector<std::int32_t> count;
        Bitmap bits;
        std::vector<std::int32_t> crowded;  // per row: cells with count > 1
        std::int32_t crowded_cells = 0;     // over all rows
    };

    double arrest_p(std::int32_t cops, std::int32_t actives) const;  // as arrest_probability
    bool pick_free_cell(std::int32_t cell, core::Stream& rng, std::int32_t& to);
    std::int32_t sum_in_vision(const Layer& layer, std::int32_t cell) const;
    void cops_and_actives(std::int32_t cell, std::int32_t& cops, std::int32_t& actives) const;
    std::int32_t crowding(const Layer& layer, std::int32_t cell) const;
    std::int32_t pick_active(std::int32_t cell, core::Stream& rng);
    void bump(Layer& layer, std::int32_t cell, std::int32_t by);
    void set_bit(Bitmap& bits, std::int32_t cell, bool on);
    void refresh_free(std::int32_t cell);
    void move_cop(std::int32_t j, std::int32_t to);
    void place(std::int32_t i, std::int32_t cell);  // a free citizen enters a cell's list
    void lift(std::int32_t i);                      // and leaves it
    void set_active(std::int32_t i, bool active);
    template <class F>
    void for_each_in_vision(std::int32_t cell, F&& f) const;

    scenario::Scenario sc_;
    std::uint64_t seed_;
    std::int32_t day_ = 0;
    std::int32_t width_, height_;
    Search search_;
    std::vector<std::pair<std::int32_t, std::int32_t>> offsets_;  // the cells in vision
    std::vector<std::int32_t> half_width_;                        // per row of vision, dy = -v..v
    bool narrow_ = false;                                         // the word-per-row layout
    std::size_t row_bytes_ = 0;  // bytes in a doubled row, with room for a load
    std::vector<std::int32_t> cell_x_, cell_y_;
    std::vector<std::uint64_t> row_mask_;  // narrow: the cells of row r seen from column x
    std::vector<std::int32_t> mirror_;     // narrow: the word repeating row y, or row y's own
    // For an agent in column x and row y, row r of its vision: the first bit of the run in the
    // doubled row (run_start_[x * rows + r]), the row's first byte (row_base_[y * rows + r]),
    // and the run's mask.
    std::vector<std::int32_t> run_start_;
    std::vector<std::size_t> row_base_;
    std::vector<std::uint64_t> run_mask_;
    // Citizens
    std::vector<float> hardship_, risk_;
    std::vector<std::int32_t> cell_, jail_;
    std::vector<std::uint8_t> active_;
    std::vector<std::int32_t> next_, prev_;  // free citizens of a cell, as a linked list
    // Cops
    std::vector<std::int32_t> cop_cell_;
    // Cells
    std::vector<std::int32_t> head_;  // first free citizen, or -1
    std::vector<std::int32_t> free_count_;
    Layer cops_, actives_;  // cops, and active free citizens, per cell
    Bitmap free_bits_;      // cells with no cop and no free citizen
    std::vector<std::int32_t> order_, scratch_;
    std::int32_t arrests_today_ = 0;
    std::vector<Tick> history_;
    std::vector<double> arrest_table_;
    std::vector<std::uint32_t> draws_;  // 1 - exp(-k r) for r = 0..cops
};

}  // namespace peacesim::epstein
