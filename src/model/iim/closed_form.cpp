#include "model/iim/closed_form.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

#include "model/iim/model_kind.hpp"
#include "util/dense_lu.hpp"

namespace outage {
namespace {

constexpr double kLn100 = 4.605170185988092;
// Grid steps per hour per unit of ||M||: the Taylor series then runs on ||M delta|| <= 1/8.
constexpr double kGridPerNorm = 8.0;
constexpr double kMaxGridBytes = 64.0 * (1 << 20);
constexpr int kMaxGridSteps = 4096;
// Two local hours whose fractional parts differ by less than this share a group.
constexpr double kFractionTolerance = 1e-12;

constexpr std::size_t kWeek = kHoursPerWeek;

std::size_t floor_mod_week(double hour) {
  const auto whole = static_cast<long long>(std::floor(hour));
  const long long week = kHoursPerWeek;
  return static_cast<std::size_t>(((whole % week) + week) % week);
}

}  // namespace

OutagePricer::OutagePricer(const ModelInputs& inputs)
    : m_size(inputs.recovery_hours.size()),
      m_profiles(inputs.profiles),
      m_offsets(inputs.profile_utc_offset_hours) {
  if (m_size > kMaxSegments) {
    m_exact = false;
    return;
  }
  const Matrix identity = Matrix::Identity(m_size, m_size);
  m_leontief_inverse = DenseLu(identity - inputs.interdependency).solve(identity);
  m_prefix.resize(static_cast<std::size_t>(m_size));
  m_isolated.resize(static_cast<std::size_t>(m_size));
  for (Eigen::Index i = 0; i < m_size; ++i) {
    const auto k = static_cast<std::size_t>(i);
    m_isolated[k] = inputs.interdependency.row(i).isZero(0.0);
    if (m_isolated[k]) {
      m_leontief_inverse.row(i).setZero();
      m_leontief_inverse(i, i) = 1.0;
    }
    if (!m_profiles[k]) continue;
    m_prefix[k].assign(kWeek + 1, 0.0);
    for (std::size_t h = 0; h < kWeek; ++h)
      m_prefix[k][h + 1] = m_prefix[k][h] + (*m_profiles[k])[h];
  }
  if (inputs.model == ModelKind::static_model) {
    m_counted_hours = inputs.horizon_hours;
    return;
  }
  if (inputs.horizon_hours) {  // the recovery would be cut at the horizon: not precomputed
    m_exact = false;
    return;
  }
  m_recovery = true;
  order_links(inputs);
  build_recovery(inputs);
}

void OutagePricer::clean_isolated_rows(Matrix& matrix, double hours) const {
  // exp(M t) restricted to an isolated segment's row is exp(-k_i t) e_i' exactly.
  for (Eigen::Index i = 0; i < m_size; ++i) {
    if (!m_isolated[static_cast<std::size_t>(i)]) continue;
    matrix.row(i).setZero();
    matrix(i, i) = std::exp(-m_rates[i] * hours);
  }
}

void OutagePricer::build_recovery(const ModelInputs& inputs) {
  const Matrix identity = Matrix::Identity(m_size, m_size);
  m_rates =
      (kLn100 / (inputs.recovery_hours.array() * (1.0 - inputs.interdependency.diagonal().array())))
          .matrix();
  m_generator = -(m_rates.asDiagonal() * (identity - inputs.interdependency));
  m_generator_inverse = -(m_leontief_inverse * m_rates.cwiseInverse().asDiagonal());
  for (Eigen::Index i = 0; i < m_size; ++i) {
    if (!m_isolated[static_cast<std::size_t>(i)]) continue;
    m_generator_inverse.row(i).setZero();
    m_generator_inverse(i, i) = -1.0 / m_rates[i];
  }
  m_flat_tail = -m_generator_inverse;
  bool any_profile = false;
  for (const auto* profile : m_profiles) any_profile |= profile != nullptr;
  if (!any_profile) return;

  const double norm = m_generator.cwiseAbs().rowwise().sum().maxCoeff();
  const int steps = std::max(8, static_cast<int>(std::ceil(kGridPerNorm * norm)));
  const double bytes = static_cast<double>(steps + 1) * static_cast<double>(m_size * m_size) * 8;
  if (steps > kMaxGridSteps || bytes > kMaxGridBytes) {
    m_exact = false;
    return;
  }
  m_grid_step = 1.0 / steps;
  const Matrix step = Matrix(m_generator * m_grid_step).exp();
  m_grid.assign(1, identity);
  for (int g = 1; g <= steps; ++g) {
    m_grid.push_back(m_grid.back() * step);
    clean_isolated_rows(m_grid.back(), g * m_grid_step);
  }
  m_grid.back() = Matrix(m_generator).exp();  // exp(M), not a product of steps
  clean_isolated_rows(m_grid.back(), 1.0);
  const Matrix& hour = m_grid.back();
  // B = M^-1 (exp(M) - I): the integral of exp(M t) over one hour.
  const Matrix hour_integral = m_generator_inverse * (hour - identity);
  Matrix week = identity;
  for (int h = 0; h < kHoursPerWeek; ++h) week = week * hour;
  const Eigen::PartialPivLU<Matrix> periodic((identity - week).transpose());

  m_tails.resize(static_cast<std::size_t>(m_size));
  for (Eigen::Index i = 0; i < m_size; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (!m_profiles[k]) continue;
    build_tails(i, hour, hour_integral, periodic);
    const double offset = m_offsets[k];
    const double fraction = offset - std::floor(offset);
    auto group = std::find_if(m_groups.begin(), m_groups.end(), [&](const Group& candidate) {
      return std::fabs(candidate.fraction - fraction) < kFractionTolerance;
    });
    if (group == m_groups.end()) group = m_groups.insert(m_groups.end(), Group{fraction, {}});
    group->segments.push_back(i);
  }
}

void OutagePricer::build_tails(Eigen::Index i, const Matrix& hour, const Matrix& hour_integral,
                               const Eigen::PartialPivLU<Matrix>& periodic) {
  const auto k = static_cast<std::size_t>(i);
  const std::vector<double>& weights = *m_profiles[k];
  // T(0) = sum_h p(h) e_i' B exp(M h) (I - exp(168 M))^-1, then T(H) = p(H) e_i' B + T(H+1)
  // exp(M).
  Eigen::RowVectorXd row = hour_integral.row(i);
  Eigen::RowVectorXd sum = Eigen::RowVectorXd::Zero(m_size);
  for (std::size_t h = 0; h < kWeek; ++h) {
    sum += weights[h] * row;
    row = row * hour;
  }
  auto& tails = m_tails[k];
  tails.resize(kHoursPerWeek, m_size);
  tails.row(0) = periodic.solve(sum.transpose()).transpose();
  for (std::size_t h = kWeek - 1; h >= 1; --h) {
    const std::size_t next = (h + 1) % kWeek;
    tails.row(static_cast<Eigen::Index>(h)) =
        weights[h] * hour_integral.row(i) + tails.row(static_cast<Eigen::Index>(next)) * hour;
  }
  if (m_isolated[k]) {
    const Vector own = tails.col(i);
    tails.setZero();
    tails.col(i) = own;
  }
}

void OutagePricer::unit_response(const Vector& dependency, Vector& response) const {
  response.noalias() = m_leontief_inverse * dependency;
}

double OutagePricer::outage_weight(Eigen::Index segment, double from_hour, double hours) const {
  const auto k = static_cast<std::size_t>(segment);
  const std::vector<double>& weights = *m_profiles[k];
  const std::vector<double>& prefix = m_prefix[k];
  const double to_hour = from_hour + hours;
  const double first = std::floor(from_hour);
  if (std::floor(to_hour) == first) return weights[floor_mod_week(first)] * hours;
  // The cumulative weight F(x) from local hour 0 of week 0.
  const auto cumulative = [&](double hour) {
    const double weeks = std::floor(hour / kHoursPerWeek);
    const double within = hour - weeks * kHoursPerWeek;
    const std::size_t index = std::min(static_cast<std::size_t>(within), kWeek - 1);
    return weeks * prefix[kWeek] + prefix[index] +
           weights[index] * (within - static_cast<double>(index));
  };
  return cumulative(to_hour) - cumulative(from_hour);
}

void OutagePricer::propagate(double hours, const Vector& response, Vector& result, Vector& term,
                             Vector& product) const {
  const int steps = static_cast<int>(m_grid.size()) - 1;
  const int g = std::min(steps, static_cast<int>(hours / m_grid_step));
  const double delta = hours - g * m_grid_step;
  // exp(M delta) u by its Taylor series (||M delta|| <= 1/8), then the grid's exp(M g / G).
  product = response;
  if (delta > 0) {
    term = response;
    for (int order = 1; order < 60; ++order) {
      result.noalias() = m_generator * term;
      term = (delta / order) * result;
      product += term;
      if (term.lpNorm<1>() <= 1e-18 * product.lpNorm<1>()) break;
    }
  }
  result.noalias() = m_grid[static_cast<std::size_t>(g)] * product;
}

void OutagePricer::integrate(double start_hour_of_week, double duration_hours,
                             const Vector& response, std::vector<Vector>& work,
                             Vector& integral) const {
  integrate_outage(start_hour_of_week, duration_hours, response, integral);
  if (!m_recovery) return;
  for (Eigen::Index i = 0; i < m_size; ++i) {
    if (!m_profiles[static_cast<std::size_t>(i)]) integral[i] += m_flat_tail.row(i).dot(response);
  }
  if (m_groups.empty()) return;
  integrate_groups(start_hour_of_week + duration_hours, response, false, work, integral);
}

void OutagePricer::integrate_outage(double start_hour_of_week, double duration_hours,
                                    const Vector& response, Vector& integral) const {
  const double counted =
      m_counted_hours ? std::min(duration_hours, *m_counted_hours) : duration_hours;
  integral.resize(m_size);
  for (Eigen::Index i = 0; i < m_size; ++i) {
    const auto k = static_cast<std::size_t>(i);
    const double weight =
        m_profiles[k] ? outage_weight(i, start_hour_of_week + m_offsets[k], counted) : counted;
    integral[i] = weight * response[i];
  }
}

void OutagePricer::fix_response(const Vector& response) {
  m_fixed_response = response;
  m_response_table.resize(0, 0);
  if (!m_recovery) return;
  m_fixed_flat_tail = Vector::Zero(m_size);
  for (Eigen::Index i = 0; i < m_size; ++i) {
    if (!m_profiles[static_cast<std::size_t>(i)])
      m_fixed_flat_tail[i] = m_flat_tail.row(i).dot(response);
  }
  if (m_groups.empty()) return;
  const double norm = m_generator.cwiseAbs().rowwise().sum().maxCoeff();
  // Whole seconds (3,600 an hour, or a multiple: ||M delta|| <= 1/128 between columns), so
  // that a log's second-resolution times fall on columns and need no series.
  const int steps = 3600 * std::max(1, static_cast<int>(std::ceil(64.0 * norm / 3600.0)));
  if (static_cast<double>(steps) * static_cast<double>(m_size) * 8 > kMaxGridBytes) return;
  m_response_step = 1.0 / steps;
  m_response_table.resize(m_size, steps + 1);
  Vector result, term, product;
  for (int g = 0; g <= steps; ++g) {
    propagate(g * m_response_step, response, result, term, product);
    m_response_table.col(g) = result;
  }
}

int OutagePricer::response_column(double hours) const {
  // The nearest column: a log's whole seconds fall on columns, up to rounding (the column
  // below left almost a whole step to the series, 8 terms).
  const int steps = static_cast<int>(m_response_table.cols()) - 1;
  return std::clamp(static_cast<int>(std::lround(hours / m_response_step)), 0, steps);
}

void OutagePricer::propagate_fixed(double hours, Vector& result, Vector& term, Vector& next) const {
  const int g = response_column(hours);
  const double delta = hours - g * m_response_step;
  // exp(M delta) v = v + delta M v + ... with v from the table (|delta| <= half a step, so
  // ||M delta|| <= 1/128; a negative delta is as good).
  result = m_response_table.col(g);
  if (delta == 0) return;
  Vector& power = term;
  power = result;
  for (int order = 1; order < 40; ++order) {
    next.noalias() = m_generator * power;
    power = (delta / order) * next;
    result += power;
    if (power.lpNorm<1>() <= 1e-18 * result.lpNorm<1>()) break;
  }
}

void OutagePricer::integrate_fixed(double start_hour_of_week, double duration_hours,
                                   std::vector<Vector>& work, Vector& integral) const {
  if (m_response_table.size() == 0 && !m_groups.empty()) {
    integrate(start_hour_of_week, duration_hours, m_fixed_response, work, integral);
    return;
  }
  integrate_outage(start_hour_of_week, duration_hours, m_fixed_response, integral);
  if (!m_recovery) return;
  integral += m_fixed_flat_tail;
  if (m_groups.empty()) return;
  integrate_groups(start_hour_of_week + duration_hours, m_fixed_response, true, work, integral);
}

OutagePricer::GroupEnd OutagePricer::group_end(const Group& group, double end) const {
  const double local_end = end + m_offsets[static_cast<std::size_t>(group.segments.front())];
  const double hour = std::floor(local_end);
  // The rest of the hour in which recovery starts, then whole hours from T.
  return GroupEnd{hour, 1.0 - (local_end - hour)};
}

std::size_t OutagePricer::start_hour(const Group& group, const GroupEnd& at, Eigen::Index i) const {
  const double first_offset = m_offsets[static_cast<std::size_t>(group.segments.front())];
  const double shift = std::round(m_offsets[static_cast<std::size_t>(i)] - first_offset);
  return floor_mod_week(at.hour + shift);
}

void OutagePricer::integrate_groups(double end, const Vector& response, bool fixed,
                                    std::vector<Vector>& work, Vector& integral) const {
  work.resize(4);
  Vector& after = work[0];
  Vector& term = work[1];
  Vector& product = work[2];
  Vector& change = work[3];
  for (const Group& group : m_groups) {
    const GroupEnd at = group_end(group, end);
    if (fixed) {
      propagate_fixed(at.rest, after, term, product);
    } else {
      propagate(at.rest, response, after, term, product);
    }
    change = after - response;
    for (const Eigen::Index i : group.segments) {
      const auto k = static_cast<std::size_t>(i);
      const std::size_t hour = start_hour(group, at, i);
      const auto next_hour = static_cast<Eigen::Index>((hour + 1) % kWeek);
      integral[i] += (*m_profiles[k])[hour] * m_generator_inverse.row(i).dot(change) +
                     m_tails[k].row(next_hour).dot(after);
    }
  }
}

void OutagePricer::prefetch_fixed(double start_hour_of_week, double duration_hours) const {
  // Unchecked incidents come here: only ends a valid one can have (floor_mod_week needs
  // hours that fit a long long).
  const double end = start_hour_of_week + duration_hours;
  if (m_response_table.size() == 0 || !m_recovery || !(std::fabs(end) < 1e15)) return;
  // A column or a row of m_size doubles may straddle two cache lines: its first and last.
  const auto fetch = [this](const double* first) {
    __builtin_prefetch(first);
    __builtin_prefetch(first + m_size - 1);
  };
  for (const Group& group : m_groups) {
    const GroupEnd at = group_end(group, end);
    fetch(m_response_table.col(response_column(at.rest)).data());
    for (const Eigen::Index i : group.segments) {
      const auto next_hour = static_cast<Eigen::Index>((start_hour(group, at, i) + 1) % kWeek);
      fetch(m_tails[static_cast<std::size_t>(i)].row(next_hour).data());
    }
  }
}

}  // namespace outage
