#include "model/iim/phased_pricer.hpp"

#include <algorithm>

#include "model/iim/buildup.hpp"

namespace outage {
namespace {

ModelInputs without_links(const ModelInputs& inputs) {
  ModelInputs isolated = inputs;
  isolated.interdependency.setZero();
  return isolated;
}

}  // namespace

PhasedPricer::PhasedPricer(const ModelInputs& inputs, std::size_t phase_count) : m_inputs(inputs) {
  if (BuildupDynamics::needed(inputs)) return;
  if (inputs.model == ModelKind::static_model && inputs.horizon_hours && phase_count > 1) return;
  m_coupled.emplace(inputs);
  if (!m_coupled->is_exact()) return;
  m_isolated.emplace(without_links(inputs));
  if (!m_isolated->is_exact()) return;
  m_coupled->unit_response(inputs.dependency, m_response);
  m_coupled->fix_response(m_response);
  m_isolated->fix_response(inputs.dependency);
  const Eigen::Index n = inputs.dependency.size();
  m_alone.resize(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    m_alone[static_cast<std::size_t>(i)] = inputs.interdependency.row(i).isZero(0.0);
  }
  m_usable = true;
}

void PhasedPricer::losses(double duration_hours, double start_hour_of_week,
                          const std::vector<std::pair<double, double>>& phases,
                          PhasedScratch& scratch, SegmentLosses& result) const {
  const Eigen::Index n = m_inputs.dependency.size();
  std::vector<Vector>& work = scratch.work;
  Vector& integral = scratch.integral;
  Vector& coupled_sum = scratch.coupled_sum;
  Vector& isolated_sum = scratch.isolated_sum;
  coupled_sum.setZero(n);
  isolated_sum.setZero(n);
  double previous = 0;
  for (const auto& [begin, severity] : phases) {
    const double step = severity - previous;
    previous = severity;
    if (step == 0 || begin >= duration_hours) continue;
    const double start = start_hour_of_week + begin;
    m_coupled->integrate_fixed(start, duration_hours - begin, work, integral);
    coupled_sum += step * integral;
    m_isolated->integrate_fixed(start, duration_hours - begin, work, integral);
    isolated_sum += step * integral;
  }
  result.gross = m_inputs.revenue_per_hour.cwiseProduct(coupled_sum);
  result.direct = m_inputs.revenue_per_hour.cwiseProduct(isolated_sum);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (m_alone[static_cast<std::size_t>(i)]) result.gross[i] = result.direct[i];
  }
  result.indirect = result.gross - result.direct;
  result.net = (1.0 - m_inputs.deferred.array()).matrix().cwiseProduct(result.gross);
  const double counted_end =
      m_inputs.horizon_hours ? std::min(duration_hours, *m_inputs.horizon_hours) : duration_hours;
  double peak_severity = 0;
  for (const auto& [begin, severity] : phases) {
    if (begin < counted_end) peak_severity = std::max(peak_severity, severity);
  }
  result.peak = peak_severity * m_response;
}

void PhasedPricer::prefetch(double duration_hours, double start_hour_of_week) const {
  m_coupled->prefetch_fixed(start_hour_of_week, duration_hours);
  m_isolated->prefetch_fixed(start_hour_of_week, duration_hours);
}

}  // namespace outage
