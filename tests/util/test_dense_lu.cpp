// DenseLu (util/dense_lu.hpp) and the large-matrix helpers: the same solutions from a copied or a
// moved matrix, on both sides of the LAPACK threshold, and the fallback after an exact zero pivot.
#include <catch2/catch.hpp>
#include <random>

#include "model/iim/inoperability.hpp"
#include "util/dense_lu.hpp"
#include "util/eigen.hpp"

using namespace outage;

namespace {

// I - A with A non-negative and rows summing to 0.5: well conditioned.
Matrix leontief_of_size(Eigen::Index n, unsigned seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Matrix a(n, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < n; ++i) a(i, j) = uniform(random);
  for (Eigen::Index i = 0; i < n; ++i) a.row(i) *= 0.5 / a.row(i).sum();
  return Matrix::Identity(n, n) - a;
}

}  // namespace

TEST_CASE("DenseLu solves from a copied and from a moved matrix alike", "[dense_lu]") {
  for (const Eigen::Index n : {Eigen::Index{12}, Eigen::Index{300}}) {
    const Matrix matrix = leontief_of_size(n, 7);
    const Vector right = Vector::LinSpaced(n, 0.1, 1.0);
    const Vector copied = DenseLu(matrix).solve(right);
    const Vector moved = DenseLu(Matrix(matrix)).solve(right);
    INFO(n << " rows, " << dense_lu_backend(n));
    CHECK(copied == moved);
    CHECK((matrix * copied - right).norm() <= 1e-12 * right.norm());
  }
}

TEST_CASE("DenseLu falls back after an exact zero pivot without losing the matrix", "[dense_lu]") {
  // A zero column makes dgetrf report info > 0 (LAPACK builds); Eigen then factorises the
  // matrix rebuilt from LAPACK's factors. The matrix is singular, so what matters is that the
  // factorisation is Eigen's and that solving returns (Eigen's values for a singular matrix).
  Matrix matrix = leontief_of_size(300, 11);
  matrix.col(4).setZero();
  const DenseLu lu{Matrix(matrix)};
  CHECK_FALSE(lu.uses_lapack());
  const Vector solved = lu.solve(Vector(Vector::Ones(300)));
  CHECK(solved.size() == 300);
  // The same fallback from a copy leaves the caller's matrix untouched.
  const Matrix before = matrix;
  const DenseLu from_copy(matrix);
  CHECK(matrix == before);
  CHECK_FALSE(from_copy.uses_lapack());
}

TEST_CASE("leontief_matrix and rows_with_links agree with their definitions", "[dense_lu]") {
  for (const Eigen::Index n : {Eigen::Index{5}, Eigen::Index{1100}}) {  // 1100: over 8 MB
    Matrix a = Matrix::Zero(n, n);
    a(1, 2) = 0.25;
    a(3, 3) = 0.5;
    a(n - 1, 0) = 1e-300;
    const Matrix built = leontief_matrix(a);
    CHECK(built == Matrix(Matrix::Identity(n, n) - a));
    const std::vector<char> depends = rows_with_links(a);
    REQUIRE(depends.size() == static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
      CHECK(static_cast<bool>(depends[static_cast<std::size_t>(i)]) == !a.row(i).isZero(0.0));
    }
    const Matrix uninitialised = uninitialised_matrix(n, n + 1);
    CHECK(uninitialised.rows() == n);
    CHECK(uninitialised.cols() == n + 1);
  }
}
