#include "model/batch/batch_cover.hpp"

#include <functional>

#include "model/covers/cover.hpp"
#include "model/scenario/inputs.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxCachedSolutions = 4096;

}  // namespace

IncidentInsurer::IncidentInsurer(const PreparedScenario& prepared)
    : m_scenario(prepared.scenario()),
      m_central(prepared.central()),
      m_waits(distinct_waiting_periods(m_scenario.covers)) {}

std::vector<std::optional<IncidentInsurer::Before>> IncidentInsurer::solve_before(
    const ModelInputs& inputs) const {
  std::vector<std::optional<Before>> parts;
  for (const double wait : m_waits) {
    const bool counted = !inputs.horizon_hours || wait < *inputs.horizon_hours;
    if (wait <= 0 || wait >= inputs.duration_hours || !counted) {
      parts.emplace_back();
      continue;
    }
    ModelInputs until = inputs;
    until.horizon_hours = wait;
    Before before;
    ModelInputs first = until;
    for (std::size_t p = 0; p < first.phases.size(); ++p) first.phases[p].second = p == 0;
    before.first_phase = solve_losses(first).net;
    if (until.phases.size() > 1) {
      until.phases[0].second = 0;
      before.later_phases = solve_losses(until).net;
    }
    parts.emplace_back(std::move(before));
  }
  return parts;
}

const Vector& IncidentInsurer::insured(const Incident& incident, const Vector& net) {
  ModelInputs inputs = m_central;
  inputs.duration_hours = incident.duration_hours.value_or(m_central.duration_hours);
  if (incident.start_unix_seconds)
    inputs.start_hour_of_week = hour_of_week(*incident.start_unix_seconds);
  const double severity = incident.severity.value_or(m_central.phases.front().second);
  const bool profiles = std::any_of(inputs.profiles.begin(), inputs.profiles.end(),
                                    [](const auto* profile) { return profile != nullptr; });
  const Key key{inputs.duration_hours, profiles ? inputs.start_hour_of_week.value_or(0) : 0.0};
  auto found = m_cache.find(key);
  if (found == m_cache.end()) {
    if (m_cache.size() >= kMaxCachedSolutions) m_cache.clear();
    found = m_cache.emplace(key, solve_before(inputs)).first;
  }
  const std::vector<std::optional<Before>>& parts = found->second;
  const auto after = [&](double wait) -> Vector {
    if (wait <= 0) return net;
    const std::size_t w = static_cast<std::size_t>(
        std::lower_bound(m_waits.begin(), m_waits.end(), wait) - m_waits.begin());
    if (!parts[w]) return Vector::Zero(net.size());
    Vector before = severity * parts[w]->first_phase;
    if (parts[w]->later_phases.size() > 0) before += parts[w]->later_phases;
    return (net - before).cwiseMax(0.0);
  };
  m_result = Vector::Zero(net.size());
  add_insured_losses(m_scenario.covers, after, m_result);
  return m_result;
}

}  // namespace outage
