#include "model/sampling.hpp"

#include <Random123/philox.h>

#include <cmath>

namespace outage {
namespace {

constexpr double kTwoPi = 6.283185307179586;

}  // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t draw, std::uint32_t stream)
    : m_key{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)},
      m_counter{static_cast<std::uint32_t>(draw), static_cast<std::uint32_t>(draw >> 32), stream,
                0} {}

void RandomStream::refill() {
  using Philox = r123::Philox4x32;
  const Philox::ctr_type counter = {{m_counter[0], m_counter[1], m_counter[2], m_counter[3]}};
  const Philox::key_type key = {{m_key[0], m_key[1]}};
  const Philox::ctr_type block = Philox()(counter, key);
  for (int i = 0; i < 4; ++i) m_block[i] = block.v[i];
  ++m_counter[3];
  m_used = 0;
}

double RandomStream::uniform() {
  if (m_used > 2) refill();
  const std::uint64_t bits =
      ((static_cast<std::uint64_t>(m_block[m_used]) << 32) | m_block[m_used + 1]) >> 11;
  m_used += 2;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

double RandomStream::normal() {
  if (m_has_spare) {
    m_has_spare = false;
    return m_spare_normal;
  }
  const double radius = std::sqrt(-2.0 * std::log(uniform()));
  const double angle = kTwoPi * uniform();
  m_spare_normal = radius * std::sin(angle);
  m_has_spare = true;
  return radius * std::cos(angle);
}

double RandomStream::gamma(double shape) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = normal();
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double RandomStream::beta(double a, double b) {
  // Shape 1 on either side has a closed-form inverse CDF.
  if (a == 1.0) return 1.0 - std::pow(1.0 - uniform(), 1.0 / b);
  if (b == 1.0) return std::pow(uniform(), 1.0 / a);
  if (a < 1.0 || b < 1.0) {
    const double x = gamma_any(a);
    return x / (x + gamma_any(b));
  }
  const double sum = a + b;
  const double scale = std::sqrt((sum - 2.0) / (2.0 * a * b - sum));
  return beta_bb(a, b, scale, a + 1.0 / scale);
}

double RandomStream::beta_bb(double a, double b, double scale, double shift) {
  // Cheng (1978), algorithm BB, for a, b > 1.
  constexpr double kLog4 = 1.3862943611198906;
  constexpr double kOnePlusLog5 = 2.6094379124341003;
  const double sum = a + b;
  for (;;) {
    const double u1 = uniform();
    const double u2 = uniform();
    const double v = scale * std::log(u1 / (1.0 - u1));
    const double w = a * std::exp(v);
    const double z = u1 * u1 * u2;
    const double r = shift * v - kLog4;
    const double s = a + r - w;
    if (s + kOnePlusLog5 >= 5.0 * z) return w / (b + w);
    const double t = std::log(z);
    if (s > t || r + sum * std::log(sum / (b + w)) >= t) return w / (b + w);
  }
}

double RandomStream::gamma_any(double shape) {
  if (shape >= 1.0) return gamma(shape);
  // Gamma(shape) = Gamma(shape + 1) * U^(1 / shape) (Marsaglia & Tsang 2000).
  return gamma(shape + 1.0) * std::pow(uniform(), 1.0 / shape);
}

Sampler::Sampler(const Param& param) : m_param(param) {
  m_width = param.high - param.low;
  if (param.kind == DistributionKind::pert) {
    m_alpha = 1 + 4 * (param.mode - param.low) / m_width;
    m_beta = 1 + 4 * (param.high - param.mode) / m_width;
    const double sum = m_alpha + m_beta;
    if (m_alpha > 1 && m_beta > 1) {
      m_scale = std::sqrt((sum - 2.0) / (2.0 * m_alpha * m_beta - sum));
      m_shift = m_alpha + 1.0 / m_scale;
    }
  } else if (param.kind == DistributionKind::lognormal) {
    m_mu = param.lognormal_mu();
    m_sigma = param.lognormal_sigma();
  }
}

double Sampler::draw(RandomStream& stream) const {
  switch (m_param.kind) {
    case DistributionKind::fixed:
      return m_param.mode;
    case DistributionKind::uniform:
      return m_param.low + stream.uniform() * m_width;
    case DistributionKind::triangular:
      return m_param.quantile(stream.uniform());
    case DistributionKind::pert:
      if (m_scale > 0) {
        return m_param.low + m_width * stream.beta_bb(m_alpha, m_beta, m_scale, m_shift);
      }
      return m_param.low + m_width * stream.beta(m_alpha, m_beta);
    case DistributionKind::lognormal:
      return std::exp(m_mu + m_sigma * stream.normal());
  }
  return m_param.mode;
}

double draw_param(const Param& param, RandomStream& stream) {
  return Sampler(param).draw(stream);
}

}  // namespace outage
