// exp(M t) q by Krylov subspaces (krylov.hpp) against Eigen's dense matrix exponential, and the
// large dynamic model that uses it against closed forms.
#include <catch2/catch.hpp>
#include <random>
#include <unsupported/Eigen/MatrixFunctions>

#include "inputs_builder.hpp"
#include "model/iim/inoperability.hpp"
#include "model/iim/krylov.hpp"

using namespace outage;
using outage::testing::make_inputs;

namespace {

constexpr double kSameVector = 1e-11;  // relative to ||q0||
constexpr double kSameLoss = 1e-9;

// M = -K (I - A*) with random links (spectral radius <= 0.8) and recovery rates in [low, high].
Matrix random_generator(std::mt19937_64& engine, Eigen::Index n, double low, double high) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Matrix links = Matrix::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < n; ++j) {
      if (unit(engine) < 0.3) links(i, j) = unit(engine);
    }
    const double sum = links.row(i).sum();
    if (sum > 0) links.row(i) *= 0.8 * unit(engine) / sum;
  }
  Vector rates(n);
  for (Eigen::Index i = 0; i < n; ++i) rates[i] = low + (high - low) * unit(engine);
  return -(rates.asDiagonal() * (Matrix::Identity(n, n) - links));
}

void check_trajectory(const Matrix& generator, const std::vector<double>& steps,
                      std::mt19937_64& engine) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Vector q(generator.rows());
  for (Eigen::Index i = 0; i < q.size(); ++i) q[i] = unit(engine);
  KrylovPropagator krylov(generator);
  Vector approximate = q;
  double t = 0;
  for (const double step : steps) {
    approximate = krylov.propagate(step, approximate);
    t += step;
    const Vector exact = (generator * t).exp() * q;
    INFO("t = " << t);
    CHECK((approximate - exact).norm() <= kSameVector * q.norm());
  }
}

}  // namespace

TEST_CASE("Krylov propagation follows the matrix exponential hour by hour", "[krylov]") {
  std::mt19937_64 engine(42);
  std::vector<double> steps{0.37};
  for (int h = 0; h < 40; ++h) steps.push_back(1.0);
  for (const Eigen::Index n : {1, 5, 60, 150}) {
    INFO("n = " << n);
    check_trajectory(random_generator(engine, n, 0.2, 5.0), steps, engine);
  }
}

TEST_CASE("Krylov propagation restarts and halves steps for fast recoveries", "[krylov]") {
  std::mt19937_64 engine(7);
  // Recovery in a minute: k up to 276 per hour, so one hour is far beyond one basis.
  check_trajectory(random_generator(engine, 80, 1.0, 276.0), {0.01, 0.5, 1.0, 1.0, 0.25}, engine);
}

TEST_CASE("a large dynamic model with a profile steps to the closed form", "[krylov][dynamic]") {
  // Above kKrylovFrom segments, with a profile of constant weight 1 the hour-by-hour recovery
  // must equal the flat closed form (K (I - A*))^-1 q.
  const Eigen::Index n = 230;
  std::mt19937_64 engine(3);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> revenue(n), dependency(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    revenue[static_cast<std::size_t>(i)] = 100 + 1000 * unit(engine);
    dependency[static_cast<std::size_t>(i)] = unit(engine) < 0.8 ? unit(engine) : 0.0;
  }
  ModelInputs inputs = make_inputs(revenue, dependency, 1.6, ModelKind::dynamic_model);
  for (Eigen::Index i = 0; i < n; ++i) {
    inputs.recovery_hours[i] = 0.25 + 4 * unit(engine);
    for (Eigen::Index j = 0; j < n; ++j) {
      if (i != j && unit(engine) < 0.05) inputs.interdependency(i, j) = 0.06 * unit(engine);
    }
  }
  const SegmentLosses flat = solve_losses(inputs);
  const std::vector<double> ones(kHoursPerWeek, 1.0);
  inputs.profiles.assign(static_cast<std::size_t>(n), &ones);
  inputs.start_hour_of_week = 100.3;
  const SegmentLosses stepped = solve_losses(inputs);
  for (Eigen::Index i = 0; i < n; ++i) {
    INFO("segment " << i);
    CHECK(stepped.gross[i] == Approx(flat.gross[i]).epsilon(kSameLoss).margin(1e-12));
  }
  // A horizon: the same propagation over one long step.
  inputs.horizon_hours = 5.0;
  const SegmentLosses cut = solve_losses(inputs);
  inputs.profiles.assign(static_cast<std::size_t>(n), nullptr);
  const SegmentLosses cut_flat = solve_losses(inputs);
  for (Eigen::Index i = 0; i < n; ++i) {
    CHECK(cut.gross[i] == Approx(cut_flat.gross[i]).epsilon(kSameLoss).margin(1e-12));
  }
}
