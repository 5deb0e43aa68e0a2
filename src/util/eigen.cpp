#include "util/eigen.hpp"

#include "util/huge_pages.hpp"

namespace outage {

Matrix uninitialised_matrix(Eigen::Index rows, Eigen::Index cols) {
  Matrix matrix(rows, cols);
  advise_huge_pages(matrix.data(), static_cast<std::size_t>(matrix.size()) * sizeof(double));
  return matrix;
}

}  // namespace outage
