#include "model/input_sampler.hpp"

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

}  // namespace

double copula_correlation(double spearman_rho) {
  return 2.0 * std::sin(kPi * spearman_rho / 6.0);
}

tl::expected<std::vector<CorrelationGroup>, Error> resolve_correlations(const InputTable& table) {
  std::vector<CorrelationGroup> groups;
  std::vector<int> group_of(table.size(), -1);
  for (const Correlation& correlation : table.scenario().correlations) {
    if (!(correlation.rho >= -1 && correlation.rho <= 1)) {
      return failure(correlation.where,
                     fmt::format("correlation rho must be in [-1, 1], got {}", correlation.rho));
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
                                 group.members.size(), group.rho,
                                 size > 1 ? -1.0 / static_cast<double>(size - 1) : -1.0));
    }
    group.cholesky = factor.matrixL();
    groups.push_back(std::move(group));
  }
  return groups;
}

InputSampler::InputSampler(const InputTable& table, std::uint64_t seed,
                           std::vector<std::uint32_t> streams)
    : m_table(&table), m_seed(seed), m_streams(std::move(streams)) {
  if (m_streams.empty()) {
    for (std::size_t k = 0; k < table.size(); ++k)
      m_streams.push_back(static_cast<std::uint32_t>(k));
  }
  for (const Input& input : table.inputs()) {
    m_samplers.emplace_back(*input.param, input.domain());
    m_central.push_back(input.param->central());
  }
  auto groups = resolve_correlations(table);
  if (!groups) throw groups.error();
  m_groups = std::move(*groups);
  std::vector<bool> grouped(table.size(), false);
  for (const auto& group : m_groups) {
    for (const std::size_t k : group.members) grouped[k] = true;
  }
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (!table[k].param->is_uncertain()) continue;
    m_uncertain.push_back(k);
    if (!grouped[k]) m_independent.push_back(k);
  }
}

void InputSampler::draw(std::uint64_t draw, std::vector<double>& values) const {
  if (values.size() != m_central.size()) values = m_central;
  for (const std::size_t k : m_independent) {
    RandomStream stream(m_seed, draw, m_streams[k]);
    values[k] = m_samplers[k].draw(stream);
  }
  const QuantileTable& normal = normal_quantile_table();
  for (const auto& group : m_groups) {
    // Each member's independent normal, kept in its own slot of `values` until the correlated
    // normals are formed: L z from the last member back, so that the normals a row reads are
    // not yet overwritten (no allocation per draw).
    for (const std::size_t k : group.members) {
      RandomStream stream(m_seed, draw, m_streams[k]);
      values[k] = normal(stream.uniform());
    }
    for (auto m = static_cast<Eigen::Index>(group.members.size()); m-- > 0;) {
      double correlated = 0;
      for (Eigen::Index l = 0; l <= m; ++l) {
        correlated += group.cholesky(m, l) * values[group.members[static_cast<std::size_t>(l)]];
      }
      const std::size_t k = group.members[static_cast<std::size_t>(m)];
      values[k] = m_samplers[k].from_normal(correlated);
    }
  }
}

std::vector<std::uint32_t> common_streams(const InputTable& base, const InputTable& variant) {
  std::vector<std::uint32_t> streams;
  for (std::size_t k = 0; k < variant.size(); ++k) {
    const std::size_t found = base.find(variant[k].name);
    streams.push_back(static_cast<std::uint32_t>(found < base.size() ? found : base.size() + k));
  }
  return streams;
}

}  // namespace outage
