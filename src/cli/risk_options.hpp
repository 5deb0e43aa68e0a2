// The options of `risk` and their parsing, shared with `compare --risk`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/incidents/open_incident.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

constexpr std::int64_t kMaxYears = 1'000'000'000;

struct RiskCliOptions {
  std::string scenario = "meta-2024-03-05";
  std::vector<std::string> sets;
  std::vector<std::string> variants;  // compare --risk: B's --variant changes
  std::string model;
  std::string risk_file;
  std::string history;
  std::string history_period;
  IncidentSourceOptions history_source;  // --from, --columns, ... for --history, as batch reads
  std::string years = "10000";
  std::string tolerance;
  std::string seed;
  std::string threads;
  bool central = false;
  std::string return_periods;
  std::string ylt, elt, ord;
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
  bool csv_raw = false;  // --csv-raw: text cells of every CSV as given
};

// --return-periods: positive numbers of years separated by commas (exit 2 when wrong).
std::vector<double> parse_return_periods(const std::string& text);
// Reads the numeric options (exit 2 when one is wrong).
RiskOptions parse_risk_options(const RiskCliOptions& cli);
// The scenario with --model and --set, checked for `risk` (a start is supplied: each simulated
// outage has its own).
PreparedScenario load_risk_scenario(const RiskCliOptions& cli);
// The outage process: --history, else --risk FILE, else the scenario's [risk]; `name` says
// which.
RiskProcess risk_process(const RiskCliOptions& cli, const Scenario& scenario, std::string& name);

}  // namespace outage
