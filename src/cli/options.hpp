// Option groups shared by several subcommands (scenario, sampling, output): their structs,
// their CLI11 setup, and the functions that turn them into library inputs. A subcommand's own
// options live in its src/cli/cmd_NAME.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/estimate/monte_carlo.hpp"
#include "model/incidents/open_incident.hpp"
#include "model/scenario/prepared.hpp"
#include "model/scenario/scenario.hpp"
#include "model/scenario/scenario_loader.hpp"

namespace CLI {
class App;
}

namespace outage {

constexpr const char* kDefaultPreset = "meta-2024-03-05";
// The help of a command's scenario argument or --scenario.
inline const std::string kScenarioHelp =
    std::string("Scenario TOML file or preset name (default: ") + kDefaultPreset + ")";

// What every command that reads a scenario accepts.
struct ScenarioOptions {
  std::string scenario = kDefaultPreset;
  std::string duration;
  std::string start;
  std::string severity;
  std::string model;
  std::vector<std::string> sets;
  std::vector<std::string> variants;  // compare's --variant: B's changes on top of --set
  bool quiet = false;                 // no warnings on stderr (set from -q by the subcommand)
};

// How an incident log is read (model/incidents/open_incident.hpp): --from, --columns,
// --severity-map, --timezone, --component, shared by batch and risk --history.
void add_incident_source_options(CLI::App& command, IncidentSourceOptions& options);

struct SamplingCliOptions {
  std::string samples;  // empty: 10,000 draws when the scenario has uncertain inputs, else 0
  std::string seed;
  std::string threads;
  std::string percentiles;
  std::string exceedance;
  std::string draws;  // --draws FILE.csv: every draw's inputs and losses
};

struct OutputOptions {
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
  bool csv_raw = false;  // --csv-raw: text cells as given, no spreadsheet-formula neutralising
};

// --duration, --start, --severity, --set, --model.
void add_scenario_options(CLI::App& command, ScenarioOptions& options);
// --set and --model alone (risk: each simulated outage has its own duration, start, severity).
void add_set_options(CLI::App& command, ScenarioOptions& options);
// --seed and --threads, as every command that draws takes them.
void add_seed_threads_options(CLI::App& command, std::string& seed, std::string& threads);
// --samples, --draws, --seed, --threads.
void add_sampling_options(CLI::App& command, SamplingCliOptions& options);
// --percentiles, --exceedance (for commands that report the distribution of the total).
void add_distribution_options(CLI::App& command, SamplingCliOptions& options);

// At most this many worker threads (4 x the cores): more only cost memory.
int max_threads();
// --format (one of `formats`), -o/--output, --force, --currency-format, --csv-raw, -q/--quiet.
void add_output_options(CLI::App& command, OutputOptions& options,
                        const std::vector<std::string>& formats = {"table", "csv", "json",
                                                                   "markdown"});
// --csv-raw alone (for subcommands with their own output options).
void add_csv_raw_option(CLI::App& command, OutputOptions& options);

// --samples before the scenario is read: not given, or auto (decided by resolve_samples).
constexpr std::int64_t kSamplesDefault = -1;
constexpr std::int64_t kSamplesAuto = -2;
// --samples auto: the total's p5, p50 and p95 to 0.5 % (Monte Carlo standard error).
constexpr double kAutoPrecision = 0.005;

// --seed (the default when empty) and --threads (all cores when empty, at most max_threads());
// Error located at the option (exit 2) when wrong. Shared by estimate, sensitivity, risk, compare.
std::uint64_t parse_seed_option(const std::string& text, std::uint64_t default_seed);
int parse_threads_option(const std::string& text);

// Reads the sampling options; throws Error located at the option (exit 2) when one is wrong.
// Without --samples, samples is kSamplesDefault; with --samples auto, kSamplesAuto.
SamplingOptions parse_sampling_options(const SamplingCliOptions& options);
// The headline is a statistic: without --samples, a scenario with uncertain inputs gets
// kHeadlineSamples draws (docs/model.md, "Version 2 additions"); --samples 0 asks for none. Leaves
// kSamplesAuto for a scenario with uncertain inputs.
void resolve_samples(SamplingOptions& sampling, const SamplingCliOptions& options,
                     const Scenario& scenario);
// Turns the scenario options into overrides, checking each value's form (exit 2 when wrong).
std::vector<Override> collect_overrides(const ScenarioOptions& options);
// Loads the scenario with the overrides and validates it; throws Error when it is wrong (a
// mistyped preset name gets a "did you mean"). When the outage was changed on the command
// line, the title says so: "NAME (what-if: --duration 6h)".
PreparedScenario load_valid_scenario(const ScenarioOptions& options,
                                     Purpose purpose = Purpose::estimate);

// A path argument that starts with '-' (given after --) as "./-name", so that it is never
// taken for an option in messages and locations; "-" (standard input or output) is kept.
std::string path_argument(const std::string& path);

// A warning when a plain number is given as a duration on the command line or in a CSV cell:
// it is read as hours, which is surprising above 48 ("5400 is read as 5400 hours"); "" else.
std::string unitless_duration_warning(const std::string& text);

}  // namespace outage
