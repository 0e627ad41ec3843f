// SynthRandom: the random source of the synthetic returns. A small xoshiro256** generator seeded
// through SplitMix64, with integer-only helpers, so that the same seed gives the same bytes on
// every machine and compiler (std::uniform_int_distribution does not promise that). Each child
// gets its own generator from (seed, child index): a child's records do not depend on the
// children before it, so the file writers and the in-memory case data agree record for record.
#pragma once

#include <cstddef>
#include <cstdint>

namespace csip::bench {

class SynthRandom {
  public:
    SynthRandom(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
        for (auto& word : m_state) word = split_mix(state);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotate(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotate(m_state[3], 45);
        return result;
    }

    // A number in 0 .. n-1 (n > 0), by Lemire's multiply-and-shift; the bias is below 2^-32
    // for the small ranges used here, which a synthetic file does not notice.
    std::uint32_t below(std::uint32_t n) {
        const auto high = static_cast<std::uint32_t>(next() >> 32);
        return static_cast<std::uint32_t>((std::uint64_t{high} * n) >> 32);
    }

    // A number in lo .. hi, both included (lo <= hi).
    int between(int lo, int hi) {
        return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
    }

    // True with probability per_mille / 1000.
    bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

    // One of the items of a table.
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(static_cast<std::uint32_t>(N))];
    }

  private:
    static std::uint64_t rotate(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t split_mix(std::uint64_t& state) {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::uint64_t m_state[4] = {};
};

}  // namespace csip::bench
