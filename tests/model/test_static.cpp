#include <catch2/catch.hpp>

#include "inputs_builder.hpp"

using namespace outage;
using namespace outage::testing;

TEST_CASE("static single segment loses r * s * d * D", "[static]") {
  ModelInputs inputs = make_inputs({1000.0}, {0.6}, 2.5, ModelKind::static_model);
  inputs.phases = {{0.0, 0.8}};
  inputs.deferred[0] = 0.25;
  const SegmentLosses losses = solve_losses(inputs);
  const double gross = 1000.0 * 0.8 * 0.6 * 2.5;
  CHECK(losses.gross[0] == Approx(gross).epsilon(kRoundingTolerance));
  CHECK(losses.net[0] == Approx(0.75 * gross).epsilon(kRoundingTolerance));
  CHECK(losses.direct[0] == Approx(gross).epsilon(kRoundingTolerance));
  CHECK(losses.indirect[0] == Approx(0.0).margin(1e-9));
  CHECK(losses.peak[0] == Approx(0.48).epsilon(kRoundingTolerance));
}

TEST_CASE("static two-segment case matches (I - A*)^-1 c by hand", "[static]") {
  // A* = [[0, 0.8], [0.2, 0]], c = [0, 0.6]: q = [4/7, 5/7] (Santos & Haimes 2004 form).
  ModelInputs inputs = make_inputs({100.0, 200.0}, {0.0, 0.6}, 1.0, ModelKind::static_model);
  inputs.interdependency << 0, 0.8, 0.2, 0;
  const SegmentLosses losses = solve_losses(inputs);
  CHECK(losses.peak[0] == Approx(4.0 / 7.0).epsilon(kRoundingTolerance));
  CHECK(losses.peak[1] == Approx(5.0 / 7.0).epsilon(kRoundingTolerance));
  CHECK(losses.gross[0] == Approx(100.0 * 4.0 / 7.0).epsilon(kRoundingTolerance));
  CHECK(losses.gross[1] == Approx(200.0 * 5.0 / 7.0).epsilon(kRoundingTolerance));
  CHECK(losses.direct[0] == Approx(0.0).margin(1e-12));
  CHECK(losses.direct[1] == Approx(200.0 * 0.6).epsilon(kRoundingTolerance));
  CHECK(losses.indirect[1] == Approx(200.0 * (5.0 / 7.0 - 0.6)).epsilon(kRoundingTolerance));
}

TEST_CASE("static three-segment chain matches a hand-computed inverse", "[static]") {
  // A chain 3 <- 2 <- 1 with shares 0.5 and 0.4: q1 = d1, q2 = 0.5 q1, q3 = 0.4 q2.
  ModelInputs inputs =
      make_inputs({10.0, 20.0, 30.0}, {0.9, 0.0, 0.0}, 3.0, ModelKind::static_model);
  inputs.interdependency(1, 0) = 0.5;
  inputs.interdependency(2, 1) = 0.4;
  const SegmentLosses losses = solve_losses(inputs);
  CHECK(losses.peak[0] == Approx(0.9));
  CHECK(losses.peak[1] == Approx(0.45));
  CHECK(losses.peak[2] == Approx(0.18));
  CHECK(losses.gross[2] == Approx(30.0 * 0.18 * 3.0).epsilon(kRoundingTolerance));
}

TEST_CASE("a horizon shorter than the outage counts only its first part", "[static]") {
  ModelInputs inputs = make_inputs({100.0}, {1.0}, 4.0, ModelKind::dynamic_model);
  inputs.horizon_hours = 1.5;
  CHECK(solve_losses(inputs).gross[0] == Approx(150.0).epsilon(kRoundingTolerance));
}

TEST_CASE("phased severity equals the two phases estimated apart", "[static]") {
  // Full outage for 70 minutes, then 30 % for 50 minutes.
  ModelInputs phased = make_inputs({600.0}, {0.5}, 2.0, ModelKind::static_model);
  phased.phases = {{0.0, 1.0}, {70.0 / 60.0, 0.3}};
  ModelInputs first = make_inputs({600.0}, {0.5}, 70.0 / 60.0, ModelKind::static_model);
  ModelInputs second = make_inputs({600.0}, {0.5}, 50.0 / 60.0, ModelKind::static_model);
  second.phases = {{0.0, 0.3}};
  const double expected = solve_losses(first).gross[0] + solve_losses(second).gross[0];
  CHECK(solve_losses(phased).gross[0] == Approx(expected).epsilon(kRoundingTolerance));
  CHECK(solve_losses(phased).peak[0] == Approx(0.5));
}

TEST_CASE("spectral radius of non-negative matrices", "[static]") {
  Matrix a(2, 2);
  a << 0, 0.8, 0.2, 0;
  CHECK(spectral_radius(a) == Approx(0.4));
  Matrix big = Matrix::Constant(500, 500, 0.5 / 500);
  CHECK(spectral_radius(big) == Approx(0.5).epsilon(1e-9));
  CHECK(spectral_radius(Matrix::Zero(3, 3)) == 0.0);
}
