// Gradual build-up of the cascade (docs/model.md, "Version 2 additions"): closed forms for one and
// two segments, an independent RK4 integration of the mixed system, and buildup -> 0.
#include <Eigen/LU>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "inputs_builder.hpp"
#include "model/iim/inoperability.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;
using outage::testing::kContractTolerance;
using outage::testing::kRoundingTolerance;
using outage::testing::make_inputs;

namespace {

constexpr double kLn100 = 4.605170185988092;

// The integral over [0, t] of 1 - exp(-rate s).
double rise_integral(double rate, double t) {
  return t + std::expm1(-rate * t) / rate;
}

// q = c + u during the outage, by RK4 on u_B with u_S solved from the algebraic rows, then the
// recovery dq/dt = -K (I - A*) q by RK4; the integral of q by Simpson's rule on each step.
Vector integrate_rk4(const ModelInputs& inputs, double step) {
  const Eigen::Index n = inputs.dependency.size();
  const Matrix& a = inputs.interdependency;
  const Matrix identity = Matrix::Identity(n, n);
  std::vector<bool> slow(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i)
    slow[static_cast<std::size_t>(i)] = inputs.buildup_hours[i] > 0;
  const auto severity_at = [&](double t) {
    double s = 0;
    for (const auto& [start, value] : inputs.phases) {
      if (start <= t) s = value;
    }
    return s;
  };
  // u from the slow components: solve (u_S - A_S.(c + u)) = 0 for the fast ones.
  const auto complete = [&](const Vector& c, Vector u) {
    Matrix system = identity;
    Vector right = Vector::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (slow[static_cast<std::size_t>(i)]) {
        right[i] = u[i];
      } else {
        system.row(i) = identity.row(i) - a.row(i);
        right[i] = a.row(i).dot(c);
      }
    }
    return Vector(system.partialPivLu().solve(right));
  };
  const auto derivative = [&](double t, const Vector& u_slow) {
    const Vector c = severity_at(t) * inputs.dependency;
    const Vector u = complete(c, u_slow);
    Vector du = Vector::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      if (!slow[static_cast<std::size_t>(i)]) continue;
      const double rate = kLn100 / (inputs.buildup_hours[i] * (1 - a(i, i)));
      du[i] = rate * (a.row(i).dot(c + u) - u[i]);
    }
    return du;
  };
  const auto q_at = [&](double t, const Vector& u_slow) {
    const Vector c = severity_at(t) * inputs.dependency;
    return Vector(c + complete(c, u_slow));
  };
  Vector u = Vector::Zero(n);
  Vector total = Vector::Zero(n);
  const int steps = static_cast<int>(std::round(inputs.duration_hours / step));
  for (int k = 0; k < steps; ++k) {
    const double t = k * step;
    const double end = t + step * (1 - 1e-9);  // the step's own phase at its right end
    const Vector k1 = derivative(t, u);
    const Vector k2 = derivative(t + step / 2, u + step / 2 * k1);
    const Vector k3 = derivative(t + step / 2, u + step / 2 * k2);
    const Vector k4 = derivative(end, u + step * k3);
    const Vector next = u + step / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    // Cubic Hermite midpoint, accurate to the order Simpson's rule needs.
    const Vector middle = (u + next) / 2 + step / 8 * (k1 - derivative(end, next));
    total += step / 6 * (q_at(t, u) + 4 * q_at(t + step / 2, middle) + q_at(end, next));
    u = next;
  }
  // Phases change at multiples of the step in these tests; the state just before the end.
  const double last = severity_at(inputs.duration_hours - step / 2);
  const Vector c_end = last * inputs.dependency;
  Vector q = c_end + complete(c_end, u);
  const Vector rates =
      (kLn100 / (inputs.recovery_hours.array() * (1 - a.diagonal().array()))).matrix();
  const Matrix generator = -(rates.asDiagonal() * (identity - a));
  for (int k = 0; k < 200000 && q.lpNorm<Eigen::Infinity>() > 1e-14; ++k) {
    const Vector k1 = generator * q;
    const Vector k2 = generator * (q + step / 2 * k1);
    const Vector k3 = generator * (q + step / 2 * k2);
    const Vector k4 = generator * (q + step * k3);
    const Vector next = q + step / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    const Vector middle = (q + next) / 2 + step / 8 * (k1 - generator * next);
    total += step / 6 * (q + 4 * middle + next);
    q = next;
  }
  return total;
}

}  // namespace

