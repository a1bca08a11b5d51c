// Epstein's (2002) civil-violence model I (docs/validation.md, "Docking with the classic model").
// The rules and their order follow NetLogo's Rebellion (Wilensky 2004), which is also what Mesa's
// example ports: every tick each agent, in a fresh random order, moves to a random free cell in
// vision; a free citizen then turns active when H (1 - L) - R P > T; a cop arrests one random
// active in vision, steps onto its cell and jails it for a uniform 0..J-1 ticks. Jail terms fall
// by one at the end of the tick. Sequential by design (each agent sees the moves before it), so a
// run is deterministic whatever the thread count.
//
// Speed: an agent's vision is some 150 cells (radius 7), and the rules read it two or three times
// per agent and tick. Instead of visiting the cells, each row of the torus keeps three bitmaps,
// doubled (bit x and bit x + width both stand for cell x) so that the cells of a row in vision
// are one run of bits: cells free to move to, cells with a cop, cells with an active citizen. A
// count over vision is then a popcount per row, and the k-th free cell or active citizen in the
// order the rules enumerate them (rows top to bottom, cells left to right, a cell's citizens in
// list order) is found by counting down the rows, so the random draws, and the run, are the same
// as visiting the cells. Counts above one per cell (a released citizen back on an occupied cell,
// two cops) are rare; the rows that have any are summed cell by cell.
#include "peacesim/epstein/model.hpp"

#include <algorithm>
#ifdef __BMI2__
#include <immintrin.h>
#endif
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <stdexcept>

#include "peacesim/core/hash.hpp"
#include "peacesim/core/random.hpp"

