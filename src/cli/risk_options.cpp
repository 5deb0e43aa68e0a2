#include "cli/risk_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>

#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

[[noreturn]] void bad_option(const char* option, const std::string& what) {
  throw Error(Location{option, 0, 0}, what);
}

}  // namespace

std::vector<double> parse_return_periods(const std::string& text) {
  std::vector<double> periods;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const auto value = parse_number(rest.substr(0, comma));
    // A return period is a number of years of which the loss is exceeded once on average:
    // below one year it names no rank of the simulated years.
    if (!value || !(*value >= 1) || !std::isfinite(*value)) {
      bad_option("--return-periods",
                 fmt::format("expected numbers of years of at least 1 separated by commas (e.g. "
                             "10,100,250), got '{}'",
                             text));
    }
    periods.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return periods;
}

// Reads the numeric options (exit 2 when one is wrong).
RiskOptions parse_risk_options(const RiskCliOptions& cli) {
  RiskOptions options;
  if (cli.years == "auto") {
    options.auto_years = true;
  } else {
    const auto years = parse_integer(cli.years, 1, kMaxYears);
    if (!years) {
      bad_option("--years", fmt::format("expected a whole number of years from 1 to {} or auto, "
                                        "got '{}'",
                                        kMaxYears, cli.years));
    }
    options.years = *years;
  }
  if (!cli.tolerance.empty()) {
    const auto tolerance = parse_number(cli.tolerance);
    if (!tolerance || !(*tolerance > 0 && *tolerance < 1)) {
      bad_option("--tolerance",
                 fmt::format("expected a relative standard error in (0, 1), e.g. 0.01, got '{}'",
                             cli.tolerance));
    }
    options.tolerance = *tolerance;
    if (!options.auto_years) {
      bad_option("--tolerance", "needs --years auto (a fixed --years runs every year asked)");
    }
  }
  options.seed = parse_seed_option(cli.seed, options.seed);
  options.threads = parse_threads_option(cli.threads);
  options.central = cli.central;
  if (!cli.return_periods.empty())
    options.return_periods = parse_return_periods(cli.return_periods);
  if (!cli.ord.empty() && options.auto_years) {
    bad_option("--ord", "needs a fixed --years (the period loss table's PeriodWeight is 1/years)");
  }
  return options;
}

PreparedScenario load_risk_scenario(const RiskCliOptions& cli) {
  const std::vector<Override> overrides = collect_overrides(cli.scenario);
  // Each simulated outage brings its own start (Purpose::risk): profiles need no outage.start.
  return prepare_or_throw(load_scenario(cli.scenario.scenario, overrides), Purpose::risk);
}

// The outage process: --history, else --risk FILE, else the scenario's [risk].
RiskProcess risk_process(const RiskCliOptions& cli, const Scenario& scenario, std::string& name) {
  if (!cli.history.empty() || !cli.history_period.empty()) {
    if (cli.history.empty()) bad_option("--history-period", "needs --history LOG");
    if (cli.history_period.empty()) bad_option("--history", "needs --history-period P (e.g. 2y)");
    if (!cli.risk_file.empty())
      bad_option("--history", "give either --history or --risk, not both");
    const auto period = parse_history_period_hours(cli.history_period);
    if (!period) {
      bad_option(
          "--history-period",
          fmt::format("cannot read '{}': expected a duration > 0 such as 2y, 1q, 3mo, 18w or "
                      "400d",
                      cli.history_period));
    }
    // The log read as batch reads it: any --from, with --columns, --severity-map, ...
    IncidentSourceOptions source_options = cli.history_source;
    source_options.path = cli.history;
    const auto source = open_incident_source(source_options, std::cin);
    std::vector<HistoryOutage> rows = read_history(*source);
    if (!cli.output.quiet) {
      for (const auto& skipped : source->skip_notes()) print_warning("history: " + skipped);
    }
    name = "history " + cli.history;
    return history_process(std::move(rows), *period, Location{cli.history, 0, 0});
  }
  // How to read a log, given without one: an option that would not be acted on.
  const IncidentSourceOptions reading;
  const IncidentSourceOptions& given = cli.history_source;
  const std::pair<bool, const char*> reading_options[] = {
      {given.from != reading.from, "--from"},
      {!given.columns.empty(), "--columns"},
      {!given.severity_map.empty(), "--severity-map"},
      {!given.timezone.empty(), "--timezone"},
      {!given.components.empty(), "--component"}};
  for (const auto& [set, option] : reading_options) {
    if (set) bad_option(option, "says how to read --history LOG: it needs --history");
  }
  if (!cli.risk_file.empty()) {
    name = "[risk] in " + cli.risk_file;
    return load_risk_file(cli.risk_file);
  }
  if (!scenario.risk) {
    throw Error(Location{scenario.path, 0, 0},
                "no outage process: add a [risk] table (rate, duration) to the scenario, or give "
                "--risk FILE or --history LOG --history-period P");
  }
  name = "[risk] in " + scenario.path;
  return *scenario.risk;
}

}  // namespace outage
