// Incident histories as SREs have them: a stream of incidents read from a CSV (our own
// id,duration,start,severity columns, any export mapped with --columns, or the named mappings
// of PagerDuty, Opsgenie and Datadog exports) or a Statuspage incidents.json. `batch` reads
// them through open_incident.hpp's open_incident_source().
#pragma once

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/incidents/incident.hpp"
#include "util/error.hpp"

namespace outage {

// A bad record that a reader can step over: `batch --skip-bad-rows` reports it and goes on.
// Any other Error from a source (a truncated file, an unterminated quote) ends the stream.
class RecordError : public Error {
 public:
  RecordError(Location where, const std::string& what) : Error(std::move(where), what) {}
};

// A stream of incidents, one at a time; memory does not grow with the number read.
class IncidentSource {
 public:
  virtual ~IncidentSource() = default;
  // The next incident, or nullopt at the end of the input. Throws RecordError for a bad
  // record (calling next() again goes on with the record after it) and Error otherwise.
  virtual std::optional<Incident> next() = 0;
  // Where the incident last returned (or the last bad record) starts: file and line.
  virtual Location where() const = 0;
  // False when the incidents have no start of their own (a CSV without a start column):
  // each then starts at the scenario's start.
  virtual bool has_start() const { return true; }
  // The duration cell of the incident last returned, as written ("90"), when it was read from
  // a duration column; empty otherwise (for a warning about durations without a unit).
  virtual std::string_view duration_text() const { return {}; }
  // Records read so far (incidents, bad records and skipped ones).
  std::int64_t records() const { return m_records; }
  // What was left out on purpose, for a warning at the end ("3 unresolved incidents").
  virtual std::vector<std::string> skip_notes() const;

 protected:
  void count_record() { ++m_records; }
  void count_skip(const std::string& reason) { ++m_skips[reason]; }

 private:
  std::int64_t m_records = 0;
  std::map<std::string, std::int64_t> m_skips;
};

// --- The parts, for the readers and their tests ------------------------------------------

// A textual severity -> a value in (0, 1], or nullopt for "skip this incident".
using SeverityMap = std::map<std::string, std::optional<double>>;

// "high=1,low=0.3,none=skip" (keys matched without regard to ASCII case; a key or column
// name with commas or spaces quoted the CSV way: "Incident, ID"=...). Throws Error at `option`.
std::vector<std::pair<std::string, std::string>> parse_key_values(std::string_view text,
                                                                  const std::string& option);
SeverityMap parse_severity_map(std::string_view text, const std::string& option);

// "UTC", "Z", "+02:00", "-0530" -> hours east of UTC. Throws Error at `option`.
double parse_timezone_option(std::string_view text, const std::string& option);

// An incident time: ISO 8601 with an offset ("2024-03-05T15:00:00+02:00", a trailing " UTC"
// also counts), Unix seconds ("1709650800"), or "YYYY-MM-DD HH:MM[:SS]" when `timezone_hours`
// says which offset local times have. Returns nullopt and `why` (fits after "expected").
std::optional<double> parse_incident_time(std::string_view text,
                                          std::optional<double> timezone_hours, std::string* why);

// The value of one severity cell: a map entry (case-insensitive) or a number. `skip` is set
// when the map says to leave the incident out. Throws RecordError at `where`.
std::optional<double> read_severity_cell(std::string_view text, const SeverityMap& map,
                                         const Location& where, bool* skip);

}  // namespace outage