namespace peacesim::epstein {

using core::Purpose;
using core::Stream;

Model::Model(const scenario::Scenario& sc, std::uint64_t seed, Search search)
    : sc_(sc),
      seed_(seed),
      width_(std::int32_t(sc.epstein.width)),
      height_(std::int32_t(sc.epstein.height)),
      search_(search) {
    if (sc.meta.model != scenario::Model::Epstein)
        throw std::invalid_argument("epstein::Model needs a scenario whose model is epstein");
    const auto& p = sc_.epstein;
    const auto v = std::int32_t(p.vision);
    for (std::int32_t dy = -v; dy <= v; ++dy)
        for (std::int32_t dx = -v; dx <= v; ++dx)
            if (p.neighbourhood == scenario::Neighbourhood::Moore ||
                (p.neighbourhood == scenario::Neighbourhood::VonNeumann
                     ? std::abs(dx) + std::abs(dy) <= v
                     : dx * dx + dy * dy <= v * v))
                offsets_.emplace_back(dx, dy);
    // Each row of vision is a run of cells centred on the agent's column; the schema keeps
    // vision below half the smaller side, so no run wraps onto itself.
    if (2 * v + 1 > std::min(width_, height_))
        throw std::invalid_argument("epstein::Model: vision wraps round the torus onto itself");
    half_width_.assign(std::size_t(2 * v + 1), -1);
    for (const auto& [dx, dy] : offsets_)
        half_width_[std::size_t(dy + v)] = std::max(half_width_[std::size_t(dy + v)], dx);
    // On a wide grid a row of vision is read with one unaligned 64-bit load, which holds a run
    // of up to 57 bits whatever its first bit; wider visions there, and big-endian machines,
    // visit the cells.
    narrow_ = width_ <= 64;
    if (!narrow_ && (2 * v + 1 > 57 || std::endian::native != std::endian::little))
        search_ = Search::Scan;
    row_bytes_ = std::size_t((2 * width_ + 7) / 8 + 8);
    const auto rows = std::size_t(2 * v + 1);
    if (narrow_) row_mask_.assign(std::size_t(width_) * rows, 0);
    run_start_.resize(std::size_t(width_) * rows);
    row_base_.resize(std::size_t(height_) * rows);
    run_mask_.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        const std::int32_t w = half_width_[r], dy = std::int32_t(r) - v;
        run_mask_[r] = 2 * w + 1 >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << (2 * w + 1)) - 1;
        for (std::int32_t x = 0; x < width_; ++x) {
            run_start_[std::size_t(x) * rows + r] = x - w < 0 ? x - w + width_ : x - w;
            if (narrow_)
                for (std::int32_t dx = -w; dx <= w; ++dx)
                    row_mask_[std::size_t(x) * rows + r] |= std::uint64_t{1}
                                                            << ((x + dx + width_) % width_);
        }
        for (std::int32_t y = 0; y < height_; ++y)
            row_base_[std::size_t(y) * rows + r] =
                std::size_t((y + dy + height_) % height_) * row_bytes_;
    }

    // A row's repeat above the top or below the bottom of a narrow bitmap: one write more
    // for every row, with no branch on the row.
    mirror_.resize(std::size_t(height_));
    for (std::int32_t y = 0; y < height_; ++y)
        mirror_[std::size_t(y)] = y < v              ? y + v + height_
                                  : y >= height_ - v ? y + v - height_
                                                     : y + v;
    const std::int32_t cells = width_ * height_;
    const auto n_cops = std::int32_t(std::lround(p.cop_density * cells));
    const auto n_citizens =
        std::min(cells - n_cops, std::int32_t(std::lround(p.citizen_density * cells)));
    head_.assign(std::size_t(cells), -1);
    free_count_.assign(std::size_t(cells), 0);
    cell_x_.resize(std::size_t(cells)), cell_y_.resize(std::size_t(cells));
    for (std::int32_t c = 0; c < cells; ++c)
        cell_x_[std::size_t(c)] = c % width_, cell_y_[std::size_t(c)] = c / width_;
    for (auto* bits : {&cops_.bits, &actives_.bits, &free_bits_}) {
        if (narrow_)
            bits->words.assign(std::size_t(height_ + 2 * v), 0);
        else
            bits->bytes.assign(std::size_t(height_) * row_bytes_, 0);
    }
    for (auto* layer : {&cops_, &actives_}) {
        layer->count.assign(std::size_t(cells), 0);
        layer->crowded.assign(std::size_t(height_), 0);
    }
    for (std::int32_t c = 0; c < cells; ++c) refresh_free(c);

    // Distinct cells: the first of a shuffled list for the cops, the next for the citizens.
    Stream rng(seed_, 0, 0, Purpose::EpsteinInit);
    std::vector<std::int32_t> shuffled(static_cast<std::size_t>(cells));
    std::iota(shuffled.begin(), shuffled.end(), 0);
    for (std::int32_t i = cells - 1; i > 0; --i)
        std::swap(shuffled[std::size_t(i)], shuffled[rng.below(std::uint32_t(i + 1))]);
    for (std::int32_t j = 0; j < n_cops; ++j) {
        cop_cell_.push_back(shuffled[std::size_t(j)]);
        bump(cops_, shuffled[std::size_t(j)], 1);
    }
    const auto n = std::size_t(n_citizens);
    hardship_.resize(n), risk_.resize(n), cell_.resize(n), jail_.assign(n, 0);
    active_.assign(n, 0), next_.assign(n, -1), prev_.assign(n, -1);
    for (std::int32_t i = 0; i < n_citizens; ++i) {
        hardship_[std::size_t(i)] = float(rng.uniform());
        risk_[std::size_t(i)] = float(rng.uniform());
        place(i, shuffled[std::size_t(n_cops + i)]);
    }
    order_.resize(n + cop_cell_.size());
    // The arrest probability for each whole ratio of cops to actives a citizen can see.
    for (std::int32_t r = 0; r <= n_cops; ++r) arrest_table_.push_back(1.0 - std::exp(-p.k * r));
}

double Model::legitimacy(std::int32_t day) const noexcept {
    const auto& p = sc_.epstein;
    if (p.legitimacy_drop <= 0 || day < p.drop_day) return p.legitimacy;
    const double done =
        p.drop_days <= 0 ? 1.0 : std::min(1.0, double(day - p.drop_day + 1) / double(p.drop_days));
    return p.legitimacy - p.legitimacy_drop * done;
}

