// Builds ModelInputs for tests: flat profiles, no start, unit severity unless changed.
#pragma once

#include <Eigen/LU>

#include "model/iim/inoperability.hpp"

namespace outage::testing {

inline ModelInputs make_inputs(std::vector<double> revenue, std::vector<double> dependency,
                               double duration_hours, ModelKind model) {
  const auto n = static_cast<Eigen::Index>(revenue.size());
  ModelInputs inputs;
  inputs.revenue_per_hour = Eigen::Map<Vector>(revenue.data(), n);
  inputs.dependency = Eigen::Map<Vector>(dependency.data(), n);
  inputs.deferred = Vector::Zero(n);
  inputs.recovery_hours = Vector::Constant(n, 5.0 / 60.0);
  inputs.interdependency = Matrix::Zero(n, n);
  inputs.duration_hours = duration_hours;
  inputs.phases = {{0.0, 1.0}};
  inputs.model = model;
  inputs.profiles.assign(static_cast<std::size_t>(n), nullptr);
  inputs.profile_utc_offset_hours.assign(static_cast<std::size_t>(n), 0.0);
  return inputs;
}

// Relative tolerance of docs/model.md's accuracy contract.
constexpr double kContractTolerance = 1e-6;
// Tolerance for closed forms that the solver should reproduce to rounding.
constexpr double kRoundingTolerance = 1e-10;

}  // namespace outage::testing
