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

#include "cli/batch_workers.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/analyses/finite.hpp"
#include "model/batch/batch.hpp"
#include "model/batch/batch_cover.hpp"
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
void warn_unitless_duration(const IncidentSource& source, const BatchOptions& options,
                            bool& warned) {
  if (warned || options.output.quiet) return;
  const std::string warning = unitless_duration_warning(std::string(source.duration_text()));
  if (warning.empty()) return;
  print_warning(fmt::format("{}: duration {} (later rows are not reported)",
                            source.where().describe(), warning));
  warned = true;
}

struct BatchCounts {
  std::int64_t estimated = 0;
  std::int64_t skipped = 0;
};

// Estimates every incident of `source`, writing rows to `sink`. A bad record or estimate can
// be skipped (--skip-bad-rows); a broken file (truncated, a bad quote) cannot. Incidents are
// read a chunk at a time, estimated and formatted by the worker threads (while this thread reads
// the next chunk and writes the previous one), and written in order.
class IncidentRun {
 public:
  IncidentRun(const PreparedScenario& scenario, IncidentSource& source, const BatchOptions& options,
              StreamSink& sink)
      : m_source(source),
        m_options(options),
        m_sink(sink),
        m_workers(scenario, render_options(options),
                  std::min(4u, std::max(1u, std::thread::hardware_concurrency()))),
        m_buffer(batch_csv_header(!scenario.scenario().covers.empty())) {}

  BatchCounts run();

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
  // Reads rows[0, kChunk) until the source ends (m_done); a fatal reading error (a broken
  // file) is kept in m_broken and ends the reading: the chunks before it are still written.
  std::size_t read_chunk(std::vector<BatchRow>& chunk);
  void write_chunk(const std::vector<BatchRow>& chunk, std::size_t count);

  IncidentSource& m_source;
  const BatchOptions& m_options;
  StreamSink& m_sink;
  BatchWorkers m_workers;
  std::string m_buffer;
  BatchCounts m_counts;
  bool m_warned = false;
  bool m_done = false;
  std::exception_ptr m_broken;
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

std::size_t IncidentRun::read_chunk(std::vector<BatchRow>& chunk) {
  std::size_t count = 0;
  for (; count < kChunk && !m_done; ++count) {
    BatchRow& row = chunk[count];
    row.error = row.fatal = nullptr;
    row.text.clear();
    try {
      row.incident = m_source.next();
    } catch (const RecordError&) {
      row.incident.reset();
      row.error = std::current_exception();
      continue;
    } catch (...) {
      m_broken = std::current_exception();
      m_done = true;
      return 0;  // the partial chunk is dropped, as the rows after an error
    }
    if (!row.incident) {
      m_done = true;
      break;
    }
    row.where = m_source.where();
    warn_unitless_duration(m_source, m_options, m_warned);
  }
  return count;
}

void IncidentRun::write_chunk(const std::vector<BatchRow>& chunk, std::size_t count) {
  for (std::size_t k = 0; k < count; ++k) {
    if (chunk[k].fatal) std::rethrow_exception(chunk[k].fatal);
    if (chunk[k].error) {
      bad_record(chunk[k].error);
      continue;
    }
    m_buffer += chunk[k].text;
    ++m_counts.estimated;
    if (m_buffer.size() >= kFlushBytes) m_sink.write(m_buffer);
  }
}

BatchCounts IncidentRun::run() {
  // Three chunks in flight: the workers estimate one while this thread writes the one before
  // it and reads the one after (rows are still written in input order).
  std::vector<BatchRow> buffers[3] = {std::vector<BatchRow>(kChunk), std::vector<BatchRow>(kChunk),
                                      std::vector<BatchRow>(kChunk)};
  // Room for an incident's rows (ten segments' take 1 kB), given here, from the main heap and
  // its huge pages (util/huge_pages.hpp): grown by the workers, the strings were a tenth of a
  // 200,000-row run in page faults.
  for (auto& chunk : buffers) {
    for (auto& row : chunk) row.text.reserve(1024);
  }
  std::size_t previous = 2, current = 0, following = 1;
  std::size_t previous_count = 0;
  std::size_t current_count = read_chunk(buffers[current]);
  try {
    while (current_count > 0 || previous_count > 0) {
      if (current_count > 0) m_workers.start(buffers[current], current_count);
      write_chunk(buffers[previous], previous_count);
      const std::size_t following_count = m_done ? 0 : read_chunk(buffers[following]);
      m_workers.wait();
      const std::size_t free = previous;
      previous = current;
      previous_count = current_count;
      current = following;
      current_count = following_count;
      following = free;
    }
  } catch (...) {
    m_workers.wait();  // no thread may outlive the rows it works on
    throw;
  }
  // A broken file stops the run where the old loop did: after the chunks before it.
  if (m_broken) std::rethrow_exception(m_broken);
  m_sink.write(m_buffer);
  return m_counts;
}

BatchCounts run_incidents(const PreparedScenario& scenario, IncidentSource& source,
                          const BatchOptions& options, StreamSink& sink) {
  return IncidentRun(scenario, source, options, sink).run();
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
  const BatchCounts counts = run_incidents(prepared, *source, options, sink);
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
  command.add_option("--scenario", options->scenario.scenario,
                     "Scenario TOML file or preset name (default: meta-2024-03-05)");
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
