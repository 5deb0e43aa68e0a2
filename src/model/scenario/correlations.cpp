#include "model/scenario/correlations.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace outage {
namespace {

constexpr double kPi = 3.141592653589793;

tl::unexpected<Error> failure(const Location& where, const std::string& what) {
  return tl::unexpected<Error>(Error(where, what));
}

// The lowest Spearman rho an m-member group can have: its normals' correlation
// 2 sin(pi rho / 6) must stay above -1 / (m - 1) (positive definite), so
// rho > (6 / pi) asin(-1 / (2 (m - 1))) (about -0.4826 for three members, not -0.5).
double lowest_rho(Eigen::Index members) {
  if (members < 2) return -1.0;
  return 6.0 / kPi * std::asin(-1.0 / (2.0 * static_cast<double>(members - 1)));
}

}  // namespace

double copula_correlation(double spearman_rho) {
  return 2.0 * std::sin(kPi * spearman_rho / 6.0);
}

tl::expected<std::vector<CorrelationGroup>, Error> resolve_correlations(const InputTable& table) {
  std::vector<CorrelationGroup> groups;
  std::vector<int> group_of(table.size(), -1);
  for (const Correlation& correlation : table.scenario().correlations) {
    if (!(correlation.rho > -1 && correlation.rho < 1)) {
      return failure(correlation.where,
                     fmt::format("correlation rho must be in (-1, 1), got {}", correlation.rho));
    }
    CorrelationGroup group;
    group.rho = correlation.rho;
    for (const std::string& pattern : correlation.inputs) {
      std::size_t matched = 0;
      for (const std::size_t k : table.match(pattern)) {
        if (!table[k].param->is_uncertain()) continue;
        ++matched;
        if (group_of[k] >= 0) {
          return failure(correlation.where,
                         fmt::format("{} is in two correlation groups (via '{}'): an input may "
                                     "be in one group only",
                                     table[k].name, pattern));
        }
        group_of[k] = static_cast<int>(groups.size());
        group.members.push_back(k);
      }
      if (matched == 0) {
        return failure(correlation.where,
                       fmt::format("correlation input '{}' matches no uncertain input (names "
                                   "as --set writes them; `*` matches one id)",
                                   pattern));
      }
    }
    std::sort(group.members.begin(), group.members.end());
    const auto size = static_cast<Eigen::Index>(group.members.size());
    Matrix matrix = Matrix::Constant(size, size, copula_correlation(group.rho));
    matrix.diagonal().setOnes();
    const Eigen::LLT<Matrix> factor(matrix);
    // A correlation of 1 is positive semi-definite only: keep a margin for the factor.
    if (factor.info() != Eigen::Success ||
        factor.matrixL().toDenseMatrix().diagonal().minCoeff() < 1e-8) {
      return failure(correlation.where,
                     fmt::format("the correlation matrix of {} inputs with rho = {} is not "
                                 "positive definite (rho must be above {:.4g} and below 1)",
                                 group.members.size(), group.rho, lowest_rho(size)));
    }
    group.cholesky = factor.matrixL();
    groups.push_back(std::move(group));
  }
  return groups;
}

}  // namespace outage
