#include "model/batch/batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "model/scenario/inputs.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {

Variation incident_variation() {
  Variation variation;
  variation.severity = true;
  variation.duration = true;
  variation.start = true;
  variation.every_part = true;
  return variation;
}

IncidentEstimator::IncidentEstimator(const PreparedScenario& prepared)
    : IncidentEstimator(std::make_shared<const Pricer>(prepared, incident_variation())) {}

IncidentEstimator::IncidentEstimator(std::shared_ptr<const Pricer> pricer)
    : m_pricer(std::move(pricer)),
      m_central(m_pricer->prepared().central()),
      m_scratch(m_pricer->scratch()) {
  if (!m_pricer->variation().every_part) {
    throw std::logic_error("IncidentEstimator: a pricer made with incident_variation()");
  }
}

void IncidentEstimator::prefetch(const Incident& incident) const {
  std::optional<double> start_hour = m_central.start_hour_of_week;
  if (incident.start_unix_seconds && std::isfinite(*incident.start_unix_seconds)) {
    start_hour = hour_of_week(*incident.start_unix_seconds);
  }
  m_pricer->prefetch(incident.duration_hours.value_or(m_central.duration_hours),
                     start_hour.value_or(0.0));
}

namespace {

// The incident's duration, checked against the scenario's phases.
double checked_duration(const Incident& incident, const ModelInputs& central,
                        const Location& where) {
  const double duration = incident.duration_hours.value_or(central.duration_hours);
  if (!(duration > 0)) {
    throw Error(where,
                fmt::format("duration must be > 0 hours, got {}", format_duration_hours(duration)));
  }
  if (!domain_of(InputKind::duration).contains(duration)) {
    throw Error(where, fmt::format("a duration must be at most {:.0f} hours, got {}",
                                   kMaxDurationHours, format_duration_hours(duration)));
  }
  for (std::size_t p = 1; p < central.phases.size(); ++p) {
    if (central.phases[p].first >= duration) {
      throw Error(where, fmt::format("duration {} ends before the scenario's phase {} starts "
                                     "(after {})",
                                     format_duration_hours(duration), p,
                                     format_duration_hours(central.phases[p].first)));
    }
  }
  return duration;
}

}  // namespace

const SegmentLosses& IncidentEstimator::estimate(const Incident& incident, const Location& where) {
  const double duration = checked_duration(incident, m_central, where);
  const double severity = incident.severity.value_or(m_central.phases.front().second);
  if (const Domain domain = domain_of(InputKind::severity); !domain.contains(severity)) {
    throw Error(where, fmt::format("severity must be in {}, got {}", domain.describe(), severity));
  }
  std::optional<double> start_hour = m_central.start_hour_of_week;
  if (incident.start_unix_seconds) start_hour = hour_of_week(*incident.start_unix_seconds);
  if (m_pricer->uses_profiles() && !start_hour) {
    throw Error(where, "start is empty and the scenario has profiles but no outage.start");
  }
  ModelInputs& inputs = m_scratch.inputs;
  inputs.duration_hours = duration;
  inputs.start_hour_of_week = start_hour;
  inputs.phases.front().second = severity;
  return m_pricer->losses(m_scratch);
}

}  // namespace outage
