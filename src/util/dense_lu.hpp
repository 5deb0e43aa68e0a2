// The LU factorisation of a square matrix: Eigen's PartialPivLU, or, for large matrices when
// the build found LAPACK and the library loads at run time, LAPACK's dgetrf/dgetrs (with
// Debian's OpenBLAS several times faster on a 4,000 x 4,000 system, see docs/performance.md).
#pragma once

#include <Eigen/LU>
#include <vector>

#include "util/eigen.hpp"

namespace outage {

// The factorisation DenseLu uses for an n x n matrix: "LAPACK dgetrf" or "Eigen PartialPivLU"
// (for --verbose; for n of 256 or more it loads LAPACK to know).
const char* dense_lu_backend(Eigen::Index n);

class DenseLu {
 public:
  explicit DenseLu(const Matrix& matrix);
  // The same without a copy of a large matrix (4,000 x 4,000 is 128 MB).
  explicit DenseLu(Matrix&& matrix);

  // The solution X of A X = right (one column per right-hand side).
  Matrix solve(const Matrix& right) const;
  Vector solve(const Vector& right) const;

  // True when LAPACK holds the factorisation.
  bool uses_lapack() const { return m_lapack; }

 private:
  bool m_lapack = false;
  Eigen::PartialPivLU<Matrix> m_eigen;
  Matrix m_factors;
  std::vector<int> m_pivots;
};

}  // namespace outage
