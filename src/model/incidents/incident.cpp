#include "model/incidents/incident.hpp"

#include <fmt/format.h>

#include <cmath>

#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {

IncidentColumns read_incident_header(const std::vector<std::string>& header,
                                     const Location& where) {
  IncidentColumns columns;
  columns.count = header.size();
  std::optional<std::size_t> id, duration;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string_view name = trim(header[i]);
    std::optional<std::size_t>* slot = nullptr;
    if (name == "id") slot = &id;
    if (name == "duration") slot = &duration;
    if (name == "start") slot = &columns.start;
    if (name == "severity") slot = &columns.severity;
    if (!slot) continue;
    if (*slot)
      throw Error(where, fmt::format("column '{}' appears twice in the header", excerpt(name)));
    *slot = i;
  }
  if (!id || !duration) {
    std::string names;
    for (const auto& field : header) names += (names.empty() ? "" : ",") + field;
    throw Error(where, fmt::format("the header needs columns id and duration (optional: start, "
                                   "severity), got '{}'",
                                   excerpt(names)));
  }
  columns.id = *id;
  columns.duration = *duration;
  return columns;
}

Incident read_incident(const IncidentColumns& columns, const std::vector<std::string>& fields,
                       const Location& where) {
  if (fields.size() != columns.count) {
    throw Error(where, fmt::format("expected {} fields like the header, got {}", columns.count,
                                   fields.size()));
  }
  Incident incident;
  incident.id = fields[columns.id];
  std::string why;
  const std::string_view duration = trim(fields[columns.duration]);
  incident.duration_hours = parse_duration_hours(duration, &why);
  if (!incident.duration_hours) {
    throw Error(where, fmt::format("duration: cannot read '{}': expected {}", excerpt(duration),
                                   why.empty() ? "a duration such as 2h or 90m" : why));
  }
  if (columns.start) {
    const std::string_view start = trim(fields[*columns.start]);
    if (!start.empty()) {
      incident.start_unix_seconds = parse_utc_instant(start, &why);
      if (!incident.start_unix_seconds) {
        throw Error(where,
                    fmt::format("start: cannot read '{}': expected {}", excerpt(start), why));
      }
    }
  }
  if (columns.severity) {
    const std::string_view severity = trim(fields[*columns.severity]);
    if (!severity.empty()) {
      incident.severity = parse_number(severity);
      if (!incident.severity) {
        throw Error(where, fmt::format("severity: cannot read '{}': expected a number in (0, 1]",
                                       excerpt(severity)));
      }
    }
  }
  return incident;
}

}  // namespace outage
