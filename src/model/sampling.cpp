#include "model/sampling.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <stdexcept>

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

double RandomStream::beta(double a, double b) {
  // Shape 1 on either side has a closed-form inverse CDF.
  if (a == 1.0) return 1.0 - std::pow(1.0 - uniform(), 1.0 / b);
  if (b == 1.0) return std::pow(uniform(), 1.0 / a);
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

Sampler::Sampler(const Param& param, const Domain& domain)
    : m_param(param),
      m_domain(domain),
      m_truncated(param.is_uncertain() &&
                  (param.support_min() < domain.min || param.support_max() > domain.max)) {
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
  // Rounding in unit conversions may put a bound's draw a hair outside: that is the bound.
  constexpr double kSlack = 1e-12;
  constexpr int kMaxAttempts = 100000;  // check_inputs refuses > 50 % cut off
  if (!m_truncated) return draw_once(stream);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    const double value = draw_once(stream);
    if (m_domain.contains(value)) return value;
    const double snapped = m_domain.snap(value, kSlack);
    if (!std::isnan(snapped)) return snapped;
  }
  throw std::logic_error("a truncated distribution kept drawing outside its domain: " +
                         m_param.key);
}

void Sampler::prepare_quantiles() {
  if (m_param.kind == DistributionKind::pert) {
    m_beta_quantile = std::make_shared<const BetaQuantile>(m_alpha, m_beta);
  } else if (m_param.kind != DistributionKind::lognormal) {
    return;  // closed forms already
  }
  m_fast_quantiles = true;
  // As Param::truncated_quantile: the truncated distribution's CDF range.
  if (m_truncated) {
    m_below = m_param.support_min() < m_domain.min ? m_param.cdf(m_domain.min) : 0.0;
    m_upto = m_param.support_max() > m_domain.max ? m_param.cdf(m_domain.max) : 1.0;
  }
}

double Sampler::from_uniform(double probability) const {
  if (!m_fast_quantiles) return m_param.truncated_quantile(probability, m_domain);
  const double p = m_truncated ? m_below + probability * (m_upto - m_below) : probability;
  double value = 0;
  if (m_beta_quantile) {
    value = m_param.low + m_width * (*m_beta_quantile)(p);
  } else {
    // Boost's erfc_inv in double (its default promotes to long double: 10x slower).
    using DoublePolicy =
        boost::math::policies::policy<boost::math::policies::promote_double<false>>;
    const double z = -std::sqrt(2.0) * boost::math::erfc_inv(2 * p, DoublePolicy());
    value = std::exp(m_mu + m_sigma * z);
  }
  return m_truncated ? std::clamp(value, m_domain.min, m_domain.max) : value;
}

double Sampler::draw_once(RandomStream& stream) const {
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

}  // namespace outage
