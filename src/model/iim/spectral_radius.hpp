// The spectral radius of a non-negative matrix (A*) with a certificate: bounds that provably
// bracket it, computed per strongly connected component.
#pragma once

#include <cstddef>
#include <vector>

#include "util/eigen.hpp"

namespace outage {

// A* is accepted when its spectral radius is provably below 1 - kSpectralRadiusMargin: closer
// to 1, I - A* is so near singular that the solve's losses are noise.
constexpr double kSpectralRadiusMargin = 1e-9;
constexpr double kLargestSpectralRadius = 1.0 - kSpectralRadiusMargin;

struct SpectralCertificate {
  double lower = 0;   // rho(A) >= lower
  double upper = 0;   // rho(A) <= upper
  double radius = 0;  // the best estimate, in [lower, upper]
  // The strongly connected component with the largest radius (its rows, ascending); empty
  // when the radius is 0 (no cycle). A link (i, j) with i, j in it lies on a cycle.
  std::vector<std::size_t> component;
  // How the bracket was closed: "acyclic", "row/column sums", "iteration", "eigen solver".
  const char* method = "acyclic";
  bool below(double bound) const { return upper < bound; }
};

// The spectral radius of a square matrix with non-negative entries. The radius of a matrix is
// the largest over its strongly connected components (Tarjan's algorithm, iterative): a
// component without a cycle has radius 0, a single segment its self-link. Each irreducible
// component is bracketed by Collatz-Wielandt bounds (for any x > 0,
// min_i (Bx)_i / x_i <= rho(B) <= max_i (Bx)_i / x_i): row sums, column sums, then iterates of
// (B + I), which is primitive so they converge; when the bracket does not close to
// `tolerance` (relative), Eigen's eigen solver on the component, certified again with its
// Perron vector. A matrix with a negative entry goes to the eigen solver whole.
SpectralCertificate spectral_radius_certificate(const Matrix& matrix, double tolerance = 1e-12);

// One entry of a sparse matrix; a later entry for the same place replaces an earlier one.
struct MatrixEntry {
  std::size_t row = 0;
  std::size_t column = 0;
  double value = 0;
};

// The same certificate for a size x size matrix given by its entries (the others are 0), in
// time and memory proportional to the entries, not size^2: a scenario's [[link]] tables. A
// negative or non-finite entry goes to the dense path above.
SpectralCertificate spectral_radius_certificate(std::size_t size, std::vector<MatrixEntry> entries,
                                                double tolerance = 1e-12);

}  // namespace outage
