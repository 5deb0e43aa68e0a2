// Opening the incident history the command line names: the reader for its format (our CSV, a
// mapped CSV export, a Statuspage incidents.json) with its options checked.
#pragma once

#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "model/incidents/incident_sources.hpp"

namespace outage {

// What the command line says about an incident history (plain strings, checked by the
// factory; errors name the option and exit with code 2).
struct IncidentSourceOptions {
  std::string path = "-";    // a file, or "-" for `standard_input`
  std::string from = "csv";  // csv, statuspage, pagerduty, opsgenie or datadog
  std::string columns;       // --columns id=COL,start=COL,end=COL,duration=COL,severity=COL
  std::string severity_map;  // --severity-map high=1,low=0.3,none=skip
  std::string timezone;      // --timezone UTC or +HH:MM, for times without an offset
  std::vector<std::string> components;  // --component NAME (statuspage only)
};

// Opens the source the options describe. Throws Error at the option (exit 2) for a bad
// option and at the file (exit 1) when it cannot be read or its header is wrong.
std::unique_ptr<IncidentSource> open_incident_source(const IncidentSourceOptions& options,
                                                     std::istream& standard_input);

}  // namespace outage
