#include "cli/app.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <new>

#include "cli/commands.hpp"
#include "cli/risk_command.hpp"
#include "model/monte_carlo.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace outage {
namespace {

void print_error(const std::string& message) {
  std::fprintf(stderr, "outage-impact: error: %s\n", message.c_str());
}

extern "C" void on_interrupt(int signal_number) {
  remove_pending_temporary_files();
  std::signal(signal_number, SIG_DFL);
  ::_exit(static_cast<int>(ExitCode::interrupted));
}

void add_scenario_options(CLI::App& command, ScenarioOptions& options) {
  command.add_option("--duration", options.duration,
                     "Override the outage duration: 2h, 90m, 1h30m, 45s, 1d, PT2H30M or hours");
  command.add_option("--start", options.start,
                     "Override the outage start, ISO 8601 with offset (2024-03-05T15:00:00Z)");
  command.add_option("--severity", options.severity,
                     "Override the share of service lost, 0 < S <= 1");
  command.add_option("--set", options.sets,
                     "Override any scenario value, KEY=VALUE (repeatable), e.g. "
                     "segment.ads.deferred=0.4");
  command.add_option("--model", options.model, "Model: static or dynamic")
      ->check(CLI::IsMember({"static", "dynamic"}));
}

void add_output_options(CLI::App& command, OutputOptions& options) {
  command.add_option("--format", options.format, "Output format: table, csv, json or markdown")
      ->check(CLI::IsMember({"table", "csv", "json", "markdown"}));
  command.add_option("-o,--output", options.output,
                     "Write to FILE (atomically) instead of standard output");
  command.add_flag("--force", options.force, "Replace an existing --output file");
  command
      .add_option("--currency-format", options.currency_format,
                  "raw (full precision) or human ($30.8M); default human for table and "
                  "markdown, raw for csv and json")
      ->check(CLI::IsMember({"raw", "human"}));
  command.add_flag("-q,--quiet", options.quiet, "No progress or warnings on stderr");
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
  command.add_option("--seed", options.seed,
                     fmt::format("Random seed (default {}, so runs repeat)", kDefaultSeed));
  command.add_option("--threads", options.threads,
                     "Worker threads (default: all cores); never changes the numbers");
  command.add_option(
      "--percentiles", options.percentiles,
      "Extra percentiles of the net loss, e.g. 1,99 (p5, p50, p95 are always given)");
  command.add_option("--exceedance", options.exceedance,
                     "Write the loss exceedance curve of the total (CSV) to FILE");
}

}  // namespace

