#include "model/io_tables/io_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "util/csv.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

IoTable read_io_table(const std::string& path, const IoTableOptions& options,
                      const Location& where) {
  std::ifstream in = open_input_file(path, where);
  CsvReader reader(in, path);
  std::vector<std::string> header;
  if (!reader.next(header) || header.size() < 2) {
    throw Error(Location{path, 1, 0},
                "empty input-output table: expected a header of column labels");
  }
  std::size_t end = header.size();
  if (options.end_column) {
    const auto found =
        std::find_if(header.begin() + 1, header.end(),
                     [&](const std::string& label) { return trim(label) == *options.end_column; });
    if (found == header.end()) {
      throw Error(Location{path, reader.line(), 0},
                  fmt::format("no column '{}' (the end of the sectors) in the header",
                              *options.end_column));
    }
    end = static_cast<std::size_t>(found - header.begin());
  }
  IoTable table;
  table.source = path;
  for (std::size_t c = 1; c < end; ++c) table.codes.emplace_back(trim(header[c]));
  table.sectors = table.codes;
  const auto n = static_cast<Eigen::Index>(table.sectors.size());
  if (n == 0)
    throw Error(Location{path, reader.line(), 0}, "no sector columns before the end column");
  table.transactions = Matrix::Zero(n, n);
  table.output = Vector::Zero(n);
  std::vector<bool> row_seen(table.sectors.size(), false);
  table.extra_rows.assign(options.extra_rows.size(), Vector::Zero(n));
  std::vector<bool> extra_seen(options.extra_rows.size(), false);
  bool output_seen = false;

  const auto read_cells = [&](const std::vector<std::string>& fields, long line, auto&& store) {
    if (fields.size() < end) {
      throw Error(Location{path, line, 0},
                  fmt::format("expected at least {} fields, got {}", end, fields.size()));
    }
    for (std::size_t c = 1; c < end; ++c) {
      const std::string_view cell = trim(fields[c]);
      double value = 0;
      if (std::find(options.missing.begin(), options.missing.end(), cell) ==
          options.missing.end()) {
        const auto number = parse_number(cell);
        if (!number) {
          throw Error(Location{path, line, 0},
                      fmt::format("column '{}': expected a number or one of the missing-value "
                                  "markers, got '{}'",
                                  excerpt(table.codes[c - 1]), excerpt(cell)));
        }
        value = *number * options.scale;
      }
      store(static_cast<Eigen::Index>(c - 1), value);
    }
  };

  std::vector<std::string> fields;
  while (reader.next(fields)) {
    const std::string label(trim(fields[0]));
    const long line = reader.line();
    if (label == options.output_row) {
      if (output_seen)
        throw Error(Location{path, line, 0}, fmt::format("row '{}' appears twice", excerpt(label)));
      output_seen = true;
      read_cells(fields, line, [&](Eigen::Index j, double value) { table.output[j] = value; });
      continue;
    }
    const auto extra = std::find(options.extra_rows.begin(), options.extra_rows.end(), label);
    if (extra != options.extra_rows.end()) {
      const auto e = static_cast<std::size_t>(extra - options.extra_rows.begin());
      extra_seen[e] = true;
      read_cells(fields, line,
                 [&](Eigen::Index j, double value) { table.extra_rows[e][j] = value; });
      continue;
    }
    std::size_t i = 0;
    if (options.rows_by_position) {
      const auto next = std::find(row_seen.begin(), row_seen.end(), false);
      if (next == row_seen.end()) continue;  // past the square block
      i = static_cast<std::size_t>(next - row_seen.begin());
      table.sectors[i] = label;
    } else {
      const auto sector = std::find(table.codes.begin(), table.codes.end(), label);
      if (sector == table.codes.end()) continue;  // value added, final demand, totals...
      i = static_cast<std::size_t>(sector - table.codes.begin());
    }
    if (row_seen[i])
      throw Error(Location{path, line, 0}, fmt::format("row '{}' appears twice", excerpt(label)));
    row_seen[i] = true;
    read_cells(fields, line, [&](Eigen::Index j, double value) {
      table.transactions(static_cast<Eigen::Index>(i), j) = value;
    });
  }
  for (std::size_t i = 0; i < row_seen.size(); ++i) {
    if (!row_seen[i]) {
      throw Error(Location{path, 0, 0},
                  fmt::format("no row for sector '{}': every sector column needs a row with the "
                              "same label (check the end column)",
                              excerpt(table.sectors[i])));
    }
  }
  for (std::size_t e = 0; e < extra_seen.size(); ++e) {
    if (!extra_seen[e]) {
      throw Error(Location{path, 0, 0}, fmt::format("no row '{}'", options.extra_rows[e]));
    }
  }
  if (!output_seen) {
    throw Error(Location{path, 0, 0}, fmt::format("no total-output row '{}'", options.output_row));
  }
  for (Eigen::Index j = 0; j < n; ++j) {
    if (!(table.output[j] > 0)) {
      throw Error(
          Location{path, 0, 0},
          fmt::format("sector '{}' has total output {}: it must be > 0",
                      excerpt(table.sectors[static_cast<std::size_t>(j)]), table.output[j]));
    }
  }
  return table;
}

Matrix technical_coefficients(const IoTable& table) {
  return table.transactions * table.output.cwiseInverse().asDiagonal();
}

Matrix interdependency_from_io(const IoTable& table) {
  return table.output.cwiseInverse().asDiagonal() * table.transactions;
}

}  // namespace outage
