// Statuspage incident histories (GET /api/v2/incidents.json): the {"incidents": [...]}
// object or a bare array, read one incident at a time so memory stays bounded however long
// the array is.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/incidents/incident_sources.hpp"

namespace outage {

// No incident may be larger than this, nor nested deeper (a clear error, not a crash).
constexpr std::size_t kMaxJsonIncidentBytes = std::size_t{16} << 20;
constexpr int kMaxJsonDepth = 64;

// impact -> severity: critical 1, major 0.6, minor 0.25, none skipped.
SeverityMap default_statuspage_severity_map();

struct StatuspageSettings {
  SeverityMap severity_map;              // merged over the default by the factory
  std::vector<std::string> components;   // keep incidents that touched one (name or id)
  std::optional<double> timezone_hours;  // for times without an offset (Statuspage has them)
};

// `owned` (may be null) is kept alive with the source; `in` is read.
std::unique_ptr<IncidentSource> make_statuspage_source(std::unique_ptr<std::istream> owned,
                                                       std::istream& in, std::string source,
                                                       StatuspageSettings settings);

}  // namespace outage
