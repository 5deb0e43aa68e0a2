#include "model/scenario/input_sampler.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>

namespace outage {
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
