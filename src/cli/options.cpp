#include "cli/options.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <limits>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>

#include "cli/output.hpp"
#include "model/scenario/data_files.hpp"
#include "model/scenario/inputs.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace outage {

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
  command.add_option("--duration", options.duration,
                     "Override the outage duration: 2h, 90m, 1h30m, 45s, 1d, PT2H30M or hours");
  command.add_option("--start", options.start,
                     "Override the outage start, ISO 8601 with offset (2024-03-05T15:00:00Z)");
  command.add_option("--severity", options.severity,
                     "Override the share of service lost, 0 < S <= 1");
  add_set_options(command, options);
}

void add_set_options(CLI::App& command, ScenarioOptions& options) {
  command.add_option("--set", options.sets,
                     "Override any scenario value, KEY=VALUE (repeatable), e.g. "
                     "segment.ads.deferred=0.4");
  command.add_option("--model", options.model, "Model: static or dynamic")
      ->check(CLI::IsMember({"static", "dynamic"}));
}

void add_seed_threads_options(CLI::App& command, std::string& seed, std::string& threads) {
  command.add_option("--seed", seed,
                     fmt::format("Random seed (default {}, so runs repeat)", kDefaultSeed));
  command.add_option("--threads", threads,
                     "Worker threads (default: all cores; at most 4 x the cores); never "
                     "changes the numbers");
}

void add_output_options(CLI::App& command, OutputOptions& options,
                        const std::vector<std::string>& formats) {
  std::string names;
  for (std::size_t k = 0; k < formats.size(); ++k) {
    names += (k == 0 ? "" : k + 1 == formats.size() ? " or " : ", ") + formats[k];
  }
  command.add_option("--format", options.format, "Output format: " + names)
      ->check(CLI::IsMember(formats));
  command.add_option("-o,--output", options.output,
                     "Write to FILE (atomically) instead of standard output");
  command.add_flag("--force", options.force, "Replace existing output files");
  command
      .add_option("--currency-format", options.currency_format,
                  "raw (full precision) or human ($30.8M); default human for table and "
                  "markdown, raw for csv and json")
      ->check(CLI::IsMember({"raw", "human"}));
  add_csv_raw_option(command, options);
  command.add_flag("-q,--quiet", options.quiet, "No progress or warnings on stderr");
}

void add_csv_raw_option(CLI::App& command, OutputOptions& options) {
  command.add_flag("--csv-raw", options.csv_raw,
                   "CSV text cells exactly as given (for programs): without it a cell starting "
                   "with = + - @ tab or CR gets a leading ' so spreadsheets show it as text");
}

void add_sampling_options(CLI::App& command, SamplingCliOptions& options) {
  command.add_option(
      "--samples", options.samples,
      "Monte Carlo draws (default: 10000 when the scenario has uncertain inputs, "
      "whose mean and p5-p95 lead the table; 0: central values only; auto: until the "
      "total's p5, p50 and p95 are known to 0.5 %)");
  command.add_option("--draws", options.draws,
                     "Write every draw as CSV: draw, each uncertain input by its --set name, "
                     "each segment's net loss, total");
  add_seed_threads_options(command, options.seed, options.threads);
}

void add_distribution_options(CLI::App& command, SamplingCliOptions& options) {
  command.add_option(
      "--percentiles", options.percentiles,
      "Extra percentiles of the net loss, e.g. 1,99 (p5, p50, p95 are always given)");
  command.add_option("--exceedance", options.exceedance,
                     "Write the loss exceedance curve of the total (CSV) to FILE");
}

