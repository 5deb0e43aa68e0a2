// outage-impact sensitivity: which inputs move the total most (tornado of p5/p95 swings, and
// with --samples the squared rank correlations).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "model/analyses/finite.hpp"
#include "model/analyses/sensitivity.hpp"
#include "model/estimate/monte_carlo.hpp"
#include "report/render.hpp"
#include "report/svg.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

struct SensitivityCliOptions {
  ScenarioOptions scenario;
  SamplingCliOptions sampling;
  OutputOptions output;
  bool all_inputs = false;
  std::string top;
  std::string chart;
};

int run_sensitivity(const SensitivityCliOptions& cli) {
  SensitivityOptions options;
  options.sampling = parse_sampling_options(cli.sampling);
  options.all_inputs = cli.all_inputs;
  if (!cli.top.empty()) {
    const auto top = parse_integer(cli.top, 1, 1'000'000);
    if (!top) {
      throw Error(Location{"--top", 0, 0},
                  fmt::format("expected a whole number >= 1, got '{}'", cli.top));
    }
    options.top = static_cast<std::size_t>(*top);
  }
  if (!cli.chart.empty()) check_svg_name(cli.chart, "--chart");
  check_output_paths(
      cli.output.force,
      {{cli.output.output, "--output"}, {cli.chart, "--chart"}, {cli.sampling.draws, "--draws"}});
  const PreparedScenario prepared = load_valid_scenario(cli.scenario);
  const Scenario& scenario = prepared.scenario();
  resolve_samples(options.sampling, cli.sampling, scenario);
  if (options.sampling.samples == kSamplesAuto) {
    throw Error(Location{"--samples", 0, 0}, "auto is for estimate: give sensitivity a number");
  }
  // Swings first (one solve each for inputs that change the dynamics), then the draws.
  ProgressBar swings(!cli.output.quiet, "inputs");
  options.progress = [&](std::int64_t done, std::int64_t total) {
    swings.update(done, total);
    if (done == total) swings.finish();
  };
  ProgressBar progress(!cli.output.quiet, "draws");
  options.sampling.progress = [&](std::int64_t done, std::int64_t total) {
    progress.update(done, total);
  };
  SampledLosses draws;
  const Sensitivity sensitivity = sensitivity_analysis(prepared, options, &draws);
  progress.finish();
  check_finite_losses(sensitivity, scenario);
  if (!cli.sampling.draws.empty()) {
    write_draws(draws, scenario, cli.sampling.draws, cli.output.force);
  }
  if (!cli.chart.empty()) {
    write_file_atomically(cli.chart, render_tornado_svg(sensitivity), cli.output.force, "--chart");
  }
  const OutputFormat format = parse_format(cli.output.format);
  emit(render_sensitivity(sensitivity, format, render_options(cli.output, format)), cli.output);
  return 0;
}

}  // namespace

Runner setup_sensitivity(CLI::App& command) {
  auto options = std::make_shared<SensitivityCliOptions>();
  command.add_option("scenario", options->scenario.scenario, kScenarioHelp);
  add_scenario_options(command, options->scenario);
  add_sampling_options(command, options->sampling);
  command.add_flag("--all", options->all_inputs,
                   "Also swing every fixed input by +-20% (clamped to its valid range)");
  command.add_option("--top", options->top, "Show only the N largest swings");
  command.add_option("--chart", options->chart, "Write the tornado as SVG to FILE");
  add_output_options(command, options->output);
  command.footer(
      "Each uncertain input is set to its p5 and then its p95 while every other input stays at\n"
      "its central value; inputs are sorted by the swing of the total net loss. With --samples N,\n"
      "a second ranking gives each input's squared rank correlation with the total across "
      "draws.\n\n"
      "Examples:\n"
      "  outage-impact sensitivity\n"
      "  outage-impact sensitivity --top 5 --format csv\n"
      "  outage-impact sensitivity my.toml --all --samples 20000");
  return [options] {
    options->scenario.quiet = options->output.quiet;
    return run_sensitivity(*options);
  };
}

}  // namespace outage
