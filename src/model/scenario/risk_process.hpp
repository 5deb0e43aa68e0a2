// The outage process of a risk simulation (docs/risk.md, "[risk]"): how often outages happen and
// what each one is like, from a [risk] table or resampled from an incident history.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/incidents/incident_sources.hpp"
#include "model/stats/distribution.hpp"
#include "util/error.hpp"

namespace outage {

// One outage of an incident history: resampled whole (duration, severity and hour of week).
struct HistoryOutage {
  double duration_hours = 0;
  double severity = 1;
  std::optional<double> start_hour_of_week;  // uniform over the week when empty
};

struct RiskProcess {
  Param rate;  // outages per year: a number (Poisson) or a distribution drawn once per year
  Param duration_hours;
  Param severity;
  // Cumulative start weights over the 168 hours of the week (empty = uniform), and the name
  // of the profile they come from ("uniform", a profile name or a CSV path).
  std::vector<double> start_cumulative;
  std::string start_name = "uniform";
  Location where;  // the [risk] table, or the history file
  // From a history (--history): the rows, resampled uniformly; `rate` is rows / period.
  std::vector<HistoryOutage> history;
  bool from_history = false;
};

// Checks a process's values: a rate below 0, a duration that can be <= 0, a severity that can
// leave (0, 1]. Throws Error at the offending value.
// The most outages a year a process may have (one an hour); more is refused.
constexpr double kMaxOutagesPerYear = 8760;

void validate_risk_process(const RiskProcess& process);

// A process from an incident history: rate = rows / period (years of 8760 h). Throws Error at
// `where` when there are no rows.
RiskProcess history_process(std::vector<HistoryOutage> rows, double period_hours,
                            const Location& where);

// Reads a TOML file whose only table is [risk] (risk_toml.cpp). Throws Error located in the
// file, or at the path itself when it cannot be read (bad input, exit 1).
RiskProcess load_risk_file(const std::string& path);

// The text of a --risk file, named `path` in errors; profile paths are relative to the path's
// directory (risk_toml.cpp; load_risk_file reads the file and calls this).
RiskProcess parse_risk_text(std::string_view text, const std::string& path);

// Reads an incident history from any source `batch` reads (our CSV, a mapped export, a
// Statuspage incidents.json): each incident's duration, severity (1 when the log gives none)
// and start. Throws Error with the file and line of a bad record; incidents the source leaves
// out are counted there (source.skip_notes()).
std::vector<HistoryOutage> read_history(IncidentSource& source);
// The same from our own CSV (id,duration[,start,severity]) in `in`, named `source` in errors.
std::vector<HistoryOutage> read_history(std::istream& in, const std::string& source);

// The period a history covers, in hours: a duration ("2y", "1q", "3mo", "18w", "400d",
// "PT8760H"), with y = 365 days, q = a quarter of that, mo = a twelfth, w = 7 days. nullopt when it
// cannot be read or is not > 0.
std::optional<double> parse_history_period_hours(std::string_view text);

}  // namespace outage
