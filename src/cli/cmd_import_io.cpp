// outage-impact import-io: a scenario skeleton (and optionally the matrix A*) from an
// input-output transactions table.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "model/estimate.hpp"
#include "model/io_table.hpp"
#include "report/io_skeleton.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

struct ImportIoOptions {
  std::string table;
  std::string output_row;
  std::string end_column;
  std::string scale = "1";
  std::vector<std::string> missing;
  std::string matrix;
  std::string currency = "USD";
  bool rows_by_position = false;
  OutputOptions output;
};

IoTableOptions table_options_from(const ImportIoOptions& options) {
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
  return table_options;
}

int run_import_io(const ImportIoOptions& options) {
  const OutputOptions& output = options.output;
  const IoTableOptions table_options = table_options_from(options);
  check_output_paths(output.force, {{output.output, "--output"}, {options.matrix, "--matrix"}});
  const IoTable table = read_io_table(options.table, table_options, Location{options.table, 0, 0});
  IoSkeletonOptions skeleton;
  // Paths in a scenario are read relative to the scenario file.
  namespace fs = std::filesystem;
  const fs::path scenario_directory =
      fs::absolute(output.output.empty() ? fs::path("x") : fs::path(output.output)).parent_path();
  skeleton.table_path = fs::proximate(fs::absolute(options.table), scenario_directory).string();
  skeleton.table = table_options;
  skeleton.currency = options.currency;
  if (!options.matrix.empty()) {
    skeleton.matrix_path = fs::proximate(fs::absolute(options.matrix), scenario_directory).string();
    write_file_atomically(options.matrix, render_interdependency_csv(table), output.force,
                          "--matrix");
  }
  emit(render_io_scenario(table, skeleton), output);
  if (!output.quiet) {
    std::fprintf(stderr,
                 "outage-impact: imported %zu sectors from %s (spectral radius of A* %.4g)\n",
                 table.sectors.size(), options.table.c_str(),
                 spectral_radius(interdependency_from_io(table)));
  }
  return 0;
}

}  // namespace

Runner setup_import_io(CLI::App& command) {
  auto options = std::make_shared<ImportIoOptions>();
  command.add_option("table", options->table, "Transactions table CSV (e.g. a BEA Use table)")
      ->required();
  command
      .add_option("--output-row", options->output_row,
                  "Label of the total-output row x, e.g. \"Total industry output (basic prices)\"")
      ->required();
  command.add_option("--end-column", options->end_column,
                     "First column after the sectors, e.g. \"Total Intermediate\" (default: none)");
  command.add_option("--scale", options->scale,
                     "Multiply every value, e.g. 1e6 for millions (default 1)");
  command.add_option("--missing", options->missing,
                     "Cell text read as 0 (repeatable; default --- and empty)");
  command.add_option("--matrix", options->matrix,
                     "Also write A* to this CSV and make the scenario use it (no table needed "
                     "at run time)");
  command.add_option("--currency", options->currency, "Currency code (default USD)");
  command.add_flag("--rows-by-position", options->rows_by_position,
                   "The first data rows are the sectors in column order (their labels differ "
                   "from the column labels, as in BEA's 71-industry table)");
  command.add_option("-o,--output", options->output.output, "Write the scenario to FILE");
  command.add_flag("--force", options->output.force, "Replace existing files");
  command.add_flag("-q,--quiet", options->output.quiet, "No summary on stderr");
  command.footer(
      "Examples:\n"
      "  outage-impact import-io use_15_2021.csv --output-row \"Total industry output (basic "
      "prices)\" \\\n"
      "      --end-column \"Total Intermediate\" --scale 1e6 -o us15.toml\n"
      "  outage-impact import-io use_71_2021.csv --output-row \"Total industry output (basic "
      "prices)\" \\\n"
      "      --end-column T001 --rows-by-position --scale 1e6 --matrix us71-links.csv -o "
      "us71.toml");
  return [options] { return run_import_io(*options); };
}

}  // namespace outage