namespace {

// Adds each percentage of "1,99" once; p5, p50 and p95 are always reported.
void parse_percentiles(const std::string& text, std::vector<double>& extra) {
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const auto percent = parse_number(item);
    if (!percent || !(*percent > 0 && *percent < 100)) {
      throw Error(
          Location{"--percentiles", 0, 0},
          fmt::format("expected percentages between 0 and 100 separated by commas, got '{}'",
                      text));
    }
    const bool known = *percent == 5 || *percent == 50 || *percent == 95 ||
                       std::find(extra.begin(), extra.end(), *percent) != extra.end();
    if (!known) extra.push_back(*percent);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
}

// --percentiles, --exceedance and --draws need draws.
void check_sampling_needed(const SamplingOptions& sampling, const SamplingCliOptions& options) {
  if (sampling.samples != 0) return;
  for (const auto& [value, option] : {std::pair{options.percentiles, "--percentiles"},
                                      {options.exceedance, "--exceedance"},
                                      {options.draws, "--draws"}}) {
    if (!value.empty()) {
      throw Error(Location{option, 0, 0},
                  options.samples.empty()
                      ? "the scenario has no uncertain input, so nothing is drawn"
                      : "needs --samples N with N > 0");
    }
  }
}

}  // namespace

void resolve_samples(SamplingOptions& sampling, const SamplingCliOptions& options,
                     const Scenario& scenario) {
  if (sampling.samples >= 0) return;
  if (sampling.samples == kSamplesAuto && has_uncertain_inputs(scenario)) return;
  sampling.samples = has_uncertain_inputs(scenario) ? kHeadlineSamples : 0;
  check_sampling_needed(sampling, options);
}

