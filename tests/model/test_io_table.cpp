#include <Eigen/LU>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "model/estimate/estimate.hpp"
#include "model/io_tables/io_table.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

constexpr double kExact = 1e-12;
const std::string kBea = std::string(TEST_DATA_DIR) + "/bea";
const std::string kOutputRow = "Total industry output (basic prices)";

IoTable miller_blair() {
  IoTableOptions options;
  options.output_row = "Total output";
  options.end_column = "Total Intermediate";
  return read_io_table(std::string(TEST_DATA_DIR) + "/miller_blair.csv", options, Location{});
}

}  // namespace

TEST_CASE("Miller & Blair's two-sector table gives A, the Leontief inverse and A*", "[io]") {
  const IoTable table = miller_blair();
  REQUIRE(table.sectors == std::vector<std::string>{"Sector 1", "Sector 2"});
  const Matrix a = technical_coefficients(table);
  CHECK(a(0, 0) == Approx(0.15).epsilon(kExact));
  CHECK(a(0, 1) == Approx(0.25).epsilon(kExact));
  CHECK(a(1, 0) == Approx(0.20).epsilon(kExact));
  CHECK(a(1, 1) == Approx(0.05).epsilon(kExact));
  // (I - A)^-1 = [[0.95, 0.25], [0.2, 0.85]] / 0.7575 (Miller & Blair 2009, section 2.3).
  const Matrix leontief = (Matrix::Identity(2, 2) - a).inverse();
  CHECK(leontief(0, 0) == Approx(0.95 / 0.7575).epsilon(1e-10));
  CHECK(leontief(0, 1) == Approx(0.25 / 0.7575).epsilon(1e-10));
  CHECK(leontief(1, 1) == Approx(0.85 / 0.7575).epsilon(1e-10));
  // A* = diag(x)^-1 Z: row i is the share of i's output bought by each sector.
  const Matrix shares = interdependency_from_io(table);
  CHECK(shares(0, 1) == Approx(0.5).epsilon(kExact));
  CHECK(shares(1, 0) == Approx(0.1).epsilon(kExact));
  // The IIM's (I - A*)^-1 is similar to the Leontief inverse: diag(x)^-1 L diag(x).
  const Matrix iim = (Matrix::Identity(2, 2) - shares).inverse();
  CHECK(iim(0, 1) == Approx(leontief(0, 1) * 2000 / 1000).epsilon(1e-10));
}

TEST_CASE("a scenario takes links and revenues from an io_table", "[io]") {
  const std::string text = R"(
[outage]
duration = 1
[[segment]]
id = "one"
io_sector = "Sector 1"
dependency = 0.6
[[segment]]
id = "two"
io_sector = "Sector 2"
dependency = 0
[links]
io_table = "miller_blair.csv"
io_output_row = "Total output"
io_end_column = "Total Intermediate"
)";
  Scenario scenario = parse_scenario(text, std::string(TEST_DATA_DIR) + "/io.toml");
  require_valid_inputs(scenario);
  CHECK(scenario.segments[0].revenue_per_hour.central() == Approx(1000.0 / 8760));
  const Matrix shares = central_interdependency(scenario);
  CHECK(shares(0, 1) == Approx(0.5));
  CHECK(shares(1, 1) == Approx(0.05));
}

TEST_CASE("bad input-output tables are errors with a place", "[io]") {
  IoTableOptions options;
  options.output_row = "Total output";
  options.end_column = "Nope";
  const std::string path = std::string(TEST_DATA_DIR) + "/miller_blair.csv";
  CHECK_THROWS_WITH(read_io_table(path, options, Location{}), Catch::Contains("no column 'Nope'"));
  options.end_column = "Final demand";  // makes "Total Intermediate" a sector with no row
  CHECK_THROWS_WITH(read_io_table(path, options, Location{}),
                    Catch::Contains("no row for sector 'Total Intermediate'"));
  options.end_column = "Total Intermediate";
  options.output_row = "Missing row";
  CHECK_THROWS_WITH(read_io_table(path, options, Location{}),
                    Catch::Contains("no total-output row 'Missing row'"));
}

