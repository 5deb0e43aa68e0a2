#include "util/dense_lu.hpp"

#include <stdexcept>

#ifdef OUTAGE_IMPACT_HAVE_LAPACK
#include <dlfcn.h>

#include <cstddef>
#endif

namespace outage {
namespace {

// Below this size Eigen's own LU is as fast and keeps results identical across machines.
constexpr Eigen::Index kLapackMinimumSize = 256;

#ifdef OUTAGE_IMPACT_HAVE_LAPACK
// LAPACK (Fortran calling convention; the trailing length is gfortran's hidden string length).
using Dgetrf = void(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
using Dgetrs = void(const char* trans, const int* n, const int* nrhs, const double* a,
                    const int* lda, const int* ipiv, double* b, const int* ldb, int* info,
                    std::size_t trans_length);
struct Lapack {
  Dgetrf* dgetrf = nullptr;
  Dgetrs* dgetrs = nullptr;
};

// LAPACK is loaded on the first large factorisation, not with the program: loading Debian's
// OpenBLAS costs time and starts a thread that spins for a while (docs/performance.md), which
// every command paid (check, batch) though few ever factorise a matrix of 256 rows or more. Null
// when the library (OUTAGE_IMPACT_LAPACK_LIBRARY, a soname found at run time) is not installed:
// Eigen then factorises, more slowly, with the same results to rounding. Never unloaded.
const Lapack* lapack() {
  static const Lapack* const loaded = []() -> const Lapack* {
    void* library = dlopen(OUTAGE_IMPACT_LAPACK_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!library) return nullptr;
    static Lapack functions;
    functions.dgetrf = reinterpret_cast<Dgetrf*>(dlsym(library, "dgetrf_"));
    functions.dgetrs = reinterpret_cast<Dgetrs*>(dlsym(library, "dgetrs_"));
    if (!functions.dgetrf || !functions.dgetrs) return nullptr;
    return &functions;
  }();
  return loaded;
}
#endif

}  // namespace

const char* dense_lu_backend(Eigen::Index n) {
#ifdef OUTAGE_IMPACT_HAVE_LAPACK
  if (n >= kLapackMinimumSize && lapack()) return "LAPACK dgetrf";
#else
  (void)n;
#endif
  return "Eigen PartialPivLU";
}

DenseLu::DenseLu(const Matrix& matrix)
    : DenseLu([&matrix] {
        Matrix copy = uninitialised_matrix(matrix.rows(), matrix.cols());
        copy = matrix;
        return copy;
      }()) {}

DenseLu::DenseLu(Matrix&& matrix) {
#ifdef OUTAGE_IMPACT_HAVE_LAPACK
  if (matrix.rows() >= kLapackMinimumSize && matrix.rows() == matrix.cols() && lapack()) {
    m_factors = std::move(matrix);
    const int n = static_cast<int>(m_factors.rows());
    m_pivots.resize(static_cast<std::size_t>(n));
    int info = 0;
    lapack()->dgetrf(&n, &n, m_factors.data(), &n, m_pivots.data(), &info);
    if (info < 0) throw std::runtime_error("dgetrf: invalid argument");
    // info > 0: an exact zero pivot; fall back to Eigen, which returns what it can, on the
    // matrix rebuilt from the factors (P A = L U: L U with the row swaps undone in reverse).
    m_lapack = info == 0;
    if (m_lapack) return;
    Matrix rebuilt = m_factors.triangularView<Eigen::UnitLower>() *
                     m_factors.triangularView<Eigen::Upper>().toDenseMatrix();
    for (int k = n - 1; k >= 0; --k) {
      const int swapped = m_pivots[static_cast<std::size_t>(k)] - 1;
      if (swapped != k) rebuilt.row(k).swap(rebuilt.row(swapped));
    }
    m_factors.resize(0, 0);
    m_pivots.clear();
    m_eigen.compute(rebuilt);
    return;
  }
#endif
  m_eigen.compute(matrix);
}

Matrix DenseLu::solve(const Matrix& right) const {
#ifdef OUTAGE_IMPACT_HAVE_LAPACK
  if (m_lapack) {
    Matrix result = right;
    const int n = static_cast<int>(m_factors.rows());
    const int columns = static_cast<int>(result.cols());
    int info = 0;
    lapack()->dgetrs("N", &n, &columns, m_factors.data(), &n, m_pivots.data(), result.data(), &n,
                     &info, 1);
    if (info != 0) throw std::runtime_error("dgetrs failed");
    return result;
  }
#endif
  return m_eigen.solve(right);
}

Vector DenseLu::solve(const Vector& right) const {
#ifdef OUTAGE_IMPACT_HAVE_LAPACK
  if (m_lapack) return solve(Matrix(right)).col(0);
#endif
  return m_eigen.solve(right);
}

}  // namespace outage