int run_command_line(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  CLI::App app{
      "outage-impact: estimate what an outage of an online platform costs, segment by "
      "segment, with an inoperability input-output model."};
  app.set_version_flag("--version", std::string("outage-impact ") + OUTAGE_IMPACT_VERSION);
  app.set_help_all_flag("--help-all", "Print help for every subcommand");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  outage-impact estimate                      the 5 March 2024 Meta outage (default "
      "preset)\n"
      "  outage-impact estimate my.toml --format csv -o losses.csv\n"
      "  outage-impact estimate --duration 6h --set segment.meta_ads.deferred=0.3\n"
      "  outage-impact sensitivity --top 5\n"
      "  outage-impact batch incidents.csv --scenario meta-2024-03-05\n"
      "  outage-impact check my.toml\n"
      "  outage-impact presets\n\n"
      "Exit codes: 0 success, 1 bad input, 2 bad command line, 3 internal error.");

  ScenarioOptions estimate_scenario;
  SamplingCliOptions estimate_sampling;
  SeriesOptions estimate_series;
  OutputOptions estimate_output;
  CLI::App* estimate = app.add_subcommand("estimate", "Estimate one outage's losses per segment");
  estimate->add_option("scenario", estimate_scenario.scenario,
                       "Scenario TOML file or preset name (default: meta-2024-03-05)");
  add_scenario_options(*estimate, estimate_scenario);
  add_sampling_options(*estimate, estimate_sampling);
  estimate->add_option("--series", estimate_series.path,
                       "Write the time series (inoperability and cumulative net loss per segment, "
                       "every --step) to FILE.csv");
  estimate->add_option("--step", estimate_series.step, "Time step of --series (default 5m)");
  estimate->add_option("--chart", estimate_series.chart,
                       "Write an SVG chart: the cumulative loss over time, or with --samples the "
                       "exceedance curve and p5-p95 ranges");
  add_output_options(*estimate, estimate_output);
  estimate->footer(
      "Examples:\n"
      "  outage-impact estimate\n"
      "  outage-impact estimate meta-2024-03-05 --format json\n"
      "  outage-impact estimate --samples 100000 --seed 7 --percentiles 1,99\n"
      "  outage-impact estimate scenario.toml --duration 90m --severity 0.5 --model static\n"
      "  outage-impact estimate --set segment.social_sellers.deferred=0.7 -o out.csv --format csv");

  ScenarioOptions check_scenario;
  CLI::App* check = app.add_subcommand("check", "Validate a scenario and print what is wrong");
  check->add_option("scenario", check_scenario.scenario, "Scenario TOML file or preset name")
      ->required();
  add_scenario_options(*check, check_scenario);
  check->footer("Examples:\n  outage-impact check my.toml\n  outage-impact check meta-2024-03-05");

  ScenarioOptions sensitivity_scenario;
  SamplingCliOptions sensitivity_sampling;
  SensitivityCliOptions sensitivity_options;
  OutputOptions sensitivity_output;
  CLI::App* sensitivity = app.add_subcommand(
      "sensitivity", "Which inputs move the total most: a tornado of p5 and p95 swings");
  sensitivity->add_option("scenario", sensitivity_scenario.scenario,
                          "Scenario TOML file or preset name (default: meta-2024-03-05)");
  add_scenario_options(*sensitivity, sensitivity_scenario);
  add_sampling_options(*sensitivity, sensitivity_sampling);
  sensitivity->add_flag("--all", sensitivity_options.all_inputs,
                        "Also swing every fixed input by +-20% (clamped to its valid range)");
  sensitivity->add_option("--top", sensitivity_options.top, "Show only the N largest swings");
  sensitivity->add_option("--chart", sensitivity_options.chart, "Write the tornado as SVG to FILE");
  add_output_options(*sensitivity, sensitivity_output);
  sensitivity->footer(
      "Each uncertain input is set to its p5 and then its p95 while every other input stays at\n"
      "its central value; inputs are sorted by the swing of the total net loss. With --samples N,\n"
      "a second ranking gives each input's squared rank correlation with the total across "
      "draws.\n\n"
      "Examples:\n"
      "  outage-impact sensitivity\n"
      "  outage-impact sensitivity --top 5 --format csv\n"
      "  outage-impact sensitivity my.toml --all --samples 20000");

  ImportIoOptions import_options;
  OutputOptions import_output;
  CLI::App* import_io = app.add_subcommand(
      "import-io", "Write a scenario skeleton from an input-output table (links from A*)");
  import_io
      ->add_option("table", import_options.table, "Transactions table CSV (e.g. a BEA Use table)")
      ->required();
  import_io
      ->add_option("--output-row", import_options.output_row,
                   "Label of the total-output row x, e.g. \"Total industry output (basic prices)\"")
      ->required();
  import_io->add_option(
      "--end-column", import_options.end_column,
      "First column after the sectors, e.g. \"Total Intermediate\" (default: none)");
  import_io->add_option("--scale", import_options.scale,
                        "Multiply every value, e.g. 1e6 for millions (default 1)");
  import_io->add_option("--missing", import_options.missing,
                        "Cell text read as 0 (repeatable; default --- and empty)");
  import_io->add_option("--matrix", import_options.matrix,
                        "Also write A* to this CSV and make the scenario use it (no table needed "
                        "at run time)");
  import_io->add_option("--supply", import_options.supply,
                        "The Use table's Supply table (BEA layout): links from domestic output at "
                        "basic prices, industry by industry (docs/model.md)");
  import_io->add_option("--currency", import_options.currency, "Currency code (default USD)");
  import_io->add_flag("--rows-by-position", import_options.rows_by_position,
                      "The first data rows are the sectors in column order (their labels differ "
                      "from the column labels, as in BEA's 71-industry table)");
  import_io->add_option("-o,--output", import_output.output, "Write the scenario to FILE");
  import_io->add_flag("--force", import_output.force, "Replace existing files");
  import_io->add_flag("-q,--quiet", import_output.quiet, "No summary on stderr");
  import_io->footer(
      "Examples:\n"
      "  outage-impact import-io use_15_2021.csv --output-row \"Total industry output (basic "
      "prices)\" \\\n"
      "      --end-column \"Total Intermediate\" --scale 1e6 -o us15.toml\n"
      "  outage-impact import-io use_71_2021.csv --output-row \"Total industry output (basic "
      "prices)\" \\\n"
      "      --end-column T001 --rows-by-position --scale 1e6 --matrix us71-links.csv -o "
      "us71.toml\n"
      "  outage-impact import-io use_15_2021.csv --supply supply_15_2021.csv \\\n"
      "      --output-row \"Total industry output (basic prices)\" --end-column \"Total "
      "Intermediate\" \\\n"
      "      --scale 1e6 --matrix us15-links.csv -o us15.toml");

  ScenarioOptions batch_scenario;
  BatchOptions batch_options;
  OutputOptions batch_output;
  CLI::App* batch = app.add_subcommand(
      "batch",
      "Estimate many outages from an incident log: id,duration[,start,severity] CSV, a "
      "Statuspage incidents.json or a PagerDuty/Opsgenie/Datadog export");
  batch->add_option("incidents", batch_options.incidents,
                    "Incident log CSV, or - for standard input (default)");
  batch->add_option("--scenario", batch_scenario.scenario,
                    "Scenario TOML file or preset name (default: meta-2024-03-05)");
  // --start and --severity set the values used for rows whose cells are empty.
  add_scenario_options(*batch, batch_scenario);
  batch->add_flag("--skip-bad-rows", batch_options.skip_bad_rows,
                  "Report bad rows on stderr and go on, instead of stopping at the first");
  batch
      ->add_option("--from", batch_options.from,
                   "Input kind: csv (default: id,duration[,start,severity]), statuspage "
                   "(incidents.json), or the CSV exports of pagerduty, opsgenie, datadog")
      ->check(CLI::IsMember({"csv", "statuspage", "pagerduty", "opsgenie", "datadog"}));
  batch->add_option("--columns", batch_options.columns,
                    "Which CSV column holds what: id=COL,start=COL,end=COL|duration=COL,"
                    "severity=COL (quote names with commas: id=\"Incident, ID\")");
  batch->add_option("--severity-map", batch_options.severity_map,
                    "Textual severities as numbers in (0, 1] or skip: high=1,low=0.3,none=skip "
                    "(statuspage default: critical=1,major=0.6,minor=0.25,none=skip)");
  batch->add_option("--timezone", batch_options.timezone,
                    "Offset of times written without one (2024-03-05 15:00): UTC or +HH:MM; "
                    "without it such times are an error");
  batch
      ->add_option("--component", batch_options.components,
                   "With --from statuspage: keep incidents that touched this component (name "
                   "or id; repeatable)")
      ->allow_extra_args(false);  // one name per --component: the file may follow
  batch->add_option("-o,--output", batch_output.output,
                    "Write to FILE (atomically, nothing on error) instead of standard output");
  batch->add_flag("--force", batch_output.force, "Replace an existing --output file");
  batch->add_option("--currency-format", batch_output.currency_format, "raw (default) or human")
      ->check(CLI::IsMember({"raw", "human"}));
  batch->add_flag("-q,--quiet", batch_output.quiet, "No warnings on stderr");
  batch->footer(
      "Output: one CSV row per incident and segment plus a total row per incident:\n"
      "  id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability\n"
      "Columns start (ISO 8601 with offset, or Unix seconds) and severity are optional; empty\n"
      "cells take the scenario's values. Rows are named by the line they start on (the header\n"
      "is line 1). With an end column, rows without an end (unresolved) are left out and\n"
      "counted on stderr. See docs/incidents.md for the mappings of each --from.\n\n"
      "Examples:\n"
      "  outage-impact batch incidents.csv --scenario meta-2024-03-05 -o losses.csv\n"
      "  outage-impact batch incidents.json --from statuspage --component API\n"
      "  outage-impact batch pd.csv --from pagerduty --severity-map high=1,low=0.3\n"
      "  outage-impact batch export.csv --columns 'id=Key,start=Began,end=Ended' --timezone "
      "+02:00\n"
      "  printf 'id,duration\\na,2h\\nb,30m\\n' | outage-impact batch - | grep ,total,");

  CLI::App* presets = app.add_subcommand("presets", "List the bundled scenarios and their sources");
  presets->footer("Example:\n  outage-impact presets");

  const RiskCommand risk(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) return app.exit(error);  // --help, --version
    std::string message = error.what();
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    print_error(message + " (see --help)");
    return static_cast<int>(ExitCode::bad_usage);
  }

  try {
    if (*estimate) {
      return run_estimate(estimate_scenario, estimate_sampling, estimate_series, estimate_output);
    }
    if (*check) return run_check(check_scenario);
    if (*sensitivity) {
      return run_sensitivity(sensitivity_scenario, sensitivity_sampling, sensitivity_options,
                             sensitivity_output);
    }
    if (*batch) return run_batch(batch_scenario, batch_options, batch_output);
    if (*import_io) return run_import_io(import_options, import_output);
    if (*presets) return run_presets();
    if (risk.selected()) return risk.run();
    return static_cast<int>(ExitCode::bad_usage);
  } catch (const Error& error) {
    print_error(error.describe());
    return static_cast<int>(error.code());
  } catch (const std::bad_alloc&) {
    print_error("out of memory: the scenario is too large for this machine");
    return static_cast<int>(ExitCode::bad_input);
  } catch (const std::exception& error) {
    print_error(fmt::format("internal error: {} (please report this)", error.what()));
    return static_cast<int>(ExitCode::internal);
  }
}

}  // namespace outage