double Model::arrest_probability(const scenario::EpsteinParams& p, int cops, int actives) {
    const double ratio = double(cops) / double(std::max(1, actives));
    double r = ratio;
    if (p.rounding == scenario::ArrestRounding::Floor)
        r = std::floor(ratio);
    else if (p.rounding == scenario::ArrestRounding::Round)
        r = std::nearbyint(ratio);  // half to even, as Python's round()
    return 1.0 - std::exp(-p.k * r);
}

double Model::arrest_p(std::int32_t cops, std::int32_t actives) const {
    const auto& p = sc_.epstein;
    if (p.rounding == scenario::ArrestRounding::None) return arrest_probability(p, cops, actives);
    // floor and round of cops / actives in integers, which is exact (the quotient of two doubles
    // is never that close to an integer or a half), and 1 - exp(-k r) from a table of the same
    // expression.
    std::int32_t r = cops / actives;
    if (p.rounding == scenario::ArrestRounding::Round) {
        const std::int32_t twice_rest = 2 * (cops % actives);
        r += twice_rest > actives || (twice_rest == actives && (r & 1));
    }
    return arrest_table_[std::size_t(r)];
}

template <class F>
void Model::for_each_in_vision(std::int32_t cell, F&& f) const {
    const std::int32_t x = cell % width_, y = cell / width_;
    for (const auto& [dx, dy] : offsets_) {
        std::int32_t cx = x + dx, cy = y + dy;
        cx += cx < 0 ? width_ : (cx >= width_ ? -width_ : 0);
        cy += cy < 0 ? height_ : (cy >= height_ ? -height_ : 0);
        f(cy * width_ + cx);
    }
}

namespace {

// Where, from bit 0, the (k+1)-th set bit of b is; b has more than k set bits. With BMI2 a bit
// deposit; without, a binary search on popcounts of halves, free of branches (k is random, so a
// loop's exit would be mispredicted).
std::int32_t select_bit(std::uint64_t b, std::int32_t k) noexcept {
#ifdef __BMI2__
    return __builtin_ctzll(_pdep_u64(std::uint64_t{1} << k, b));
#else
    std::int32_t at = 0;
    for (std::int32_t half = 32; half > 0; half /= 2) {
        const std::int32_t low = __builtin_popcountll(b & ((std::uint64_t{1} << half) - 1));
        const bool skip = k >= low;
        k -= skip ? low : 0;
        b >>= skip ? half : 0;
        at += skip ? half : 0;
    }
    return at;
#endif
}

}  // namespace

namespace {

// The run of a row of vision: `length` bits from `start` in the doubled row at `row`, read with
// one unaligned load.
inline std::uint64_t load_run(const std::uint8_t* row, std::int32_t start,
                              std::uint64_t mask) noexcept {
    std::uint64_t w;
    std::memcpy(&w, row + (start >> 3), 8);
    return (w >> (start & 7)) & mask;
}

}  // namespace

[[gnu::always_inline]] inline void Model::set_bit(Bitmap& bits, std::int32_t cell, bool on) {
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    if (narrow_) {
        const auto v = std::int32_t(half_width_.size() / 2);
        const std::uint64_t m = std::uint64_t{1} << x;
        const std::uint64_t set = on ? m : 0;
        const auto put = [&](std::int32_t at) {
            auto& w = bits.words[std::size_t(at)];
            w = (w & ~m) | set;
        };
        put(y + v);
        put(mirror_[std::size_t(y)]);  // its repeat, if any (else the same word again)
        return;
    }
    std::uint8_t* r = bits.bytes.data() + std::size_t(y) * row_bytes_;
    for (const std::int32_t at : {x, x + width_}) {
        const auto m = std::uint8_t(1u << (at & 7));
        r[at >> 3] = on ? std::uint8_t(r[at >> 3] | m) : std::uint8_t(r[at >> 3] & ~m);
    }
}

[[gnu::always_inline]] inline void Model::bump(Layer& layer, std::int32_t cell, std::int32_t by) {
    auto& n = layer.count[std::size_t(cell)];
    const bool was_crowded = n > 1;
    n += by;
    if ((n > 1) != was_crowded) {
        layer.crowded[std::size_t(cell_y_[std::size_t(cell)])] += n > 1 ? 1 : -1;
        layer.crowded_cells += n > 1 ? 1 : -1;
    }
    set_bit(layer.bits, cell, n > 0);
    if (&layer == &cops_) refresh_free(cell);
}

