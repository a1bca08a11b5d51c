#pragma once
// What a front end draws: an immutable copy of a running simulation, taken on the thread that
// steps it and read on any other (Dear ImGui's rule: the front end reads data and owns nothing of
// the model).
//
// Contract
//   - A SnapshotBuilder belongs to the thread that owns the Simulation: take() reads the
//     simulation through its public getters only, between steps, never during one.
//   - A Snapshot is immutable once take() returns it. Any thread may hold and read it, for as
//     long as it likes, without locks; hand it over through a mutex or an atomic shared_ptr.
//   - The daily history and the recent events are Series: append-only stores in fixed-size
//     chunks shared by every snapshot of one builder. Taking a snapshot costs the days and events
//     added since the previous one, never the whole history (the visualizer publishes every day).
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "peacesim/engine/simulation.hpp"

namespace peacesim::engine {

template <class T>
class SeriesWriter;

/// One immutable version of an append-only series (days, events). Entries are indexed from the
/// start of the run; a series that keeps only the latest entries starts at first() > 0. Copying
/// a Series copies a shared pointer and two sizes; the entries stay shared.
template <class T>
class Series {
  public:
    static constexpr std::size_t chunk_size = 64;

    std::size_t size() const noexcept { return size_; }    // entries ever appended
    std::size_t first() const noexcept { return first_; }  // the oldest entry held
    std::size_t count() const noexcept { return size_ - first_; }
    bool empty() const noexcept { return size_ == first_; }
    /// Entry i, for first() <= i < size().
    const T& operator[](std::size_t i) const noexcept {
        return (*spine_->slots[i / chunk_size - spine_->base])[i % chunk_size];
    }
    const T& back() const noexcept { return (*this)[size_ - 1]; }
    /// Where the chunk holding entry i lives (first() <= i < size()): equal in two versions
    /// that share it.
    const T* chunk_data(std::size_t i) const noexcept { return &(*this)[i - i % chunk_size]; }

    class const_iterator {
      public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T*;
        using reference = const T&;
        const_iterator() = default;
        const_iterator(const Series* s, std::size_t i) : s_(s), i_(i) {}
        const T& operator*() const noexcept { return (*s_)[i_]; }
        const T* operator->() const noexcept { return &(*s_)[i_]; }
        const_iterator& operator++() noexcept { return ++i_, *this; }
        const_iterator operator++(int) noexcept { return {s_, i_++}; }
        bool operator==(const const_iterator& o) const noexcept { return i_ == o.i_; }

      private:
        const Series* s_ = nullptr;
        std::size_t i_ = 0;
    };
    const_iterator begin() const noexcept { return {this, first_}; }
    const_iterator end() const noexcept { return {this, size_}; }

  private:
    friend class SeriesWriter<T>;
    using Chunk = std::vector<T>;  // chunk_size entries, allocated whole, never resized
    // Chunk pointers, from chunk `base` on; allocated whole and never resized. The writer fills
    // slots and entries past every published version's size, so what a version reads was written
    // before it was published and is never written again.
    struct Spine {
        std::size_t base = 0;
        std::vector<std::shared_ptr<Chunk>> slots;
    };
    std::shared_ptr<const Spine> spine_;
    std::size_t first_ = 0, size_ = 0;
};

/// Appends to one lineage of Series versions. Belongs to one thread (the simulation's).
template <class T>
class SeriesWriter {
  public:
    /// keep: how many of the latest entries the versions must hold; 0 keeps them all.
    explicit SeriesWriter(std::size_t keep = 0) : keep_(keep) {}
    /// Appends entries; costs their copies, plus a new spine of chunk pointers when the old
    /// one is full (amortised: its capacity doubles with the chunks held).
    void append(std::span<const T> entries);
    /// Continues at entry `to` without storing the ones before (a writer with `keep` when the
    /// source got ahead by more than the window): the versions hold nothing before `to`.
    void skip_to(std::size_t to);
    /// The series as it stands; later appends do not change it.
    Series<T> version() const noexcept { return current_; }
    std::size_t size() const noexcept { return current_.size_; }
    /// Entries copied into chunks so far (every entry once), for tests of the cost.
    std::size_t copied() const noexcept { return copied_; }

