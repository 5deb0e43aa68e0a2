// outage-impact risk: what outages will cost in a year, and how bad a bad year is (risk.md).
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

#include "cli/commands.hpp"
#include "cli/progress.hpp"
#include "model/data_files.hpp"
#include "model/inputs.hpp"
#include "model/risk.hpp"
#include "model/scenario_loader.hpp"
#include "report/risk_render.hpp"
#include "util/atomic_file.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {

struct RiskCliOptions {
  std::string scenario = "meta-2024-03-05";
  std::vector<std::string> sets;
  std::string model;
  std::string risk_file;
  std::string history;
  std::string history_period;
  std::string years = "10000";
  std::string tolerance;
  std::string seed;
  std::string threads;
  bool central = false;
  std::string return_periods;
  std::string ylt, elt, ord;
  std::string format = "table";
  std::string currency_format;
  std::string output;
  bool force = false;
  bool quiet = false;
};

int run_risk(const RiskCliOptions& options);

namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kMaxYears = 1'000'000'000;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
// risk.md: each simulated outage starts at 2024-01-01T00:00:00Z (a Monday) + h hours.
constexpr double kWeekStartUnixSeconds = 1704067200.0;

[[noreturn]] void bad_option(const char* option, const std::string& what) {
  throw Error(Location{option, 0, 0}, what);
}

std::vector<double> parse_return_periods(const std::string& text) {
  std::vector<double> periods;
  std::string_view rest = text;
  while (true) {
    const std::size_t comma = rest.find(',');
    const auto value = parse_number(rest.substr(0, comma));
    if (!value || !(*value > 0)) {
      bad_option("--return-periods",
                 fmt::format("expected positive numbers of years separated by commas (e.g. "
                             "10,100,250), got '{}'",
                             text));
    }
    periods.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return periods;
}

// Reads the numeric options (exit 2 when one is wrong).
RiskOptions parse_risk_options(const RiskCliOptions& cli) {
  RiskOptions options;
  if (cli.years == "auto") {
    options.auto_years = true;
  } else {
    const auto years = parse_integer(cli.years, 1, kMaxYears);
    if (!years) {
      bad_option("--years", fmt::format("expected a whole number of years from 1 to {} or auto, "
                                        "got '{}'",
                                        kMaxYears, cli.years));
    }
    options.years = *years;
  }
  if (!cli.tolerance.empty()) {
    const auto tolerance = parse_number(cli.tolerance);
    if (!tolerance || !(*tolerance > 0 && *tolerance < 1)) {
      bad_option("--tolerance",
                 fmt::format("expected a relative standard error in (0, 1), e.g. 0.01, got '{}'",
                             cli.tolerance));
    }
    options.tolerance = *tolerance;
  }
  if (!cli.seed.empty()) {
    const auto seed = parse_integer(cli.seed, 0, std::numeric_limits<std::int64_t>::max());
    if (!seed)
      bad_option("--seed", fmt::format("expected a whole number 0 to 2^63-1, got '{}'", cli.seed));
    options.seed = static_cast<std::uint64_t>(*seed);
  }
  options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!cli.threads.empty()) {
    const auto threads = parse_integer(cli.threads, 1, 1024);
    if (!threads)
      bad_option("--threads",
                 fmt::format("expected a whole number 1 to 1024, got '{}'", cli.threads));
    options.threads = static_cast<int>(*threads);
  }
  options.central = cli.central;
  if (!cli.return_periods.empty())
    options.return_periods = parse_return_periods(cli.return_periods);
  if (!cli.ord.empty() && options.auto_years) {
    bad_option("--ord", "needs a fixed --years (the period loss table's PeriodWeight is 1/years)");
  }
  return options;
}

// The ORD files written into --ord DIR (OasisLMF's names for summary set 1, ground up).
struct OrdPaths {
  std::string ept, alt, plt, summary_info;
};

OrdPaths ord_paths(const std::string& directory) {
  const fs::path base(directory);
  return {(base / "gul_S1_ept.csv").string(), (base / "gul_S1_palt.csv").string(),
          (base / "gul_S1_splt.csv").string(), (base / "gul_S1_summary-info.csv").string()};
}

// Checks every output before work starts; returns true when --ord DIR must be created.
bool check_outputs(const RiskCliOptions& cli) {
  for (const auto& [path, option] :
       {std::pair{cli.output, "--output"}, {cli.ylt, "--ylt"}, {cli.elt, "--elt"}}) {
    if (!path.empty()) check_output_path(path, cli.force, option);
  }
  if (cli.ord.empty()) return false;
  std::error_code error;
  if (!fs::exists(cli.ord, error)) {
    const fs::path parent = fs::path(cli.ord).parent_path();
    if (!parent.empty() && !fs::is_directory(parent, error)) {
      bad_option("--ord", fmt::format("cannot create '{}': directory '{}' does not exist", cli.ord,
                                      parent.string()));
    }
    return true;
  }
  if (!fs::is_directory(cli.ord, error))
    bad_option("--ord", fmt::format("'{}' is not a directory", cli.ord));
  const OrdPaths paths = ord_paths(cli.ord);
  for (const auto& path : {paths.ept, paths.alt, paths.plt, paths.summary_info}) {
    check_output_path(path, cli.force, "--ord");
  }
  return false;
}

