#include <catch2/catch.hpp>
#include <cmath>

#include "inputs_builder.hpp"

using namespace outage;
using namespace outage::testing;

namespace {

const double kLn100 = std::log(100.0);

// Integrates dq/dt = -K (I - A*) q from q0 with classical Runge-Kutta until q is negligible,
// returning the integral of q: an independent check of the closed forms.
Vector integrate_recovery_rk4(const Matrix& interdependency, const Vector& rates, Vector q,
                              double step_hours) {
  const Eigen::Index n = q.size();
  const Matrix generator = -(rates.asDiagonal() * (Matrix::Identity(n, n) - interdependency));
  Vector integral = Vector::Zero(n);
  // Simpson's rule on each step, which is exact to the order of RK4.
  while (q.cwiseAbs().maxCoeff() > 1e-16) {
    const Vector k1 = generator * q;
    const Vector k2 = generator * (q + 0.5 * step_hours * k1);
    const Vector k3 = generator * (q + 0.5 * step_hours * k2);
    const Vector k4 = generator * (q + step_hours * k3);
    const Vector next = q + step_hours / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    const Vector middle = q + 0.5 * step_hours * k2;  // a fourth-order midpoint estimate
    integral += step_hours / 6.0 * (q + 4 * middle + next);
    q = next;
  }
  return integral;
}

}  // namespace

TEST_CASE("dynamic single segment adds tau / ln(100) of lingering loss", "[dynamic]") {
  ModelInputs inputs = make_inputs({1000.0}, {0.5}, 2.0, ModelKind::dynamic_model);
  inputs.recovery_hours[0] = 0.75;
  inputs.phases = {{0.0, 0.9}};
  const SegmentLosses losses = solve_losses(inputs);
  const double expected = 1000.0 * 0.9 * 0.5 * (2.0 + 0.75 / kLn100);
  CHECK(losses.gross[0] == Approx(expected).epsilon(kRoundingTolerance));
  CHECK(losses.direct[0] == Approx(expected).epsilon(kRoundingTolerance));
}

TEST_CASE("dynamic single segment with a horizon counts the recovery up to it", "[dynamic]") {
  ModelInputs inputs = make_inputs({1000.0}, {1.0}, 1.0, ModelKind::dynamic_model);
  inputs.recovery_hours[0] = 2.0;
  inputs.horizon_hours = 1.5;
  const double rate = kLn100 / 2.0;
  const double expected = 1000.0 * (1.0 + (1.0 - std::exp(-rate * 0.5)) / rate);
  CHECK(solve_losses(inputs).gross[0] == Approx(expected).epsilon(kRoundingTolerance));
}

TEST_CASE("a self-link raises the equilibrium and keeps the decay time", "[dynamic]") {
  // q* = d / (1 - a); k = ln100 / (tau (1 - a)) so M = -k (1 - a) = -ln100 / tau.
  const double self_share = 0.3;
  ModelInputs inputs = make_inputs({100.0}, {0.7}, 1.0, ModelKind::dynamic_model);
  inputs.interdependency(0, 0) = self_share;
  inputs.recovery_hours[0] = 0.5;
  const SegmentLosses losses = solve_losses(inputs);
  const double equilibrium = 0.7 / (1 - self_share);
  CHECK(losses.peak[0] == Approx(equilibrium).epsilon(kRoundingTolerance));
  CHECK(losses.gross[0] ==
        Approx(100.0 * equilibrium * (1.0 + 0.5 / kLn100)).epsilon(kRoundingTolerance));
  CHECK(losses.direct[0] == Approx(100.0 * 0.7 * (1.0 + 0.5 / kLn100)).epsilon(kRoundingTolerance));
}

