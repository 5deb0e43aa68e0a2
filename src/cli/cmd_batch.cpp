// outage-impact batch: many outages from an incident log (our CSV, a mapped CSV export or a
// Statuspage incidents.json), streamed to a CSV of losses.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/analyses/finite.hpp"
#include "model/batch/incident_run.hpp"
#include "model/incidents/open_incident.hpp"
#include "report/render.hpp"
#include "util/error.hpp"
#include "util/text.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

struct BatchOptions {
  ScenarioOptions scenario;  // scenario.scenario empty: --scenario not given
  OutputOptions output;
  std::string incidents = "-";
  bool skip_bad_rows = false;
  IncidentSourceOptions source;  // --from, --columns, ...: how to read the incidents
};

// "outage-impact: note: ..." on stderr unless -q: what batch assumed for the user.
void note(const BatchOptions& options, const std::string& message) {
  if (!options.output.quiet) print_note(message);
}

// Warns once, at the first incident whose duration is a plain number over 48 (read as hours).
void warn_unitless_duration(const IncidentRow& row, const BatchOptions& options, bool& warned) {
  if (warned || options.output.quiet || row.duration_text.empty()) return;
  const std::string warning = unitless_duration_warning(row.duration_text);
  if (warning.empty()) return;
  print_warning(
      fmt::format("{}: duration {} (later rows are not reported)", row.where.describe(), warning));
  warned = true;
}

struct BatchCounts {
  std::int64_t estimated = 0;
  std::int64_t skipped = 0;
};

// Writes batch's rows of every incident of `source` to `sink`, through the model's pipeline
// (model/batch/incident_run.hpp): rows formatted on its workers, delivered here in input
// order. A bad record or estimate can be skipped (--skip-bad-rows); a broken file (truncated, a
// bad quote) cannot.
class IncidentRun {
 public:
  IncidentRun(const PreparedScenario& prepared, const BatchOptions& options, StreamSink& sink)
      : m_prepared(prepared),
        m_options(options),
        m_sink(sink),
        m_render(render_options(options)),
        m_buffer(batch_csv_header(!prepared.scenario().covers.empty())) {
    for (const auto& segment : prepared.scenario().segments) m_segment_ids.push_back(segment.id);
  }

  BatchCounts run(IncidentSource& source) {
    const IncidentFormat format = [this](const IncidentRow& row, const SegmentLosses& losses,
                                         const Vector* insured, std::string& text) {
      check_finite_losses(losses, m_prepared.scenario(), row.where);
      append_batch_rows(text, row.incident->id, m_segment_ids, losses,
                        m_prepared.scenario().currency, m_render, m_prepared.rollup(), insured);
    };
    const IncidentDelivery deliver = [this](const IncidentRow& row) { write(row); };
    const unsigned threads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
    run_incidents(m_prepared, source, {static_cast<int>(threads), kChunk}, format, deliver);
    m_sink.write(m_buffer);
    return m_counts;
  }

 private:
  static constexpr std::size_t kChunk = 4096;
  static constexpr std::size_t kFlushBytes = 1 << 16;

  static RenderOptions render_options(const BatchOptions& options) {
    RenderOptions render;
    render.currency_format =
        options.output.currency_format == "human" ? CurrencyFormat::human : CurrencyFormat::raw;
    render.csv_raw_text = options.output.csv_raw;
    return render;
  }
  // A record's error: rethrown (after the rows before it), or skipped with a warning.
  void bad_record(const std::exception_ptr& error);
  void write(const IncidentRow& row);

  const PreparedScenario& m_prepared;
  const BatchOptions& m_options;
  StreamSink& m_sink;
  RenderOptions m_render;
  std::vector<std::string> m_segment_ids;
  std::string m_buffer;
  BatchCounts m_counts;
  bool m_warned = false;
};

void IncidentRun::bad_record(const std::exception_ptr& error) {
  if (!m_options.skip_bad_rows) {
    if (m_counts.estimated > 0) m_sink.write(m_buffer);  // the rows before; never a lone header
    std::fflush(stdout);
    std::rethrow_exception(error);
  }
  ++m_counts.skipped;
  if (m_options.output.quiet) return;
  try {
    std::rethrow_exception(error);
  } catch (const Error& skipped) {
    print_warning("skipped " + skipped.describe());
  }
}

