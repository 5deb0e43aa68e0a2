#include "model/iim/inoperability.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <optional>

#include "model/iim/buildup.hpp"
#include "model/iim/dynamics.hpp"
#include "model/iim/stepper.hpp"
#include "util/dense_lu.hpp"

namespace outage {

const char* model_kind_name(ModelKind kind) {
  return kind == ModelKind::static_model ? "static" : "dynamic";
}

namespace {

// Integrates p_i q_i over the counted window (docs/model.md, "Losses") with the one stepper.
template <class Dynamics>
Vector integrate_inoperability(const ModelInputs& inputs, const WeightSchedule& schedule,
                               const Vector& unit_response, Dynamics& dynamics,
                               BuildupDynamics* buildup = nullptr,
                               const Vector* direction = nullptr, Vector* peak = nullptr) {
  Stepper<Dynamics> stepper(inputs, schedule, unit_response, dynamics, buildup, direction, peak);
  stepper.finish();
  return stepper.integral();
}

}  // namespace

std::vector<char> rows_with_links(const Matrix& interdependency) {
  std::vector<char> depends(static_cast<std::size_t>(interdependency.rows()), 0);
  for (Eigen::Index j = 0; j < interdependency.cols(); ++j) {
    const double* column = interdependency.col(j).data();
    for (std::size_t i = 0; i < depends.size(); ++i) depends[i] |= column[i] != 0.0 ? 1 : 0;
  }
  return depends;
}

namespace {

// docs/model.md for one set of inputs, given the factorisation of I - A* and the equilibrium
// inoperability per unit severity q* = (I - A*)^-1 d.
SegmentLosses solve_with(const ModelInputs& inputs, const DenseLu& leontief,
                         const Vector& unit_response) {
  const Eigen::Index n = inputs.dependency.size();
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
  const std::vector<char> depends = rows_with_links(inputs.interdependency);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!depends[static_cast<std::size_t>(i)]) losses.gross[i] = losses.direct[i];
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

}  // namespace

SegmentLosses solve_losses(const ModelInputs& inputs) {
  const DenseLu leontief(leontief_matrix(inputs.interdependency));
  return solve_with(inputs, leontief, leontief.solve(inputs.dependency));
}

Solution solve_outage(const ModelInputs& inputs) {
  Solution solution;
  auto leontief = std::make_shared<const DenseLu>(leontief_matrix(inputs.interdependency));
  solution.unit_response = leontief->solve(inputs.dependency);
  solution.losses = solve_with(inputs, *leontief, solution.unit_response);
  solution.leontief = std::move(leontief);
  return solution;
}

std::vector<SeriesPoint> loss_series(const ModelInputs& inputs, double step_hours,
                                     std::size_t max_points, const Location& where) {
  return loss_series(inputs, solve_outage(inputs), step_hours, max_points, where);
}

std::vector<SeriesPoint> loss_series(const ModelInputs& inputs, const Solution& solution,
                                     double step_hours, std::size_t max_points,
                                     const Location& where) {
  const SegmentLosses& total = solution.losses;
  const DenseLu& leontief = *solution.leontief;
  const Vector& unit_response = solution.unit_response;
  CoupledDynamics coupled(inputs.interdependency, coupled_recovery_rates(inputs), leontief);
  const WeightSchedule schedule(inputs);
  std::optional<BuildupDynamics> buildup;
  if (BuildupDynamics::needed(inputs)) buildup.emplace(inputs);
  // The same stepper as the totals, stopped at every row (O(rows) in all).
  Stepper<CoupledDynamics> stepper(inputs, schedule, unit_response, coupled,
                                   buildup ? &*buildup : nullptr, &inputs.dependency);
  const double duration = inputs.duration_hours;
  const double end = stepper.window_end();
  const Vector net_per_unit =
      (1.0 - inputs.deferred.array()).matrix().cwiseProduct(inputs.revenue_per_hour);
  const auto row_at = [&](double t) {
    stepper.advance_to(t);
    SeriesPoint point;
    point.hours = t;
    point.inoperability = stepper.inoperability();
    point.cumulative_net_loss = net_per_unit.cwiseProduct(stepper.integral());
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
