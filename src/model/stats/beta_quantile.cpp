#include "model/stats/beta_quantile.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

namespace outage {
namespace {

// A cell spans at most this share of its left node's distance to 0 and to 1.
constexpr double kRatio = 0.0625;
// The table covers [kEdge, 1 - kEdge]; outside, Boost's quantile.
constexpr double kEdge = 1e-7;
constexpr int kMaxNewtonSteps = 12;
// Below this x the tail's leading term is the quantile to rounding (boost_quantile).
constexpr double kSeriesBelow = 1e-16;
// Newton converges quadratically: the error after a step of size h is about h^2 P''/(2 P'),
// and |P''/P'| <= about kRatio * (a + b) <= 0.4 in a cell, so once a step is below this the
// error is below 1e-19 of the cell (under an ulp of x).
constexpr double kConverged = 1e-9;

// The nodes: geometric towards 0 from 1/2, and towards 1 from 1/2.
std::vector<double> table_nodes() {
  std::vector<double> lower;
  for (double x = 0.5; x > kEdge; x /= 1.0 + kRatio) lower.push_back(x);
  std::reverse(lower.begin(), lower.end());
  std::vector<double> nodes = lower;
  for (double x = 0.5; 1.0 - x > kEdge;) {
    x = 1.0 - (1.0 - x) * (1.0 - kRatio);
    nodes.push_back(x);
  }
  return nodes;
}

// (p shape B(a, b))^(1 / shape): the leading term of a tail's quantile (pow is accurate to an
// ulp or so; exp of a logarithm near -700 would lose a dozen bits).
double tail_series(double probability, double shape, double log_beta) {
  const double product = probability * shape * std::exp(log_beta);
  if (product > 1e-300) return std::pow(product, 1.0 / shape);
  return std::exp((std::log(probability) + std::log(shape) + log_beta) / shape);
}

// Coefficients of (1 + s)^exponent = sum binom(exponent, m) s^m, m < count.
template <std::size_t N>
std::array<double, N> binomial_series(double exponent, double scale) {
  std::array<double, N> series{};
  series[0] = 1.0;
  for (std::size_t m = 1; m < N; ++m) {
    series[m] =
        series[m - 1] * (exponent - static_cast<double>(m - 1)) / static_cast<double>(m) * scale;
  }
  return series;
}

}  // namespace

BetaQuantile::BetaQuantile(double a, double b)
    : m_a(a), m_b(b), m_log_beta(std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b)) {
  const double log_beta = m_log_beta;
  const std::vector<double> nodes = table_nodes();
  std::vector<double> cdf(nodes.size());
  for (std::size_t k = 0; k < nodes.size(); ++k) {
    cdf[k] =
        nodes[k] < 0.5 ? boost::math::ibeta(a, b, nodes[k]) : boost::math::ibetac(a, b, nodes[k]);
  }
  for (std::size_t k = 0; k + 1 < nodes.size(); ++k) {
    Cell cell;
    cell.x = nodes[k];
    cell.width = nodes[k + 1] - nodes[k];
    const bool upper = cell.x >= 0.5;
    cell.u = cdf[k];
    if (!upper) {
      m_lower.push_back(cell.u);
      m_half = k + 1;
      m_half_cdf = nodes[k + 1] < 0.5 ? cdf[k + 1] : 1.0 - cdf[k + 1];
    } else {
      m_upper.push_back(cell.u);
    }
    // f(x + w t) = f(x) (1 + w t / x)^(a-1) (1 - w t / (1-x))^(b-1); F's increment is its
    // integral over t times w: coefficient m+1 is w f(x) g_m / (m + 1).
    const double density =
        std::exp((a - 1) * std::log(cell.x) + (b - 1) * std::log1p(-cell.x) - log_beta);
    const auto left = binomial_series<kDegree>(a - 1, cell.width / cell.x);
    const auto right = binomial_series<kDegree>(b - 1, -cell.width / (1.0 - cell.x));
    double mass = 0;
    for (std::size_t m = 0; m < kDegree; ++m) {
      double product = 0;
      for (std::size_t j = 0; j <= m; ++j) product += left[j] * right[m - j];
      cell.coefficients[m] = cell.width * density * product / static_cast<double>(m + 1);
      mass += cell.coefficients[m];
    }
    cell.mass = mass;
    m_cells.push_back(cell);
  }
  m_end_complement = cdf.back();
}