[[gnu::always_inline]] inline void Model::refresh_free(std::int32_t cell) {
    set_bit(free_bits_, cell,
            cops_.count[std::size_t(cell)] == 0 && free_count_[std::size_t(cell)] == 0);
}

[[gnu::always_inline]] inline void Model::move_cop(std::int32_t j, std::int32_t to) {
    auto& at = cop_cell_[std::size_t(j)];
    bump(cops_, at, -1);
    at = to;
    bump(cops_, at, 1);
}

[[gnu::always_inline]] inline void Model::place(std::int32_t i, std::int32_t cell) {
    const auto c = std::size_t(cell);
    cell_[std::size_t(i)] = cell;
    prev_[std::size_t(i)] = -1;
    next_[std::size_t(i)] = head_[c];
    if (head_[c] >= 0) prev_[std::size_t(head_[c])] = i;
    head_[c] = i;
    if (free_count_[c]++ == 0) refresh_free(cell);
    if (active_[std::size_t(i)]) bump(actives_, cell, 1);
}

[[gnu::always_inline]] inline void Model::lift(std::int32_t i) {
    const std::int32_t cell = cell_[std::size_t(i)];
    const auto c = std::size_t(cell);
    const std::int32_t pv = prev_[std::size_t(i)], nx = next_[std::size_t(i)];
    if (pv >= 0)
        next_[std::size_t(pv)] = nx;
    else
        head_[c] = nx;
    if (nx >= 0) prev_[std::size_t(nx)] = pv;
    if (--free_count_[c] == 0) refresh_free(cell);
    if (active_[std::size_t(i)]) bump(actives_, cell, -1);
}

[[gnu::always_inline]] inline void Model::set_active(std::int32_t i, bool active) {
    auto& a = active_[std::size_t(i)];
    if (bool(a) == active) return;
    a = active;
    bump(actives_, cell_[std::size_t(i)], active ? 1 : -1);
}

// A random cell in vision with no cop and no free citizen (jailed citizens do not block a
// cell), uniform over them in the order the rules list them; false when there is none.
bool Model::pick_free_cell(std::int32_t cell, Stream& rng, std::int32_t& to) {
    if (search_ == Search::Scan) {
        scratch_.clear();
        for_each_in_vision(cell, [&](std::int32_t c) {
            if (cops_.count[std::size_t(c)] == 0 && free_count_[std::size_t(c)] == 0)
                scratch_.push_back(c);
        });
        if (scratch_.empty()) return false;
        to = scratch_[rng.below(std::uint32_t(scratch_.size()))];
        return true;
    }
    const auto rows = std::int32_t(half_width_.size()), v = rows / 2;
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    const std::int32_t* starts = run_start_.data() + std::size_t(x) * std::size_t(rows);
    std::uint64_t runs[64];  // 2v + 1 <= 64 on both bitmap layouts
    std::int32_t ends[64];   // free cells in rows 0..r
    std::int32_t total = 0;
    if (narrow_) {
        const std::uint64_t* words = free_bits_.words.data() + y;  // rows y - v .. y + v
        const std::uint64_t* masks = row_mask_.data() + std::size_t(x) * std::size_t(rows);
        for (std::int32_t r = 0; r < rows; ++r) {
            runs[r] = words[r] & masks[r];
            ends[r] = total += __builtin_popcountll(runs[r]);
        }
    } else {
        const std::size_t* bases = row_base_.data() + std::size_t(y) * std::size_t(rows);
        const std::uint8_t* bits = free_bits_.bytes.data();
        for (std::int32_t r = 0; r < rows; ++r) {
            runs[r] = load_run(bits + bases[r], starts[r], run_mask_[std::size_t(r)]);
            ends[r] = total += __builtin_popcountll(runs[r]);
        }
    }
    if (total == 0) return false;
    auto k = std::int32_t(rng.below(std::uint32_t(total)));
    // The row: how many rows end at or before the k-th cell (independent comparisons, no
    // branch to mispredict).
    std::int32_t r = 0;
    for (std::int32_t i = 0; i < rows - 1; ++i) r += k >= ends[i];
    if (r > 0) k -= ends[r - 1];
    std::int32_t cx;
    if (narrow_) {
        // The rules list a row's cells from x - w rightwards, round the torus: the cells from
        // the run's start to the right edge come before those from the left edge.
        const std::int32_t s = starts[r];
        const std::uint64_t right = runs[r] >> s;
        const std::int32_t n_right = __builtin_popcountll(right);
        cx = k < n_right ? s + select_bit(right, k)
                         : select_bit(runs[r] & ((std::uint64_t{1} << s) - 1), k - n_right);
    } else {
        cx = starts[r] + select_bit(runs[r], k);
        cx -= cx >= width_ ? width_ : 0;
    }
    std::int32_t cy = y + r - v;
    cy += cy < 0 ? height_ : (cy >= height_ ? -height_ : 0);
    to = cy * width_ + cx;
    return true;
}

