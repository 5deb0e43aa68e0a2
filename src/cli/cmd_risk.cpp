// outage-impact risk: what outages will cost in a year, and how bad a bad year is (docs/risk.md).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <thread>
#include <tuple>
#include <vector>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/progress.hpp"
#include "cli/risk_options.hpp"
#include "model/analyses/finite.hpp"
#include "model/risk/risk.hpp"
#include "model/scenario/data_files.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "report/risk_render.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

[[noreturn]] void bad_option(const char* option, const std::string& what) {
  throw Error(Location{option, 0, 0}, what);
}

// The ORD files written into --ord DIR (OasisLMF's names for summary set 1): ground up (gul),
// and with covers the insured perspective (il).
struct OrdPaths {
  std::string ept, alt, plt, summary_info;
};

OrdPaths ord_paths(const std::string& directory, const char* perspective = "gul") {
  const fs::path base(directory);
  const std::string p = perspective;
  return {(base / (p + "_S1_ept.csv")).string(), (base / (p + "_S1_palt.csv")).string(),
          (base / (p + "_S1_splt.csv")).string(), (base / (p + "_S1_summary-info.csv")).string()};
}

// Checks every output before work starts; returns true when --ord DIR must be created.
bool check_outputs(const RiskCliOptions& cli) {
  // Each exists-check, and no two of -o, --ylt and --elt naming one file (after resolving).
  check_output_paths(cli.output.force,
                     {{cli.output.output, "--output"}, {cli.ylt, "--ylt"}, {cli.elt, "--elt"}});
  if (cli.ord.empty()) return false;
  std::error_code error;
  if (!fs::exists(cli.ord, error)) {
    fs::path directory(cli.ord);
    if (!directory.has_filename()) directory = directory.parent_path();  // "ord/" is "ord"
    const fs::path parent = directory.parent_path();
    if (!parent.empty() && !fs::is_directory(parent, error)) {
      bad_option("--ord", fmt::format("cannot create '{}': directory '{}' does not exist", cli.ord,
                                      parent.string()));
    }
    return true;
  }
  if (!fs::is_directory(cli.ord, error))
    bad_option("--ord", fmt::format("'{}' is not a directory", cli.ord));
  // -o, --ylt or --elt naming one of the ORD files would be overwritten by it.
  std::vector<std::tuple<std::string, const std::string*, const char*>> others;
  for (const auto& [other, option] :
       {std::pair{&cli.output.output, "--output"}, {&cli.ylt, "--ylt"}, {&cli.elt, "--elt"}}) {
    if (!other->empty() && *other != "-")
      others.emplace_back(output_identity(*other), other, option);
  }
  for (const char* perspective : {"gul", "il"}) {
    const OrdPaths paths = ord_paths(cli.ord, perspective);
    for (const auto& path : {paths.ept, paths.alt, paths.plt, paths.summary_info}) {
      check_output_path(path, cli.output.force, "--ord");
      const std::string identity = output_identity(path);
      for (const auto& [other_identity, other, option] : others) {
        if (other_identity != identity) continue;
        bad_option(option, fmt::format("'{}' is the --ord directory's file {}: give it another "
                                       "name or directory",
                                       *other, fs::path(path).filename().string()));
      }
    }
  }
  return false;
}

// Streams the ELT and the ORD PLT as the simulation hands outages over.
class OutageWriter {
 public:
  OutageWriter(const RiskCliOptions& cli, const std::vector<std::string>& ids, std::int64_t years,
               bool insured)
      : m_ids(ids), m_raw_text(cli.output.csv_raw), m_years(years) {
    if (!cli.elt.empty()) {
      m_elt = std::make_unique<AtomicFile>(cli.elt, cli.output.force, "--elt");
      m_elt_buffer = elt_header(insured);
    }
    if (!cli.ord.empty()) {
      m_plt = std::make_unique<AtomicFile>(ord_paths(cli.ord).plt, cli.output.force, "--ord");
      m_plt_buffer = ord_plt_header();
      if (insured) {
        m_il_plt =
            std::make_unique<AtomicFile>(ord_paths(cli.ord, "il").plt, cli.output.force, "--ord");
        m_il_plt_buffer = ord_plt_header();
      }
    }
  }
  bool wanted() const { return m_elt || m_plt; }
  void add(const OutageBlock& block) {
    if (m_elt) {
      append_elt_rows(m_elt_buffer, block, m_ids, m_raw_text);
      flush(*m_elt, m_elt_buffer, false);
    }
    if (m_plt) {
      std::int64_t first_event = m_next_event;
      append_ord_plt_rows(m_plt_buffer, block, m_years, m_next_event);
      flush(*m_plt, m_plt_buffer, false);
      if (m_il_plt) {  // the same events, numbered the same
        append_ord_plt_rows(m_il_plt_buffer, block, m_years, first_event, true);
        flush(*m_il_plt, m_il_plt_buffer, false);
      }
    }
  }
  void commit() {
    if (m_elt) flush(*m_elt, m_elt_buffer, true), m_elt->commit();
    if (m_plt) flush(*m_plt, m_plt_buffer, true), m_plt->commit();
    if (m_il_plt) flush(*m_il_plt, m_il_plt_buffer, true), m_il_plt->commit();
  }

 private:
  static void flush(AtomicFile& file, std::string& buffer, bool always) {
    if (!always && buffer.size() < kFlushBytes) return;
    file.write(buffer);
    buffer.clear();
  }
  const std::vector<std::string>& m_ids;
  bool m_raw_text = false;  // --csv-raw
  std::int64_t m_years;
  std::int64_t m_next_event = 1;
  std::unique_ptr<AtomicFile> m_elt, m_plt, m_il_plt;
  std::string m_elt_buffer, m_plt_buffer, m_il_plt_buffer;
};