Scenario load_risk_scenario(const RiskCliOptions& cli) {
  std::vector<Override> overrides;
  if (!cli.model.empty()) overrides.push_back({"model.kind", "\"" + cli.model + "\"", "--model"});
  for (const auto& set : cli.sets) overrides.push_back(parse_set_option(set));
  Scenario scenario = load_scenario(cli.scenario, overrides);
  // Each simulated outage has its own start: a start is only needed to pass validation.
  if (!scenario.outage.start_unix_seconds)
    scenario.outage.start_unix_seconds = kWeekStartUnixSeconds;
  require_valid_inputs(scenario);
  check_risk_scenario(scenario);
  return scenario;
}

// The outage process: --history, else --risk FILE, else the scenario's [risk].
RiskProcess risk_process(const RiskCliOptions& cli, const Scenario& scenario, std::string& name) {
  if (!cli.history.empty() || !cli.history_period.empty()) {
    if (cli.history.empty()) bad_option("--history-period", "needs --history LOG");
    if (cli.history_period.empty()) bad_option("--history", "needs --history-period P (e.g. 2y)");
    if (!cli.risk_file.empty())
      bad_option("--history", "give either --history or --risk, not both");
    const auto period = parse_history_period_hours(cli.history_period);
    if (!period) {
      bad_option("--history-period",
                 fmt::format("cannot read '{}': expected a duration > 0 such as 2y, 18w or 400d",
                             cli.history_period));
    }
    std::vector<HistoryOutage> rows;
    if (cli.history == "-") {
      rows = read_history(std::cin, "<stdin>");
    } else {
      std::ifstream file = open_input_file(cli.history, Location{cli.history, 0, 0},
                                           std::numeric_limits<std::size_t>::max());
      rows = read_history(file, cli.history);
    }
    name = "history " + cli.history;
    return history_process(std::move(rows), *period, Location{cli.history, 0, 0});
  }
  if (!cli.risk_file.empty()) {
    name = "[risk] in " + cli.risk_file;
    return load_risk_file(cli.risk_file, "--risk");
  }
  if (!scenario.risk) {
    throw Error(Location{scenario.path, 0, 0},
                "no outage process: add a [risk] table (rate, duration) to the scenario, or give "
                "--risk FILE or --history LOG --history-period P");
  }
  name = "[risk] in " + scenario.path;
  return *scenario.risk;
}

// Streams the ELT and the ORD PLT as the simulation hands outages over.
class OutageWriter {
 public:
  OutageWriter(const RiskCliOptions& cli, const std::vector<std::string>& ids, std::int64_t years)
      : m_ids(ids), m_years(years) {
    if (!cli.elt.empty()) {
      m_elt = std::make_unique<AtomicFile>(cli.elt, cli.force, "--elt");
      m_elt_buffer = elt_header();
    }
    if (!cli.ord.empty()) {
      m_plt = std::make_unique<AtomicFile>(ord_paths(cli.ord).plt, cli.force, "--ord");
      m_plt_buffer = ord_plt_header();
    }
  }
  bool wanted() const { return m_elt || m_plt; }
  void add(const OutageBlock& block) {
    if (m_elt) {
      append_elt_rows(m_elt_buffer, block, m_ids);
      flush(*m_elt, m_elt_buffer, false);
    }
    if (m_plt) {
      append_ord_plt_rows(m_plt_buffer, block, m_years, m_next_event);
      flush(*m_plt, m_plt_buffer, false);
    }
  }
  void commit() {
    if (m_elt) flush(*m_elt, m_elt_buffer, true), m_elt->commit();
    if (m_plt) flush(*m_plt, m_plt_buffer, true), m_plt->commit();
  }

 private:
  static void flush(AtomicFile& file, std::string& buffer, bool always) {
    if (!always && buffer.size() < kFlushBytes) return;
    file.write(buffer);
    buffer.clear();
  }
  const std::vector<std::string>& m_ids;
  std::int64_t m_years;
  std::int64_t m_next_event = 1;
  std::unique_ptr<AtomicFile> m_elt, m_plt;
  std::string m_elt_buffer, m_plt_buffer;
};

void write_ylt(const RiskCliOptions& cli, const RiskResult& result) {
  AtomicFile file(cli.ylt, cli.force, "--ylt");
  std::string buffer = ylt_header();
  constexpr std::int64_t kBlockYears = 4096;
  for (std::int64_t first = 1; first <= result.years; first += kBlockYears) {
    append_ylt_rows(buffer, result, first, std::min(result.years, first + kBlockYears - 1));
    file.write(buffer);
    buffer.clear();
  }
  file.write(buffer);
  file.commit();
}

