// One stepper for the totals and the time series: the series' last cumulative
// loss is the estimate, with and without buildup, phases and profiles.
#include <catch2/catch.hpp>
#include <cmath>

#include "inputs_builder.hpp"
#include "model/iim/inoperability.hpp"

using namespace outage;
using outage::testing::make_inputs;

namespace {

constexpr double kSameIntegral = 1e-12;
// Without a horizon the series stops once what is left is below 1e-9 of every segment's loss.
constexpr double kSeriesStop = 1e-9;
const Location kStep{"--step", 0, 0};

// Three linked segments, two phases, profiles on two with whole and fractional offsets.
struct Case {
  ModelInputs inputs;
  std::vector<double> weekly;
};

Case make_case(ModelKind kind, bool buildup, bool profiles) {
  Case c{make_inputs({100, 50, 80}, {0.9, 0.2, 0.5}, 2.25, kind), {}};
  ModelInputs& inputs = c.inputs;
  inputs.interdependency << 0.0, 0.1, 0.2, 0.4, 0.05, 0.0, 0.3, 0.2, 0.0;
  inputs.recovery_hours << 1.0, 0.5, 3.0;
  inputs.deferred << 0.2, 0.0, 0.5;
  inputs.phases = {{0.0, 1.0}, {0.75, 0.4}};
  inputs.buildup_hours = Vector::Zero(3);
  if (buildup) inputs.buildup_hours << 0.0, 1.5, 0.5;
  if (profiles) {
    c.weekly.resize(kHoursPerWeek);
    for (int h = 0; h < kHoursPerWeek; ++h)
      c.weekly[static_cast<std::size_t>(h)] = 1.0 + 0.5 * std::sin(0.3 * h);
    inputs.start_hour_of_week = 40.4;
    inputs.profiles = {&c.weekly, nullptr, &c.weekly};
    inputs.profile_utc_offset_hours = {0.0, 0.0, 5.5};
  }
  return c;
}

void check_last_row(const ModelInputs& inputs, double tolerance) {
  const Vector expected = solve_losses(inputs).net;
  const auto points = loss_series(inputs, 0.2, 100000, kStep);
  REQUIRE(points.size() > 3);
  for (Eigen::Index i = 0; i < expected.size(); ++i) {
    INFO("segment " << i << " rows " << points.size());
    CHECK(points.back().cumulative_net_loss[i] == Approx(expected[i]).epsilon(tolerance));
  }
}

}  // namespace

TEST_CASE("the series ends at the estimate with and without buildup and profiles",
          "[series][stepper]") {
  for (const bool buildup : {false, true}) {
    for (const bool profiles : {false, true}) {
      INFO("buildup " << buildup << " profiles " << profiles);
      Case dynamic = make_case(ModelKind::dynamic_model, buildup, profiles);
      check_last_row(dynamic.inputs, kSeriesStop);
      dynamic.inputs.horizon_hours = 7.3;  // the last row is the horizon: the same integral
      check_last_row(dynamic.inputs, kSameIntegral);
      dynamic.inputs.horizon_hours = 1.3;  // cut during the outage
      check_last_row(dynamic.inputs, kSameIntegral);
      Case fixed = make_case(ModelKind::static_model, buildup, profiles);
      check_last_row(fixed.inputs, kSameIntegral);
    }
  }
}

TEST_CASE("the series follows a buildup's closed form", "[series][stepper][buildup]") {
  // b depends on a (share w), only a depends on the platform, b has a buildup:
  // q_b(t) = w d_a (1 - e^(-lambda t)) during the outage, lambda = ln 100 / buildup_b.
  ModelInputs inputs = make_inputs({100, 50}, {0.9, 0.0}, 1.5, ModelKind::static_model);
  inputs.interdependency(1, 0) = 0.4;
  inputs.buildup_hours = Vector::Zero(2);
  inputs.buildup_hours[1] = 4.0;
  const double lambda = 4.605170185988092 / 4.0;
  const auto points = loss_series(inputs, 0.25, 1000, kStep);
  REQUIRE(points.size() == 7);
  for (const auto& point : points) {
    const double t = point.hours;
    INFO("t = " << t);
    const double expected = t < 1.5 ? 0.4 * 0.9 * -std::expm1(-lambda * t) : 0.0;  // static
    CHECK(point.inoperability[1] == Approx(expected).epsilon(1e-12).margin(1e-15));
    const double integral = 0.4 * 0.9 * (t + std::expm1(-lambda * t) / lambda);
    CHECK(point.cumulative_net_loss[1] == Approx(50 * integral).epsilon(1e-12).margin(1e-15));
  }
}