void IncidentRun::write(const IncidentRow& row) {
  if (row.incident) warn_unitless_duration(row, m_options, m_warned);
  if (row.fatal) std::rethrow_exception(row.fatal);
  if (row.error) {
    bad_record(row.error);
    return;
  }
  m_buffer += row.text;
  ++m_counts.estimated;
  if (m_buffer.size() >= kFlushBytes) m_sink.write(m_buffer);
}

// Refuses options batch would ignore; the default preset when no --scenario is given.
ScenarioOptions batch_scenario_options(const BatchOptions& options) {
  if (!options.scenario.duration.empty()) {
    throw Error(Location{"--duration", 0, 0},
                "batch takes each incident's duration from the log's duration column");
  }
  ScenarioOptions scenario = options.scenario;
  scenario.quiet = options.output.quiet;
  if (scenario.scenario.empty()) {
    scenario.scenario = kDefaultPreset;
  }
  return scenario;
}

int run_batch(const BatchOptions& options) {
  const std::string path = path_argument(options.incidents);
  IncidentSourceOptions source_options = options.source;
  source_options.path = path;
  const PreparedScenario prepared =
      load_valid_scenario(batch_scenario_options(options), Purpose::incidents);
  const Scenario& scenario = prepared.scenario();
  if (options.incidents == "-") std::ios::sync_with_stdio(false);
  const auto source = open_incident_source(source_options, std::cin);
  StreamSink sink(options.output);
  // Notes once the log and the output are open: an error there is the only line on stderr.
  if (options.scenario.scenario.empty()) {
    note(options, fmt::format("no --scenario: pricing with the default preset {}", kDefaultPreset));
  }
  if (!source->has_start() && options.scenario.start.empty() &&
      scenario.outage.start_unix_seconds) {
    note(options, fmt::format("{} has no start column: every incident starts at the scenario's "
                              "start, {}",
                              path == "-" ? "<stdin>" : path,
                              format_utc_instant(*scenario.outage.start_unix_seconds)));
  }
  const BatchCounts counts = IncidentRun(prepared, options, sink).run(*source);
  sink.finish();
  if (!options.output.quiet) {
    if (counts.skipped > 0) {
      print_warning(fmt::format("skipped {} of {} rows", counts.skipped, source->records()));
    }
    for (const auto& skip_note : source->skip_notes()) print_warning(skip_note);
  }
  return 0;
}

}  // namespace

Runner setup_batch(CLI::App& command) {
  auto options = std::make_shared<BatchOptions>();
  command.add_option("incidents", options->incidents,
                     "Incident log (see --from), or - for standard input (default)");
  options->scenario.scenario.clear();
  command.add_option("--scenario", options->scenario.scenario, kScenarioHelp);
  // --start and --severity set the values used for rows whose cells are empty; --duration is
  // refused (each row has its own).
  add_scenario_options(command, options->scenario);
  command.add_flag("--skip-bad-rows", options->skip_bad_rows,
                   "Report bad rows on stderr and go on, instead of stopping at the first");
  add_incident_source_options(command, options->source);
  command.add_option("-o,--output", options->output.output,
                     "Write to FILE (atomically, nothing on error) instead of standard output");
  command.add_flag("--force", options->output.force, "Replace an existing --output file");
  command
      .add_option("--currency-format", options->output.currency_format, "raw (default) or human")
      ->check(CLI::IsMember({"raw", "human"}));
  add_csv_raw_option(command, options->output);
  command.add_flag("-q,--quiet", options->output.quiet, "No warnings on stderr");
  command.footer(
      "Output: one CSV row per incident and segment plus a total row per incident (and a\n"
      "welfare_total row when the scenario has welfare segments):\n"
      "  id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,\n"
      "  value_added_loss\n"
      "and, when the scenario has [[cover]] tables, insured_loss.\n"
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
  return [options] { return run_batch(*options); };
}

}  // namespace outage