void write_ord(const RiskCliOptions& cli, const RiskResult& result) {
  const OrdPaths paths = ord_paths(cli.ord);
  write_file_atomically(paths.ept, ord_ept(result), cli.force, "--ord");
  write_file_atomically(paths.alt, ord_alt(result), cli.force, "--ord");
  write_file_atomically(paths.summary_info, ord_summary_info(result), cli.force, "--ord");
}

OutputFormat parse_risk_format(const std::string& name) {
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  return OutputFormat::table;
}

void emit_result(const RiskCliOptions& cli, const RiskResult& result) {
  const OutputFormat format = parse_risk_format(cli.format);
  RenderOptions render;
  const bool human_default = format == OutputFormat::table;
  render.currency_format =
      cli.currency_format.empty()
          ? (human_default ? CurrencyFormat::human : CurrencyFormat::raw)
          : (cli.currency_format == "raw" ? CurrencyFormat::raw : CurrencyFormat::human);
  const std::string text = render_risk(result, format, render);
  if (!cli.output.empty()) {
    write_file_atomically(cli.output, text, cli.force, "--output");
    return;
  }
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0) {
    throw Error(Location{"<stdout>", 0, 0}, "cannot write to standard output");
  }
}

}  // namespace

int run_risk(const RiskCliOptions& cli) {
  RiskOptions options = parse_risk_options(cli);
  const bool create_ord = check_outputs(cli);
  const Scenario scenario = load_risk_scenario(cli);
  std::string process_name;
  const RiskProcess process = risk_process(cli, scenario, process_name);
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  std::error_code error;
  if (create_ord && !fs::create_directory(cli.ord, error)) {
    bad_option("--ord", fmt::format("cannot create '{}': {}", cli.ord, error.message()));
  }
  try {
    OutageWriter writer(cli, ids, options.years);
    ProgressBar progress(!cli.quiet, "years");
    options.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    OutageSink sink;
    if (writer.wanted()) sink = [&](const OutageBlock& block) { writer.add(block); };
    RiskResult result = simulate_risk(scenario, process, options, sink);
    progress.finish();
    result.process = process_name;
    if (!cli.ylt.empty()) write_ylt(cli, result);
    if (!cli.ord.empty()) write_ord(cli, result);
    writer.commit();
    if (!cli.quiet) {
      for (const auto& warning : result.warnings) {
        std::fprintf(stderr, "outage-impact: warning: %s\n", warning.c_str());
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
  command.add_option("scenario", o.scenario,
                     "Scenario TOML file or preset name (default: meta-2024-03-05)");
  command.add_option("--risk", o.risk_file,
                     "TOML file with a [risk] table (rate, duration, "
                     "severity, start) instead of the scenario's");
  command.add_option("--history", o.history,
                     "Incident log CSV (id,duration[,start,severity]; - = stdin): outages "
                     "resampled from its rows");
  command.add_option("--history-period", o.history_period,
                     "The period the history covers, e.g. 2y, 18w, 400d (y = 365 d)");
  command.add_option("--years", o.years,
                     "Years to simulate (default 10000), or auto: until the total AAL's "
                     "standard error is below --tolerance of it");
  command.add_option("--tolerance", o.tolerance,
                     "Relative standard error of the total AAL for --years auto (default 0.01)");
  command.add_option("--seed", o.seed, "Random seed (default 20240305, so runs repeat)");
  command.add_option("--threads", o.threads,
                     "Worker threads (default: all cores); never changes the numbers");
  command.add_flag("--central", o.central,
                   "The scenario's other inputs at central values (default: drawn per outage)");
  command.add_option("--return-periods", o.return_periods,
                     "Return periods in years (default 2,5,10,20,50,100,250,500,1000)");
  command.add_option("--ylt", o.ylt, "Write the year loss table (CSV) to FILE");
  command.add_option("--elt", o.elt, "Write the event loss table (CSV, streamed) to FILE");
  command.add_option("--ord", o.ord,
                     "Write Open Results Data (EPT, ALT, PLT, summary info) into DIR");
  command.add_option("--set", o.sets, "Override any scenario value, KEY=VALUE (repeatable)");
  command.add_option("--model", o.model, "Model: static or dynamic")
      ->check(CLI::IsMember({"static", "dynamic"}));
  command.add_option("--format", o.format, "Output format: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  command.add_option("-o,--output", o.output, "Write to FILE (atomically) instead of stdout");
  command.add_flag("--force", o.force, "Replace existing output files");
  command.add_option("--currency-format", o.currency_format, "raw or human")
      ->check(CLI::IsMember({"raw", "human"}));
  command.add_flag("-q,--quiet", o.quiet, "No progress or warnings on stderr");
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
