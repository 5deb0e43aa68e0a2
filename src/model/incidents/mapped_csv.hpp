// Incident CSVs whose columns are named by a mapping: our own id,duration,start,severity, a
// --columns mapping, or the named mappings of PagerDuty, Opsgenie and Datadog exports.
#pragma once

#include <array>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "model/incidents/incident_sources.hpp"

namespace outage {

enum class IncidentField { id, start, end, duration, severity };
constexpr std::size_t kIncidentFields = 5;

// For each field, the header names that may hold it, in order of preference: per row the
// first non-empty cell of the columns present is used. An empty list: the field is not read.
struct ColumnMapping {
  std::string name;  // "" for our own columns, "--from pagerduty", "--columns"
  std::array<std::vector<std::string>, kIncidentFields> columns;
  bool severity_needs_map = false;  // read the severity column only with --severity-map
};

// Our own columns, or a named mapping ("pagerduty", "opsgenie", "datadog"); nullopt if unknown.
std::optional<ColumnMapping> named_column_mapping(const std::string& from);

// Applies --columns id=COL,... to `mapping` (an `end` replaces `duration` and the reverse).
// Throws Error at "--columns" for an unknown field, a repeated one, or both end and duration.
void apply_columns_option(ColumnMapping& mapping, std::string_view text);

struct MappedCsvSettings {
  ColumnMapping mapping;
  SeverityMap severity_map;
  std::optional<double> timezone_hours;
};

// Reads the header at once (throws Error naming the missing columns); rows on next().
// `owned` (may be null) is kept alive with the source; `in` is read.
std::unique_ptr<IncidentSource> make_mapped_csv_source(std::unique_ptr<std::istream> owned,
                                                       std::istream& in, std::string source,
                                                       MappedCsvSettings settings);

}  // namespace outage
