// outage-impact compare: B - A per segment and total, at central values, over paired draws
// (common random numbers) or over the same simulated years (docs/risk.md, "Comparisons").
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/risk_options.hpp"
#include "model/analyses/compare.hpp"
#include "model/analyses/finite.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/inputs.hpp"
#include "report/compare_render.hpp"

namespace outage {
namespace {

struct CompareOptions {
  ScenarioOptions scenario;  // A, and what applies to both sides
  std::string b;             // B: a file or preset (default: A)
  std::vector<std::string> variants;
  SamplingCliOptions sampling;
  bool risk = false;
  RiskCliOptions risk_cli;   // --risk-process, --years, --central, --return-periods
  std::string variant_risk;  // --variant-risk FILE: B's outage process
  OutputOptions output;
};

// B's options: A's, its own file when given, and the variants on top.
ScenarioOptions side_b(const CompareOptions& options) {
  ScenarioOptions b = options.scenario;
  if (!options.b.empty()) b.scenario = options.b;
  b.variants = options.variants;
  return b;
}

void check_compare_options(const CompareOptions& options) {
  if (options.b.empty() && options.variants.empty() && options.variant_risk.empty()) {
    throw Error(
        Location{"--variant", 0, 0},
        "nothing to compare: give a second scenario B, or --variant KEY=VALUE changes to A");
  }
  if (options.risk) {
    // Each simulated outage brings its own duration, start and severity (the outage process).
    const std::pair<const std::string*, const char*> outage_options[] = {
        {&options.scenario.duration, "--duration"},
        {&options.scenario.start, "--start"},
        {&options.scenario.severity, "--severity"}};
    for (const auto& [value, option] : outage_options) {
      if (value->empty()) continue;
      throw Error(Location{option, 0, 0},
                  "compare --risk takes each outage's duration, start and severity from the "
                  "outage process: change the [risk] table instead");
    }
  }
  if (options.risk && !options.sampling.samples.empty()) {
    throw Error(
        Location{"--samples", 0, 0},
        "--risk compares simulated years: it draws per outage (or --central), not --samples");
  }
  if (!options.risk) {
    // The first risk-only option given is the one named.
    const std::pair<bool, const char*> risk_only[] = {
        {!options.risk_cli.risk_file.empty(), "--risk-process"},
        {!options.risk_cli.history.empty(), "--history"},
        {!options.risk_cli.history_period.empty(), "--history-period"},
        {options.risk_cli.history_source.from != IncidentSourceOptions{}.from, "--from"},
        {!options.risk_cli.history_source.columns.empty(), "--columns"},
        {!options.risk_cli.history_source.severity_map.empty(), "--severity-map"},
        {!options.risk_cli.history_source.timezone.empty(), "--timezone"},
        {!options.risk_cli.history_source.components.empty(), "--component"},
        {!options.variant_risk.empty(), "--variant-risk"},
        {options.risk_cli.years != RiskCliOptions{}.years, "--years"},
        {options.risk_cli.central, "--central"},
        {!options.risk_cli.return_periods.empty(), "--return-periods"}};
    for (const auto& [given, option] : risk_only) {
      if (!given) continue;
      // The location names the option: "--central: compares simulated years: ...".
      throw Error(Location{option, 0, 0}, "compares simulated years: it needs --risk");
    }
  }
  if (options.sampling.samples == "auto") {
    throw Error(Location{"--samples", 0, 0},
                "compare needs a number of draws (paired draws; auto is for estimate)");
  }
  check_output_paths(options.output.force, {{options.output.output, "--output"}});
}

Comparison run_risk_comparison(const CompareOptions& options, const ScenarioOptions& b_options) {
  RiskCliOptions cli = options.risk_cli;
  cli.output.quiet = options.output.quiet;
  cli.seed = options.sampling.seed;
  cli.threads = options.sampling.threads;
  RiskOptions risk = parse_risk_options(cli);
  if (risk.auto_years) {
    throw Error(Location{"--years", 0, 0}, "compare --risk needs a number of years");
  }
  const auto load = [&](const ScenarioOptions& side) {
    RiskCliOptions each = cli;
    each.scenario = side;
    return load_risk_scenario(each);
  };
  const PreparedScenario a = load(options.scenario);
  const PreparedScenario b = load(b_options);
  // Each side's outage process: --risk-process FILE (both), else its own [risk]; B's from
  // --variant-risk FILE when given (a mitigation that makes outages shorter or rarer).
  std::string name;
  const RiskProcess process_a = risk_process(cli, a.scenario(), name);
  RiskCliOptions cli_b = cli;
  if (!options.variant_risk.empty()) cli_b.risk_file = options.variant_risk;
  // One history serves both sides (read once: standard input cannot be read twice).
  const RiskProcess process_b = !cli.history.empty() && options.variant_risk.empty()
                                    ? process_a
                                    : risk_process(cli_b, b.scenario(), name);
  ProgressBar progress(!options.output.quiet, "years");
  risk.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
  Comparison comparison = compare_risk(a, process_a, b, process_b, risk, Location{"compare", 0, 0});
  progress.finish();
  return comparison;
}

int run_compare(const CompareOptions& options) {
  check_compare_options(options);
  const ScenarioOptions b_options = side_b(options);
  Comparison comparison;
  if (options.risk) {
    comparison = run_risk_comparison(options, b_options);
  } else {
    SamplingOptions sampling = parse_sampling_options(options.sampling);
    const PreparedScenario a = load_valid_scenario(options.scenario);
    const PreparedScenario b = load_valid_scenario(b_options);
    // Draws when either side is uncertain (the headline is a statistic), unless --samples 0.
    resolve_samples(sampling, options.sampling,
                    has_uncertain_inputs(a.scenario()) ? a.scenario() : b.scenario());
    ProgressBar progress(!options.output.quiet, "draws");
    sampling.progress = [&](std::int64_t done, std::int64_t total) {
      progress.update(done, total);
    };
    comparison = compare_estimates(a, b, sampling, Location{"compare", 0, 0});
    progress.finish();
  }
  check_finite_comparison(comparison, Location{"compare", 0, 0});
  if (!options.output.quiet) {
    for (const auto& warning : comparison.warnings) print_warning(warning);
  }
  const OutputFormat format = parse_format(options.output.format);
  emit(render_comparison(comparison, format, render_options(options.output, format)),
       options.output);
  return 0;
}

}  // namespace

Runner setup_compare(CLI::App& command) {
  auto options = std::make_shared<CompareOptions>();
  CompareOptions& o = *options;
  command.add_option("a", o.scenario.scenario, "Scenario A: a TOML file or preset name");
  command.add_option("b", o.b, "Scenario B (default: A with the --variant changes)");
  command.add_option("--variant", o.variants,
                     "Change B only: KEY=VALUE as --set takes it (repeatable), e.g. "
                     "segment.shop.recovery=30m");
  add_scenario_options(command, o.scenario);
  command.add_option("--samples", o.sampling.samples,
                     "Paired draws (default 10000 when an input is uncertain; 0: central values)");
  add_seed_threads_options(command, o.sampling.seed, o.sampling.threads);
  command.add_flag("--risk", o.risk,
                   "Compare yearly losses (AAL, AEP, OEP) over the same simulated years");
  command.add_option("--risk-process", o.risk_cli.risk_file,
                     "TOML file with the [risk] table for both sides (default: A's [risk])");
  command.add_option("--variant-risk", o.variant_risk,
                     "With --risk: B's outage process from FILE's [risk] (default: as A's)");
  command.add_option("--history", o.risk_cli.history,
                     "With --risk: both sides' outages resampled from this incident log, read "
                     "as batch reads it (see --from)");
  command.add_option("--history-period", o.risk_cli.history_period,
                     "The period --history covers, e.g. 2y, 1q, 3mo (as risk takes it)");
  add_incident_source_options(command, o.risk_cli.history_source);
  command.add_option("--years", o.risk_cli.years, "Years to simulate with --risk (default 10000)");
  command.add_flag("--central", o.risk_cli.central,
                   "With --risk: the other inputs at central values (default: drawn per outage)");
  command.add_option("--return-periods", o.risk_cli.return_periods,
                     "With --risk: return periods in years (default 2,5,...,1000)");
  add_output_options(command, o.output);
  command.footer(
      "B - A per segment and in total: at central values, and with draws the statistics of\n"
      "the draw-by-draw differences (common random numbers: an input both sides share takes\n"
      "the same value in the same draw, so `compare A A` is exactly 0). CSV columns:\n"
      "  segment,measure,return_period,a,b,difference\n\n"
      "Examples:\n"
      "  outage-impact compare aws-us-east-1-2025-10-20 --variant outage.duration=12h\n"
      "  outage-impact compare before.toml after.toml --format csv\n"
      "  outage-impact compare my.toml --variant segment.shop.recovery=30m --risk --years 100000");
  return [options] {
    options->scenario.quiet = options->output.quiet;
    return run_compare(*options);
  };
}

}  // namespace outage
