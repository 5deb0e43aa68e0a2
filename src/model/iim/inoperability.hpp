// The inoperability input-output model of docs/model.md: the equilibrium during the outage
// (Haimes & Jiang 2001; Santos & Haimes 2004), the dynamic recovery after it (Lian & Haimes
// 2006), integrated exactly against piecewise-constant severities and demand profiles.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "model/iim/model_kind.hpp"
#include "util/eigen.hpp"
#include "util/error.hpp"

namespace outage {

// Point values of every input: one draw of a scenario, or its central values.
struct ModelInputs {
  Vector revenue_per_hour;  // r
  Vector dependency;        // d
  Vector deferred;          // f
  Vector recovery_hours;    // tau
  Vector buildup_hours;     // version 2: buildup per segment (empty or all 0: immediate)
  Matrix interdependency;   // A*
  double duration_hours = 0;
  // (start in hours since the outage began, severity), sorted, the first at 0.
  std::vector<std::pair<double, double>> phases;
  ModelKind model = ModelKind::dynamic_model;
  std::optional<double> horizon_hours;
  // Hour of the week (UTC, Monday 00:00 = 0) at which the outage starts; needed by profiles.
  std::optional<double> start_hour_of_week;
  std::vector<const std::vector<double>*> profiles;  // per segment, 168 weights; null = flat
  std::vector<double> profile_utc_offset_hours;      // per segment
  // Per segment, the share of output that is value added; NaN where the scenario gives none.
  // Not used by the solve: value_added_loss = share x net (estimate.hpp).
  Vector value_added_share;
};

// Per-segment results, in the currency of the revenues.
struct SegmentLosses {
  Vector gross;     // r_i * integral of p_i q_i
  Vector net;       // (1 - f_i) * gross_i
  Vector direct;    // the same integral with A* = 0
  Vector indirect;  // gross - direct
  Vector peak;      // max over t of q_i(t)
};

// The model's time grid for one set of inputs: which weights apply when.
class WeightSchedule {
 public:
  explicit WeightSchedule(const ModelInputs& inputs);
  bool is_flat() const { return m_flat; }
  // The first time after `t` (hours since the outage start) at which some weight changes.
  double next_boundary(double t) const;
  // Each segment's weight on the hour that contains t.
  void weights_at(double t, Vector& weights) const;
  // Each segment's largest weight.
  const Vector& max_weights() const { return m_max_weights; }

 private:
  bool m_flat = true;
  double m_start_hour_of_week = 0;
  const ModelInputs* m_inputs;
  std::vector<double> m_fractions;  // distinct fractional parts of local start hours
  Vector m_max_weights;
};

// The spectral radius of a non-negative square matrix (0 for an empty one), accurate to about
// 1e-12 relative; spectral_radius.hpp gives the certified bounds and the dominant cycle.
double spectral_radius(const Matrix& matrix);

// I - A*, built in one pass (no identity matrix in memory).
inline Matrix leontief_matrix(const Matrix& interdependency) {
  Matrix matrix = uninitialised_matrix(interdependency.rows(), interdependency.cols());
  matrix.noalias() =
      Matrix::Identity(interdependency.rows(), interdependency.cols()) - interdependency;
  return matrix;
}

// For each row of A*, whether it has a non-zero entry (a segment that depends on another or on
// itself), read in storage order (a row at a time strides across a column-major matrix).
std::vector<char> rows_with_links(const Matrix& interdependency);

// Solves docs/model.md for one set of inputs. Preconditions (checked by validation): shares in
// range, spectral radius of A* < 1, 1 - a*_ii > 0, recovery > 0, duration > 0.
SegmentLosses solve_losses(const ModelInputs& inputs);

class DenseLu;

// solve_losses with what it computed on the way: the factorisation of I - A* and the equilibrium
// per unit severity u = (I - A*)^-1 d, kept so that a time series or another right-hand side of
// the same inputs factorises nothing again.
struct Solution {
  SegmentLosses losses;
  std::shared_ptr<const DenseLu> leontief;  // of I - A*
  Vector unit_response;                     // u
};
Solution solve_outage(const ModelInputs& inputs);

// One row of a time series: the state at `hours` after the outage start.
struct SeriesPoint {
  double hours = 0;
  Vector inoperability;        // q_i(t)
  Vector cumulative_net_loss;  // net loss counted from the start to t
};

// The model's trajectory every `step_hours` from the start (plus the end of the outage), until
// the horizon, the end of the outage (static), or until what is left of every segment's loss
// is below 1e-9 of it (dynamic). Throws Error at `where` when that takes over `max_points`.
std::vector<SeriesPoint> loss_series(const ModelInputs& inputs, double step_hours,
                                     std::size_t max_points, const Location& where);
// The same from the inputs' solution (solve_outage(inputs)): nothing is factorised again.
std::vector<SeriesPoint> loss_series(const ModelInputs& inputs, const Solution& solution,
                                     double step_hours, std::size_t max_points,
                                     const Location& where);

// The loss per unit revenue as a linear map of the dependencies, for one phase: column j is
// the integral of p_i q_i (i = 1..n) when d = e_j, phase `phase` has severity 1 and every other
// phase 0. With fixed K, A*, D, start and profiles, gross = r .* sum_p s_p R_p d, which lets
// Monte Carlo draws of r, d, f and s skip the solve.
Matrix unit_response_matrix(const ModelInputs& inputs, std::size_t phase);

}  // namespace outage
