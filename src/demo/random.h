#pragma once
// The demo's own pseudo-random numbers. std::uniform_*_distribution may give different
// numbers on different standard libraries, and the demo trust must be the same everywhere
// for the same seed, so everything random in src/demo/ comes from here.

#include <cstdint>
#include <span>

namespace trellis::demo {

// SplitMix64 (Steele, Lea and Flood, 2014): one 64-bit word of state, good enough
// statistically for fixtures, and fully specified, so its output is the same on every
// platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // A whole number from `low` to `high`, both included. The modulo bias is below 2^-50 for
  // the small ranges the demo uses.
  int Between(int low, int high) {
    const auto span = static_cast<uint64_t>(high - low) + 1;
    return low + static_cast<int>(Next() % span);
  }

  // True `percent` times in a hundred.
  bool Chance(int percent) { return Between(1, 100) <= percent; }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<size_t>(Between(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  uint64_t state_;
};

}  // namespace trellis::demo
