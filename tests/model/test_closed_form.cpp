#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "inputs_builder.hpp"
#include "model/iim/closed_form.hpp"
#include "model/iim/inoperability.hpp"

using namespace outage;
using outage::testing::make_inputs;

namespace {

// The pricer must reproduce solve_losses to rounding (1e-9 relative).
constexpr double kExact = 1e-9;

struct RandomModel {
  ModelInputs inputs;
  std::vector<std::vector<double>> profiles;
};

// A random scenario: 1-6 segments, some with profiles and whole or fractional offsets, links
// with spectral radius below 1 (some segments depend on nothing), recovery 1 minute to 12 hours.
RandomModel random_model(std::mt19937_64& engine, ModelKind kind) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const int n = 1 + static_cast<int>(engine() % 6);
  std::vector<double> revenue, dependency;
  for (int i = 0; i < n; ++i) {
    revenue.push_back(1e3 + 1e6 * unit(engine));
    dependency.push_back(unit(engine) < 0.2 ? 0.0 : unit(engine));
  }
  RandomModel model{make_inputs(revenue, dependency, 1.0, kind), {}};
  ModelInputs& inputs = model.inputs;
  for (int i = 0; i < n; ++i) {
    inputs.recovery_hours[i] = 1.0 / 60 + 12 * unit(engine) * unit(engine);
    inputs.deferred[i] = 0.5 * unit(engine);
    for (int j = 0; j < n; ++j) {
      if (unit(engine) < 0.35) inputs.interdependency(i, j) = 0.8 * unit(engine) / n;
    }
  }
  model.profiles.reserve(static_cast<std::size_t>(n));
  const double offsets[] = {0.0, 7.0, -5.0, 5.5, -3.75, 9.25};
  for (int i = 0; i < n; ++i) {
    if (unit(engine) < 0.3) continue;
    std::vector<double> weights(kHoursPerWeek);
    double sum = 0;
    for (double& weight : weights) sum += (weight = unit(engine) < 0.1 ? 0.0 : unit(engine));
    for (double& weight : weights) weight *= kHoursPerWeek / sum;
    model.profiles.push_back(std::move(weights));
    inputs.profiles[static_cast<std::size_t>(i)] = &model.profiles.back();
    inputs.profile_utc_offset_hours[static_cast<std::size_t>(i)] = offsets[engine() % 6];
  }
  return model;
}

void check_against_solver(const ModelInputs& model, double start, double duration,
                          double severity) {
  ModelInputs inputs = model;
  inputs.start_hour_of_week = start;
  inputs.duration_hours = duration;
  inputs.phases = {{0.0, severity}};
  const Vector expected = solve_losses(inputs).net;
  const OutagePricer pricer(model);
  REQUIRE(pricer.is_exact());
  Vector response, integral;
  std::vector<Vector> work;
  pricer.unit_response(model.dependency, response);
  pricer.integrate(start, duration, response, work, integral);
  const Vector net = (severity * (1.0 - model.deferred.array()) * model.revenue_per_hour.array() *
                      integral.array())
                         .matrix();
  for (Eigen::Index i = 0; i < net.size(); ++i) {
    INFO("segment " << i << " start " << start << " duration " << duration);
    CHECK(net[i] == Approx(expected[i]).epsilon(kExact).margin(1e-9 * expected.sum()));
  }
}

}  // namespace

TEST_CASE("the outage pricer equals solve_losses on random dynamic scenarios with profiles",
          "[risk]") {
  std::mt19937_64 engine(20241128);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int scenario = 0; scenario < 40; ++scenario) {
    const RandomModel model = random_model(engine, ModelKind::dynamic_model);
    for (int outage = 0; outage < 6; ++outage) {
      const double start = kHoursPerWeek * unit(engine);
      const double duration = outage == 0 ? 1e-3 : 60.0 * unit(engine) * unit(engine);
      check_against_solver(model.inputs, start, duration, 0.05 + 0.95 * unit(engine));
    }
    // Whole hours: the recovery starts exactly on an hour boundary.
    check_against_solver(model.inputs, 5.0, 3.0, 1.0);
  }
}

