// The Eigen types of outage-impact, named once (as Ceres' internal/eigen.h does).
#pragma once

#include <Eigen/Core>

namespace outage {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorRef = Eigen::Ref<const Vector>;
using MatrixRef = Eigen::Ref<const Matrix>;

// A rows x cols matrix whose contents are not yet set, its memory advised for huge pages
// (util/huge_pages.hpp) before it is first touched.
Matrix uninitialised_matrix(Eigen::Index rows, Eigen::Index cols);

}  // namespace outage
