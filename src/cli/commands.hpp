// The subcommands of the command line and the options each takes, as plain structs filled by
// CLI11 in app.cpp. Each run function returns the exit code; errors are thrown as outage::Error.
#pragma once

#include <string>
#include <vector>

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
  std::string samples;  // empty: 10,000 draws when the scenario has uncertain inputs, else 0
  std::string seed;
  std::string threads;
  std::string percentiles;
  std::string exceedance;
  std::string draws;  // --draws FILE.csv: every draw's inputs and losses
};

struct SeriesOptions {
  std::string path;
  std::string step = "5m";
  std::string chart;
};

struct OutputOptions {
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
};

struct SensitivityCliOptions {
  bool all_inputs = false;
  std::string top;
  std::string chart;
};

struct ImportIoOptions {
  std::string table;
  std::string supply;  // a Supply table: domestic, basic-price, industry-by-industry links
  std::string output_row;
  std::string end_column;
  std::string scale = "1";
  std::vector<std::string> missing;
  std::string matrix;
  std::string currency = "USD";
  bool rows_by_position = false;
};

struct BatchOptions {
  std::string incidents = "-";
  bool skip_bad_rows = false;
  // How to read the incidents (model/incident_sources.hpp): --from, --columns,
  // --severity-map, --timezone, --component.
  std::string from = "csv";
  std::string columns;
  std::string severity_map;
  std::string timezone;
  std::vector<std::string> components;
};

int run_estimate(const ScenarioOptions& scenario_options,
                 const SamplingCliOptions& sampling_options, const SeriesOptions& series_options,
                 const OutputOptions& output_options);
int run_sensitivity(const ScenarioOptions& scenario_options,
                    const SamplingCliOptions& sampling_options,
                    const SensitivityCliOptions& sensitivity_options,
                    const OutputOptions& output_options);
int run_batch(const ScenarioOptions& scenario_options, const BatchOptions& batch_options,
              const OutputOptions& output_options);
int run_import_io(const ImportIoOptions& options, const OutputOptions& output_options);
int run_check(const ScenarioOptions& options);
int run_presets();

}  // namespace outage
