// The state hasher (docs/architecture.md, "Determinism").
#include "peacesim/core/hash.hpp"

#include <fmt/format.h>

namespace peacesim::core {
namespace {
// The finaliser of MurmurHash3 / SplitMix64: a bijection with full avalanche.
std::uint64_t mix(std::uint64_t x) noexcept {
    x ^= x >> 33;
    x *= 0xFF51AFD7ED558CCDull;
    x ^= x >> 33;
    x *= 0xC4CEB9FE1A85EC53ull;
    x ^= x >> 33;
    return x;
}
}  // namespace

void StateHasher::add_bytes(const void* data, std::size_t n) noexcept {
    const auto* p = static_cast<const unsigned char*>(data);
    std::size_t i = 0;
    // Word at a time: the state of five million civilians is hashed in a fraction of a second.
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        h_ = mix(h_ ^ w) + 0x9E3779B97F4A7C15ull;
    }
    std::uint64_t tail = 0;
    if (n > i) std::memcpy(&tail, p + i, n - i);  // an empty vector's data() may be null
    h_ = mix(h_ ^ tail ^ (std::uint64_t(n - i) << 56));
    n_ += n;
}

std::uint64_t StateHasher::value() const noexcept { return mix(h_ ^ n_); }

std::string StateHasher::hex() const { return fmt::format("{:016x}", value()); }

}  // namespace peacesim::core
