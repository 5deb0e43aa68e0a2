// Option groups shared by several subcommands (scenario, sampling, output): their structs,
// their CLI11 setup, and the functions that turn them into library inputs. A subcommand's own
// options live in its src/cli/cmd_NAME.cpp.
#pragma once

#include <string>
#include <vector>

#include "model/monte_carlo.hpp"
#include "model/scenario.hpp"
#include "model/scenario_loader.hpp"

namespace CLI {
class App;
}

namespace outage {

constexpr const char* kDefaultPreset = "meta-2024-03-05";

// What every command that reads a scenario accepts.
struct ScenarioOptions {
  std::string scenario = kDefaultPreset;
  std::string duration;
  std::string start;
  std::string severity;
  std::string model;
  std::vector<std::string> sets;
};

struct SamplingCliOptions {
  std::string samples = "0";
  std::string seed;
  std::string threads;
  std::string percentiles;
  std::string exceedance;
};

struct OutputOptions {
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
};

// --duration, --start, --severity, --set, --model.
void add_scenario_options(CLI::App& command, ScenarioOptions& options);
// --samples, --seed, --threads, --percentiles, --exceedance.
void add_sampling_options(CLI::App& command, SamplingCliOptions& options);
// --format, -o/--output, --force, --currency-format, -q/--quiet.
void add_output_options(CLI::App& command, OutputOptions& options);

// Reads the sampling options; throws Error located at the option (exit 2) when one is wrong.
SamplingOptions parse_sampling_options(const SamplingCliOptions& options);
// Turns the scenario options into overrides, checking each value's form (exit 2 when wrong).
std::vector<Override> collect_overrides(const ScenarioOptions& options);
// Loads the scenario with the overrides and validates it; throws Error when it is wrong.
Scenario load_valid_scenario(const ScenarioOptions& options);

}  // namespace outage
