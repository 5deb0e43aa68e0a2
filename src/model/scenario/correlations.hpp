// The scenario's [[correlation]] groups resolved against its input table (docs/model.md,
// "Version 2 additions"): which inputs are drawn together and the factor that correlates them.
#pragma once

#include <tl/expected.hpp>
#include <vector>

#include "model/scenario/inputs.hpp"
#include "util/eigen.hpp"
#include "util/error.hpp"

namespace outage {

// One [[correlation]] group resolved against the input table.
struct CorrelationGroup {
  std::vector<std::size_t> members;  // input positions, in table order
  double rho = 0;                    // Spearman
  Matrix cholesky;                   // lower factor of the normals' correlation matrix
};

// Resolves the scenario's [[correlation]] groups: each pattern must match an uncertain input,
// no input may be in two groups, each group's matrix must be positive definite.
tl::expected<std::vector<CorrelationGroup>, Error> resolve_correlations(const InputTable& table);

// The normals' correlation that gives Spearman `rho` through a Gaussian copula: 2 sin(pi rho / 6).
double copula_correlation(double spearman_rho);

}  // namespace outage
