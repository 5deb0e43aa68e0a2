// Input-output tables: a transactions table Z with a total-output row x, read from CSV through
// options that name its rows and columns (so BEA's Use tables read as they are), and the
// interdependency matrix of the inoperability model derived from it (Santos & Haimes 2004):
//   A = Z diag(x)^-1 (technical coefficients),  A* = diag(x)^-1 A diag(x) = diag(x)^-1 Z.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/eigen.hpp"
#include "util/error.hpp"

namespace outage {

struct IoTableOptions {
  std::string output_row;                          // label of the total-output row (x)
  std::optional<std::string> end_column;           // first column after the sectors; none: all
  double scale = 1.0;                              // multiplies every value (BEA: 1e6, $ millions)
  std::vector<std::string> missing = {"---", ""};  // cells read as 0
  // false: each sector column's row has the same label; true: the first data rows are the
  // sectors in column order (BEA's 71-industry table labels columns by code, rows by name).
  bool rows_by_position = false;
  std::vector<std::string> extra_rows;  // other rows to return (e.g. totals, for checks)
};

struct IoTable {
  std::vector<std::string> sectors;  // sector names: row labels
  std::vector<std::string> codes;    // column labels (the same as the names when matched by label)
  Matrix transactions;               // Z: row i sells to column j, scaled
  Vector output;                     // x, scaled
  std::vector<Vector> extra_rows;    // the rows named in IoTableOptions::extra_rows, scaled
  std::string source;
};

// Reads the table: header row of column labels (the first cell labels the row-label column),
// then rows whose first cell is a label. The sectors are the columns before `end_column`; each
// has a row with the same label, or with `rows_by_position` the first data rows are the sectors
// in column order (the square block); `output_row` gives x. Throws Error
// with the file, line and column for a missing row, a non-numeric cell or x <= 0.
IoTable read_io_table(const std::string& path, const IoTableOptions& options,
                      const Location& where);

// A = Z diag(x)^-1.
Matrix technical_coefficients(const IoTable& table);

// A* = diag(x)^-1 Z: a*_ij is the share of sector i's output bought by sector j.
Matrix interdependency_from_io(const IoTable& table);

}  // namespace outage
