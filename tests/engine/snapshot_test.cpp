// Snapshots for front ends: they hold exactly the simulation's history and latest events, and
// successive snapshots share what they have in common, so publishing costs only the new days.
#include "peacesim/engine/snapshot.hpp"

#include <catch2/catch.hpp>

#include "../support/runs.hpp"

using namespace peacesim;

namespace {
void check_same_history(const engine::History& h, const std::vector<engine::DayStats>& days) {
    REQUIRE(h.size() == days.size());
    REQUIRE(h.first() == 0);
    std::size_t i = 0;
    for (const auto& d : h) {
        INFO("day " << i);
        CHECK(d.day == days[i].day);
        CHECK(d.date.iso() == days[i].date.iso());
        CHECK(d.civilians_killed() == days[i].civilians_killed());
        CHECK(d.status == days[i].status);
        CHECK(d.mission.cash_musd == days[i].mission.cash_musd);
        CHECK(&h[i] == &d);
        ++i;
    }
    CHECK(i == days.size());
}
}  // namespace

TEST_CASE("a snapshot of a fresh simulation is empty but valid", "[engine][snapshot]") {
    engine::Simulation sim(test::small_scenario(), 1);
    const auto s = engine::take_snapshot(sim);
    REQUIRE(s);
    CHECK(s->day == 0);
    CHECK(s->history.empty());
    CHECK(s->history.begin() == s->history.end());
    CHECK(s->events.count() == 0);
    CHECK(s->side_name(0).empty());
    REQUIRE(s->roads);
    CHECK(s->roads->size() == sim.map().road.size());
    CHECK(s->residents.size() == sim.map().settlements.size());
    CHECK(s->state_hash == sim.state_hash());
}

TEST_CASE("successive snapshots hold the history and share its full chunks", "[engine][snapshot]") {
    constexpr std::size_t chunk = engine::History::chunk_size;
    engine::Simulation sim(test::small_scenario(), 2);
    engine::SnapshotBuilder builder;
    // Past two full chunks and into a third, publishing every few days as the visualizer does.
    engine::run_days(sim, int(2 * chunk + 5), 1);
    const auto a = builder.take(sim);
    check_same_history(a->history, sim.history());
    CHECK(builder.days_copied() == sim.history().size());

    engine::run_days(sim, 3, 1);
    const auto b = builder.take(sim);
    check_same_history(b->history, sim.history());
    // Publishing copied the three new days and nothing else ...
    CHECK(builder.days_copied() == sim.history().size());
    // ... the full chunks, and even the partial one, are the very same storage ...
    CHECK(a->history.chunk_data(0) == b->history.chunk_data(0));
    CHECK(a->history.chunk_data(chunk) == b->history.chunk_data(chunk));
    CHECK(a->history.chunk_data(2 * chunk) == b->history.chunk_data(2 * chunk));
    // ... and the older snapshot still reads as it did.
    CHECK(a->history.size() == 2 * chunk + 5);
    CHECK(a->history.back().day == b->history[2 * chunk + 4].day);

    // A publish without new days copies nothing; a snapshot of the same state is equal. The
    // state hash, a pass over every person, is there only when asked for.
    CHECK(b->state_hash.empty());
    builder.hash_state(true);
    const auto c = builder.take(sim);
    CHECK(builder.days_copied() == sim.history().size());
    CHECK(c->state_hash == sim.state_hash());
    CHECK(c->roads == b->roads);  // no road changed: the cells are shared too
}

TEST_CASE("a snapshot holds the latest events, newest first, with their sides named",
          "[engine][snapshot]") {
    // A busier war than the default, so that the run soon has more events than a window holds.
    engine::Simulation sim(test::small_scenario({{"conflict.operations_rate", "0.15"}}), 3);
    engine::SnapshotBuilder builder;
    engine::run_days(sim, 60, 1);
    auto s = builder.take(sim);
    const auto& ev = sim.events();
    REQUIRE(!ev.empty());
    const std::size_t kept = std::min(ev.size(), engine::SnapshotBuilder::recent_events);
    REQUIRE(s->events.count() == kept);
    CHECK(s->events.size() == ev.size());
    for (std::size_t k = 0; k < kept; ++k) {
        const auto& e = s->recent(k);
        CHECK(e.id == ev[ev.size() - 1 - k].id);
        CHECK(s->side_name(e.side_a) == sim.side_name(e.side_a));
    }
    // Later publishes keep the window once the run has more events than it holds.
    constexpr std::size_t window = engine::SnapshotBuilder::recent_events;
    while (sim.events().size() < window + 2 * engine::EventSeries::chunk_size && sim.day() < 600) {
        engine::run_days(sim, 20, 1);
        s = builder.take(sim);
        const auto& all = sim.events();
        REQUIRE(s->events.count() == std::min(all.size(), window));
        CHECK(s->recent(0).id == all.back().id);
        CHECK(s->recent(s->events.count() - 1).id == all[all.size() - s->events.count()].id);
    }
    REQUIRE(sim.events().size() > window);
    // A builder that first sees the run late skips the older events and holds the same window.
    const auto late = engine::SnapshotBuilder().take(sim);
    REQUIRE(late->events.count() == window);
    for (std::size_t k = 0; k < window; ++k) CHECK(late->recent(k).id == s->recent(k).id);
}