void write_ylt(const RiskCliOptions& cli, const RiskResult& result) {
  AtomicFile file(cli.ylt, cli.output.force, "--ylt");
  std::string buffer = ylt_header(result.year_losses.insured);
  constexpr std::int64_t kBlockYears = 4096;
  for (std::int64_t first = 1; first <= result.years; first += kBlockYears) {
    append_ylt_rows(buffer, result, first, std::min(result.years, first + kBlockYears - 1),
                    cli.output.csv_raw);
    file.write(buffer);
    buffer.clear();
  }
  file.write(buffer);
  file.commit();
}

void write_ord(const RiskCliOptions& cli, const RiskResult& result) {
  const OrdPaths paths = ord_paths(cli.ord);
  write_file_atomically(paths.ept, ord_ept(result), cli.output.force, "--ord");
  write_file_atomically(paths.alt, ord_alt(result), cli.output.force, "--ord");
  write_file_atomically(paths.summary_info, ord_summary_info(result, cli.output.csv_raw),
                        cli.output.force, "--ord");
  if (!result.insured_total) return;
  const OrdPaths il = ord_paths(cli.ord, "il");
  write_file_atomically(il.ept, ord_ept(result, true), cli.output.force, "--ord");
  write_file_atomically(il.alt, ord_alt(result, true), cli.output.force, "--ord");
  write_file_atomically(il.summary_info, ord_summary_info(result, cli.output.csv_raw),
                        cli.output.force, "--ord");
}

void emit_result(const RiskCliOptions& cli, const RiskResult& result) {
  const OutputFormat format = parse_format(cli.output.format);
  // The one writer of every command: a file atomically, or standard output for none or "-".
  emit(render_risk(result, format, render_options(cli.output, format)), cli.output);
}

}  // namespace

int run_risk(const RiskCliOptions& cli) {
  RiskOptions options = parse_risk_options(cli);
  const bool create_ord = check_outputs(cli);
  const PreparedScenario prepared = load_risk_scenario(cli);
  const Scenario& scenario = prepared.scenario();
  std::string process_name;
  const RiskProcess process = risk_process(cli, scenario, process_name);
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  std::error_code error;
  if (create_ord && !fs::create_directory(cli.ord, error)) {
    bad_option("--ord", fmt::format("cannot create '{}': {}", cli.ord, error.message()));
  }
  try {
    OutageWriter writer(cli, ids, options.years, !scenario.covers.empty());
    ProgressBar progress(!cli.output.quiet, "years");
    options.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    OutageSink sink;
    if (writer.wanted()) sink = [&](const OutageBlock& block) { writer.add(block); };
    RiskResult result = simulate_risk(prepared, process, options, sink);
    progress.finish();
    check_finite_risk(result, Location{scenario.path, 0, 0});
    result.process = process_name;
    if (!cli.ylt.empty()) write_ylt(cli, result);
    if (!cli.ord.empty()) write_ord(cli, result);
    writer.commit();
    if (!cli.output.quiet) {
      for (const auto& warning : result.warnings) {
        print_warning(warning);
      }
    }
    emit_result(cli, result);
  } catch (...) {
    if (create_ord) fs::remove(cli.ord, error);  // only when still empty
    throw;
  }
  return 0;
}

Runner setup_risk(CLI::App& command) {
  auto options = std::make_shared<RiskCliOptions>();
  RiskCliOptions& o = *options;
  command.add_option("scenario", o.scenario.scenario, kScenarioHelp);
  command.add_option("--risk", o.risk_file,
                     "TOML file with a [risk] table (rate, duration, "
                     "severity, start) instead of the scenario's");
  command.add_option("--history", o.history,
                     "Incident log, read as batch reads it (see --from; - = stdin): outages "
                     "resampled from its incidents");
  command.add_option(
      "--history-period", o.history_period,
      "The period the history covers, e.g. 2y, 1q, 3mo, 18w, 400d (y = 365 d, q = y/4, mo = y/12)");
  add_incident_source_options(command, o.history_source);
  command.add_option("--years", o.years,
                     "Years to simulate (default 10000), or auto: until the total AAL's "
                     "standard error is below --tolerance of it");
  command.add_option("--tolerance", o.tolerance,
                     "Relative standard error of the total AAL for --years auto (default 0.01)");
  add_seed_threads_options(command, o.seed, o.threads);
  command.add_flag("--central", o.central,
                   "The scenario's other inputs at central values (default: drawn per outage)");
  command.add_option("--return-periods", o.return_periods,
                     "Return periods in years (default 2,5,10,20,50,100,250,500,1000)");
  command.add_option("--ylt", o.ylt, "Write the year loss table (CSV) to FILE");
  command.add_option("--elt", o.elt, "Write the event loss table (CSV, streamed) to FILE");
  command.add_option("--ord", o.ord,
                     "Write Open Results Data (EPT, ALT, PLT, summary info) into DIR");
  add_set_options(command, o.scenario);
  add_output_options(command, o.output, {"table", "csv", "json"});
  command.footer(
      "Each year draws its rate, a Poisson number of outages, and each outage's duration,\n"
      "severity and start hour of the week (from 2024-01-01T00:00:00Z, a Monday); each outage is\n"
      "priced exactly as `estimate --samples 0` would price it.\n\n"
      "Examples:\n"
      "  outage-impact risk --risk risk.toml --years 100000\n"
      "  outage-impact risk my.toml --years auto --central --format csv\n"
      "  outage-impact risk --history incidents.csv --history-period 2y --elt elt.csv --ord ord/");
  return [options] { return run_risk(*options); };
}

}  // namespace outage