std::int32_t Model::sum_in_vision(const Layer& layer, std::int32_t cell) const {
    std::int32_t n = 0;
    if (search_ == Search::Scan) {
        for_each_in_vision(cell, [&](std::int32_t c) { n += layer.count[std::size_t(c)]; });
        return n;
    }
    const auto rows = std::int32_t(half_width_.size());
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    if (narrow_) {
        const std::uint64_t* words = layer.bits.words.data() + y;  // rows y - v .. y + v
        const std::uint64_t* masks = row_mask_.data() + std::size_t(x) * std::size_t(rows);
        for (std::int32_t r = 0; r < rows; ++r) n += __builtin_popcountll(words[r] & masks[r]);
    } else {
        const std::int32_t* starts = run_start_.data() + std::size_t(x) * std::size_t(rows);
        const std::size_t* bases = row_base_.data() + std::size_t(y) * std::size_t(rows);
        const std::uint8_t* bits = layer.bits.bytes.data();
        for (std::int32_t r = 0; r < rows; ++r)
            n += __builtin_popcountll(
                load_run(bits + bases[r], starts[r], run_mask_[std::size_t(r)]));
    }
    return n + crowding(layer, cell);
}

void Model::cops_and_actives(std::int32_t cell, std::int32_t& cops, std::int32_t& actives) const {
    if (search_ == Search::Scan) {
        cops = sum_in_vision(cops_, cell), actives = sum_in_vision(actives_, cell);
        return;
    }
    // One pass over the rows for both layers: the masks and the runs' places are the same.
    const auto rows = std::int32_t(half_width_.size());
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    std::int32_t c = 0, a = 0;
    if (narrow_) {
        const std::uint64_t* cw = cops_.bits.words.data() + y;
        const std::uint64_t* aw = actives_.bits.words.data() + y;
        const std::uint64_t* masks = row_mask_.data() + std::size_t(x) * std::size_t(rows);
        for (std::int32_t r = 0; r < rows; ++r) {
            c += __builtin_popcountll(cw[r] & masks[r]);
            a += __builtin_popcountll(aw[r] & masks[r]);
        }
    } else {
        const std::int32_t* starts = run_start_.data() + std::size_t(x) * std::size_t(rows);
        const std::size_t* bases = row_base_.data() + std::size_t(y) * std::size_t(rows);
        const std::uint8_t* cb = cops_.bits.bytes.data();
        const std::uint8_t* ab = actives_.bits.bytes.data();
        for (std::int32_t r = 0; r < rows; ++r) {
            const std::uint64_t m = run_mask_[std::size_t(r)];
            c += __builtin_popcountll(load_run(cb + bases[r], starts[r], m));
            a += __builtin_popcountll(load_run(ab + bases[r], starts[r], m));
        }
    }
    cops = c + crowding(cops_, cell), actives = a + crowding(actives_, cell);
}

