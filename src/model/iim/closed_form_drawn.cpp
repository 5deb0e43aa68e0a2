// OutagePricer for outages whose recovery times and link shares are drawn per outage: exp(M t)
// as a sum of exponentials when the links form no cycle (see closed_form.hpp).
#include <algorithm>
#include <cmath>

#include "model/iim/closed_form.hpp"
#include "model/iim/model_kind.hpp"

namespace outage {
namespace {

constexpr double kLn100 = 4.605170185988092;
// Two recovery rates closer than this (relative) make Parlett's coefficients inexact.
constexpr double kMinimumRelativeGap = 1e-5;
// The profile's Laplace sum stops once exp(lambda k) is below this.
constexpr double kNegligible = 1e-18;
constexpr std::size_t kWeekHours = kHoursPerWeek;

// expm1(x), by exp(x) - 1 where that keeps its precision (|x| >= 1/2: the result is at least
// 0.39 in size, so the subtraction costs under an ulp); glibc's expm1 is several times slower
// than its exp, and a draw takes about twenty of them.
double exp_minus_one(double x) {
  return std::fabs(x) >= 0.5 ? std::exp(x) - 1.0 : std::expm1(x);
}

// Sets steps to exp(lambda) and steps_minus_one to expm1(lambda), entry by entry, with one exp
// per rate (exp - 1 where that keeps its precision, as exp_minus_one).
void rate_steps(const Vector& lambda, Vector& steps, Vector& steps_minus_one) {
  const Eigen::Index n = lambda.size();
  steps_minus_one.resize(n);
  steps.resize(n);
  for (Eigen::Index l = 0; l < n; ++l) {
    steps[l] = std::exp(lambda[l]);
    steps_minus_one[l] = std::fabs(lambda[l]) >= 0.5 ? steps[l] - 1.0 : std::expm1(lambda[l]);
  }
}

std::size_t week_hour(double hour) {
  const auto whole = static_cast<long long>(std::floor(hour));
  const long long week = kHoursPerWeek;
  return static_cast<std::size_t>(((whole % week) + week) % week);
}

}  // namespace

void OutagePricer::order_links(const ModelInputs& inputs) {
  const auto n = static_cast<std::size_t>(m_size);
  if (m_size > kMaxDrawnSegments || inputs.horizon_hours) return;
  const Matrix& links = inputs.interdependency;
  // Kahn's algorithm on "i depends on j" (self-links aside).
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i != j && links(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) != 0) {
        ++pending[i];
      }
    }
  }
  std::vector<Eigen::Index> order;
  std::vector<bool> placed(n, false);
  while (order.size() < n) {
    const std::size_t before = order.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (placed[i] || pending[i] != 0) continue;
      placed[i] = true;
      order.push_back(static_cast<Eigen::Index>(i));
      for (std::size_t k = 0; k < n; ++k) {
        if (k != i && links(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(i)) != 0) {
          --pending[k];
        }
      }
    }
    if (order.size() == before) return;  // a cycle
  }
  m_reaches.assign(n, std::vector<bool>(n, false));
  for (const Eigen::Index i : order) {  // dependencies first: their rows are complete
    const auto row = static_cast<std::size_t>(i);
    m_reaches[row][row] = true;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == row || links(i, static_cast<Eigen::Index>(j)) == 0) continue;
      for (std::size_t k = 0; k < n; ++k) {
        if (m_reaches[j][k]) m_reaches[row][k] = true;
      }
    }
  }
  m_order = std::move(order);
  m_reach_positions.assign(n, {});
  for (std::size_t p = 0; p < n; ++p) {
    for (std::size_t q = 0; q <= p; ++q) {
      if (m_reaches[static_cast<std::size_t>(m_order[p])][static_cast<std::size_t>(m_order[q])]) {
        m_reach_positions[p].push_back(static_cast<Eigen::Index>(q));
      }
    }
  }
}

double OutagePricer::profile_transform(Eigen::Index segment, double rate, double step,
                                       double step_minus_one, double local_hour) const {
  // S(lambda, x) = integral over t >= 0 of p(x + t) exp(lambda t) dt, lambda = rate < 0:
  // the rest of the first hour, then whole hours summed over the week and closed geometrically.
  const std::vector<double>* weights = m_profiles[static_cast<std::size_t>(segment)];
  if (!weights) return -1.0 / rate;
  const double hour = std::floor(local_hour);
  const double rest = 1.0 - (local_hour - hour);
  const std::size_t first = week_hour(hour);
  double power = 1.0;
  double sum = 0;
  std::size_t k = 0;
  std::size_t index = first + 1 == kWeekHours ? 0 : first + 1;  // (first + 1 + k) mod 168
  for (; k < kWeekHours; ++k) {
    sum += (*weights)[index] * power;
    power *= step;
    if (power < kNegligible) break;
    if (++index == kWeekHours) index = 0;
  }
  if (k == kWeekHours) sum /= 1.0 - power;
  const double whole_hours = sum * step_minus_one / rate;
  // exp(x) as 1 + expm1(x): one call; its absolute error (an ulp of 1) is relative to the
  // first term, which dominates when exp(x) is small.
  const double rest_minus_one = exp_minus_one(rate * rest);
  return (*weights)[first] * rest_minus_one / rate + (1.0 + rest_minus_one) * whole_hours;
}

