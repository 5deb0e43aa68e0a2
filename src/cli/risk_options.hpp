// The options of `risk` and their parsing, shared with `compare --risk`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "model/incidents/open_incident.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

constexpr std::int64_t kMaxYears = 1'000'000'000;

// The shared groups (cli/options.hpp) and risk's own options.
struct RiskCliOptions {
  ScenarioOptions scenario;  // the scenario, --set, --model (compare --risk: B's --variant)
  OutputOptions output;      // --format table, csv or json; -o, --force, -q, ...
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
