// The one stepping routine of the model: walks the time line of an outage and its
// recovery from breakpoint to breakpoint (phase changes, profile hours, the end of the outage,
// and whatever times the caller asks for), exact on every interval, and accumulates the integral
// of p_i q_i. solve_losses runs it to the end of the counted window; loss_series stops at every
// row. Both thus integrate the same way, with or without a gradual build-up.
#pragma once

#include "model/iim/buildup.hpp"
#include "model/iim/inoperability.hpp"

namespace outage {

template <class Dynamics>
class Stepper {
 public:
  // q = severity(t) * unit_response during the outage (or, with `buildup`, the build-up of the
  // shock severity(t) * direction), then `dynamics` after it. With `peak`, the largest q seen at
  // the breakpoints of a build-up is kept there. Every reference must outlive the stepper.
  Stepper(const ModelInputs& inputs, const WeightSchedule& schedule, const Vector& unit_response,
          Dynamics& dynamics, BuildupDynamics* buildup = nullptr, const Vector* direction = nullptr,
          Vector* peak = nullptr);

  // Integrates up to `target` (at most the end of the counted window; later than now).
  void advance_to(double target);
  // Integrates from now to the end of the counted window: the horizon, or the end of recovery
  // (in closed form, or until what is left is below docs/model.md's tolerance).
  void finish();

  double now() const { return m_now; }
  const Vector& integral() const { return m_total; }
  // q at now (the phase that starts at now counts).
  Vector inoperability() const;
  // Where the window ends: the horizon, the end of the outage (static), or infinity.
  double window_end() const { return m_window_end; }

 private:
  void advance_outage(double target);
  Vector recovery_start() const;  // q at the end of the outage
  void enter_recovery();
  void advance_recovery(double target);
  void finish_recovery_with_profiles();
  void track_peak(double severity);

  const ModelInputs& m_inputs;
  const WeightSchedule& m_schedule;
  const Vector& m_unit_response;
  Dynamics& m_dynamics;
  BuildupDynamics* m_buildup;
  const Vector* m_direction;
  Vector* m_peak;

  double m_outage_end;  // the end of the outage, or the horizon when it comes first
  double m_window_end;
  bool m_recovery_counted;
  double m_now = 0;
  std::size_t m_phase = 0;
  bool m_phase_entered = false;
  bool m_recovering = false;
  Vector m_total;
  Vector m_state;  // build-up state during the outage
  Vector m_q;      // q during recovery
  Vector m_weights;
};

class CoupledDynamics;
class IsolatedDynamics;
extern template class Stepper<CoupledDynamics>;
extern template class Stepper<IsolatedDynamics>;

}  // namespace outage