// What a layer's bitmap misses in vision: the counts above one of its crowded cells.
std::int32_t Model::crowding(const Layer& layer, std::int32_t cell) const {
    if (layer.crowded_cells == 0) return 0;
    const auto rows = std::int32_t(half_width_.size()), v = rows / 2;
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    const std::int32_t* starts = run_start_.data() + std::size_t(x) * std::size_t(rows);
    std::int32_t n = 0;
    for (std::int32_t r = 0; r < rows; ++r) {
        std::int32_t row = y + r - v;
        row += row < 0 ? height_ : (row >= height_ ? -height_ : 0);
        if (layer.crowded[std::size_t(row)] == 0) continue;
        for (std::int32_t i = 0; i < 2 * half_width_[std::size_t(r)] + 1; ++i) {
            const std::int32_t cx =
                starts[r] + i >= width_ ? starts[r] + i - width_ : starts[r] + i;
            n += std::max(0, layer.count[std::size_t(row * width_ + cx)] - 1);
        }
    }
    return n;
}

Model::InVision Model::in_vision(std::int32_t cell) const {
    InVision seen;
    cops_and_actives(cell, seen.cops, seen.actives);
    if (search_ == Search::Scan) {
        for_each_in_vision(cell, [&](std::int32_t c) {
            seen.free_cells += cops_.count[std::size_t(c)] == 0 && free_count_[std::size_t(c)] == 0;
        });
        return seen;
    }
    const auto rows = std::int32_t(half_width_.size());
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    for (std::int32_t r = 0; r < rows; ++r)
        seen.free_cells += __builtin_popcountll(
            narrow_ ? free_bits_.words[std::size_t(y + r)] &
                          row_mask_[std::size_t(x) * std::size_t(rows) + std::size_t(r)]
                    : load_run(free_bits_.bytes.data() +
                                   row_base_[std::size_t(y) * std::size_t(rows) + std::size_t(r)],
                               run_start_[std::size_t(x) * std::size_t(rows) + std::size_t(r)],
                               run_mask_[std::size_t(r)]));
    return seen;
}

// A random active free citizen in vision, uniform over them in the order the rules list them
// (cells in vision order, a cell's citizens in list order); -1 when there is none.
std::int32_t Model::pick_active(std::int32_t cell, Stream& rng) {
    if (search_ == Search::Scan) {
        scratch_.clear();
        for_each_in_vision(cell, [&](std::int32_t c) {
            if (actives_.count[std::size_t(c)] == 0) return;
            for (std::int32_t i = head_[std::size_t(c)]; i >= 0; i = next_[std::size_t(i)])
                if (active_[std::size_t(i)]) scratch_.push_back(i);
        });
        if (scratch_.empty()) return -1;
        return scratch_[rng.below(std::uint32_t(scratch_.size()))];
    }
    const std::int32_t total = sum_in_vision(actives_, cell);
    if (total == 0) return -1;
    auto k = std::int32_t(rng.below(std::uint32_t(total)));
    const auto v = std::int32_t(half_width_.size() / 2);
    const std::int32_t x = cell_x_[std::size_t(cell)], y = cell_y_[std::size_t(cell)];
    for (std::int32_t dy = -v; dy <= v; ++dy) {
        const std::int32_t w = half_width_[std::size_t(dy + v)];
        std::int32_t row = y + dy;
        row += row < 0 ? height_ : (row >= height_ ? -height_ : 0);
        for (std::int32_t dx = -w; dx <= w; ++dx) {
            std::int32_t cx = x + dx;
            cx += cx < 0 ? width_ : (cx >= width_ ? -width_ : 0);
            const std::int32_t c = row * width_ + cx;
            const std::int32_t n = actives_.count[std::size_t(c)];
            if (k >= n) {
                k -= n;
                continue;
            }
            for (std::int32_t j = head_[std::size_t(c)]; j >= 0; j = next_[std::size_t(j)])
                if (active_[std::size_t(j)] && k-- == 0) return j;
        }
    }
    return -1;  // not reached: the counts and the lists agree
}

