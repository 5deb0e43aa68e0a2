// Reproducible random draws: draw j of parameter k reads its own counter-based stream
// (Philox4x32-10, Salmon et al. 2011) keyed by the seed, so results do not depend on thread
// count or order. The transforms to each distribution are our own code, not <random>'s.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>

#include "model/beta_quantile.hpp"
#include "model/distribution.hpp"

namespace outage {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream);

  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform();
  // Standard normal (Box-Muller on two uniforms).
  double normal();
  // Beta(a, b) for a, b >= 1 (all that beta-PERT needs): Cheng's algorithm BB (1978) for
  // a, b > 1, the inverse CDF when a or b is 1.
  double beta(double a, double b);
  // Cheng's BB with its constants precomputed (see BetaConstants).
  double beta_bb(double a, double b, double scale, double shift);

 private:
  void refill();

  std::uint32_t m_key[2];
  std::uint32_t m_counter[4];
  std::uint32_t m_block[4] = {0, 0, 0, 0};
  int m_used = 4;
  double m_spare_normal = 0;
  bool m_has_spare = false;
};

// A parameter prepared for many draws: its distribution's constants computed once. Draws are
// truncated to `domain`: a value outside it is drawn again from the same stream (so a
// distribution that stays inside its domain gives exactly the draws of version 1).
class Sampler {
 public:
  explicit Sampler(const Param& param, const Domain& domain = kWholeLine);
  // One value drawn from `stream` (a fixed parameter returns its value, using no bits).
  double draw(RandomStream& stream) const;
  // The value at cumulative probability `probability` of the truncated distribution (used
  // with correlated inputs, whose uniforms come from a copula). Beta-PERT and lognormal
  // quantiles are Boost's unless prepare_quantiles() was called (then within a few ulps of
  // Boost's, 100x faster).
  double from_uniform(double probability) const;
  // Builds the table that makes from_uniform fast (BetaQuantile for beta-PERT, about 1 ms).
  void prepare_quantiles();

  static constexpr Domain kWholeLine = {-INFINITY, INFINITY, false, false};

 private:
  double draw_once(RandomStream& stream) const;

  Param m_param;
  Domain m_domain;
  bool m_truncated = false;
  double m_width = 0;
  double m_alpha = 0, m_beta = 0, m_scale = 0, m_shift = 0;  // PERT as Beta(alpha, beta)
  double m_mu = 0, m_sigma = 0;                              // lognormal
  // With prepare_quantiles(): the quantile table (PERT), the truncation's CDF range.
  std::shared_ptr<const BetaQuantile> m_beta_quantile;
  bool m_fast_quantiles = false;
  double m_below = 0, m_upto = 1;
};

}  // namespace outage
