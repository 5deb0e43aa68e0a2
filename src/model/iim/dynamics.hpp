// The recovery dynamics of docs/model.md (Lian & Haimes 2006): dq/dt = M q after the outage, exact
// on every interval of constant weights, for coupled segments and for segments alone (A* = 0).
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "model/iim/inoperability.hpp"
#include "model/iim/krylov.hpp"
#include "util/dense_lu.hpp"

namespace outage {

inline constexpr double kLn100 = 4.605170185988092;  // ln(100): decay to 1 % in tau
// Two times closer than this (hours, about 4 microseconds) are the same breakpoint.
inline constexpr double kBoundaryToleranceHours = 1e-9;

// k_i = ln(100) / (tau_i (1 - a*_ii)): decay to 1 % in tau_i for an isolated segment.
Vector coupled_recovery_rates(const ModelInputs& inputs);

// Recovery dynamics dq/dt = M q, M = -K (I - A*), for coupled segments. M^-1 = -(I - A*)^-1 K^-1
// reuses the factorisation of (I - A*) that the equilibrium needs, so no second n x n
// factorisation is made; exp(M h) is built only when a horizon or a profile needs it. Above
// kKrylovFrom segments, exp(M h) q is computed without exp(M h) (krylov.hpp): an n x n matrix
// exponential costs a dozen dense products, a recovery a few tens of matrix-vector products.
class CoupledDynamics {
 public:
  CoupledDynamics(const Matrix& interdependency, const Vector& rates, const DenseLu& leontief);
  ~CoupledDynamics();

  // exp(M h), cached by step length: a schedule has only a few distinct lengths.
  const Matrix& propagator(double hours);
  Vector propagate(double hours, const Vector& q);
  // The integral of q over a step from q0 to q1: M^-1 (q1 - q0).
  Vector integral(const Vector& q0, const Vector& q1) const {
    return solve_generator(Vector(q1 - q0));
  }
  // The integral of q from q0 to infinity: -M^-1 q0 = (K (I - A*))^-1 q0.
  Vector to_infinity(const Vector& q0) const { return -solve_generator(q0); }
  // The weighted integral from t to infinity when weights repeat every week: with L the
  // weighted integral operator over one week and P = exp(168 M), the sum over weeks is
  // L (I - P)^-1 q.
  Vector periodic_tail(double t, const Vector& q, const WeightSchedule& schedule);

 private:
  // M^-1 x = -(I - A*)^-1 K^-1 x, for a vector or a matrix x.
  Matrix solve_generator(const Matrix& right) const;
  Vector solve_generator(const Vector& right) const;

  Eigen::Index m_size;
  const Matrix& m_interdependency;
  Vector m_rates;
  const DenseLu& m_leontief;
  std::vector<std::pair<double, Matrix>> m_cache;
  Matrix m_generator;  // M, when the Krylov propagator needs it
  std::unique_ptr<KrylovPropagator> m_krylov;
};

inline constexpr Eigen::Index kKrylovFrom = 200;

// The same dynamics with A* = 0: every segment recovers alone, dq_i/dt = -k_i q_i.
class IsolatedDynamics {
 public:
  explicit IsolatedDynamics(const Vector& rates) : m_rates(rates) {}

  Vector propagate(double hours, const Vector& q) const {
    return (q.array() * (-m_rates.array() * hours).exp()).matrix();
  }
  Vector integral(const Vector& q0, const Vector& q1) const {
    return ((q0 - q1).array() / m_rates.array()).matrix();
  }
  Vector to_infinity(const Vector& q0) const { return (q0.array() / m_rates.array()).matrix(); }
  Vector periodic_tail(double t, const Vector& q, const WeightSchedule& schedule) const;

 private:
  Vector m_rates;
};

}  // namespace outage
