// The subcommands: each turns its options into a result on stdout or in files, through the
// library (load -> validate -> compute -> render -> emit).
#include "cli/commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <limits>
#include <memory>
#include <string_view>
#include <thread>

#include "cli/progress.hpp"
#include "model/batch.hpp"
#include "model/data_files.hpp"
#include "model/estimate.hpp"
#include "model/finite.hpp"
#include "model/incident_sources.hpp"
#include "model/inputs.hpp"
#include "model/io_table.hpp"
#include "model/monte_carlo.hpp"
#include "model/scenario_loader.hpp"
#include "model/sensitivity.hpp"
#include "model/supply_use.hpp"
#include "report/draws_csv.hpp"
#include "report/io_skeleton.hpp"
#include "report/render.hpp"
#include "report/svg.hpp"
#include "util/atomic_file.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

void print_warning(const std::string& message) {
  std::fprintf(stderr, "outage-impact: warning: %s\n", message.c_str());
}

void check_sampling_needed(const SamplingOptions& sampling, const SamplingCliOptions& options);

// --samples before the scenario is read: not given, or auto (decided by resolve_samples).
constexpr std::int64_t kSamplesDefault = -1;
constexpr std::int64_t kSamplesAuto = -2;
// --samples auto: the total's p5, p50 and p95 to 0.5 % (Monte Carlo standard error).
constexpr double kAutoPrecision = 0.005;

// Reads the sampling options (exit 2 when a value is wrong).
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
  if (!options.seed.empty()) {
    const auto seed = parse_integer(options.seed, 0, std::numeric_limits<std::int64_t>::max());
    if (!seed) {
      throw Error(
          Location{"--seed", 0, 0},
          fmt::format("expected a whole number 0 to 2^63-1 (base 10), got '{}'", options.seed));
    }
    sampling.seed = static_cast<std::uint64_t>(*seed);
  }
  sampling.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!options.threads.empty()) {
    const auto threads = parse_integer(options.threads, 1, 1024);
    if (!threads) {
      throw Error(Location{"--threads", 0, 0},
                  fmt::format("expected a whole number 1 to 1024, got '{}'", options.threads));
    }
    sampling.threads = static_cast<int>(*threads);
  }
  std::string_view rest = options.percentiles;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const auto percent = parse_number(item);
    if (!percent || !(*percent > 0 && *percent < 100)) {
      throw Error(
          Location{"--percentiles", 0, 0},
          fmt::format("expected percentages between 0 and 100 separated by commas, got '{}'",
                      options.percentiles));
    }
    // p5, p50 and p95 are always reported; other values once each.
    const bool known =
        *percent == 5 || *percent == 50 || *percent == 95 ||
        std::find(sampling.extra_percentiles.begin(), sampling.extra_percentiles.end(), *percent) !=
            sampling.extra_percentiles.end();
    if (!known) sampling.extra_percentiles.push_back(*percent);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  sampling.keep_inputs = !options.draws.empty();
  check_sampling_needed(sampling, options);
  return sampling;
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

// The headline is a statistic: without --samples, a scenario with uncertain inputs gets
// kHeadlineSamples draws (model.md, "Version 2 additions"); --samples 0 asks for none.
void resolve_samples(SamplingOptions& sampling, const SamplingCliOptions& options,
                     const Scenario& scenario) {
  if (sampling.samples >= 0) return;
  if (sampling.samples == kSamplesAuto && has_uncertain_inputs(scenario)) return;
  sampling.samples = has_uncertain_inputs(scenario) ? kHeadlineSamples : 0;
  check_sampling_needed(sampling, options);
}

// Writes every draw (--draws) atomically, in blocks so that memory stays that of the draws.
void write_draws(const SampledLosses& draws, const Scenario& scenario, const std::string& path,
                 bool force) {
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  AtomicFile file(path, force, "--draws");
  std::string block = draws_csv_header(draws, ids);
  constexpr std::int64_t kBlockRows = 4096;
  for (std::int64_t begin = 0; begin < draws.samples; begin += kBlockRows) {
    append_draws_csv_rows(block, draws, begin, std::min(draws.samples, begin + kBlockRows));
    file.write(block);
    block.clear();
  }
  file.commit();
}

