// outage-impact batch: many outages from a CSV incident log, streamed to a CSV of losses.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/batch.hpp"
#include "model/data_files.hpp"
#include "report/render.hpp"
#include "util/csv.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

struct BatchOptions {
  ScenarioOptions scenario;  // scenario.scenario empty: --scenario not given
  OutputOptions output;
  std::string incidents = "-";
  bool skip_bad_rows = false;
};

// Opens the incident log (a file, or standard input for "-"); returns its name for errors.
std::istream& open_incidents(const std::string& incidents, std::ifstream& file,
                             std::string& source) {
  if (incidents == "-") {
    source = "<stdin>";
    std::ios::sync_with_stdio(false);
    return std::cin;
  }
  source = incidents;
  file = open_input_file(source, Location{source, 0, 0}, std::numeric_limits<std::size_t>::max());
  return file;
}

// "outage-impact: note: ..." on stderr unless -q: what batch assumed for the user.
void note(const BatchOptions& options, const std::string& message) {
  if (!options.output.quiet) std::fprintf(stderr, "outage-impact: note: %s\n", message.c_str());
}

// Warns once, at the first row whose duration is a plain number over 48 (read as hours).
void warn_unitless_duration(const std::vector<std::string>& fields, const IncidentColumns& columns,
                            const Location& where, const BatchOptions& options, bool& warned) {
  if (warned || options.output.quiet || columns.duration >= fields.size()) return;
  const std::string warning = unitless_duration_warning(fields[columns.duration]);
  if (warning.empty()) return;
  print_warning(
      fmt::format("{}: duration {} (later rows are not reported)", where.describe(), warning));
  warned = true;
}

// Estimates every row after the header, writing rows to `sink`; returns {rows, skipped}.
std::pair<std::int64_t, std::int64_t> run_rows(const Scenario& scenario, CsvReader& reader,
                                               const IncidentColumns& columns,
                                               const BatchOptions& options, StreamSink& sink) {
  RenderOptions render;
  render.currency_format =
      options.output.currency_format == "human" ? CurrencyFormat::human : CurrencyFormat::raw;
  std::vector<std::string> segment_ids;
  for (const auto& segment : scenario.segments) segment_ids.push_back(segment.id);
  IncidentEstimator estimator(scenario);
  std::string buffer = batch_csv_header();
  std::vector<std::string> fields;
  std::int64_t rows = 0;
  std::int64_t skipped = 0;
  bool warned = false;
  constexpr std::size_t kFlushBytes = 1 << 16;
  while (reader.next(fields)) {
    ++rows;
    const Location where{reader.source(), reader.line(), 0};
    warn_unitless_duration(fields, columns, where, options, warned);
    try {
      const Incident incident = read_incident(columns, fields, where);
      append_batch_rows(buffer, incident.id, segment_ids, estimator.estimate(incident, where),
                        scenario.currency, render);
    } catch (const Error& error) {
      if (!options.skip_bad_rows) {
        sink.write(buffer);
        std::fflush(stdout);
        throw;
      }
      ++skipped;
      if (!options.output.quiet) print_warning("skipped " + error.describe());
    }
    if (buffer.size() >= kFlushBytes) sink.write(buffer);
  }
  sink.write(buffer);
  return {rows, skipped};
}

// Refuses options batch would ignore; says which scenario prices the log when not given.
ScenarioOptions batch_scenario_options(const BatchOptions& options) {
  if (!options.scenario.duration.empty()) {
    throw Error(Location{"--duration", 0, 0},
                "batch takes each incident's duration from the log's duration column");
  }
  ScenarioOptions scenario = options.scenario;
  scenario.quiet = options.output.quiet;
  if (scenario.scenario.empty()) {
    scenario.scenario = kDefaultPreset;
    note(options, fmt::format("no --scenario: pricing with the default preset {}", kDefaultPreset));
  }
  return scenario;
}

int run_batch(const BatchOptions& options) {
  const Scenario scenario = load_valid_scenario(batch_scenario_options(options));
  std::ifstream file;
  std::string source;
  std::istream& in = open_incidents(path_argument(options.incidents), file, source);
  CsvReader reader(in, source);
  std::vector<std::string> fields;
  if (!reader.next(fields)) {
    throw Error(
        Location{source, 1, 0},
        "empty incident log: expected a header with id,duration (and optionally start,severity)");
  }
  const IncidentColumns columns = read_incident_header(fields, Location{source, reader.line(), 0});
  if (!columns.start && options.scenario.start.empty() && scenario.outage.start_unix_seconds) {
    note(options, fmt::format("{} has no start column: every incident starts at the scenario's "
                              "start, {}",
                              source, format_utc_instant(*scenario.outage.start_unix_seconds)));
  }
  StreamSink sink(options.output);
  const auto [rows, skipped] = run_rows(scenario, reader, columns, options, sink);
  sink.finish();
  if (skipped > 0 && !options.output.quiet) {
    print_warning(fmt::format("skipped {} of {} rows", skipped, rows));
  }
  return 0;
}

}  // namespace

Runner setup_batch(CLI::App& command) {
  auto options = std::make_shared<BatchOptions>();
  command.add_option("incidents", options->incidents,
                     "Incident log CSV, or - for standard input (default)");
  options->scenario.scenario.clear();
  command.add_option("--scenario", options->scenario.scenario,
                     "Scenario TOML file or preset name (default: meta-2024-03-05)");
  // --start and --severity set the values used for rows whose cells are empty; --duration is
  // refused (each row has its own).
  add_scenario_options(command, options->scenario);
  command.add_flag("--skip-bad-rows", options->skip_bad_rows,
                   "Report bad rows on stderr and go on, instead of stopping at the first");
  command.add_option("-o,--output", options->output.output,
                     "Write to FILE (atomically, nothing on error) instead of standard output");
  command.add_flag("--force", options->output.force, "Replace an existing --output file");
  command
      .add_option("--currency-format", options->output.currency_format, "raw (default) or human")
      ->check(CLI::IsMember({"raw", "human"}));
  command.add_flag("-q,--quiet", options->output.quiet, "No warnings on stderr");
  command.footer(
      "Output: one CSV row per incident and segment plus a total row per incident:\n"
      "  id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability\n"
      "Columns start (ISO 8601 with offset) and severity are optional; empty cells take the\n"
      "scenario's values. Rows are named by the line they start on (the header is line 1).\n\n"
      "Examples:\n"
      "  outage-impact batch incidents.csv --scenario meta-2024-03-05 -o losses.csv\n"
      "  printf 'id,duration\\na,2h\\nb,30m\\n' | outage-impact batch - | grep ,total,");
  return [options] { return run_batch(*options); };
}

}  // namespace outage
