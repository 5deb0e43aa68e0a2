#include "model/inoperability.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <optional>
#include <unsupported/Eigen/MatrixFunctions>

#include "model/buildup.hpp"
#include "util/dense_lu.hpp"

namespace outage {
namespace {

constexpr double kLn100 = 4.605170185988092;  // ln(100): decay to 1 % in tau
// Two times closer than this (hours, about 4 microseconds) are the same breakpoint.
constexpr double kBoundaryToleranceHours = 1e-9;
// model.md: with profiles, the recovery may be stopped once what is left is below 1e-9.
constexpr double kTailTolerance = 1e-9;
// With profiles, after this many weeks of recovery the rest is summed in closed form.
constexpr double kHoursBeforePeriodicTail = 4.0 * kHoursPerWeek;

// Recovery dynamics dq/dt = M q, M = -K (I - A*), for coupled segments (Lian & Haimes 2006).
// M^-1 = -(I - A*)^-1 K^-1 reuses the factorisation of (I - A*) that the equilibrium needs, so
// no second n x n factorisation is made; exp(M h) is built only when a horizon or a profile
// needs it.
class CoupledDynamics {
 public:
  CoupledDynamics(const Matrix& interdependency, const Vector& rates, const DenseLu& leontief)
      : m_size(rates.size()),
        m_interdependency(interdependency),
        m_rates(rates),
        m_leontief(leontief) {}

  // exp(M h), cached by step length: a schedule has only a few distinct lengths.
  const Matrix& propagator(double hours) {
    for (const auto& [length, matrix] : m_cache) {
      if (std::fabs(length - hours) <= 1e-12 * std::max(1.0, hours)) return matrix;
    }
    if (m_cache.size() >= 32) m_cache.clear();
    const Matrix generator =
        -(m_rates.asDiagonal() * (Matrix::Identity(m_size, m_size) - m_interdependency));
    m_cache.emplace_back(hours, Matrix((generator * hours).exp()));
    return m_cache.back().second;
  }
  Vector propagate(double hours, const Vector& q) { return propagator(hours) * q; }
  // The integral of q over a step from q0 to q1: M^-1 (q1 - q0).
  Vector integral(const Vector& q0, const Vector& q1) const { return solve_generator(q1 - q0); }
  // The integral of q from q0 to infinity: -M^-1 q0 = (K (I - A*))^-1 q0.
  Vector to_infinity(const Vector& q0) const { return -solve_generator(q0); }

  // The weighted integral from t to infinity when weights repeat every week: with L the
  // weighted integral operator over one week and P = exp(168 M), the sum over weeks is
  // L (I - P)^-1 q.
  Vector periodic_tail(double t, const Vector& q, const WeightSchedule& schedule) {
    const Matrix identity = Matrix::Identity(m_size, m_size);
    Matrix week_integral = Matrix::Zero(m_size, m_size);
    Matrix prefix = identity;
    Vector weights(m_size);
    const double end = t + kHoursPerWeek;
    for (double s = t; s < end - kBoundaryToleranceHours;) {
      const double e = std::min(schedule.next_boundary(s), end);
      const Matrix& step = propagator(e - s);
      schedule.weights_at(0.5 * (s + e), weights);
      week_integral += weights.asDiagonal() * Matrix(solve_generator(step - identity) * prefix);
      prefix = step * prefix;
      s = e;
    }
    const Vector start_of_weeks = (identity - prefix).partialPivLu().solve(q);
    return week_integral * start_of_weeks;
  }

 private:
  // M^-1 x = -(I - A*)^-1 K^-1 x, for a vector or a matrix x.
  template <class Right>
  Matrix solve_generator(const Right& right) const {
    return -m_leontief.solve(Matrix(m_rates.cwiseInverse().asDiagonal() * right));
  }

