#include "model/iim/dynamics.hpp"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace outage {

Vector coupled_recovery_rates(const ModelInputs& inputs) {
  return (kLn100 /
          (inputs.recovery_hours.array() * (1.0 - inputs.interdependency.diagonal().array())))
      .matrix();
}

CoupledDynamics::CoupledDynamics(const Matrix& interdependency, const Vector& rates,
                                 const DenseLu& leontief)
    : m_size(rates.size()),
      m_interdependency(interdependency),
      m_rates(rates),
      m_leontief(leontief) {}

CoupledDynamics::~CoupledDynamics() = default;

Vector CoupledDynamics::propagate(double hours, const Vector& q) {
  if (m_size <= kKrylovFrom) return propagator(hours) * q;
  if (!m_krylov) {
    m_generator = -(m_rates.asDiagonal() * (Matrix::Identity(m_size, m_size) - m_interdependency));
    m_krylov = std::make_unique<KrylovPropagator>(m_generator);
  }
  return m_krylov->propagate(hours, q);
}

const Matrix& CoupledDynamics::propagator(double hours) {
  for (const auto& [length, matrix] : m_cache) {
    if (std::fabs(length - hours) <= 1e-12 * std::max(1.0, hours)) return matrix;
  }
  if (m_cache.size() >= 32) m_cache.clear();
  const Matrix generator =
      -(m_rates.asDiagonal() * (Matrix::Identity(m_size, m_size) - m_interdependency));
  m_cache.emplace_back(hours, Matrix((generator * hours).exp()));
  return m_cache.back().second;
}

Matrix CoupledDynamics::solve_generator(const Matrix& right) const {
  return -m_leontief.solve(Matrix(m_rates.cwiseInverse().asDiagonal() * right));
}

Vector CoupledDynamics::solve_generator(const Vector& right) const {
  return -m_leontief.solve(Matrix(m_rates.cwiseInverse().asDiagonal() * right));
}

Vector CoupledDynamics::periodic_tail(double t, const Vector& q, const WeightSchedule& schedule) {
  const Matrix identity = Matrix::Identity(m_size, m_size);
  Matrix week_integral = Matrix::Zero(m_size, m_size);
  Matrix prefix = identity;
  Vector weights(m_size);
  const double end = t + kHoursPerWeek;
  for (double s = t; s < end - kBoundaryToleranceHours;) {
    const double e = std::min(schedule.next_boundary(s), end);
    const Matrix& step = propagator(e - s);
    schedule.weights_at(0.5 * (s + e), weights);
    week_integral +=
        weights.asDiagonal() * Matrix(solve_generator(Matrix(step - identity)) * prefix);
    prefix = step * prefix;
    s = e;
  }
  const Vector start_of_weeks = (identity - prefix).partialPivLu().solve(q);
  return week_integral * start_of_weeks;
}

Vector IsolatedDynamics::periodic_tail(double t, const Vector& q,
                                       const WeightSchedule& schedule) const {
  const Eigen::Index n = m_rates.size();
  Eigen::ArrayXd week_integral = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd prefix = Eigen::ArrayXd::Ones(n);
  Vector weights(n);
  const double end = t + kHoursPerWeek;
  for (double s = t; s < end - kBoundaryToleranceHours;) {
    const double e = std::min(schedule.next_boundary(s), end);
    schedule.weights_at(0.5 * (s + e), weights);
    const Eigen::ArrayXd decay = (-m_rates.array() * (e - s)).exp();
    const Eigen::ArrayXd step_integral = (m_rates.array() * (e - s)).unaryExpr([](double x) {
      return -std::expm1(-x);
    }) / m_rates.array();
    week_integral += weights.array() * step_integral * prefix;
    prefix *= decay;
    s = e;
  }
  return (week_integral * q.array() / (1.0 - prefix)).matrix();
}

}  // namespace outage