bool OutagePricer::exponential_coefficients(const Vector& recovery, const Matrix& links,
                                            Vector& lambda,
                                            std::vector<Matrix>& coefficients) const {
  // Rates lambda_p and M's off-diagonal entries k_i a*_ij, in dependency order (positions).
  const Eigen::Index n = m_size;
  lambda.resize(n);
  for (Eigen::Index p = 0; p < n; ++p)
    lambda[p] = -kLn100 / recovery[m_order[static_cast<std::size_t>(p)]];
  const auto entry = [&](Eigen::Index p, Eigen::Index q) {  // M at positions p, q
    const Eigen::Index i = m_order[static_cast<std::size_t>(p)];
    const Eigen::Index j = m_order[static_cast<std::size_t>(q)];
    if (p == q) return lambda[p];
    return -kLn100 / (recovery[i] * (1.0 - links(i, i))) * -links(i, j);
  };
  const auto reaches = [&](Eigen::Index p, Eigen::Index q) {
    return m_reaches[static_cast<std::size_t>(m_order[static_cast<std::size_t>(p)])]
                    [static_cast<std::size_t>(m_order[static_cast<std::size_t>(q)])];
  };
  // Row p of exp(M t) = sum over l of coefficients(p, q, l) exp(lambda_l t): Parlett's recurrence
  // F_pq (T_qq - T_pp) = sum_{r=q}^{p-1} T_pr F_rq - sum_{r=q+1}^{p} F_pr T_rq, on coefficients.
  coefficients.resize(static_cast<std::size_t>(n));  // [p](q, l)
  Eigen::RowVectorXd value(n);
  // Only rows q that p reaches are set (the others are zero and never read: every use below
  // is guarded by reaches()).
  for (Eigen::Index p = 0; p < n; ++p) {
    Matrix& row = coefficients[static_cast<std::size_t>(p)];
    row.resize(n, n);
    const std::vector<Eigen::Index>& reached = m_reach_positions[static_cast<std::size_t>(p)];
    for (const Eigen::Index q : reached) row.row(q).setZero();
    row(p, p) = 1.0;
    for (auto it = reached.rbegin(); it != reached.rend(); ++it) {
      const Eigen::Index q = *it;
      if (q == p) continue;
      const double gap = lambda[q] - lambda[p];
      if (std::fabs(gap) <
          kMinimumRelativeGap * std::max(std::fabs(lambda[p]), std::fabs(lambda[q]))) {
        return false;
      }
      value.setZero(n);
      for (Eigen::Index r = q; r < p; ++r) {
        const double t = entry(p, r);
        if (t != 0 && reaches(r, q)) value += t * coefficients[static_cast<std::size_t>(r)].row(q);
      }
      for (Eigen::Index r = q + 1; r <= p; ++r) {
        const double t = entry(r, q);
        if (t != 0 && reaches(p, r)) value -= t * row.row(r);
      }
      row.row(q) = value / gap;
    }
  }
  return true;
}

bool OutagePricer::links_within_pattern(const Matrix& links) const {
  const Eigen::Index n = m_size;
  for (Eigen::Index i = 0; i < n; ++i) {  // a drawn link outside the known pattern
    for (Eigen::Index j = 0; j < n; ++j) {
      if (links(i, j) != 0 &&
          !m_reaches[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]) {
        return false;
      }
    }
  }
  return true;
}

void OutagePricer::solve_drawn_response(const Matrix& links, const Vector& dependency,
                                        Vector& response) const {
  // u = (I - A*)^-1 d by substitution in dependency order.
  const Eigen::Index n = m_size;
  response.resize(n);
  for (const Eigen::Index i : m_order) {
    double value = dependency[i];
    for (Eigen::Index j = 0; j < n; ++j) {
      if (j != i && links(i, j) != 0) value += links(i, j) * response[j];
    }
    response[i] = value / (1.0 - links(i, i));
  }
}

bool OutagePricer::integrate_drawn(double start_hour_of_week, double duration_hours,
                                   const Vector& recovery, const Matrix& links,
                                   const Vector& dependency, std::vector<Vector>& work,
                                   Vector& response, Vector& integral) const {
  if (m_order.empty() || !m_recovery) return false;
  if (!links_within_pattern(links)) return false;
  const Eigen::Index n = m_size;
  solve_drawn_response(links, dependency, response);
  const auto size = static_cast<std::size_t>(n);
  work.resize(std::max(work.size(), size + 3));
  Vector& lambda = work[size];
  // [p](q, l); kept by each thread from outage to outage (no allocation per draw).
  thread_local std::vector<Matrix> coefficients;
  if (!exponential_coefficients(recovery, links, lambda, coefficients)) return false;
  const double end = start_hour_of_week + duration_hours;
  // exp(lambda_l) and expm1(lambda_l), once per rate rather than once per segment and rate.
  Vector& steps = work[size + 1];
  Vector& steps_minus_one = work[size + 2];
  rate_steps(lambda, steps, steps_minus_one);
  integral.resize(n);
  for (Eigen::Index p = 0; p < n; ++p) {
    const Eigen::Index i = m_order[static_cast<std::size_t>(p)];
    const auto k = static_cast<std::size_t>(i);
    const double weight = m_profiles[k]
                              ? outage_weight(i, start_hour_of_week + m_offsets[k], duration_hours)
                              : duration_hours;
    double total = weight * response[i];
    const Matrix& row = coefficients[static_cast<std::size_t>(p)];
    // F_pq has terms in exp(lambda_l t) for l from q to p only, and only for q and l that p
    // reaches (the other coefficients are zero, or not set).
    const std::vector<Eigen::Index>& reached = m_reach_positions[static_cast<std::size_t>(p)];
    for (const Eigen::Index l : reached) {
      double amount = 0;
      for (const Eigen::Index q : reached) {
        if (q > l) break;
        amount += row(q, l) * response[m_order[static_cast<std::size_t>(q)]];
      }
      if (amount != 0) {
        total += amount *
                 profile_transform(i, lambda[l], steps[l], steps_minus_one[l], end + m_offsets[k]);
      }
    }
    integral[i] = total;
  }
  return true;
}

}  // namespace outage