int max_threads() {
  return 4 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::uint64_t parse_seed_option(const std::string& text, std::uint64_t default_seed) {
  if (text.empty()) return default_seed;
  const auto seed = parse_integer(text, 0, std::numeric_limits<std::int64_t>::max());
  if (!seed) {
    throw Error(Location{"--seed", 0, 0},
                fmt::format("expected a whole number 0 to 2^63-1 (base 10), got '{}'", text));
  }
  return static_cast<std::uint64_t>(*seed);
}

int parse_threads_option(const std::string& text) {
  if (text.empty()) return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto threads = parse_integer(text, 1, 1024);
  if (!threads) {
    throw Error(Location{"--threads", 0, 0},
                fmt::format("expected a whole number 1 to 1024, got '{}'", text));
  }
  return std::min(static_cast<int>(*threads), max_threads());
}

SamplingOptions parse_sampling_options(const SamplingCliOptions& options) {
  SamplingOptions sampling;
  // Without --samples the count is decided once the scenario is read (resolve_samples).
  const auto samples = options.samples.empty() ? std::optional<std::int64_t>(kSamplesDefault)
                       : options.samples == "auto"
                           ? std::optional<std::int64_t>(kSamplesAuto)
                           : parse_integer(options.samples, 0, 1'000'000'000'000);
  if (!samples) {
    throw Error(
        Location{"--samples", 0, 0},
        fmt::format("expected a whole number of draws >= 0 or auto, got '{}'", options.samples));
  }
  sampling.samples = *samples;
  sampling.seed = parse_seed_option(options.seed, sampling.seed);
  sampling.threads = parse_threads_option(options.threads);
  parse_percentiles(options.percentiles, sampling.extra_percentiles);
  sampling.keep_inputs = !options.draws.empty();
  check_sampling_needed(sampling, options);
  return sampling;
}

std::string unitless_duration_warning(const std::string& text) {
  constexpr double kPlainHoursWarning = 48;
  const auto hours = parse_number(trim(text));
  if (!hours || !(*hours > kPlainHoursWarning)) return {};
  const std::string number(trim(text));
  return fmt::format("'{}' is read as {} hours ({}); write {}s or {}m for seconds or minutes",
                     number, number, format_duration_hours(*hours), number, number);
}

std::vector<Override> collect_overrides(const ScenarioOptions& options) {
  std::vector<Override> overrides;
  std::string why;
  if (!options.duration.empty()) {
    const auto hours = parse_duration_hours(options.duration, &why);
    if (!hours) {
      throw Error(Location{"--duration", 0, 0},
                  fmt::format("cannot read '{}': expected {}", options.duration, why));
    }
    if (!(*hours > 0)) {
      throw Error(Location{"--duration", 0, 0},
                  fmt::format("the duration must be > 0, got '{}'", options.duration));
    }
    const std::string warning = unitless_duration_warning(options.duration);
    if (!warning.empty() && !options.quiet) print_warning("--duration: " + warning);
    overrides.push_back({"outage.duration", options.duration, "--duration"});
  }
  if (!options.start.empty()) {
    if (!parse_utc_instant(options.start, &why)) {
      throw Error(Location{"--start", 0, 0},
                  fmt::format("cannot read '{}': expected {}", options.start, why));
    }
    overrides.push_back(
        {"outage.start", "\"" + std::string(trim(options.start)) + "\"", "--start"});
  }
  if (!options.severity.empty()) {
    const auto severity = parse_number(options.severity);
    if (!severity || !(*severity > 0 && *severity <= 1)) {
      throw Error(Location{"--severity", 0, 0},
                  fmt::format("expected a number in (0, 1], got '{}'", options.severity));
    }
    overrides.push_back({"outage.severity", options.severity, "--severity"});
  }
  if (!options.model.empty()) {
    overrides.push_back({"model.kind", "\"" + options.model + "\"", "--model"});
  }
  for (auto& set : parse_set_options(options.sets, "--set")) overrides.push_back(std::move(set));
  for (auto& variant : parse_set_options(options.variants, "--variant")) {
    overrides.push_back(std::move(variant));
  }
  return overrides;
}

std::string path_argument(const std::string& path) {
  if (path.size() > 1 && path[0] == '-') return "./" + path;
  return path;
}

namespace {

// "--duration 6h, --set segment.ads.deferred=0.4": what changed the outage, or "".
std::string what_if(const ScenarioOptions& options) {
  std::vector<std::string> changes;
  if (!options.start.empty()) changes.push_back("--start " + options.start);
  if (!options.duration.empty()) changes.push_back("--duration " + options.duration);
  if (!options.severity.empty()) changes.push_back("--severity " + options.severity);
  for (const auto& set : options.sets) changes.push_back("--set " + set);
  for (const auto& variant : options.variants) changes.push_back("--variant " + variant);
  std::string text;
  for (const auto& change : changes) text += (text.empty() ? "" : ", ") + change;
  return text;
}

// Loads the scenario; a name that is neither a file nor a preset gets the closest preset.
Scenario load_or_suggest(const ScenarioOptions& options, const std::string& path) {
  try {
    return load_scenario(path, collect_overrides(options));
  } catch (const Error& error) {
    if (std::string_view(error.what()).find("no such scenario file or preset") ==
        std::string_view::npos) {
      throw;
    }
    const std::string match = closest_match(path, list_data_names("presets", ".toml"));
    if (match.empty()) throw;
    throw Error(error.code(), error.where(),
                fmt::format("{}; did you mean '{}'?", error.what(), match));
  }
}

}  // namespace

PreparedScenario load_valid_scenario(const ScenarioOptions& options, Purpose purpose) {
  Scenario scenario = load_or_suggest(options, path_argument(options.scenario));
  const std::string changes = what_if(options);
  if (!changes.empty()) scenario.name += " (what-if: " + changes + ")";
  return prepare_or_throw(std::move(scenario), purpose);
}

void add_incident_source_options(CLI::App& command, IncidentSourceOptions& options) {
  command
      .add_option("--from", options.from,
                  "Input kind: csv (default: id,duration[,start,severity]), statuspage "
                  "(incidents.json), or the CSV exports of pagerduty, opsgenie, datadog")
      ->check(CLI::IsMember({"csv", "statuspage", "pagerduty", "opsgenie", "datadog"}));
  command.add_option("--columns", options.columns,
                     "Which CSV column holds what: id=COL,start=COL,end=COL|duration=COL,"
                     "severity=COL (quote names with commas: id=\"Incident, ID\")");
  command.add_option("--severity-map", options.severity_map,
                     "Textual severities as numbers in (0, 1] or skip: high=1,low=0.3,none=skip "
                     "(statuspage default: critical=1,major=0.6,minor=0.25,none=skip)");
  command.add_option("--timezone", options.timezone,
                     "Offset of times written without one (2024-03-05 15:00): UTC or +HH:MM; "
                     "without it such times are an error");
  command
      .add_option("--component", options.components,
                  "With --from statuspage: keep incidents that touched one of these components "
                  "(names or ids, comma-separated or repeated, without regard to case)")
      ->allow_extra_args(false);  // one name per --component: the file may follow
}

}  // namespace outage
