// Reproducible random draws: draw j of parameter k reads its own counter-based stream
// (Philox4x32-10, Salmon et al. 2011) keyed by the seed, so results do not depend on thread
// count or order. The transforms to each distribution are our own code, not <random>'s.
#pragma once

#include <Random123/philox.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "model/stats/distribution.hpp"
#include "model/stats/quantile_table.hpp"

namespace outage {

// 53 random bits as a uniform on the open interval (0, 1): (bits + 0.5) / 2^53.
inline double uniform_of_bits(std::uint64_t bits) {
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

// The first uniform of stream (seed, draw, stream): RandomStream(seed, draw, stream).uniform(),
// inline for loops over many draws.
inline double first_uniform(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream) {
  using Philox = r123::Philox4x32;
  const Philox::ctr_type counter = {
      {static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), stream, 0}};
  const Philox::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const Philox::ctr_type block = Philox()(counter, key);
  return uniform_of_bits(((static_cast<std::uint64_t>(block.v[0]) << 32) | block.v[1]) >> 11);
}

// first_uniform() of draws first, first + 1, ..., first + count - 1 into out[0, count): four
// draws at a time with AVX2 where the processor has it (the same integers, so the same bytes),
// else one at a time.
void first_uniforms(std::uint64_t seed, std::uint64_t first, std::uint32_t stream,
                    std::size_t count, double* out);

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream);

  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform();

 private:
  void refill();

  std::uint32_t m_key[2];
  std::uint32_t m_counter[4];
  std::uint32_t m_block[4] = {0, 0, 0, 0};
  int m_used = 4;
};

// A parameter prepared for many draws. Every draw is the inverse CDF of one uniform:
// uniform and triangular in closed form, beta-PERT and lognormal through a QuantileTable
// (the beta-PERT's built once per shape and shared; its cost: docs/performance.md). Draws are
// truncated to `domain` by drawing the uniform within the CDF's range over the domain: the
// distribution conditioned on the domain, with no draw wasted.
class Sampler {
 public:
  explicit Sampler(const Param& param, const Domain& domain = kWholeLine);
  // One value drawn from `stream`: the quantile of its next uniform (a fixed parameter
  // returns its value, using no bits).
  double draw(RandomStream& stream) const;
  // The value at cumulative probability `probability` of the truncated distribution.
  double from_uniform(double probability) const;
  // from_uniform() of each of `count` probabilities, in place (one loop per distribution: the
  // values are those of from_uniform, which calls this).
  void from_uniforms(double* values, std::size_t count) const;
  // The value at the standard normal `z`'s probability (correlated inputs, whose normals come
  // from a Gaussian copula): the same as from_uniform(Phi(z)), without losing the precision of
  // Phi(z) near 1.
  double from_normal(double z) const;

  static constexpr Domain kWholeLine = {-INFINITY, INFINITY, false, false};

 private:
  double inside(double value) const;  // rounding at a truncation bound: moved inside

  Param m_param;
  Domain m_domain;
  bool m_truncated = false;
  double m_width = 0;
  double m_mu = 0, m_sigma = 0;                  // lognormal
  std::shared_ptr<const QuantileTable> m_table;  // beta-PERT on [0, 1]
  double m_below = 0, m_upto = 1;                // the truncation's CDF range
};

}  // namespace outage
