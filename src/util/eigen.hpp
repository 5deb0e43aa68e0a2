// The Eigen types of outage-impact, named once (as Ceres' internal/eigen.h does).
#pragma once

#include <Eigen/Core>

namespace outage {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorRef = Eigen::Ref<const Vector>;
using MatrixRef = Eigen::Ref<const Matrix>;

// A rows x cols matrix whose contents are not yet set. Above a few megabytes its memory is
// offered to the kernel's transparent huge pages (madvise; Linux's default mode) before it is
// first touched: a 4,000 x 4,000 matrix is then 64 page faults instead of 32,768, which on a
// virtual machine was a third of a static estimate's time (docs/performance.md).
Matrix uninitialised_matrix(Eigen::Index rows, Eigen::Index cols);

}  // namespace outage
