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
  m_position.assign(table.size(), 0);
  for (std::size_t k = 0; k < table.size(); ++k) {
    if (!table[k].param->is_uncertain()) continue;
    m_position[k] = m_uncertain.size();
    m_uncertain.push_back(k);
    if (!grouped[k]) m_independent.push_back(k);
  }
}

void InputSampler::draw(std::uint64_t draw, std::vector<double>& values) const {
  if (values.size() != m_central.size()) values = m_central;
  // Through draw_block, so that a draw has the same bytes whichever way it was made.
  thread_local std::vector<double> block;
  draw_block(draw, 1, block);
  for (std::size_t m = 0; m < m_uncertain.size(); ++m) values[m_uncertain[m]] = block[m];
}

void InputSampler::draw_block(std::uint64_t first, std::size_t count,
                              std::vector<double>& block) const {
  block.resize(m_uncertain.size() * count);
  const auto column = [&](std::size_t k) { return block.data() + m_position[k] * count; };
  for (const std::size_t k : m_independent) {
    double* values = column(k);
    first_uniforms(m_seed, first, m_streams[k], count, values);
    m_samplers[k].from_uniforms(values, count);
  }
  const QuantileTable& normal = normal_quantile_table();
  for (const auto& group : m_groups) {
    // Each member's independent normal in its own column until the correlated normals are
    // formed: L z from the last member back, so that the normals a row reads are not yet
    // overwritten.
    for (const std::size_t k : group.members) {
      double* values = column(k);
      first_uniforms(m_seed, first, m_streams[k], count, values);
      for (std::size_t j = 0; j < count; ++j) values[j] = normal(values[j]);
    }
    const auto size = static_cast<Eigen::Index>(group.members.size());
    for (std::size_t j = 0; j < count; ++j) {
      for (Eigen::Index m = size; m-- > 0;) {
        double correlated = 0;
        for (Eigen::Index l = 0; l <= m; ++l) {
          correlated +=
              group.cholesky(m, l) * column(group.members[static_cast<std::size_t>(l)])[j];
        }
        const std::size_t k = group.members[static_cast<std::size_t>(m)];
        column(k)[j] = m_samplers[k].from_normal(correlated);
      }
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