// Turns the scenario options into overrides, checking each value's form (exit 2 when wrong).
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
  for (const auto& set : options.sets) overrides.push_back(parse_set_option(set));
  return overrides;
}

Scenario load_valid_scenario(const ScenarioOptions& options) {
  Scenario scenario = load_scenario(options.scenario, collect_overrides(options));
  require_valid_inputs(scenario);
  return scenario;
}

OutputFormat parse_format(const std::string& name) {
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  if (name == "markdown") return OutputFormat::markdown;
  return OutputFormat::table;
}

RenderOptions render_options(const OutputOptions& options, OutputFormat format) {
  RenderOptions render;
  if (options.currency_format.empty()) {
    render.currency_format = (format == OutputFormat::table || format == OutputFormat::markdown)
                                 ? CurrencyFormat::human
                                 : CurrencyFormat::raw;
  } else {
    render.currency_format =
        options.currency_format == "raw" ? CurrencyFormat::raw : CurrencyFormat::human;
  }
  render.color = format == OutputFormat::table && options.output.empty() &&
                 ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  render.bars = render.color;
  return render;
}

// Refuses, before any work, each output path that could not be written; empty paths are
// outputs that were not asked for.
void check_output_paths(bool force,
                        std::initializer_list<std::pair<std::string_view, const char*>> outputs) {
  for (const auto& [path, option] : outputs) {
    if (!path.empty()) check_output_path(std::string(path), force, option);
  }
}

// Writes to --output atomically, or to stdout, checking for write errors.
void emit(const std::string& text, const OutputOptions& options) {
  if (!options.output.empty()) {
    write_file_atomically(options.output, text, options.force, "--output");
    return;
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
  }
}

