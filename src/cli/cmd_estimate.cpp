// outage-impact estimate: one outage -> per-segment losses (with --samples, their ranges),
// optionally a time series, a chart and the exceedance curve.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/verbose.hpp"
#include "model/analyses/finite.hpp"
#include "model/estimate/estimate.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/rollup.hpp"
#include "report/render.hpp"
#include "report/stderr_table.hpp"
#include "report/svg.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

namespace outage {
namespace {

struct SeriesOptions {
  std::string path;
  std::string step = "5m";
  std::string chart;
};

struct EstimateOptions {
  ScenarioOptions scenario;
  SamplingCliOptions sampling;
  SeriesOptions series;
  OutputOptions output;
  bool show_stderr = false;
  bool verbose = false;
};

constexpr std::size_t kMaxSeriesRows = 200000;

void write_series(const PreparedScenario& prepared, double step_hours,
                  const EstimateOptions& options) {
  const Scenario& scenario = prepared.scenario();
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  const auto points = loss_series(prepared.central(), prepared.central_solution(), step_hours,
                                  kMaxSeriesRows, Location{"--step", 0, 0});
  write_file_atomically(options.series.path,
                        render_series_csv(points, ids, scenario.outage.start_unix_seconds, {},
                                          prepared.rollup().welfare_flags()),
                        options.output.force, "--series");
}

// The stacked timeline adds its segments up: welfare segments (not output) are left out.
void market_segments_only(const Rollup& rollup, std::vector<SeriesPoint>& points,
                          std::vector<std::string>& names) {
  std::vector<Eigen::Index> kept;
  std::vector<std::string> kept_names;
  for (std::size_t i = 0; i < rollup.size(); ++i) {
    if (rollup.is_welfare(i)) continue;
    kept.push_back(static_cast<Eigen::Index>(i));
    kept_names.push_back(names[i]);
  }
  if (kept.size() == names.size()) return;
  for (auto& point : points) {
    point.inoperability = point.inoperability(kept).eval();
    point.cumulative_net_loss = point.cumulative_net_loss(kept).eval();
  }
  names = std::move(kept_names);
}

void write_chart(const PreparedScenario& prepared, const Estimate& estimate,
                 const SampledLosses& draws, const EstimateOptions& options) {
  std::string svg;
  if (estimate.samples > 0) {
    const double* totals = draws.total();
    svg = render_uncertainty_svg(std::vector<double>(totals, totals + draws.samples), estimate);
  } else {
    std::vector<std::string> names;
    for (const auto& segment : prepared.scenario().segments) names.push_back(segment.name);
    // A step of 1/60 of the outage (at least a second) draws the outage and its recovery.
    const ModelInputs& inputs = prepared.central();
    const double step = std::max(inputs.duration_hours / 60.0, 1.0 / 3600.0);
    auto points = loss_series(inputs, prepared.central_solution(), step, kMaxSeriesRows,
                              Location{"--chart", 0, 0});
    market_segments_only(prepared.rollup(), points, names);
    svg = render_timeline_svg(points, names, estimate);
  }
  write_file_atomically(options.series.chart, svg, options.output.force, "--chart");
}

// Checks --step and every output path before any work; returns the step in hours when a
// series was asked for.
std::optional<double> check_estimate_options(const EstimateOptions& options) {
  std::optional<double> step_hours;
  if (!options.series.path.empty()) {
    std::string why;
    step_hours = parse_duration_hours(options.series.step, &why);
    if (!step_hours || !(*step_hours > 0)) {
      throw Error(Location{"--step", 0, 0},
                  fmt::format("expected a duration > 0 such as 5m, got '{}'", options.series.step));
    }
  }
  if (!options.series.chart.empty()) check_svg_name(options.series.chart, "--chart");
  const OutputFormat format = parse_format(options.output.format);
  if (!options.sampling.percentiles.empty() && format != OutputFormat::csv &&
      format != OutputFormat::json) {
    throw Error(Location{"--percentiles", 0, 0},
                "the extra percentiles are written in csv and json output only: add --format "
                "csv or --format json");
  }
  if (options.show_stderr && format != OutputFormat::table && format != OutputFormat::markdown) {
    throw Error(Location{"--show-stderr", 0, 0},
                "the standard errors are an extra table in table and markdown output (json "
                "always has them as \"stderr\"): drop --show-stderr or use --format table");
  }
  check_output_paths(options.output.force, {{options.output.output, "--output"},
                                            {options.series.path, "--series"},
                                            {options.series.chart, "--chart"},
                                            {options.sampling.exceedance, "--exceedance"},
                                            {options.sampling.draws, "--draws"}});
  return step_hours;
}

// The estimate with valid UTF-8 in every text (a Latin-1 file name would break JSON).
Estimate printable(Estimate estimate) {
  estimate.scenario = valid_utf8(estimate.scenario);
  for (auto& warning : estimate.warnings) warning = valid_utf8(warning);
  return estimate;
}

int run_estimate(const EstimateOptions& options) {
  RunReport run;
  run.command = "estimate";
  PhaseTimer timer(run);
  SamplingOptions sampling = parse_sampling_options(options.sampling);
  const std::optional<double> step_hours = check_estimate_options(options);
  const PreparedScenario prepared = load_valid_scenario(options.scenario);
  const Scenario& scenario = prepared.scenario();
  timer.lap("load and check");
  resolve_samples(sampling, options.sampling, scenario);
  if (options.show_stderr && sampling.samples == 1) {
    throw Error(Location{"--show-stderr", 0, 0},
                "one draw has no standard error: use --samples 2 or more (or auto)");
  }
  ProgressBar progress(!options.output.quiet, "draws");
  sampling.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  SampledLosses draws;
  const bool automatic = sampling.samples == kSamplesAuto;
  const Estimate estimate = automatic
                                ? estimate_to_precision(prepared, sampling, kAutoPrecision, &draws)
                                : estimate_with_uncertainty(prepared, sampling, &draws);
  progress.finish();
  timer.lap("solve and draws");
  check_finite_losses(estimate, scenario);
  if (automatic && !options.output.quiet) {
    std::fprintf(stderr, "outage-impact: --samples auto: %lld draws\n",
                 static_cast<long long>(estimate.samples));
  }
  if (step_hours) write_series(prepared, *step_hours, options);
  if (!options.series.chart.empty()) write_chart(prepared, estimate, draws, options);
  if (!options.sampling.draws.empty()) {
    write_draws(draws, scenario, options.sampling.draws, options.output.force);
  }
  if (!options.sampling.exceedance.empty()) {
    const double* totals = draws.total();
    write_file_atomically(
        options.sampling.exceedance,
        render_exceedance_csv(std::vector<double>(totals, totals + draws.samples)),
        options.output.force, "--exceedance");
  }
  if (!options.output.quiet) {
    for (const auto& warning : estimate.warnings) print_warning(warning);
  }
  timer.lap("other outputs");
  const OutputFormat format = parse_format(options.output.format);
  const RenderOptions rendering = render_options(options.output, format);
  std::string text = render(printable(estimate), format, rendering);
  if (options.show_stderr) {
    text += render_stderr_table(printable(estimate), rendering, format == OutputFormat::markdown);
  }
  timer.lap("render");
  if (options.verbose) {
    describe_scenario(prepared, run);
    describe_draws(draws, sampling, run);
    if (format == OutputFormat::json) text = add_run_to_json(text, run);
  }
  emit(text, options.output);
  if (options.verbose) print_run_report(run);
  return 0;
}

}  // namespace

Runner setup_estimate(CLI::App& command) {
  auto options = std::make_shared<EstimateOptions>();
  command.add_option("scenario", options->scenario.scenario, kScenarioHelp);
  add_scenario_options(command, options->scenario);
  add_sampling_options(command, options->sampling);
  add_distribution_options(command, options->sampling);
  command.add_option("--series", options->series.path,
                     "Write the time series (inoperability and cumulative net loss per segment, "
                     "every --step) to FILE.csv");
  command.add_option("--step", options->series.step, "Time step of --series (default 5m)");
  command.add_option("--chart", options->series.chart,
                     "Write an SVG chart: the cumulative loss over time, or with --samples the "
                     "exceedance curve and p5-p95 ranges");
  add_output_options(command, options->output);
  command.add_flag("--show-stderr", options->show_stderr,
                   "With --samples: a table of each statistic's Monte Carlo standard error "
                   "(table and markdown; json always has them)");
  add_verbose_option(command, options->verbose);
  command.footer(
      "Examples:\n"
      "  outage-impact estimate\n"
      "  outage-impact estimate meta-2024-03-05 --format json\n"
      "  outage-impact estimate --samples 100000 --seed 7 --percentiles 1,99 --format csv\n"
      "  outage-impact estimate scenario.toml --duration 90m --severity 0.5 --model static\n"
      "  outage-impact estimate --set segment.advertisers.deferred=0.7 -o out.csv --format csv");
  return [options] {
    options->scenario.quiet = options->output.quiet;
    return run_estimate(*options);
  };
}

}  // namespace outage
