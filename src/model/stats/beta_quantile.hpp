// The inverse CDF of a Beta(a, b) distribution, a, b >= 1, by table: the CDF is
// tabulated exactly (Boost's ibeta) at nodes that crowd geometrically towards 0 and 1, and
// between two nodes it is a Taylor polynomial of degree kDegree around the left node (the
// density's binomial series: exact to rounding, since a cell is at most 1/16 of its distance
// to 0 and to 1). A quantile is then a table search and a few Newton steps on that
// polynomial, instead of Boost's long-double root finding (about 100x slower). Probabilities
// beyond the outermost nodes (x below 1e-7 or above 1 - 1e-7) use Boost's quantile.
#pragma once

#include <array>
#include <vector>

namespace outage {

class BetaQuantile {
 public:
  BetaQuantile(double a, double b);
  // x with I_x(a, b) = probability, for probability in [0, 1].
  double operator()(double probability) const;
  // x with 1 - I_x(a, b) = complement: the quantile at 1 - complement without rounding
  // 1 - complement.
  double complement(double complement) const;

  static constexpr int kDegree = 15;

 private:
  struct Cell {
    double x = 0;      // left node
    double width = 0;  // to the next node
    double u = 0;      // CDF at the left node (left half), or 1 - CDF (right half)
    double mass = 0;   // the CDF's increase over the cell
    std::array<double, kDegree> coefficients{};  // of t^1..t^D, x = node + width * t
  };
  double boost_quantile(double probability) const;
  double upper(double complement) const;  // cells right of 1/2, by the complement

  double m_a, m_b;
  double m_log_beta;  // ln B(a, b)
  std::vector<Cell> m_cells;
  double solve(const Cell& cell, double target) const;

  // Cells left of 1/2 are searched by the CDF at their left node (m_lower), those right of it
  // by the complement 1 - CDF (m_upper, descending), so that probabilities near 1 keep their
  // precision.
  std::size_t m_half = 0;  // the first cell right of 1/2
  std::vector<double> m_lower, m_upper;
  double m_half_cdf = 0, m_end_complement = 0;
};

}  // namespace outage