  private:
    using S = Series<T>;
    std::size_t keep_;
    std::shared_ptr<typename S::Spine> spine_;  // the writer's own, mutable view
    S current_;
    std::size_t copied_ = 0;
};

using History = Series<DayStats>;
using EventSeries = Series<Event>;

/// A copy of the small, changing parts of the state, and shared views of the growing ones.
struct Snapshot {
    int day = 0;         // days completed
    core::Date date;     // of the next day to run
    bool rainy = false;  // on the last day run
    std::vector<actors::Unit> units;
    std::vector<mission::Unit> mission_units;
    std::vector<actors::Party> parties;
    std::vector<std::uint32_t> control;   // per settlement: the party holding it
    std::vector<std::int64_t> residents;  // per settlement
    std::vector<float> tension;
    std::vector<std::uint8_t> protection_sites;
    std::vector<float> violence;
    /// Per cell; shared with the previous snapshot until engineers change a road.
    std::shared_ptr<const std::vector<world::Road>> roads;
    std::int64_t roads_version = 0;  // changes whenever engineers have changed a road
    History history;                 // every day run
    EventSeries events;  // the latest events (at least SnapshotBuilder::recent_events of them)
    scenario::Stage stage = scenario::Stage::Conflict;
    std::vector<scenario::Inject> injects;
    /// Empty unless the builder was asked for it (SnapshotBuilder::hash_state): the hash reads
    /// every person, 0.1 s a day at 10^7 people, where the rest of a snapshot costs what the
    /// day changed.
    std::string state_hash;
    std::vector<LoggedDecision> decisions;  // levers, orders, events fired: the decision log
    scenario::Scenario scenario;            // as it stands, with live changes and injects

    /// The k-th latest event held (0: the newest), for k < events.count().
    const Event& recent(std::size_t k) const noexcept { return events[events.size() - 1 - k]; }
    /// Name of an event side (Simulation::side_name) for the sides of the events held; else "".
    const std::string& side_name(std::uint32_t side) const noexcept;

    /// Side names by side id, filled as sides appear; shared until a new one does.
    std::shared_ptr<const std::vector<std::string>> side_names;
};

/// Takes successive snapshots of one simulation, each sharing the history with the last.
/// Use from the thread that steps the simulation, between steps.
class SnapshotBuilder {
  public:
    static constexpr std::size_t recent_events = 200;

    SnapshotBuilder();
    /// A snapshot of `sim` as it stands. Days and events added since the previous call are
    /// copied; if the simulation's history is shorter than the last one seen (another
    /// simulation), the builder starts over.
    std::shared_ptr<const Snapshot> take(const Simulation& sim);
    /// History entries copied so far over all calls, for tests of the cost.
    std::size_t days_copied() const noexcept { return days_.copied(); }
    /// Whether snapshots carry the state_hash (off by default: see Snapshot::state_hash).
    void hash_state(bool on) noexcept { hash_ = on; }

  private:
    bool hash_ = false;
    SeriesWriter<DayStats> days_;
    SeriesWriter<Event> events_;
    std::shared_ptr<const std::vector<world::Road>> roads_;
    std::int64_t roads_version_ = -1;
    std::shared_ptr<const std::vector<std::string>> side_names_;
};

/// Fog of war (docs/training.md): whether the mission's own sensors reach a cell: within
/// `ground_km` of a deployed ground unit, or `air_km` of a helicopter or an observer team.
bool mission_sees(const Snapshot& s, int x, int y, double cell_km, double ground_km = 10.0,
                  double air_km = 25.0);

/// A one-off snapshot (a builder used once, with the state_hash): copies the whole history.
std::shared_ptr<const Snapshot> take_snapshot(const Simulation& sim);

}  // namespace peacesim::engine