TEST_CASE("one segment with a self-link builds up to its equilibrium in closed form", "[buildup]") {
  // c = s d; u' = k_b (a (c + u) - u) with k_b = ln 100 / (b (1 - a)): u(t) = u* (1 - e^{-λt}),
  // u* = a c / (1 - a), λ = ln 100 / b. Static: gross = r (c D + u* (D - (1 - e^{-λD}) / λ)).
  ModelInputs inputs = make_inputs({1000}, {0.6}, 2.0, ModelKind::static_model);
  inputs.interdependency(0, 0) = 0.3;
  inputs.phases = {{0.0, 0.8}};
  inputs.buildup_hours = Vector::Constant(1, 3.0);
  const double c = 0.8 * 0.6, u_star = 0.3 * c / 0.7, lambda = kLn100 / 3.0;
  const double gross = 1000 * (c * 2.0 + u_star * rise_integral(lambda, 2.0));
  const SegmentLosses losses = solve_losses(inputs);
  CHECK(losses.gross[0] == Approx(gross).epsilon(kRoundingTolerance));
  CHECK(losses.direct[0] == Approx(1000 * c * 2.0).epsilon(kRoundingTolerance));
  CHECK(losses.peak[0] == Approx(c + u_star * -std::expm1(-lambda * 2.0)).epsilon(1e-12));

  // Dynamic: recovery from q(D) with M = -ln 100 / tau adds q(D) tau / ln 100.
  inputs.model = ModelKind::dynamic_model;
  inputs.recovery_hours[0] = 0.5;
  const double q_end = c + u_star * -std::expm1(-lambda * 2.0);
  CHECK(solve_losses(inputs).gross[0] ==
        Approx(gross + 1000 * q_end * 0.5 / kLn100).epsilon(kRoundingTolerance));
}

TEST_CASE("a dependent segment's indirect loss builds up, its supplier's is immediate",
          "[buildup]") {
  // b depends on a (share w), only a depends on the platform, b has a buildup:
  // u_b(t) = w s d_a (1 - e^{-λt}), λ = ln 100 / buildup_b.
  ModelInputs inputs = make_inputs({100, 50}, {0.9, 0.0}, 1.5, ModelKind::static_model);
  inputs.interdependency(1, 0) = 0.4;
  inputs.buildup_hours = Vector::Zero(2);
  inputs.buildup_hours[1] = 4.0;
  const double lambda = kLn100 / 4.0;
  const SegmentLosses losses = solve_losses(inputs);
  CHECK(losses.gross[0] == Approx(100 * 0.9 * 1.5).epsilon(kRoundingTolerance));
  CHECK(losses.gross[1] ==
        Approx(50 * 0.4 * 0.9 * rise_integral(lambda, 1.5)).epsilon(kRoundingTolerance));
  CHECK(losses.direct[1] == 0.0);
  // Without the buildup, the version 1 cascade is immediate and larger.
  inputs.buildup_hours.setZero();
  CHECK(solve_losses(inputs).gross[1] == Approx(50 * 0.4 * 0.9 * 1.5).epsilon(kRoundingTolerance));
}

TEST_CASE("a mixed system with phases and recovery agrees with an RK4 integration", "[buildup]") {
  ModelInputs inputs = make_inputs({100, 60, 40}, {0.8, 0.3, 0.0}, 3.0, ModelKind::dynamic_model);
  inputs.interdependency << 0.05, 0.1, 0.0,  //
      0.3, 0.0, 0.2,                         //
      0.2, 0.5, 0.1;
  inputs.recovery_hours << 0.5, 1.0, 2.0;
  inputs.buildup_hours = Vector::Zero(3);
  inputs.buildup_hours << 1.5, 0.0, 2.5;  // segment 1 algebraic, 0 and 2 build up
  inputs.phases = {{0.0, 1.0}, {1.0, 0.4}, {2.0, 0.7}};
  const Vector expected = integrate_rk4(inputs, 1e-3);
  const SegmentLosses losses = solve_losses(inputs);
  for (Eigen::Index i = 0; i < 3; ++i) {
    CHECK(losses.gross[i] ==
          Approx(inputs.revenue_per_hour[i] * expected[i]).epsilon(kContractTolerance));
  }
}

TEST_CASE("as every buildup goes to 0 the version 1 losses return", "[buildup]") {
  ModelInputs inputs = make_inputs({100, 60}, {0.8, 0.3}, 2.0, ModelKind::dynamic_model);
  inputs.interdependency << 0.1, 0.2, 0.4, 0.0;
  const SegmentLosses version1 = solve_losses(inputs);
  double previous_gap = INFINITY;
  for (const double buildup : {1e-1, 1e-3, 1e-6}) {
    inputs.buildup_hours = Vector::Constant(2, buildup);
    const SegmentLosses losses = solve_losses(inputs);
    const double gap = (losses.gross - version1.gross).cwiseAbs().maxCoeff();
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  CHECK(previous_gap < 1e-5 * version1.gross.maxCoeff());
}

TEST_CASE("buildup is read per segment and takes --set", "[buildup]") {
  const std::string text = R"(
[outage]
duration = "2h"
[[segment]]
id = "a"
revenue = 100
dependency = 1
[[segment]]
id = "b"
revenue = 50
dependency = 0
buildup = "4h"
[[link]]
segment = "b"
depends_on = "a"
share = 0.5
)";
  const Scenario scenario = parse_scenario(text, "buildup.toml");
  CHECK(scenario.segments[1].buildup_hours.central() == 4.0);
  CHECK(scenario.segments[0].buildup_hours.central() == 0.0);
  const Scenario changed =
      parse_scenario(text, "buildup.toml", {parse_set_option("segment.b.buildup=30m")});
  CHECK(changed.segments[1].buildup_hours.central() == 0.5);
}
