// One incident of a log as read: its id, duration, start and severity, any of which but the id
// may be missing until a reader's defaults fill them; and our own CSV's columns.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace outage {

struct Incident {
  std::string id;
  std::optional<double> duration_hours;
  std::optional<double> start_unix_seconds;
  std::optional<double> severity;
};

// Which column of an incident log holds what; built from its header.
struct IncidentColumns {
  std::size_t id = 0;
  std::size_t duration = 0;
  std::optional<std::size_t> start;
  std::optional<std::size_t> severity;
  std::size_t count = 0;  // fields in the header
};

// Reads the header; throws Error at `where` when `id` or `duration` is missing or a column
// appears twice. Other columns are ignored.
IncidentColumns read_incident_header(const std::vector<std::string>& header, const Location& where);

// Reads one row; throws Error at `where` naming the column and what would be right.
Incident read_incident(const IncidentColumns& columns, const std::vector<std::string>& fields,
                       const Location& where);

}  // namespace outage