namespace {

// The error reading `text` as an input-output table with `options` raises, as "where: what".
std::string io_table_error(const std::string& text, const IoTableOptions& options) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "outage-impact-test-io.csv").string();
  std::ofstream(path) << text;
  std::string result = "no error";
  try {
    read_io_table(path, options, Location{});
  } catch (const Error& error) {
    result = error.describe();
    result.replace(0, path.size(), "io.csv");
  }
  std::filesystem::remove(path);
  return result;
}

}  // namespace

TEST_CASE("input-output tables scale cells, read missing markers as 0 and keep extra rows",
          "[io]") {
  const std::string path =
      (std::filesystem::temp_directory_path() / "outage-impact-test-io-read.csv").string();
  std::ofstream(path) << "Name,A,B,Total\nA,1,---,3\nValue added,5,6,11\nB,,4,7\n"
                         "Total output,10,20,30\n";
  IoTableOptions options;
  options.output_row = "Total output";
  options.end_column = "Total";
  options.scale = 2;
  options.extra_rows = {"Value added"};
  const IoTable table = read_io_table(path, options, Location{});
  std::filesystem::remove(path);
  REQUIRE(table.sectors == std::vector<std::string>{"A", "B"});
  CHECK(table.transactions(0, 0) == 2.0);
  CHECK(table.transactions(0, 1) == 0.0);
  CHECK(table.transactions(1, 0) == 0.0);
  CHECK(table.transactions(1, 1) == 8.0);
  CHECK(table.output[1] == 40.0);
  REQUIRE(table.extra_rows.size() == 1);
  CHECK(table.extra_rows[0][1] == 12.0);
}

TEST_CASE(
    "input-output rows given twice, short rows, bad cells and outputs not above zero are "
    "errors at their line",
    "[io]") {
  IoTableOptions options;
  options.output_row = "Total output";
  options.end_column = "Total";
  const std::string header = "Name,A,B,Total\n";
  const std::string rows = "A,1,2,3\nB,3,4,7\n";
  const std::string output = "Total output,10,20,30\n";
  CHECK(io_table_error(header + rows + "A,1,2,3\n" + output, options) ==
        "io.csv:4: row 'A' appears twice");
  CHECK(io_table_error(header + rows + output + output, options) ==
        "io.csv:5: row 'Total output' appears twice");
  CHECK(io_table_error(header + "A,1,x,3\nB,3,4,7\n" + output, options) ==
        "io.csv:2: column 'B': expected a number or one of the missing-value markers, got 'x'");
  CHECK(io_table_error(header + "A,1\nB,3,4,7\n" + output, options) ==
        "io.csv:2: expected at least 3 fields, got 2");
  CHECK(io_table_error(header + rows + "Total output,10,0,30\n", options) ==
        "io.csv: sector 'B' has total output 0: it must be > 0");
  CHECK(io_table_error("Name,Total\n" + output, options) ==
        "io.csv:1: no sector columns before the end column");
  CHECK(io_table_error("Name\n", options) ==
        "io.csv:1: empty input-output table: expected a header of column labels");
  options.extra_rows = {"Value added"};
  CHECK(io_table_error(header + rows + output, options) == "io.csv: no row 'Value added'");
  options.extra_rows.clear();
  options.rows_by_position = true;
  CHECK(io_table_error(header + "first,1,2,3\n" + output, options) ==
        "io.csv: no row for sector 'B': every sector column needs a row with the same label "
        "(check the end column)");
  CHECK(io_table_error(header + rows + "past the block,1,2,3\n" + output, options) == "no error");
}

