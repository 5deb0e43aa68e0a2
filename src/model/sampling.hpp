// Reproducible random draws: draw j of parameter k reads its own counter-based stream
// (Philox4x32-10, Salmon et al. 2011) keyed by the seed, so results do not depend on thread
// count or order. The transforms to each distribution are our own code, not <random>'s.
#pragma once

#include <cstdint>

#include "model/distribution.hpp"

namespace outage {

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream);

  // Uniform on the open interval (0, 1), 53 random bits.
  double uniform();
  // Standard normal (Box-Muller on two uniforms).
  double normal();
  // Gamma(shape, 1) for shape >= 1 (Marsaglia & Tsang 2000).
  double gamma(double shape);
  // Gamma(shape, 1) for any shape > 0.
  double gamma_any(double shape);
  // Beta(a, b): Cheng's algorithm BB (1978) for a, b > 1, inverse CDF when a or b is 1.
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

// A parameter prepared for many draws: its distribution's constants computed once.
class Sampler {
 public:
  explicit Sampler(const Param& param);
  // One value drawn from `stream` (a fixed parameter returns its value, using no bits).
  double draw(RandomStream& stream) const;

 private:
  Param m_param;
  double m_width = 0;
  double m_alpha = 0, m_beta = 0, m_scale = 0, m_shift = 0;  // PERT as Beta(alpha, beta)
  double m_mu = 0, m_sigma = 0;                              // lognormal
};

// One value of `param` drawn from `stream` (a fixed param returns its value, using no bits).
double draw_param(const Param& param, RandomStream& stream);

}  // namespace outage
