#include "model/scenario/risk_process.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "model/incidents/incident.hpp"
#include "model/incidents/mapped_csv.hpp"
#include "model/scenario/scenario.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

[[noreturn]] void bad_value(const Param& param, const std::string& expected) {
  throw Error(param.where,
              fmt::format("{} = {} must be {}", param.key, param.describe(), expected));
}

}  // namespace

void validate_risk_process(const RiskProcess& process) {
  const Param& rate = process.rate;
  if (!(rate.support_min() >= 0)) bad_value(rate, ">= 0 outages per year: a rate below 0");
  // More than an outage an hour is a unit mistake (a rate per day or per hour), and a rate of
  // 1e308 would simulate forever. A lognormal's largest value is taken as its p95.
  const double largest_rate =
      rate.kind == DistributionKind::lognormal ? rate.high : rate.support_max();
  if (!(largest_rate <= kMaxOutagesPerYear)) {
    bad_value(rate, fmt::format("at most {} outages per year (one an hour)", kMaxOutagesPerYear));
  }
  const Param& duration = process.duration_hours;
  const bool duration_positive =
      duration.kind == DistributionKind::lognormal ||
      (duration.is_uncertain() ? duration.support_min() >= 0 : duration.support_min() > 0);
  if (!duration_positive) bad_value(duration, "> 0 hours");
  const Param& severity = process.severity;
  const bool severity_ok =
      severity.kind != DistributionKind::lognormal &&
      (severity.is_uncertain() ? severity.support_min() >= 0 : severity.support_min() > 0) &&
      severity.support_max() <= 1;
  if (!severity_ok) bad_value(severity, "a share of service lost in (0, 1]");
}

RiskProcess history_process(std::vector<HistoryOutage> rows, double period_hours,
                            const Location& where) {
  if (rows.empty()) {
    throw Error(where, "the history has no incidents: a rate needs at least one row");
  }
  RiskProcess process;
  process.where = where;
  process.from_history = true;
  const double years = period_hours / kHoursPerYear;
  process.rate = Param::fixed(static_cast<double>(rows.size()) / years, "history rate", where);
  if (!(process.rate.mode <= kMaxOutagesPerYear)) {
    throw Error(where,
                fmt::format("{} incidents in a history period of {:.6g} hours is {:.6g} "
                            "outages a year, more than {} (one an hour): is the period "
                            "right?",
                            rows.size(), period_hours, process.rate.mode, kMaxOutagesPerYear));
  }
  process.history = std::move(rows);
  process.start_name = "history";
  return process;
}

std::vector<HistoryOutage> read_history(IncidentSource& source) {
  std::vector<HistoryOutage> rows;
  while (const std::optional<Incident> incident = source.next()) {
    const Location where = source.where();
    HistoryOutage row;
    row.duration_hours = incident->duration_hours.value_or(0.0);
    if (!(row.duration_hours > 0)) {
      throw Error(where, fmt::format("duration must be > 0, got {}",
                                     format_duration_hours(row.duration_hours)));
    }
    row.severity = incident->severity.value_or(1.0);
    if (!(row.severity > 0 && row.severity <= 1)) {
      throw Error(where, fmt::format("severity must be in (0, 1], got {}", row.severity));
    }
    if (incident->start_unix_seconds)
      row.start_hour_of_week = hour_of_week(*incident->start_unix_seconds);
    rows.push_back(row);
  }
  if (rows.empty()) {
    throw Error(source.where(), "the history has no incidents: a rate needs at least one");
  }
  return rows;
}

std::vector<HistoryOutage> read_history(std::istream& in, const std::string& source) {
  const auto csv = make_mapped_csv_source(nullptr, in, source,
                                          MappedCsvSettings{*named_column_mapping("csv"), {}, {}});
  return read_history(*csv);
}

std::optional<double> parse_history_period_hours(std::string_view text) {
  text = trim(text);
  std::optional<double> hours;
  // Years of 365 days, quarters and months as their parts of one, weeks of 7 days.
  const std::pair<std::string_view, double> units[] = {{"mo", kHoursPerYear / 12},
                                                       {"q", kHoursPerYear / 4},
                                                       {"y", kHoursPerYear},
                                                       {"w", 7 * kHoursPerDay}};
  const auto unit = std::find_if(std::begin(units), std::end(units), [&](const auto& entry) {
    return text.size() > entry.first.size() &&
           text.substr(text.size() - entry.first.size()) == entry.first;
  });
  if (unit != std::end(units)) {
    const auto count = parse_number(text.substr(0, text.size() - unit->first.size()));
    if (count) hours = *count * unit->second;
  } else {
    hours = parse_duration_hours(text);
  }
  if (!hours || !(*hours > 0)) return std::nullopt;
  return hours;
}

}  // namespace outage
