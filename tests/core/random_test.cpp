#include "peacesim/core/random.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "peacesim/core/hash.hpp"

using peacesim::core::Purpose;
using peacesim::core::StateHasher;
using peacesim::core::Stream;

TEST_CASE("a stream is a pure function of its key", "[core][random]") {
    Stream a(42, 7, 1234, Purpose::CivilianFlee), b(42, 7, 1234, Purpose::CivilianFlee);
    for (int i = 0; i < 100; ++i) REQUIRE(a.next_u32() == b.next_u32());
}

TEST_CASE("every part of the key changes the numbers", "[core][random]") {
    const auto first = [](Stream s) { return s.next_u32(); };
    const auto base = first(Stream(42, 7, 1234, Purpose::CivilianFlee));
    CHECK(first(Stream(43, 7, 1234, Purpose::CivilianFlee)) != base);
    CHECK(first(Stream(42, 8, 1234, Purpose::CivilianFlee)) != base);
    CHECK(first(Stream(42, 7, 1235, Purpose::CivilianFlee)) != base);
    CHECK(first(Stream(42, 7, 1234, Purpose::CivilianReturn)) != base);
    CHECK(first(Stream(42ull | (1ull << 40), 7, 1234, Purpose::CivilianFlee)) != base);
}

TEST_CASE("uniform draws across entities are uniform and uncorrelated", "[core][random]") {
    // One draw per entity, as the model uses them: mean 1/2, variance 1/12, lag-1 correlation 0.
    const int n = 200000;
    double sum = 0, sq = 0, lag = 0, prev = 0;
    for (int i = 0; i < n; ++i) {
        const double u = Stream(1, 3, std::uint32_t(i), Purpose::CivilianDie).uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        sum += u, sq += u * u, lag += (u - 0.5) * (prev - 0.5), prev = u;
    }
    const double mean = sum / n, var = sq / n - mean * mean;
    CHECK(mean == Approx(0.5).margin(4 * std::sqrt(1.0 / 12 / n)));
    CHECK(var == Approx(1.0 / 12).margin(0.002));
    CHECK(lag / n == Approx(0.0).margin(4.0 / 12 / std::sqrt(double(n))));
}

TEST_CASE("below, bernoulli and poisson have the right ranges and means", "[core][random]") {
    Stream s(9, 0, 0, Purpose::Battle);
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 10000; ++i) {
        const auto v = s.below(7);
        REQUIRE(v < 7);
        seen.insert(v);
    }
    CHECK(seen.size() == 7);
    int hits = 0;
    double psum = 0, big = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        Stream r(9, 1, std::uint32_t(i), Purpose::Battle);
        hits += r.bernoulli(0.3);
        psum += r.poisson(3.5);
        big += r.poisson(200.0);
    }
    CHECK(double(hits) / n == Approx(0.3).margin(0.015));
    CHECK(psum / n == Approx(3.5).margin(0.08));
    CHECK(big / n == Approx(200.0).margin(1.0));
}

TEST_CASE("the state hasher sees every byte and its order", "[core][hash]") {
    StateHasher a, b, c;
    a.add(std::uint32_t(1)), a.add(std::uint32_t(2));
    b.add(std::uint32_t(2)), b.add(std::uint32_t(1));
    c.add(std::uint32_t(1)), c.add(std::uint32_t(2));
    CHECK(a.value() != b.value());
    CHECK(a.value() == c.value());
    CHECK(a.hex().size() == 16);
    StateHasher d, e;
    d.add(std::vector<float>{1.0f, 2.0f});
    e.add(std::vector<float>{1.0f, 2.0000002f});
    CHECK(d.value() != e.value());
}
