#include <catch2/catch.hpp>
#include <cmath>

#include "inputs_builder.hpp"

using namespace outage;
using namespace outage::testing;

namespace {

const double kLn100 = std::log(100.0);

// Weights 1 + (h mod 7) / 10 + (h == 0 ? 2 : 0): irregular, so a wrong hour shows.
std::vector<double> test_weights() {
  std::vector<double> weights(kHoursPerWeek);
  for (int h = 0; h < kHoursPerWeek; ++h) {
    weights[static_cast<std::size_t>(h)] = 1.0 + (h % 7) / 10.0 + (h == 0 ? 2.0 : 0.0);
  }
  return weights;
}

double weight(const std::vector<double>& weights, long hour) {
  return weights[static_cast<std::size_t>(((hour % 168) + 168) % 168)];
}

}  // namespace

TEST_CASE("an outage across the week's wrap-around integrates each hour's weight", "[profiles]") {
  const auto weights = test_weights();
  ModelInputs inputs = make_inputs({100.0}, {0.5}, 3.0, ModelKind::static_model);
  inputs.profiles = {&weights};
  inputs.start_hour_of_week = 167.5;  // Sunday 23:30 UTC
  // Half of hour 167, hours 0 and 1, half of hour 2.
  const double expected =
      100.0 * 0.5 * (0.5 * weights[167] + weights[0] + weights[1] + 0.5 * weights[2]);
  CHECK(solve_losses(inputs).gross[0] == Approx(expected).epsilon(kRoundingTolerance));
}

TEST_CASE("a local-time profile is shifted by its UTC offset", "[profiles]") {
  const auto weights = test_weights();
  ModelInputs inputs = make_inputs({100.0, 100.0}, {1.0, 1.0}, 1.5, ModelKind::static_model);
  inputs.profiles = {&weights, &weights};
  inputs.profile_utc_offset_hours = {7.0, 5.5};
  inputs.start_hour_of_week = 39.0;  // Tuesday 15:00 UTC
  const SegmentLosses losses = solve_losses(inputs);
  // +07:00: local 22:00 Tuesday = hour 46, for 1.5 h.
  CHECK(losses.gross[0] ==
        Approx(100.0 * (weights[46] + 0.5 * weights[47])).epsilon(kRoundingTolerance));
  // +05:30: local 20:30 = hour 44.5: half of 44, all of 45.
  CHECK(losses.gross[1] ==
        Approx(100.0 * (0.5 * weights[44] + weights[45])).epsilon(kRoundingTolerance));
}

TEST_CASE("a flat segment beside a profiled one keeps weight 1", "[profiles]") {
  const auto weights = test_weights();
  ModelInputs inputs = make_inputs({100.0, 100.0}, {1.0, 1.0}, 2.25, ModelKind::static_model);
  inputs.profiles = {&weights, nullptr};
  inputs.start_hour_of_week = 10.25;
  const SegmentLosses losses = solve_losses(inputs);
  CHECK(losses.gross[1] == Approx(225.0).epsilon(kRoundingTolerance));
  CHECK(losses.gross[0] == Approx(100.0 * (0.75 * weights[10] + weights[11] + 0.5 * weights[12]))
                               .epsilon(kRoundingTolerance));
}

TEST_CASE("dynamic recovery is weighted hour by hour", "[profiles]") {
  const auto weights = test_weights();
  for (const double recovery : {3.0, 2000.0}) {  // the second exercises the weekly closed form
    ModelInputs inputs = make_inputs({100.0}, {0.8}, 1.0, ModelKind::dynamic_model);
    inputs.profiles = {&weights};
    inputs.start_hour_of_week = 10.0;
    inputs.recovery_hours[0] = recovery;
    const double rate = kLn100 / recovery;
    double expected = 0.8 * weights[10];
    for (long h = 0; h < 200000; ++h) {
      const auto hours = static_cast<double>(h);
      const double piece = 0.8 * (std::exp(-rate * hours) - std::exp(-rate * (hours + 1))) / rate;
      expected += weight(weights, 11 + h) * piece;
      if (piece < 1e-18) break;
    }
    INFO("recovery " << recovery);
    CHECK(solve_losses(inputs).gross[0] == Approx(100.0 * expected).epsilon(kContractTolerance));
  }
}

TEST_CASE("coupled recovery with profiles matches hour-by-hour integration", "[profiles]") {
  const auto weights = test_weights();
  ModelInputs inputs = make_inputs({100.0, 60.0}, {0.7, 0.0}, 1.5, ModelKind::dynamic_model);
  inputs.interdependency << 0, 0.2, 0.6, 0;
  inputs.recovery_hours << 2.0, 30.0;
  inputs.profiles = {&weights, &weights};
  inputs.profile_utc_offset_hours = {0.0, 7.0};
  inputs.start_hour_of_week = 100.5;
  const SegmentLosses losses = solve_losses(inputs);

  // Reference: q constant during the outage; afterwards small explicit steps within each hour.
  const Matrix leontief = Matrix::Identity(2, 2) - inputs.interdependency;
  Vector q = leontief.inverse() * inputs.dependency;
  const Vector rates = (kLn100 / inputs.recovery_hours.array()).matrix();
  const Matrix generator = -(rates.asDiagonal() * leontief);
  const auto local_weight = [&](int segment, double t) {
    const double hour =
        std::floor(100.5 + inputs.profile_utc_offset_hours[static_cast<std::size_t>(segment)] + t);
    return weight(weights, static_cast<long>(hour));
  };
  Vector expected = Vector::Zero(2);
  const double step = 1.0 / 512.0;  // divides every hour boundary at 0.5 h offsets exactly
  for (double t = 0; t < 1.5; t += step) {
    for (int i = 0; i < 2; ++i) expected[i] += local_weight(i, t + step / 2) * q[i] * step;
  }
  for (double t = 1.5; t < 2000.0; t += step) {
    const Vector k1 = generator * q;
    const Vector k2 = generator * (q + 0.5 * step * k1);
    const Vector k3 = generator * (q + 0.5 * step * k2);
    const Vector k4 = generator * (q + step * k3);
    const Vector next = q + step / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
    const Vector middle = q + 0.5 * step * k2;
    for (int i = 0; i < 2; ++i) {
      expected[i] += local_weight(i, t + step / 2) * step / 6.0 * (q[i] + 4 * middle[i] + next[i]);
    }
    q = next;
    if (q.maxCoeff() < 1e-14) break;
  }
  CHECK(losses.gross[0] == Approx(100.0 * expected[0]).epsilon(kContractTolerance));
  CHECK(losses.gross[1] == Approx(60.0 * expected[1]).epsilon(kContractTolerance));
}
