// Snapshots of a running simulation for front ends (docs/visualizer.md): what the map and panels
// draw, published incrementally.
#include "peacesim/engine/snapshot.hpp"

#include <algorithm>

namespace peacesim::engine {

// ---------------------------------------------------------------------------------------------
// Series: entries go into the last chunk in place, past the size of every published version, so
// a version never sees an entry change. Only the spine (one pointer per chunk) is ever copied,
// when it is full, and then only the chunks still kept.
// ---------------------------------------------------------------------------------------------

template <class T>
void SeriesWriter<T>::append(std::span<const T> entries) {
    constexpr std::size_t n = S::chunk_size;
    for (const T& e : entries) {
        const std::size_t i = current_.size_;
        const std::size_t chunk = i / n;
        if (keep_ > 0 && i + 1 > keep_) current_.first_ = std::max(current_.first_, i + 1 - keep_);
        if (!spine_ || i % n == 0) {
            // A new chunk: make room for its pointer, dropping chunks no longer kept.
            if (!spine_ || chunk - spine_->base == spine_->slots.size()) {
                const std::size_t base = spine_ ? current_.first_ / n : chunk;
                auto next = std::make_shared<typename S::Spine>();
                next->base = base;
                next->slots.resize(std::max<std::size_t>(8, 2 * (chunk - base + 1)));
                for (std::size_t c = base; c < chunk; ++c)
                    next->slots[c - base] = spine_->slots[c - spine_->base];
                spine_ = std::move(next);
            }
            spine_->slots[chunk - spine_->base] = std::make_shared<typename S::Chunk>(n);
        }
        (*spine_->slots[chunk - spine_->base])[i % n] = e;
        ++copied_;
        current_.size_ = i + 1;
    }
    current_.spine_ = spine_;
}

template <class T>
void SeriesWriter<T>::skip_to(std::size_t to) {
    if (to <= current_.size_) return;
    spine_.reset();
    current_ = S{};
    current_.first_ = current_.size_ = to;
}

template class Series<DayStats>;
template class SeriesWriter<DayStats>;
template class Series<Event>;
template class SeriesWriter<Event>;

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

const std::string& Snapshot::side_name(std::uint32_t side) const noexcept {
    static const std::string none;
    return side_names && side < side_names->size() ? (*side_names)[side] : none;
}

SnapshotBuilder::SnapshotBuilder() : events_(recent_events) {}

std::shared_ptr<const Snapshot> SnapshotBuilder::take(const Simulation& sim) {
    const auto& history = sim.history();
    const auto& events = sim.events();
    if (history.size() < days_.size() || events.size() < events_.size()) *this = {};
    days_.append(std::span(history).subspan(days_.size()));
    // Events older than the window would never be read: skip them rather than copy them.
    if (events.size() > recent_events) events_.skip_to(events.size() - recent_events);
    const std::size_t new_events = events_.size();
    events_.append(std::span(events).subspan(new_events));

    auto s = std::make_shared<Snapshot>();
    s->day = sim.day();
    s->date = sim.date();
    s->rainy = history.empty() ? false : history.back().rainy;
    s->units = sim.units();
    s->mission_units = sim.mission_units();
    s->parties = sim.parties();
    s->control = sim.settlement_control();
    s->residents.resize(sim.map().settlements.size());
    for (std::size_t i = 0; i < s->residents.size(); ++i) s->residents[i] = sim.residents(i);
    s->tension = sim.tension();
    s->protection_sites = sim.protection_sites();
    s->violence = sim.violence_field();
    // Roads change only when engineers repair one: copy the map's cells only then.
    const std::int64_t version = sim.mission_totals().roads_repaired;
    if (!roads_ || version != roads_version_) {
        roads_ = std::make_shared<const std::vector<world::Road>>(sim.map().road);
        roads_version_ = version;
    }
    s->roads = roads_;
    s->roads_version = roads_version_;
    s->history = days_.version();
    s->events = events_.version();
    s->stage = sim.stage();
    if (hash_) s->state_hash = sim.state_hash();
    s->injects = sim.scenario().injects;
    s->decisions = sim.decision_log();
    s->scenario = sim.scenario();
    // Side names: copied only when an event brings a side not named yet.
    std::shared_ptr<std::vector<std::string>> names;
    for (std::size_t i = new_events; i < events.size(); ++i) {
        for (auto side : {events[i].side_a, events[i].side_b}) {
            const auto* known = names ? names.get() : side_names_.get();
            if (known && side < known->size() && !(*known)[side].empty()) continue;
            if (!names)
                names = side_names_ ? std::make_shared<std::vector<std::string>>(*side_names_)
                                    : std::make_shared<std::vector<std::string>>();
            if (names->size() <= side) names->resize(side + 1);
            (*names)[side] = sim.side_name(side);
        }
    }
    if (names) side_names_ = std::move(names);
    s->side_names = side_names_;
    return s;
}

bool mission_sees(const Snapshot& s, int x, int y, double cell_km, double ground_km,
                  double air_km) {
    for (const auto& u : s.mission_units) {
        if (!u.active()) continue;
        const bool far_sighted = u.kind == mission::UnitKind::Helicopter ||
                                 u.kind == mission::UnitKind::AttackHelicopter ||
                                 u.kind == mission::UnitKind::Observers;
        const double reach = (far_sighted ? air_km : ground_km) / cell_km;
        const double dx = u.x - x, dy = u.y - y;
        if (dx * dx + dy * dy <= reach * reach) return true;
    }
    return false;
}

std::shared_ptr<const Snapshot> take_snapshot(const Simulation& sim) {
    SnapshotBuilder builder;
    builder.hash_state(true);
    return builder.take(sim);
}

}  // namespace peacesim::engine
