// Epstein's (2002) civil-violence model I (docs/validation.md, "Docking with the classic model").
// The rules and their order follow NetLogo's Rebellion (Wilensky 2004), which is also what Mesa's
// example ports: every tick each agent, in a fresh random order, moves to a random free cell in
// vision; a free citizen then turns active when H (1 - L) - R P > T; a cop arrests one random
// active in vision, steps onto its cell and jails it for a uniform 0..J-1 ticks. Jail terms fall
// by one at the end of the tick. Sequential by design (each agent sees the moves before it), so a
// run is deterministic whatever the thread count.
#include "peacesim/epstein/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <stdexcept>

#include "peacesim/core/hash.hpp"
#include "peacesim/core/random.hpp"

namespace peacesim::epstein {

using core::Purpose;
using core::Stream;

Model::Model(const scenario::Scenario& sc, std::uint64_t seed)
    : sc_(sc),
      seed_(seed),
      width_(std::int32_t(sc.epstein.width)),
      height_(std::int32_t(sc.epstein.height)) {
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

    const std::int32_t cells = width_ * height_;
    const auto n_cops = std::int32_t(std::lround(p.cop_density * cells));
    const auto n_citizens =
        std::min(cells - n_cops, std::int32_t(std::lround(p.citizen_density * cells)));
    head_.assign(std::size_t(cells), -1);
    free_count_.assign(std::size_t(cells), 0);
    cop_count_.assign(std::size_t(cells), 0);
    active_count_.assign(std::size_t(cells), 0);

    // Distinct cells: the first of a shuffled list for the cops, the next for the citizens.
    Stream rng(seed_, 0, 0, Purpose::EpsteinInit);
    std::vector<std::int32_t> shuffled(static_cast<std::size_t>(cells));
    std::iota(shuffled.begin(), shuffled.end(), 0);
    for (std::int32_t i = cells - 1; i > 0; --i)
        std::swap(shuffled[std::size_t(i)], shuffled[rng.below(std::uint32_t(i + 1))]);
    for (std::int32_t j = 0; j < n_cops; ++j) {
        cop_cell_.push_back(shuffled[std::size_t(j)]);
        ++cop_count_[std::size_t(shuffled[std::size_t(j)])];
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

void Model::place(std::int32_t i, std::int32_t cell) {
    const auto c = std::size_t(cell);
    cell_[std::size_t(i)] = cell;
    prev_[std::size_t(i)] = -1;
    next_[std::size_t(i)] = head_[c];
    if (head_[c] >= 0) prev_[std::size_t(head_[c])] = i;
    head_[c] = i;
    ++free_count_[c];
    if (active_[std::size_t(i)]) ++active_count_[c];
}

void Model::lift(std::int32_t i) {
    const auto c = std::size_t(cell_[std::size_t(i)]);
    const std::int32_t pv = prev_[std::size_t(i)], nx = next_[std::size_t(i)];
    if (pv >= 0)
        next_[std::size_t(pv)] = nx;
    else
        head_[c] = nx;
    if (nx >= 0) prev_[std::size_t(nx)] = pv;
    --free_count_[c];
    if (active_[std::size_t(i)]) --active_count_[c];
}

void Model::set_active(std::int32_t i, bool active) {
    auto& a = active_[std::size_t(i)];
    if (bool(a) == active) return;
    a = active;
    active_count_[std::size_t(cell_[std::size_t(i)])] += active ? 1 : -1;
}

// Fills scratch_ with the cells in vision that hold no cop and no free citizen (jailed citizens
// do not block a cell); false when there is none.
bool Model::free_cells_in_vision(std::int32_t cell) {
    scratch_.clear();
    for_each_in_vision(cell, [&](std::int32_t c) {
        if (cop_count_[std::size_t(c)] == 0 && free_count_[std::size_t(c)] == 0)
            scratch_.push_back(c);
    });
    return !scratch_.empty();
}

void Model::step() {
    const auto& p = sc_.epstein;
    Stream rng(seed_, std::uint32_t(day_ + 1), 0, Purpose::EpsteinStep);
    const double legit = legitimacy(day_);
    arrests_today_ = 0;
    const auto n_cit = std::int32_t(hardship_.size());
    std::iota(order_.begin(), order_.end(), 0);
    for (std::size_t i = order_.size(); i > 1; --i)
        std::swap(order_[i - 1], order_[rng.below(std::uint32_t(i))]);
    for (const std::int32_t a : order_) {
        if (a < n_cit) {
            if (jail_[std::size_t(a)] > 0) continue;
            if (p.movement && free_cells_in_vision(cell_[std::size_t(a)])) {
                const std::int32_t to = scratch_[rng.below(std::uint32_t(scratch_.size()))];
                lift(a);
                place(a, to);
            }
            // Rule A: grievance against the risk of arrest.
            int cops = 0, actives = 1;
            for_each_in_vision(cell_[std::size_t(a)], [&](std::int32_t c) {
                cops += cop_count_[std::size_t(c)];
                actives += active_count_[std::size_t(c)];
            });
            const double grievance = hardship_[std::size_t(a)] * (1.0 - legit);
            const double risk = risk_[std::size_t(a)] * arrest_probability(p, cops, actives);
            set_active(a, grievance - risk > p.threshold);
        } else {
            const std::int32_t j = a - n_cit;
            auto& at = cop_cell_[std::size_t(j)];
            if (free_cells_in_vision(at)) {
                --cop_count_[std::size_t(at)];
                at = scratch_[rng.below(std::uint32_t(scratch_.size()))];
                ++cop_count_[std::size_t(at)];
            }
            // Rule C: arrest one random active in vision.
            scratch_.clear();
            for_each_in_vision(at, [&](std::int32_t c) {
                if (active_count_[std::size_t(c)] == 0) return;
                for (std::int32_t i = head_[std::size_t(c)]; i >= 0; i = next_[std::size_t(i)])
                    if (active_[std::size_t(i)]) scratch_.push_back(i);
            });
            if (scratch_.empty()) continue;
            const std::int32_t suspect = scratch_[rng.below(std::uint32_t(scratch_.size()))];
            --cop_count_[std::size_t(at)];
            at = cell_[std::size_t(suspect)];
            ++cop_count_[std::size_t(at)];
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
    for (std::int32_t i = 0; i < n_cit; ++i) {
        auto& term = jail_[std::size_t(i)];
        if (term > 0 && --term == 0) place(i, cell_[std::size_t(i)]);
        if (term > 0)
            ++t.jailed;
        else if (active_[std::size_t(i)]) {
            ++t.active;
        } else {
            ++t.quiet;
        }
    }
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