  Eigen::Index m_size;
  const Matrix& m_interdependency;
  Vector m_rates;
  const DenseLu& m_leontief;
  std::vector<std::pair<double, Matrix>> m_cache;
};

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
  Vector periodic_tail(double t, const Vector& q, const WeightSchedule& schedule) const {
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

 private:
  Vector m_rates;
};

// k_i = ln(100) / (tau_i (1 - a*_ii)): decay to 1 % in tau_i for an isolated segment.
Vector coupled_recovery_rates(const ModelInputs& inputs) {
  return (kLn100 /
          (inputs.recovery_hours.array() * (1.0 - inputs.interdependency.diagonal().array())))
      .matrix();
}

// Severity in force just before `t` (the phase that covers (t - 0)).
double severity_before(const ModelInputs& inputs, double t) {
  double severity = 0;
  for (const auto& [start, value] : inputs.phases) {
    if (start < t) severity = value;
  }
  return severity;
}

// One phase of the outage with gradual build-up: exact on each interval of constant weights.
void integrate_buildup(const WeightSchedule& schedule, double severity, double begin, double end,
                       const Vector& direction, const Vector& equilibrium, BuildupDynamics& buildup,
                       Vector& state, Vector& total, Vector* peak) {
  Vector weights(direction.size());
  const auto track_peak = [&]() {
    if (peak) *peak = peak->cwiseMax(buildup.inoperability(severity, direction, state));
  };
  track_peak();  // the direct part jumps at the phase's start
  for (double t = begin; t < end;) {
    const double e = std::min(schedule.next_boundary(t), end);
    const Vector integral = buildup.advance(severity, direction, equilibrium, e - t, state);
    if (schedule.is_flat()) {
      total += integral;
    } else {
      schedule.weights_at(0.5 * (t + e), weights);
      total += weights.cwiseProduct(integral);
    }
    track_peak();
    t = e;
  }
}

// The integral over the counted window of p_i(t) q_i(t), where q = severity(t) * unit_response
// during the outage and follows `dynamics` after it (model.md, "Losses").
// With `buildup` (version 2), the part of q that arrives through the links builds up during the
// outage instead (buildup.hpp): `direction` is the shock per unit severity (d, or e_j), and the
// largest q seen at the breakpoints is kept in `peak` when given.
template <class Dynamics>
Vector integrate_inoperability(const ModelInputs& inputs, const WeightSchedule& schedule,
                               const Vector& unit_response, Dynamics& dynamics,
                               BuildupDynamics* buildup = nullptr,
                               const Vector* direction = nullptr, Vector* peak = nullptr) {
  const Eigen::Index n = unit_response.size();
  Vector total = Vector::Zero(n);
  Vector weights(n);
  const double outage_end = inputs.horizon_hours
                                ? std::min(inputs.duration_hours, *inputs.horizon_hours)
                                : inputs.duration_hours;
  Vector state = buildup ? buildup->initial_state() : Vector();
  for (std::size_t p = 0; p < inputs.phases.size(); ++p) {
    const double severity = inputs.phases[p].second;
    const double begin = inputs.phases[p].first;
    const double end = std::min(
        p + 1 < inputs.phases.size() ? inputs.phases[p + 1].first : outage_end, outage_end);
    if (begin >= end) continue;
    if (buildup) {
      integrate_buildup(schedule, severity, begin, end, *direction, unit_response, *buildup, state,
                        total, peak);
      continue;
    }
    if (severity == 0) continue;
    if (schedule.is_flat()) {
      total += (severity * (end - begin)) * unit_response;
      continue;
    }
    for (double t = begin; t < end;) {
      const double e = std::min(schedule.next_boundary(t), end);
      schedule.weights_at(0.5 * (t + e), weights);
      total += (severity * (e - t)) * weights.cwiseProduct(unit_response);
      t = e;
    }
  }
  const bool recovery_counted =
      inputs.model == ModelKind::dynamic_model &&
      (!inputs.horizon_hours || *inputs.horizon_hours > inputs.duration_hours);
  if (!recovery_counted) return total;
  const double last_severity = severity_before(inputs, inputs.duration_hours);
  Vector q = buildup ? buildup->inoperability(last_severity, *direction, state)
                     : Vector(last_severity * unit_response);
  if (q.isZero()) return total;
  if (schedule.is_flat()) {
    if (inputs.horizon_hours) {
      const Vector end_state = dynamics.propagate(*inputs.horizon_hours - inputs.duration_hours, q);
      total += dynamics.integral(q, end_state);
    } else {
      total += dynamics.to_infinity(q);
    }
    return total;
  }
  const double end = inputs.horizon_hours.value_or(INFINITY);
  const double periodic_from = inputs.duration_hours + kHoursBeforePeriodicTail;
  for (double t = inputs.duration_hours; t < end;) {
    if (!inputs.horizon_hours && t >= periodic_from) {
      total += dynamics.periodic_tail(t, q, schedule);
      break;
    }
    const double e = std::min(schedule.next_boundary(t), end);
    schedule.weights_at(0.5 * (t + e), weights);
    const Vector next = dynamics.propagate(e - t, q);
    total += weights.cwiseProduct(dynamics.integral(q, next));
    q = next;
    t = e;
    if (!inputs.horizon_hours) {
      const Vector rest = dynamics.to_infinity(q).cwiseProduct(schedule.max_weights());
      if ((rest.array() <= kTailTolerance * total.array()).all()) break;
    }
  }
  return total;
}

}  // namespace

SegmentLosses solve_losses(const ModelInputs& inputs) {
  const Eigen::Index n = inputs.dependency.size();
  const Matrix identity = Matrix::Identity(n, n);
  const DenseLu leontief(identity - inputs.interdependency);
  // Equilibrium inoperability per unit severity: q* = (I - A*)^-1 d.
  const Vector unit_response = leontief.solve(inputs.dependency);
  const WeightSchedule schedule(inputs);

  const Vector coupled_rates = coupled_recovery_rates(inputs);
  const Vector isolated_rates = (kLn100 / inputs.recovery_hours.array()).matrix();

  SegmentLosses losses;
  CoupledDynamics coupled(inputs.interdependency, coupled_rates, leontief);
  IsolatedDynamics isolated(isolated_rates);
  std::optional<BuildupDynamics> buildup;
  if (BuildupDynamics::needed(inputs)) buildup.emplace(inputs);
  Vector buildup_peak = Vector::Zero(n);
  losses.gross = inputs.revenue_per_hour.cwiseProduct(
      integrate_inoperability(inputs, schedule, unit_response, coupled,
                              buildup ? &*buildup : nullptr, &inputs.dependency, &buildup_peak));
  losses.direct = inputs.revenue_per_hour.cwiseProduct(
      integrate_inoperability(inputs, schedule, inputs.dependency, isolated));
  // A segment that depends on no other (a zero row of A*) evolves exactly as if alone: use the
  // isolated solution so that rounding in the matrix exponential shows no phantom cascade.
  for (Eigen::Index i = 0; i < n; ++i) {
    if (inputs.interdependency.row(i).isZero(0.0)) losses.gross[i] = losses.direct[i];
  }
  losses.indirect = losses.gross - losses.direct;
  losses.net = (1.0 - inputs.deferred.array()).matrix().cwiseProduct(losses.gross);

  const double counted_end = inputs.horizon_hours
                                 ? std::min(inputs.duration_hours, *inputs.horizon_hours)
                                 : inputs.duration_hours;
  double peak_severity = 0;
  for (const auto& [start, severity] : inputs.phases) {
    if (start < counted_end) peak_severity = std::max(peak_severity, severity);
  }
  losses.peak = buildup ? buildup_peak : Vector(peak_severity * unit_response);
  return losses;
}

std::vector<SeriesPoint> loss_series(const ModelInputs& inputs, double step_hours,
                                     std::size_t max_points, const Location& where) {
  const Eigen::Index n = inputs.dependency.size();
  if (BuildupDynamics::needed(inputs)) {
    throw Error(where,
                "--series does not support segments with a buildup yet (the totals do): "
                "set their buildup to 0 for a time series");
  }
  const SegmentLosses total = solve_losses(inputs);
  const DenseLu leontief(Matrix::Identity(n, n) - inputs.interdependency);
  const Vector unit_response = leontief.solve(inputs.dependency);
  CoupledDynamics coupled(inputs.interdependency, coupled_recovery_rates(inputs), leontief);
  const WeightSchedule schedule(inputs);
  const double duration = inputs.duration_hours;
  const bool dynamic = inputs.model == ModelKind::dynamic_model;
  const double end = inputs.horizon_hours ? *inputs.horizon_hours : (dynamic ? INFINITY : duration);
  const Vector net_per_unit =
      (1.0 - inputs.deferred.array()).matrix().cwiseProduct(inputs.revenue_per_hour);

  // The phase in force at t, and the next phase change after t.
  const auto severity_at = [&](double t) {
    double severity = 0;
    for (const auto& [start, value] : inputs.phases) {
      if (start <= t) severity = value;
    }
    return severity;
  };
  const auto next_phase_after = [&](double t) {
    for (const auto& [start, value] : inputs.phases) {
      if (start > t) return start;
    }
    return static_cast<double>(INFINITY);
  };

  // Integrates p_i q_i incrementally from `now` to each row's time (O(rows) in all).
  double now = 0;
  Vector q = severity_before(inputs, duration) * unit_response;  // the state once recovering
  Vector integral = Vector::Zero(n);
  Vector weights(n);
  const auto advance_to = [&](double target) {
    while (now < target) {
      double next = std::min(target, schedule.next_boundary(now));
      if (now < duration) {
        next = std::min({next, duration, next_phase_after(now)});
        schedule.weights_at(0.5 * (now + next), weights);
        integral += (severity_at(now) * (next - now)) * weights.cwiseProduct(unit_response);
      } else if (dynamic) {
        schedule.weights_at(0.5 * (now + next), weights);
        const Vector later = coupled.propagate(next - now, q);
        integral += weights.cwiseProduct(coupled.integral(q, later));
        q = later;
      }
      now = next;
    }
  };
  const auto row_at = [&](double t) {
    advance_to(t);
    SeriesPoint point;
    point.hours = t;
    if (t < duration) {
      point.inoperability = severity_at(t) * unit_response;
    } else {
      point.inoperability = dynamic ? q : Vector::Zero(n);
    }
    point.cumulative_net_loss = net_per_unit.cwiseProduct(integral);
    return point;
  };
  const auto finished = [&](const SeriesPoint& point) {
    if (point.hours >= end) return true;
    if (point.hours < duration) return false;
    return ((total.net - point.cumulative_net_loss).array().abs() <= 1e-9 * total.net.array().abs())
        .all();
  };

  std::vector<SeriesPoint> points;
  // Rows every step, plus one at the end of the outage when no step falls on it.
  bool outage_end_pending = duration < end;
  for (std::size_t k = 0;;) {
    double t = static_cast<double>(k) * step_hours;
    if (outage_end_pending && t >= duration) {
      outage_end_pending = false;
      if (t > duration) {
        t = duration;  // step k comes next time
      } else {
        ++k;
      }
    } else {
      ++k;
    }
    t = std::min(t, end);
    if (points.size() >= max_points) {
      throw Error(where, fmt::format("the series needs more than {} rows at this step: use a "
                                     "larger --step",
                                     max_points));
    }
    points.push_back(row_at(t));
    if (finished(points.back())) break;
  }
  return points;
}

Matrix unit_response_matrix(const ModelInputs& inputs, std::size_t phase) {
  const Eigen::Index n = inputs.dependency.size();
  ModelInputs one_phase = inputs;
  for (std::size_t p = 0; p < one_phase.phases.size(); ++p) {
    one_phase.phases[p].second = p == phase ? 1.0 : 0.0;
  }
  const DenseLu leontief(Matrix::Identity(n, n) - inputs.interdependency);
  const WeightSchedule schedule(one_phase);
  const Vector coupled_rates = coupled_recovery_rates(inputs);
  CoupledDynamics coupled(inputs.interdependency, coupled_rates, leontief);
  std::optional<BuildupDynamics> buildup;
  if (BuildupDynamics::needed(inputs)) buildup.emplace(inputs);
  Matrix responses(n, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const Vector direction = Vector::Unit(n, j);
    const Vector unit_response = leontief.solve(direction);
    responses.col(j) = integrate_inoperability(one_phase, schedule, unit_response, coupled,
                                               buildup ? &*buildup : nullptr, &direction);
  }
  return responses;
}

}  // namespace outage
