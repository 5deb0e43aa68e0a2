#include "model/iim/buildup.hpp"

#include <Eigen/LU>
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace outage {
namespace {

constexpr double kLn100 = 4.605170185988092;  // ln(100): 99 % of the way in `buildup`

}  // namespace

bool BuildupDynamics::needed(const ModelInputs& inputs) {
  return inputs.buildup_hours.size() > 0 && (inputs.buildup_hours.array() > 0).any();
}

BuildupDynamics::BuildupDynamics(const ModelInputs& inputs) : m_size(inputs.dependency.size()) {
  for (Eigen::Index i = 0; i < m_size; ++i) {
    (inputs.buildup_hours[i] > 0 ? m_slow : m_fast).push_back(i);
  }
  const Matrix& links = inputs.interdependency;
  const auto slow_count = static_cast<Eigen::Index>(m_slow.size());
  const auto fast_count = static_cast<Eigen::Index>(m_fast.size());
  std::vector<Eigen::Index> all(static_cast<std::size_t>(m_size));
  for (Eigen::Index i = 0; i < m_size; ++i) all[static_cast<std::size_t>(i)] = i;
  if (fast_count > 0) {
    const Matrix fast_block =
        Matrix::Identity(fast_count, fast_count) - Matrix(links(m_fast, m_fast));
    const Eigen::PartialPivLU<Matrix> fast_lu(fast_block);
    m_link_from_slow = fast_lu.solve(Matrix(links(m_fast, m_slow)));
    m_link_from_shock = fast_lu.solve(Matrix(links(m_fast, all)));
  } else {
    m_link_from_slow = Matrix::Zero(0, slow_count);
    m_link_from_shock = Matrix::Zero(0, m_size);
  }
  Matrix schur = Matrix::Identity(slow_count, slow_count) - Matrix(links(m_slow, m_slow));
  if (fast_count > 0) schur -= Matrix(links(m_slow, m_fast)) * m_link_from_slow;
  Vector rates(slow_count);
  for (Eigen::Index b = 0; b < slow_count; ++b) {
    const Eigen::Index i = m_slow[static_cast<std::size_t>(b)];
    rates[b] = kLn100 / (inputs.buildup_hours[i] * (1.0 - links(i, i)));
  }
  m_generator = -(rates.asDiagonal() * schur);
  m_generator_lu.compute(m_generator);
}

const Matrix& BuildupDynamics::propagator(double hours) {
  for (const auto& [length, matrix] : m_cache) {
    if (std::fabs(length - hours) <= 1e-12 * std::max(1.0, hours)) return matrix;
  }
  if (m_cache.size() >= 32) m_cache.clear();
  m_cache.emplace_back(hours, Matrix((m_generator * hours).exp()));
  return m_cache.back().second;
}

Vector BuildupDynamics::assemble(const Vector& slow, const Vector& fast) const {
  Vector full(m_size);
  for (std::size_t b = 0; b < m_slow.size(); ++b)
    full[m_slow[b]] = slow[static_cast<Eigen::Index>(b)];
  for (std::size_t s = 0; s < m_fast.size(); ++s)
    full[m_fast[s]] = fast[static_cast<Eigen::Index>(s)];
  return full;
}

Vector BuildupDynamics::advance(double severity, const Vector& direction, const Vector& equilibrium,
                                double hours, Vector& state) {
  const Vector shock = severity * direction;
  // u* = q* - c on the slow segments.
  const Vector target = severity * (equilibrium - direction)(m_slow);
  const Vector deviation = state - target;
  const Matrix& step = propagator(hours);
  const Vector slow_integral =
      target * hours + m_generator_lu.solve(Vector(step * deviation - deviation));
  state = target + step * deviation;
  const Vector fast_integral =
      m_link_from_slow * slow_integral + (hours * m_link_from_shock) * shock;
  return hours * shock + assemble(slow_integral, fast_integral);
}

Vector BuildupDynamics::inoperability(double severity, const Vector& direction,
                                      const Vector& state) const {
  const Vector shock = severity * direction;
  return shock + assemble(state, m_link_from_slow * state + m_link_from_shock * shock);
}

}  // namespace outage