TEST_CASE("coupled recovery matches a Runge-Kutta integration of Lian & Haimes' model",
          "[dynamic]") {
  ModelInputs inputs =
      make_inputs({100.0, 50.0, 80.0}, {0.6, 0.2, 0.0}, 1.5, ModelKind::dynamic_model);
  inputs.interdependency << 0.1, 0.3, 0.0,  //
      0.4, 0.0, 0.2,                        //
      0.0, 0.5, 0.05;
  inputs.recovery_hours << 0.5, 2.0, 6.0;
  const SegmentLosses losses = solve_losses(inputs);

  const Eigen::Index n = 3;
  const Matrix leontief = Matrix::Identity(n, n) - inputs.interdependency;
  const Vector equilibrium = leontief.inverse() * inputs.dependency;
  const Vector rates =
      (kLn100 / (inputs.recovery_hours.array() * (1.0 - inputs.interdependency.diagonal().array())))
          .matrix();
  const Vector tail = integrate_recovery_rk4(inputs.interdependency, rates, equilibrium, 1e-3);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double expected = inputs.revenue_per_hour[i] * (equilibrium[i] * 1.5 + tail[i]);
    CHECK(losses.gross[i] == Approx(expected).epsilon(kContractTolerance));
  }
  // Coupled segments recover more slowly than isolated ones: the cascade adds loss.
  CHECK(losses.indirect[2] > 0);
  CHECK(losses.indirect[0] > 0);
}

TEST_CASE("dynamic model converges to static as recovery time -> 0", "[dynamic]") {
  ModelInputs dynamic = make_inputs({100.0, 50.0}, {0.6, 0.1}, 2.0, ModelKind::dynamic_model);
  dynamic.interdependency << 0, 0.3, 0.5, 0;
  ModelInputs static_inputs = dynamic;
  static_inputs.model = ModelKind::static_model;
  const SegmentLosses reference = solve_losses(static_inputs);
  double previous_gap = INFINITY;
  for (double recovery : {1.0, 1e-2, 1e-4, 1e-6}) {
    dynamic.recovery_hours.setConstant(recovery);
    const SegmentLosses losses = solve_losses(dynamic);
    const double gap = std::fabs(losses.gross.sum() / reference.gross.sum() - 1.0);
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  CHECK(previous_gap < 1e-6);
}

TEST_CASE("recovery after the outage uses the severity of the last phase", "[dynamic]") {
  ModelInputs inputs = make_inputs({100.0}, {1.0}, 2.0, ModelKind::dynamic_model);
  inputs.recovery_hours[0] = 1.0;
  inputs.phases = {{0.0, 1.0}, {1.0, 0.25}};
  const double expected = 100.0 * (1.0 + 0.25 * 1.0 + 0.25 / kLn100);
  CHECK(solve_losses(inputs).gross[0] == Approx(expected).epsilon(kRoundingTolerance));
}

TEST_CASE("the time series follows the closed form and ends at the estimate", "[dynamic][series]") {
  ModelInputs inputs = make_inputs({100.0}, {0.5}, 1.0, ModelKind::dynamic_model);
  inputs.recovery_hours[0] = 0.5;
  const double rate = kLn100 / 0.5;
  const auto points = loss_series(inputs, 0.3, 10000, Location{"--step", 0, 0});
  REQUIRE(points.size() > 5);
  CHECK(points[0].hours == 0.0);
  CHECK(points[0].cumulative_net_loss[0] == 0.0);
  // Steps 0, 0.3, 0.6, 0.9, then the end of the outage at 1.0, then 1.2, 1.5, ...
  CHECK(points[4].hours == Approx(1.0));
  CHECK(points[5].hours == Approx(1.2));
  for (const auto& point : points) {
    const double t = point.hours;
    const double q = t < 1.0 ? 0.5 : 0.5 * std::exp(-rate * (t - 1.0));
    const double cumulative =
        t <= 1.0 ? 100.0 * 0.5 * t : 100.0 * (0.5 + 0.5 * (1 - std::exp(-rate * (t - 1.0))) / rate);
    INFO("t = " << t);
    CHECK(point.inoperability[0] == Approx(q).epsilon(1e-10).margin(1e-15));
    CHECK(point.cumulative_net_loss[0] == Approx(cumulative).epsilon(1e-10));
  }
  const double estimate = solve_losses(inputs).net[0];
  CHECK(points.back().cumulative_net_loss[0] == Approx(estimate).epsilon(1e-9));
  CHECK_THROWS_WITH(loss_series(inputs, 0.3, 3, Location{"--step", 0, 0}),
                    Catch::Contains("larger --step"));
}
