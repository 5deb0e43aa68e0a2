#include "model/batch/batch.hpp"

#include <fmt/format.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/iim/buildup.hpp"
#include "model/scenario/inputs.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxCachedSolutions = 1 << 14;

}  // namespace

std::size_t IncidentKeyHash::operator()(const IncidentKey& key) const {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, &key.duration_hours, sizeof a);
  std::memcpy(&b, &key.start_hour_of_week, sizeof b);
  return static_cast<std::size_t>(a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull));
}

IncidentEstimator::IncidentEstimator(const PreparedScenario& prepared)
    : m_central(prepared.central()) {
  for (const auto* profile : m_central.profiles) m_uses_profiles |= profile != nullptr;
  // With a buildup, the peak of a phased outage is not a sum of the phases' peaks.
  m_solve_each = m_central.phases.size() > 1 && BuildupDynamics::needed(m_central);
  m_pricer.emplace(m_central, m_central.phases.size());
  if (!m_pricer->usable()) m_pricer.reset();
}

IncidentEstimator::Parts IncidentEstimator::solve_parts(
    double duration_hours, std::optional<double> start_hour_of_week) const {
  ModelInputs inputs = m_central;
  inputs.duration_hours = duration_hours;
  inputs.start_hour_of_week = start_hour_of_week;
  Parts parts;
  ModelInputs first = inputs;
  for (std::size_t p = 0; p < first.phases.size(); ++p) first.phases[p].second = p == 0 ? 1.0 : 0.0;
  parts.first_phase = solve_losses(first);
  parts.unit_response = parts.first_phase.peak;  // severity 1 in the first phase
  if (inputs.phases.size() > 1) {
    ModelInputs later = inputs;
    later.phases[0].second = 0.0;
    parts.later_phases = solve_losses(later);
    const double counted_end =
        inputs.horizon_hours ? std::min(duration_hours, *inputs.horizon_hours) : duration_hours;
    for (std::size_t p = 1; p < inputs.phases.size(); ++p) {
      if (inputs.phases[p].first < counted_end) {
        parts.later_peak_severity = std::max(parts.later_peak_severity, inputs.phases[p].second);
      }
    }
  }
  return parts;
}

void IncidentEstimator::prefetch(const Incident& incident) const {
  if (!m_pricer) return;
  std::optional<double> start_hour = m_central.start_hour_of_week;
  if (incident.start_unix_seconds && std::isfinite(*incident.start_unix_seconds)) {
    start_hour = hour_of_week(*incident.start_unix_seconds);
  }
  m_pricer->prefetch(incident.duration_hours.value_or(m_central.duration_hours),
                     start_hour.value_or(0.0));
}

const SegmentLosses& IncidentEstimator::estimate(const Incident& incident, const Location& where) {
  const double duration = incident.duration_hours.value_or(m_central.duration_hours);
  if (!(duration > 0)) {
    throw Error(where,
                fmt::format("duration must be > 0 hours, got {}", format_duration_hours(duration)));
  }
  if (!domain_of(InputKind::duration).contains(duration)) {
    throw Error(where, fmt::format("a duration must be at most {:.0f} hours, got {}",
                                   kMaxDurationHours, format_duration_hours(duration)));
  }
  for (std::size_t p = 1; p < m_central.phases.size(); ++p) {
    if (m_central.phases[p].first >= duration) {
      throw Error(where, fmt::format("duration {} ends before the scenario's phase {} starts "
                                     "(after {})",
                                     format_duration_hours(duration), p,
                                     format_duration_hours(m_central.phases[p].first)));
    }
  }
  const double severity = incident.severity.value_or(m_central.phases.front().second);
  if (const Domain domain = domain_of(InputKind::severity); !domain.contains(severity)) {
    throw Error(where, fmt::format("severity must be in {}, got {}", domain.describe(), severity));
  }
  std::optional<double> start_hour = m_central.start_hour_of_week;
  if (incident.start_unix_seconds) start_hour = hour_of_week(*incident.start_unix_seconds);
  if (m_uses_profiles && !start_hour) {
    throw Error(where, "start is empty and the scenario has profiles but no outage.start");
  }
  if (m_solve_each) {
    ModelInputs inputs = m_central;
    inputs.duration_hours = duration;
    inputs.start_hour_of_week = start_hour;
    inputs.phases[0].second = severity;
    m_result = solve_losses(inputs);
    return m_result;
  }
  if (m_pricer) {  // exact from the precomputations, however fine the durations and starts
    m_phases = m_central.phases;
    m_phases[0].second = severity;
    m_pricer->losses(duration, start_hour.value_or(0.0), m_phases, m_result);
    return m_result;
  }
  const Key key{duration, m_uses_profiles ? *start_hour : 0.0};
  auto found = m_cache.find(key);
  if (found == m_cache.end()) {
    if (m_cache.size() >= kMaxCachedSolutions) m_cache.clear();
    found = m_cache.emplace(key, solve_parts(duration, start_hour)).first;
  }
  const Parts& parts = found->second;
  const bool has_later = m_central.phases.size() > 1;
  m_result.gross = severity * parts.first_phase.gross;
  m_result.direct = severity * parts.first_phase.direct;
  if (has_later) {
    m_result.gross += parts.later_phases.gross;
    m_result.direct += parts.later_phases.direct;
  }
  m_result.indirect = m_result.gross - m_result.direct;
  m_result.net = (1.0 - m_central.deferred.array()).matrix().cwiseProduct(m_result.gross);
  m_result.peak = std::max(severity, parts.later_peak_severity) * parts.unit_response;
  return m_result;
}

}  // namespace outage
