#include "model/iim/stepper.hpp"

#include <algorithm>
#include <cmath>

#include "model/iim/dynamics.hpp"

namespace outage {
namespace {

// docs/model.md: with profiles, the recovery may be stopped once what is left is below 1e-9.
constexpr double kTailTolerance = 1e-9;
// With profiles, after this many weeks of recovery the rest is summed in closed form.
constexpr double kHoursBeforePeriodicTail = 4.0 * kHoursPerWeek;

// Severity in force just before `t` (the phase that covers (t - 0)).
double severity_before(const ModelInputs& inputs, double t) {
  double severity = 0;
  for (const auto& [start, value] : inputs.phases) {
    if (start < t) severity = value;
  }
  return severity;
}

}  // namespace

template <class Dynamics>
Stepper<Dynamics>::Stepper(const ModelInputs& inputs, const WeightSchedule& schedule,
                           const Vector& unit_response, Dynamics& dynamics,
                           BuildupDynamics* buildup, const Vector* direction, Vector* peak)
    : m_inputs(inputs),
      m_schedule(schedule),
      m_unit_response(unit_response),
      m_dynamics(dynamics),
      m_buildup(buildup),
      m_direction(direction),
      m_peak(peak),
      m_total(Vector::Zero(unit_response.size())),
      m_weights(unit_response.size()) {
  const double duration = inputs.duration_hours;
  m_outage_end = inputs.horizon_hours ? std::min(duration, *inputs.horizon_hours) : duration;
  m_recovery_counted = inputs.model == ModelKind::dynamic_model &&
                       (!inputs.horizon_hours || *inputs.horizon_hours > duration);
  m_window_end = inputs.horizon_hours.value_or(m_recovery_counted ? INFINITY : duration);
  if (m_buildup) m_state = m_buildup->initial_state();
}

template <class Dynamics>
void Stepper<Dynamics>::track_peak(double severity) {
  if (m_peak) *m_peak = m_peak->cwiseMax(m_buildup->inoperability(severity, *m_direction, m_state));
}

template <class Dynamics>
void Stepper<Dynamics>::advance_to(double target) {
  if (m_now < m_outage_end) advance_outage(std::min(target, m_outage_end));
  if (m_now < target && m_recovery_counted) {
    if (!m_recovering) enter_recovery();
    advance_recovery(target);
  }
  m_now = std::max(m_now, target);
}

// During the outage: each phase on each interval of constant weights, as in docs/model.md.
template <class Dynamics>
void Stepper<Dynamics>::advance_outage(double target) {
  const auto& phases = m_inputs.phases;
  while (m_now < target && m_phase < phases.size()) {
    const double severity = phases[m_phase].second;
    const double phase_end = std::min(
        m_phase + 1 < phases.size() ? phases[m_phase + 1].first : m_outage_end, m_outage_end);
    if (m_now >= phase_end) {
      ++m_phase;
      m_phase_entered = false;
      continue;
    }
    if (m_buildup && !m_phase_entered) track_peak(severity);  // the direct part jumps
    m_phase_entered = true;
    const double e = std::min({m_schedule.next_boundary(m_now), phase_end, target});
    if (!m_schedule.is_flat()) m_schedule.weights_at(0.5 * (m_now + e), m_weights);
    if (m_buildup) {
      const Vector integral =
          m_buildup->advance(severity, *m_direction, m_unit_response, e - m_now, m_state);
      if (m_schedule.is_flat()) {
        m_total += integral;
      } else {
        m_total += m_weights.cwiseProduct(integral);
      }
      track_peak(severity);
    } else if (severity != 0) {
      if (m_schedule.is_flat()) {
        m_total += (severity * (e - m_now)) * m_unit_response;
      } else {
        m_total += (severity * (e - m_now)) * m_weights.cwiseProduct(m_unit_response);
      }
    }
    m_now = e;
  }
  m_now = std::max(m_now, target);
}

template <class Dynamics>
Vector Stepper<Dynamics>::recovery_start() const {
  const double last_severity = severity_before(m_inputs, m_inputs.duration_hours);
  return m_buildup ? m_buildup->inoperability(last_severity, *m_direction, m_state)
                   : Vector(last_severity * m_unit_response);
}

template <class Dynamics>
void Stepper<Dynamics>::enter_recovery() {
  m_q = recovery_start();
  m_recovering = true;
}

template <class Dynamics>
void Stepper<Dynamics>::advance_recovery(double target) {
  while (m_now < target) {
    const double e = std::min(m_schedule.next_boundary(m_now), target);
    const Vector next = m_dynamics.propagate(e - m_now, m_q);
    if (m_schedule.is_flat()) {
      m_total += m_dynamics.integral(m_q, next);
    } else {
      m_schedule.weights_at(0.5 * (m_now + e), m_weights);
      m_total += m_weights.cwiseProduct(m_dynamics.integral(m_q, next));
    }
    m_q = next;
    m_now = e;
  }
}

template <class Dynamics>
void Stepper<Dynamics>::finish() {
  if (m_now < m_outage_end) advance_outage(m_outage_end);
  if (!m_recovery_counted) return;
  if (!m_recovering) enter_recovery();
  if (m_q.isZero()) return;
  if (!m_schedule.is_flat()) {
    finish_recovery_with_profiles();
  } else if (m_inputs.horizon_hours) {
    advance_recovery(*m_inputs.horizon_hours);
  } else {
    m_total += m_dynamics.to_infinity(m_q);
  }
}

template <class Dynamics>
void Stepper<Dynamics>::finish_recovery_with_profiles() {
  const bool to_infinity = !m_inputs.horizon_hours;
  const double periodic_from = m_inputs.duration_hours + kHoursBeforePeriodicTail;
  while (m_now < m_window_end) {
    if (to_infinity && m_now >= periodic_from) {
      m_total += m_dynamics.periodic_tail(m_now, m_q, m_schedule);
      return;
    }
    advance_recovery(std::min(m_schedule.next_boundary(m_now), m_window_end));
    if (to_infinity) {
      const Vector rest = m_dynamics.to_infinity(m_q).cwiseProduct(m_schedule.max_weights());
      if ((rest.array() <= kTailTolerance * m_total.array()).all()) return;
    }
  }
}

template <class Dynamics>
Vector Stepper<Dynamics>::inoperability() const {
  if (m_recovering) return m_q;
  if (m_now >= m_inputs.duration_hours) {
    return m_recovery_counted ? recovery_start() : Vector::Zero(m_unit_response.size());
  }
  double severity = 0;
  for (const auto& [start, value] : m_inputs.phases) {
    if (start <= m_now) severity = value;
  }
  return m_buildup ? m_buildup->inoperability(severity, *m_direction, m_state)
                   : Vector(severity * m_unit_response);
}

template class Stepper<CoupledDynamics>;
template class Stepper<IsolatedDynamics>;

}  // namespace outage
