#pragma once
// A 64-bit hash of the whole simulation state, for the determinism contract: the same scenario
// and seed must give the same hash for any thread count. Not cryptographic.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace peacesim::core {

class StateHasher {
  public:
    /// Hashes the bytes of trivially copyable values (floats by their bit pattern).
    template <class T>
    void add(const T& value) noexcept {
        static_assert(std::is_trivially_copyable_v<T>);
        add_bytes(&value, sizeof(T));
    }
    template <class T>
    void add(const std::vector<T>& values) noexcept {
        static_assert(std::is_trivially_copyable_v<T>);
        add(std::uint64_t(values.size()));
        add_bytes(values.data(), values.size() * sizeof(T));
    }
    void add(std::string_view text) noexcept {
        add(std::uint64_t(text.size()));
        add_bytes(text.data(), text.size());
    }
    void add_bytes(const void* data, std::size_t n) noexcept;

    std::uint64_t value() const noexcept;
    /// The value as 16 lowercase hex digits.
    std::string hex() const;

  private:
    std::uint64_t h_ = 0x9E3779B97F4A7C15ull;
    std::uint64_t n_ = 0;
};

}  // namespace peacesim::core
