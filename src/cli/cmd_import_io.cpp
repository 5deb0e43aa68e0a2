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
#include "model/estimate/estimate.hpp"
#include "model/io_tables/io_table.hpp"
#include "model/io_tables/supply_use.hpp"
#include "report/io_skeleton.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/parse.hpp"
#include "util/text.hpp"

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
  std::string supply;           // a Supply table: domestic, basic-price, industry-by-industry links
  std::string value_added_row;  // the Use table's value-added row: value_added_share per segment
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
  if (!options.value_added_row.empty()) table_options.extra_rows.push_back(options.value_added_row);
  return table_options;
}

// Refuses a table whose skeleton `check` would reject: labels that are not UTF-8 (TOML is
// UTF-8) and negative transactions (shares of output must be >= 0).
void check_importable(const IoTable& table, const std::string& path) {
  for (const auto& label : table.sectors) {
    if (valid_utf8(label) != label) {
      throw Error(Location{path, 0, 0},
                  fmt::format("sector label '{}' is not UTF-8: save the table as UTF-8",
                              valid_utf8(label)));
    }
  }
  for (Eigen::Index i = 0; i < table.transactions.rows(); ++i) {
    for (Eigen::Index j = 0; j < table.transactions.cols(); ++j) {
      if (table.transactions(i, j) < 0) {
        throw Error(
            Location{path, 0, 0},
            fmt::format("the transaction from '{}' to '{}' is negative ({}): shares of "
                        "output must be >= 0",
                        table.sectors[static_cast<std::size_t>(i)],
                        table.sectors[static_cast<std::size_t>(j)], table.transactions(i, j)));
      }
    }
  }
}

// Value added / total output per sector, from the last extra row; each in [0, 1].
std::vector<double> value_added_shares(const IoTable& table, const std::string& row,
                                       const std::string& path) {
  std::vector<double> shares;
  const Vector& value_added = table.extra_rows.back();
  for (Eigen::Index j = 0; j < table.output.size(); ++j) {
    const double share = value_added[j] / table.output[j];
    if (!(share >= 0 && share <= 1)) {
      throw Error(Location{path, 0, 0},
                  fmt::format("'{}' / total output of '{}' is {:.4g}, not a share in [0, 1]: "
                              "is --value-added-row the value-added row?",
                              row, table.sectors[static_cast<std::size_t>(j)], share));
    }
    shares.push_back(share);
  }
  return shares;
}

// Paths in a scenario are read relative to the scenario file: `path` as seen from the
// directory of the scenario written to `output` (standard output: the working directory).
std::string relative_to_scenario(const std::string& path, const OutputOptions& output) {
  namespace fs = std::filesystem;
  try {
    const fs::path scenario = to_stdout(output) ? fs::path("x") : fs::path(output.output);
    return fs::proximate(fs::absolute(path), fs::absolute(scenario).parent_path()).string();
  } catch (const fs::filesystem_error& error) {
    // Without a working directory (deleted under us) an absolute path is still exact.
    if (fs::path(path).is_absolute()) return path;
    throw Error(Location{path, 0, 0},
                fmt::format("cannot resolve the path (was the working directory deleted?): {}",
                            error.code().message()));
  }
}

int run_import_io(const ImportIoOptions& options) {
  const OutputOptions& output = options.output;
  const IoTableOptions table_options = table_options_from(options);
  check_output_paths(output.force, {{output.output, "--output"}, {options.matrix, "--matrix"}});
  const std::string table_path = path_argument(options.table);
  const Location where{table_path, 0, 0};
  const std::string supply_path = options.supply.empty() ? "" : path_argument(options.supply);
  const IoTable table = supply_path.empty()
                            ? read_io_table(table_path, table_options, where)
                            : read_supply_use(table_path, table_options, supply_path,
                                              SupplyTableOptions{}, Location{supply_path, 0, 0});
  check_importable(table, table_path);
  IoSkeletonOptions skeleton;
  skeleton.table_path = relative_to_scenario(table_path, output);
  skeleton.table = table_options;
  skeleton.currency = options.currency;
  if (!supply_path.empty()) skeleton.supply_path = relative_to_scenario(supply_path, output);
  if (!options.value_added_row.empty()) {
    skeleton.value_added_row = options.value_added_row;
    skeleton.value_added_share = value_added_shares(table, options.value_added_row, table_path);
  }
  if (!options.matrix.empty()) {
    skeleton.matrix_path = relative_to_scenario(options.matrix, output);
    write_file_atomically(options.matrix, render_interdependency_csv(table), output.force,
                          "--matrix");
  }
  emit(render_io_scenario(table, skeleton), output);
  if (!output.quiet) {
    const Matrix shares = interdependency_from_io(table);
    Eigen::Index largest = 0;
    const double row_sum = shares.rowwise().sum().maxCoeff(&largest);
    std::fprintf(stderr,
                 "outage-impact: imported %zu sectors from %s (spectral radius of A* %.4g; "
                 "largest row sum %.4g, %s)\n",
                 table.sectors.size(), table.source.c_str(), spectral_radius(shares), row_sum,
                 table.sectors[static_cast<std::size_t>(largest)].c_str());
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
  command.add_option("--supply", options->supply,
                     "The Use table's Supply table (BEA layout): links from domestic output at "
                     "basic prices, industry by industry (docs/model.md)");
  command.add_option("--value-added-row", options->value_added_row,
                     "Label of the value-added row, e.g. \"Value Added (basic prices)\": each "
                     "segment gets value_added_share = value added / total output");
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