double BetaQuantile::boost_quantile(double probability) const {
  // Far in the tail I_x(a, b) = x^a / (a B(a, b)) (1 + O(x)): exact to rounding once x is
  // below 1e-16, where Boost's root finder may give up (an exception, or 0, near 1e-120 and
  // below; a copula's extreme normals reach there).
  const double series = tail_series(probability, m_a, m_log_beta);
  if (series < kSeriesBelow) return series;
  try {
    return boost::math::quantile(boost::math::beta_distribution<double>(m_a, m_b), probability);
  } catch (const boost::math::evaluation_error&) {
    return series;
  }
}

double BetaQuantile::operator()(double probability) const {
  if (probability < m_half_cdf) {
    if (!(probability >= m_lower.front())) return boost_quantile(probability);
    const auto found = std::upper_bound(m_lower.begin(), m_lower.end(), probability);
    const Cell& cell = m_cells[static_cast<std::size_t>(found - m_lower.begin()) - 1];
    return solve(cell, probability - cell.u);
  }
  return upper(1.0 - probability);
}

double BetaQuantile::complement(double complement) const {
  if (1.0 - complement < m_half_cdf) return (*this)(1.0 - complement);
  return upper(complement);
}

double BetaQuantile::upper(double complement) const {
  if (!(complement > m_end_complement)) {
    // As boost_quantile, mirrored: 1 - I_x(a, b) = (1 - x)^b / (b B(a, b)) (1 + O(1 - x)).
    const double series = tail_series(complement, m_b, m_log_beta);
    if (series < kSeriesBelow) return 1.0 - series;
    try {
      return boost::math::quantile(
          boost::math::complement(boost::math::beta_distribution<double>(m_a, m_b), complement));
    } catch (const boost::math::evaluation_error&) {
      return 1.0 - series;
    }
  }
  // m_upper descends: the last cell whose complement at its left node is >= complement.
  const auto found = std::lower_bound(m_upper.begin(), m_upper.end(), complement,
                                      [](double start, double value) { return start >= value; });
  const Cell& cell = m_cells[m_half + static_cast<std::size_t>(found - m_upper.begin()) - 1];
  return solve(cell, cell.u - complement);
}

double BetaQuantile::solve(const Cell& cell, double target) const {
  // First guess from P(t) ~ c1 t + c2 t^2, then Newton on the whole polynomial.
  const double c1 = cell.coefficients[0];
  const double c2 = cell.coefficients[1];
  const double discriminant = c1 * c1 + 4.0 * c2 * target;
  double t = discriminant > 0 ? 2.0 * target / (c1 + std::sqrt(discriminant)) : target / cell.mass;
  t = std::clamp(t, 0.0, 1.0);
  for (int step = 0; step < kMaxNewtonSteps; ++step) {
    // P(t) and P'(t) by Horner, P(t) = sum c_m t^(m+1).
    double value = 0;
    double slope = 0;
    for (int m = kDegree - 1; m >= 0; --m) {
      slope = slope * t + value;
      value = value * t + cell.coefficients[static_cast<std::size_t>(m)];
    }
    slope = slope * t + value;
    value *= t;
    const double change = (value - target) / slope;
    t = std::clamp(t - change, 0.0, 1.0);
    if (std::fabs(change) <= kConverged) break;
  }
  return cell.x + cell.width * t;
}

}  // namespace outage
