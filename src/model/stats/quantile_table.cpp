#include "model/stats/quantile_table.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

namespace outage {
namespace {

constexpr double kPi = 3.141592653589793;
constexpr std::size_t kNodes = QuantileTable::kDegree + 1;

// Monomial coefficients of the Chebyshev series sum c_j T_j(t), by T_{j+1} = 2 t T_j - T_{j-1}.
std::array<double, kNodes> monomial(const std::array<double, kNodes>& chebyshev) {
  std::array<double, kNodes> result{};
  std::array<double, kNodes> previous{};  // T_{j-1}
  std::array<double, kNodes> current{};   // T_j
  current[0] = 1;
  for (std::size_t j = 0; j < kNodes; ++j) {
    for (std::size_t m = 0; m < kNodes; ++m) result[m] += chebyshev[j] * current[m];
    std::array<double, kNodes> next{};
    for (std::size_t m = 0; m < kNodes; ++m) {
      if (m > 0) next[m] += (j == 0 ? 1.0 : 2.0) * current[m - 1];
      next[m] -= previous[m];
    }
    previous = current;
    current = next;
  }
  return result;
}

}  // namespace

QuantileTable::QuantileTable(std::function<double(double)> lower,
                             std::function<double(double)> upper)
    : m_exact_lower(std::move(lower)),
      m_exact_upper(std::move(upper)),
      m_lower(build(m_exact_lower)),
      m_upper(build(m_exact_upper)) {}

QuantileTable::Half QuantileTable::build(const std::function<double(double)>& quantile) {
  std::array<double, kNodes> nodes{};
  const auto count = static_cast<double>(kNodes);
  for (std::size_t k = 0; k < kNodes; ++k) {
    nodes[k] = std::cos(kPi * (static_cast<double>(k) + 0.5) / count);
  }
  Half half(static_cast<std::size_t>(kOctaves * kCells));
  for (int octave = 0; octave < kOctaves; ++octave) {
    const double start = std::ldexp(1.0, -(octave + 2));
    const double width = start / kCells;
    for (int cell = 0; cell < kCells; ++cell) {
      const double left = start + cell * width;
      std::array<double, kNodes> values{};
      for (std::size_t k = 0; k < kNodes; ++k) {
        values[k] = quantile(left + width * 0.5 * (nodes[k] + 1));
      }
      // Chebyshev coefficients of the interpolant (discrete orthogonality at the nodes).
      std::array<double, kNodes> chebyshev{};
      for (std::size_t j = 0; j < kNodes; ++j) {
        double sum = 0;
        for (std::size_t k = 0; k < kNodes; ++k) {
          sum += values[k] *
                 std::cos(kPi * static_cast<double>(j) * (static_cast<double>(k) + 0.5) / count);
        }
        chebyshev[j] = (j == 0 ? 1.0 : 2.0) * sum / count;
      }
      half[static_cast<std::size_t>(octave * kCells + cell)].coefficients = monomial(chebyshev);
    }
  }
  return half;
}

const QuantileTable& normal_quantile_table() {
  // Boost's erfc_inv in double (its default promotes to long double: 10x slower).
  using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  // Probabilities are kept above 1e-300 (z = -37): erfc_inv(0) would be an overflow error.
  static const QuantileTable table(
      [](double p) {
        return -std::sqrt(2.0) * boost::math::erfc_inv(2 * std::max(p, 1e-300), DoublePolicy());
      },
      [](double v) {
        return std::sqrt(2.0) * boost::math::erfc_inv(2 * std::max(v, 1e-300), DoublePolicy());
      });
  return table;
}

}  // namespace outage