// "social-global, ecommerce (+07:00)": the distinct profiles the segments use.
std::string describe_profiles(const Scenario& scenario) {
  std::vector<std::string> seen;
  for (const auto& segment : scenario.segments) {
    std::string name = segment.profile.name.empty() ? std::string("flat") : segment.profile.name;
    if (segment.profile_utc_offset_hours != 0) {
      const double offset = segment.profile_utc_offset_hours;
      const auto minutes = static_cast<int>(std::lround(std::fabs(offset) * 60));
      name += fmt::format(" ({}{:02}:{:02})", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }
    if (std::find(seen.begin(), seen.end(), name) == seen.end()) seen.push_back(name);
  }
  std::string text;
  for (const auto& name : seen) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// Output that streams: to stdout as it goes, or to an atomic file committed at the end.
class StreamSink {
 public:
  explicit StreamSink(const OutputOptions& options) {
    if (!options.output.empty()) {
      m_file = std::make_unique<AtomicFile>(options.output, options.force, "--output");
    }
  }
  void write(std::string& buffer) {
    if (m_file) {
      m_file->write(buffer);
    } else if (std::fwrite(buffer.data(), 1, buffer.size(), stdout) != buffer.size()) {
      throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
    }
    buffer.clear();
  }
  void finish() {
    if (m_file) {
      m_file->commit();
    } else if (std::fflush(stdout) != 0) {
      throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
    }
  }

 private:
  std::unique_ptr<AtomicFile> m_file;
};

}  // namespace

int run_estimate(const ScenarioOptions& scenario_options,
                 const SamplingCliOptions& sampling_options, const SeriesOptions& series_options,
                 const OutputOptions& output_options) {
  SamplingOptions sampling = parse_sampling_options(sampling_options);
  std::optional<double> step_hours;
  if (!series_options.path.empty()) {
    std::string why;
    step_hours = parse_duration_hours(series_options.step, &why);
    if (!step_hours || !(*step_hours > 0)) {
      throw Error(Location{"--step", 0, 0},
                  fmt::format("expected a duration > 0 such as 5m, got '{}'", series_options.step));
    }
    check_output_path(series_options.path, output_options.force, "--series");
  }
  check_output_paths(output_options.force, {{series_options.chart, "--chart"},
                                            {output_options.output, "--output"},
                                            {sampling_options.exceedance, "--exceedance"},
                                            {sampling_options.draws, "--draws"}});
  const Scenario scenario = load_valid_scenario(scenario_options);
  resolve_samples(sampling, sampling_options, scenario);
  ProgressBar progress(!output_options.quiet, "draws");
  sampling.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  SampledLosses draws;
  const bool automatic = sampling.samples == kSamplesAuto;
  const Estimate estimate = automatic
                                ? estimate_to_precision(scenario, sampling, kAutoPrecision, &draws)
                                : estimate_with_uncertainty(scenario, sampling, &draws);
  progress.finish();
  check_finite_losses(estimate, scenario);
  if (automatic && !output_options.quiet) {
    std::fprintf(stderr, "outage-impact: --samples auto: %lld draws\n",
                 static_cast<long long>(estimate.samples));
  }
  constexpr std::size_t kMaxSeriesRows = 200000;
  if (step_hours) {
    std::vector<std::string> ids;
    for (const auto& segment : scenario.segments) ids.push_back(segment.id);
    const auto points = loss_series(central_inputs(scenario), *step_hours, kMaxSeriesRows,
                                    Location{"--step", 0, 0});
    write_file_atomically(series_options.path,
                          render_series_csv(points, ids, scenario.outage.start_unix_seconds),
                          output_options.force, "--series");
  }
  if (!series_options.chart.empty()) {
    std::string svg;
    if (estimate.samples > 0) {
      const double* totals = draws.total();
      svg = render_uncertainty_svg(std::vector<double>(totals, totals + draws.samples), estimate);
    } else {
      std::vector<std::string> names;
      for (const auto& segment : scenario.segments) names.push_back(segment.name);
      // A step of 1/60 of the outage (at least a second) draws the outage and its recovery.
      const ModelInputs inputs = central_inputs(scenario);
      const double step = std::max(inputs.duration_hours / 60.0, 1.0 / 3600.0);
      const auto points = loss_series(inputs, step, kMaxSeriesRows, Location{"--chart", 0, 0});
      svg = render_timeline_svg(points, names, estimate);
    }
    write_file_atomically(series_options.chart, svg, output_options.force, "--chart");
  }
  if (!sampling_options.draws.empty()) {
    write_draws(draws, scenario, sampling_options.draws, output_options.force);
  }
  if (!sampling_options.exceedance.empty()) {
    const double* totals = draws.total();
    write_file_atomically(
        sampling_options.exceedance,
        render_exceedance_csv(std::vector<double>(totals, totals + draws.samples)),
        output_options.force, "--exceedance");
  }
  if (!output_options.quiet) {
    for (const auto& warning : estimate.warnings) print_warning(warning);
  }
  const OutputFormat format = parse_format(output_options.format);
  emit(render(estimate, format, render_options(output_options, format)), output_options);
  return 0;
}

int run_sensitivity(const ScenarioOptions& scenario_options,
                    const SamplingCliOptions& sampling_options,
                    const SensitivityCliOptions& sensitivity_options,
                    const OutputOptions& output_options) {
  SensitivityOptions options;
  options.sampling = parse_sampling_options(sampling_options);
  options.all_inputs = sensitivity_options.all_inputs;
  if (!sensitivity_options.top.empty()) {
    const auto top = parse_integer(sensitivity_options.top, 1, 1'000'000);
    if (!top) {
      throw Error(Location{"--top", 0, 0},
                  fmt::format("expected a whole number >= 1, got '{}'", sensitivity_options.top));
    }
    options.top = static_cast<std::size_t>(*top);
  }
  check_output_paths(output_options.force, {{output_options.output, "--output"},
                                            {sensitivity_options.chart, "--chart"},
                                            {sampling_options.draws, "--draws"}});
  const Scenario scenario = load_valid_scenario(scenario_options);
  resolve_samples(options.sampling, sampling_options, scenario);
  if (options.sampling.samples == kSamplesAuto) {
    throw Error(Location{"--samples", 0, 0}, "auto is for estimate: give sensitivity a number");
  }
  ProgressBar progress(!output_options.quiet, "draws");
  options.sampling.progress = [&](std::int64_t done, std::int64_t total) {
    progress.update(done, total);
  };
  SampledLosses draws;
  const Sensitivity sensitivity = sensitivity_analysis(scenario, options, &draws);
  progress.finish();
  check_finite_losses(sensitivity, scenario);
  if (!sampling_options.draws.empty()) {
    write_draws(draws, scenario, sampling_options.draws, output_options.force);
  }
  if (!sensitivity_options.chart.empty()) {
    write_file_atomically(sensitivity_options.chart, render_tornado_svg(sensitivity),
                          output_options.force, "--chart");
  }
  const OutputFormat format = parse_format(output_options.format);
  emit(render_sensitivity(sensitivity, format, render_options(output_options, format)),
       output_options);
  return 0;
}

int run_import_io(const ImportIoOptions& options, const OutputOptions& output_options) {
  IoTableOptions table_options;
  table_options.output_row = options.output_row;
  if (!options.end_column.empty()) table_options.end_column = options.end_column;
  const auto scale = parse_number(options.scale);
  if (!scale || !(*scale > 0)) {
    throw Error(Location{"--scale", 0, 0},
                fmt::format("expected a number > 0, got '{}'", options.scale));
  }
  table_options.scale = *scale;
  if (!options.missing.empty()) table_options.missing = options.missing;
  table_options.rows_by_position = options.rows_by_position;
  check_output_paths(output_options.force,
                     {{output_options.output, "--output"}, {options.matrix, "--matrix"}});
  const Location where{options.table, 0, 0};
  const IoTable table = options.supply.empty()
                            ? read_io_table(options.table, table_options, where)
                            : read_supply_use(options.table, table_options, options.supply,
                                              SupplyTableOptions{}, Location{options.supply, 0, 0});
  IoSkeletonOptions skeleton;
  // Paths in a scenario are read relative to the scenario file.
  namespace fs = std::filesystem;
  const fs::path scenario_directory =
      fs::absolute(output_options.output.empty() ? fs::path("x") : fs::path(output_options.output))
          .parent_path();
  skeleton.table_path = fs::proximate(fs::absolute(options.table), scenario_directory).string();
  skeleton.table = table_options;
  if (!options.supply.empty()) {
    skeleton.supply_path = fs::proximate(fs::absolute(options.supply), scenario_directory).string();
  }
  skeleton.currency = options.currency;
  if (!options.matrix.empty()) {
    skeleton.matrix_path = fs::proximate(fs::absolute(options.matrix), scenario_directory).string();
    write_file_atomically(options.matrix, render_interdependency_csv(table), output_options.force,
                          "--matrix");
  }
  emit(render_io_scenario(table, skeleton), output_options);
  if (!output_options.quiet) {
    const Matrix shares = interdependency_from_io(table);
    Eigen::Index largest = 0;
    const double row_sum = shares.rowwise().sum().maxCoeff(&largest);
    std::fprintf(stderr,
                 "outage-impact: imported %zu sectors from %s (spectral radius of A* %.4g; "
                 "largest row sum %.4g, %s)\n",
                 table.sectors.size(), table.source.c_str(), spectral_radius(shares), row_sum,
                 table.sectors[static_cast<std::size_t>(largest)].c_str());
  }
  return 0;
}

int run_batch(const ScenarioOptions& scenario_options, const BatchOptions& batch_options,
              const OutputOptions& output_options) {
  const IncidentSourceOptions source_options{batch_options.incidents, batch_options.from,
                                             batch_options.columns,   batch_options.severity_map,
                                             batch_options.timezone,  batch_options.components};
  const Scenario scenario = load_valid_scenario(scenario_options);
  if (batch_options.incidents == "-") std::ios::sync_with_stdio(false);
  const auto source = open_incident_source(source_options, std::cin);
  RenderOptions render;
  render.currency_format =
      output_options.currency_format == "human" ? CurrencyFormat::human : CurrencyFormat::raw;
  std::vector<std::string> segment_ids;
  for (const auto& segment : scenario.segments) segment_ids.push_back(segment.id);

  IncidentEstimator estimator(scenario);
  StreamSink sink(output_options);
  std::string buffer = batch_csv_header();
  std::int64_t skipped = 0;
  std::int64_t estimated = 0;
  constexpr std::size_t kFlushBytes = 1 << 16;
  // A bad record or estimate can be skipped; a broken file (truncated, a bad quote) cannot.
  const auto bad_record = [&](const Error& error) {
    if (!batch_options.skip_bad_rows) {
      if (estimated > 0) sink.write(buffer);  // the rows before; never a lone header
      std::fflush(stdout);
      throw;  // the error being handled
    }
    ++skipped;
    if (!output_options.quiet) print_warning("skipped " + error.describe());
  };
  for (;;) {
    std::optional<Incident> incident;
    try {
      incident = source->next();
    } catch (const RecordError& error) {
      bad_record(error);
      continue;
    }
    if (!incident) break;
    try {
      const SegmentLosses& losses = estimator.estimate(*incident, source->where());
      check_finite_losses(losses, scenario, source->where());
      append_batch_rows(buffer, incident->id, segment_ids, losses, scenario.currency, render);
      ++estimated;
    } catch (const Error& error) {
      bad_record(error);
    }
    if (buffer.size() >= kFlushBytes) sink.write(buffer);
  }
  sink.write(buffer);
  sink.finish();
  if (!output_options.quiet) {
    if (skipped > 0) {
      print_warning(fmt::format("skipped {} of {} rows", skipped, source->records()));
    }
    for (const auto& note : source->skip_notes()) print_warning(note);
  }
  return 0;
}

int run_check(const ScenarioOptions& options) {
  const Scenario scenario = load_valid_scenario(options);
  std::size_t uncertain = 0;
  for (const Input& input : InputTable(scenario).inputs()) {
    if (input.param->is_uncertain()) ++uncertain;
  }
  const std::string profiles = describe_profiles(scenario);
  std::string text = fmt::format(
      "ok: {} ({}): {} segments, {} links, spectral radius {:.4g}, {} uncertain inputs\n"
      "    outage {}{}, model {}; profiles: {}\n",
      scenario.path, scenario.name, scenario.segments.size(), scenario.links.size(),
      spectral_radius(central_interdependency(scenario)), uncertain,
      format_duration_hours(scenario.outage.duration_hours.central()),
      scenario.outage.start_unix_seconds
          ? " from " + format_utc_instant(*scenario.outage.start_unix_seconds)
          : std::string(),
      model_kind_name(scenario.model), profiles);
  for (const auto& remark : input_remarks(scenario)) text += "note: " + remark + "\n";
  emit(text, OutputOptions{});
  return 0;
}

int run_presets() {
  std::string text;
  for (const auto& name : list_data_names("presets", ".toml")) {
    try {
      const Scenario scenario = load_scenario(name);
      text += fmt::format("{}{}\n    {}\n    {} sources, {} segments, {} links; profiles: {}\n",
                          name, name == kDefaultPreset ? " (default)" : "", scenario.description,
                          scenario.sources.size(), scenario.segments.size(), scenario.links.size(),
                          describe_profiles(scenario));
    } catch (const Error& error) {
      text += fmt::format("{}\n    (cannot be read: {})\n", name, error.describe());
    }
  }
  if (text.empty())
    throw Error(Location{}, "no presets found; set OUTAGE_IMPACT_DATA to the data directory");
  emit(text, OutputOptions{});
  return 0;
}

}  // namespace outage