void Model::step() {
    const auto& p = sc_.epstein;
    Stream rng(seed_, std::uint32_t(day_ + 1), 0, Purpose::EpsteinStep);
    const double legit = legitimacy(day_);
    arrests_today_ = 0;
    const auto n_cit = std::int32_t(hardship_.size());
    std::iota(order_.begin(), order_.end(), 0);
    draws_.resize(order_.size());
    rng.fill(draws_.data(), order_.size() - 1);  // the shuffle's draws, as below() takes them
    for (std::size_t i = order_.size(), d = 0; i > 1; --i, ++d)
        std::swap(order_[i - 1],
                  order_[std::size_t((std::uint64_t{draws_[d]} * std::uint64_t(i)) >> 32)]);
    for (const std::int32_t a : order_) {
        if (a < n_cit) {
            if (jail_[std::size_t(a)] > 0) continue;
            std::int32_t to = 0;
            if (p.movement && pick_free_cell(cell_[std::size_t(a)], rng, to)) {
                lift(a);
                place(a, to);
            }
            // Rule A: grievance against the risk of arrest. The risk is never negative, so a
            // grievance at or below the threshold needs no look round (the same test, exactly).
            const double grievance = hardship_[std::size_t(a)] * (1.0 - legit);
            if (!(grievance > p.threshold)) {
                set_active(a, false);
                continue;
            }
            const std::int32_t at = cell_[std::size_t(a)];
            std::int32_t cops = 0, actives = 0;
            cops_and_actives(at, cops, actives);
            actives = cops == 0 ? 1 : 1 + actives;
            const double risk = risk_[std::size_t(a)] * arrest_p(cops, actives);
            set_active(a, grievance - risk > p.threshold);
        } else {
            const std::int32_t j = a - n_cit;
            std::int32_t to = 0;
            if (pick_free_cell(cop_cell_[std::size_t(j)], rng, to)) move_cop(j, to);
            // Rule C: arrest one random active in vision.
            const std::int32_t suspect = pick_active(cop_cell_[std::size_t(j)], rng);
            if (suspect < 0) continue;
            move_cop(j, cell_[std::size_t(suspect)]);
            set_active(suspect, false);
            ++arrests_today_;
            const auto term = std::int32_t(rng.below(std::uint32_t(p.max_jail_term)));
            if (term > 0) {
                lift(suspect);
                jail_[std::size_t(suspect)] = term;
            }
        }
    }
    Tick t;
    t.day = day_;
    t.legitimacy = legit;
    t.arrests = arrests_today_;
    // Terms fall by one, and those whose term ends are released, in citizen order. No branch on who
    // is jailed (a fifth of them, at random): a jailed citizen is never active (the arrest made
    // them quiet, and the rules skip them), so the flags count the active free citizens.
    for (std::int32_t i = 0; i < n_cit; ++i) {
        const std::int32_t term = jail_[std::size_t(i)];
        if (term == 1) {
            jail_[std::size_t(i)] = 0;
            place(i, cell_[std::size_t(i)]);
        } else {
            jail_[std::size_t(i)] = term - (term > 0);
        }
        t.jailed += term > 1;
        t.active += active_[std::size_t(i)];
    }
    t.quiet = n_cit - t.jailed - t.active;
    history_.push_back(t);
    ++day_;
}

std::vector<Outburst> Model::outbursts() const {
    std::vector<Outburst> out;
    const double at_least = sc_.epstein.outburst_share * double(citizens());
    bool in = false;
    for (const auto& t : history_) {
        if (t.active >= at_least && t.active > 0) {
            if (!in) out.push_back({t.day, t.day, t.active, t.day});
            in = true;
            auto& o = out.back();
            o.end = t.day;
            if (t.active > o.peak) o.peak = t.active, o.peak_day = t.day;
        } else {
            in = false;
        }
    }
    return out;
}

std::uint64_t Model::agent_updates() const noexcept {
    return std::uint64_t(order_.size()) * std::uint64_t(day_);
}

std::string Model::state_hash() const {
    core::StateHasher h;
    h.add(std::int32_t(day_));
    h.add(hardship_), h.add(risk_), h.add(cell_), h.add(jail_), h.add(active_);
    h.add(cop_cell_);
    return h.hex();
}

}  // namespace peacesim::epstein