TEST_CASE("the outage pricer equals solve_losses for static models, with and without horizon",
          "[risk]") {
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int scenario = 0; scenario < 20; ++scenario) {
    RandomModel model = random_model(engine, ModelKind::static_model);
    if (scenario % 2 == 1) model.inputs.horizon_hours = 10 * unit(engine) + 0.1;
    for (int outage = 0; outage < 5; ++outage) {
      check_against_solver(model.inputs, kHoursPerWeek * unit(engine), 30 * unit(engine) + 0.01,
                           unit(engine) + 0.01);
    }
  }
}

TEST_CASE("a dynamic model with a horizon is left to the general solver", "[risk]") {
  ModelInputs inputs = make_inputs({100}, {1}, 2, ModelKind::dynamic_model);
  inputs.horizon_hours = 5;
  CHECK_FALSE(OutagePricer(inputs).is_exact());
}

TEST_CASE("outages with drawn recovery and links are priced exactly when links form no cycle",
          "[risk]") {
  std::mt19937_64 engine(314159);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  int priced = 0;
  for (int scenario = 0; scenario < 40; ++scenario) {
    RandomModel model = random_model(engine, ModelKind::dynamic_model);
    ModelInputs& inputs = model.inputs;
    const Eigen::Index n = inputs.recovery_hours.size();
    // Keep links from later to earlier segments of a random order (no cycle), self-links too.
    std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) order[static_cast<std::size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), engine);
    for (Eigen::Index a = 0; a < n; ++a) {
      for (Eigen::Index b = a + 1; b < n; ++b) {
        inputs.interdependency(order[static_cast<std::size_t>(a)],
                               order[static_cast<std::size_t>(b)]) = 0;
      }
    }
    const OutagePricer pricer(inputs);
    REQUIRE(pricer.has_drawn_path());
    for (int outage = 0; outage < 5; ++outage) {
      // New recovery times and link shares on the same pattern.
      ModelInputs drawn = inputs;
      for (Eigen::Index i = 0; i < n; ++i) {
        drawn.recovery_hours[i] = 1.0 / 60 + 12 * unit(engine) * unit(engine);
        for (Eigen::Index j = 0; j < n; ++j) {
          if (drawn.interdependency(i, j) != 0)
            drawn.interdependency(i, j) = 0.8 * unit(engine) / static_cast<double>(n);
        }
      }
      drawn.start_hour_of_week = kHoursPerWeek * unit(engine);
      drawn.duration_hours = 20 * unit(engine) + 1e-3;
      drawn.phases = {{0.0, 1.0}};
      const Vector expected = solve_losses(drawn).gross;
      Vector response, integral;
      std::vector<Vector> work;
      if (!pricer.integrate_drawn(*drawn.start_hour_of_week, drawn.duration_hours,
                                  drawn.recovery_hours, drawn.interdependency, drawn.dependency,
                                  work, response, integral)) {
        continue;  // two recovery rates too close: solved in full
      }
      ++priced;
      const Vector gross = (drawn.revenue_per_hour.array() * integral.array()).matrix();
      for (Eigen::Index i = 0; i < n; ++i) {
        CHECK(gross[i] == Approx(expected[i]).epsilon(kExact).margin(1e-9 * expected.sum()));
      }
    }
  }
  CHECK(priced > 150);
}

TEST_CASE("links with a cycle leave drawn outages to the general solver", "[risk]") {
  ModelInputs inputs = make_inputs({100, 200}, {1, 0.5}, 2, ModelKind::dynamic_model);
  inputs.interdependency(0, 1) = 0.2;
  inputs.interdependency(1, 0) = 0.3;
  CHECK_FALSE(OutagePricer(inputs).has_drawn_path());
}