TEST_CASE("[links] io_table options are checked where they are", "[io]") {
  const std::string text = R"(
[outage]
duration = 1
[[segment]]
id = "one"
io_sector = "Sector 1"
dependency = 0.6
[[segment]]
id = "two"
io_sector = "SECTOR"
dependency = 0
[links]
io_table = "miller_blair.csv"
io_end_column = "Total Intermediate"
OPTIONS
)";
  const std::string toml_path = std::string(TEST_DATA_DIR) + "/io.toml";
  const auto error_with = [&](const std::string& sector, const std::string& options) {
    std::string scenario = text;
    scenario.replace(scenario.find("SECTOR"), 6, sector);
    scenario.replace(scenario.find("OPTIONS"), 7, options);
    try {
      parse_scenario(scenario, toml_path);
    } catch (const Error& error) {
      std::string result = error.describe();
      result.replace(0, toml_path.size(), "io.toml");
      return result;
    }
    return std::string("no error");
  };
  const std::string row = "io_output_row = \"Total output\"\n";
  CHECK(error_with("Sector 2", row) == "no error");
  CHECK(error_with("Sector 2", "") ==
        "io.toml:13:12: [links] io_table needs io_output_row, the label of the total-output row");
  CHECK(error_with("Sector 2", row + "io_scale = 0") ==
        "io.toml:16:12: links.io_scale must be > 0");
  CHECK(error_with("Sector 2", row + "io_missing = \"-\"") ==
        "io.toml:16:14: links.io_missing must be an array of strings");
  CHECK(error_with("Sector 2", row + "io_rows = \"name\"") ==
        "io.toml:16:11: links.io_rows must be \"label\" (rows named like the columns) or "
        "\"position\" (the first rows, in column order)");
  CHECK(error_with("Sector 3", row) ==
        "io.toml:8:1: segment 'two': io_sector 'Sector 3' is not a sector of " +
            std::string(TEST_DATA_DIR) + "/miller_blair.csv");
}

TEST_CASE("the 15-sector BEA table imports with its column sums and output row", "[io][bea]") {
  const std::string path = kBea + "/use_15_2021.csv";
  IoTableOptions options;
  options.output_row = kOutputRow;
  options.end_column = "Total Intermediate";
  const IoTable table = read_io_table(path, options, Location{});
  REQUIRE(table.sectors.size() == 15);
  CHECK(table.sectors.front() == "Agriculture, forestry, fishing, and hunting");
  CHECK(table.output[0] == 543200.0);           // the file's total-output row, $ millions
  CHECK(table.output[4] == 6289923.0);          // Manufacturing
  CHECK(table.transactions(1, 4) == 414870.0);  // Mining sold to Manufacturing
  CHECK(table.transactions(0, 2) == 0.0);       // "---" reads as 0
  // Sector rows plus scrap and noncomparable imports sum to the Total Intermediate row.
  IoTableOptions with_totals = options;
  with_totals.extra_rows = {"Total Intermediate", "Scrap, used and secondhand goods",
                            "Noncomparable imports and rest-of-the-world adjustment"};
  const IoTable totals = read_io_table(path, with_totals, Location{});
  const Vector& intermediate = totals.extra_rows[0];
  const Vector sums =
      table.transactions.colwise().sum().transpose() + totals.extra_rows[1] + totals.extra_rows[2];
  for (Eigen::Index j = 0; j < 15; ++j) {
    INFO("sector " << table.sectors[static_cast<std::size_t>(j)]);
    CHECK(std::fabs(sums[j] - intermediate[j]) <= 5.0);  // the README's rounding: 5 $M
  }
}

TEST_CASE("the 71-industry BEA table imports by position with a stable A*", "[io][bea]") {
  IoTableOptions options;
  options.output_row = kOutputRow;
  options.end_column = "T001";
  options.rows_by_position = true;
  const IoTable table = read_io_table(kBea + "/use_71_2021.csv", options, Location{});
  REQUIRE(table.sectors.size() == 71);
  CHECK(table.sectors.front() == "Farms");
  CHECK(table.codes.front() == "111CA");
  const Matrix shares = interdependency_from_io(table);
  CHECK(shares(0, 0) == Approx(97183.0 / table.output[0]).epsilon(kExact));
  // Rows are commodities and columns industries, so a row of A* may pass 1 (a commodity made
  // by several industries); the spectral radius stays well below 1.
  CHECK(spectral_radius(shares) == Approx(0.5015).margin(1e-4));
}
