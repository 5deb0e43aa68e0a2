// The Eigen types of outage-impact, named once (as Ceres' internal/eigen.h does).
#pragma once

#include <Eigen/Core>

namespace outage {

using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorRef = Eigen::Ref<const Vector>;
using MatrixRef = Eigen::Ref<const Matrix>;

}  // namespace outage
