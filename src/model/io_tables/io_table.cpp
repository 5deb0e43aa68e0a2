#include "model/io_tables/io_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>

#include "util/csv.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

namespace {

// The position of the column that ends the sectors: options.end_column's, or the header's size.
std::size_t find_end_column(const std::vector<std::string>& header, const IoTableOptions& options,
                            const std::string& path, long line) {
  if (!options.end_column) return header.size();
  const auto found = std::find_if(header.begin() + 1, header.end(), [&](const std::string& label) {
    return trim(label) == *options.end_column;
  });
  if (found == header.end()) {
    throw Error(
        Location{path, line, 0},
        fmt::format("no column '{}' (the end of the sectors) in the header", *options.end_column));
  }
  return static_cast<std::size_t>(found - header.begin());
}

// A table with the sectors of header columns 1 to end - 1 and every number zero.
IoTable empty_table(const std::vector<std::string>& header, std::size_t end,
                    const IoTableOptions& options, const std::string& path, long line) {
  IoTable table;
  table.source = path;
  for (std::size_t c = 1; c < end; ++c) table.codes.emplace_back(trim(header[c]));
  table.sectors = table.codes;
  const auto n = static_cast<Eigen::Index>(table.sectors.size());
  if (n == 0) throw Error(Location{path, line, 0}, "no sector columns before the end column");
  table.transactions = Matrix::Zero(n, n);
  table.output = Vector::Zero(n);
  table.extra_rows.assign(options.extra_rows.size(), Vector::Zero(n));
  return table;
}

// Throws unless every sector's total output is > 0.
void check_positive_output(const IoTable& table, const std::string& path) {
  for (Eigen::Index j = 0; j < table.output.size(); ++j) {
    if (!(table.output[j] > 0)) {
      throw Error(
          Location{path, 0, 0},
          fmt::format("sector '{}' has total output {}: it must be > 0",
                      excerpt(table.sectors[static_cast<std::size_t>(j)]), table.output[j]));
    }
  }
}

// Stores the data rows of a table after its header, noting which of the rows wanted were seen.
class IoRowReader {
 public:
  IoRowReader(const std::string& path, const IoTableOptions& options, std::size_t end,
              IoTable& table)
      : m_path(path),
        m_options(options),
        m_end(end),
        m_table(table),
        m_row_seen(table.sectors.size(), false),
        m_extra_seen(options.extra_rows.size(), false) {}

  // Stores one row where its label says: the total output, an extra row, a sector or nowhere.
  void read_row(const std::vector<std::string>& fields, long line) {
    const std::string label(trim(fields[0]));
    if (label == m_options.output_row) {
      if (m_output_seen) throw_row_twice(label, line);
      m_output_seen = true;
      read_cells(fields, line, [&](Eigen::Index j, double value) { m_table.output[j] = value; });
      return;
    }
    const auto extra = std::find(m_options.extra_rows.begin(), m_options.extra_rows.end(), label);
    if (extra != m_options.extra_rows.end()) {
      const auto e = static_cast<std::size_t>(extra - m_options.extra_rows.begin());
      m_extra_seen[e] = true;
      read_cells(fields, line,
                 [&](Eigen::Index j, double value) { m_table.extra_rows[e][j] = value; });
      return;
    }
    const std::optional<std::size_t> sector = sector_of_row(label);
    if (!sector) return;
    const std::size_t i = *sector;
    if (m_row_seen[i]) throw_row_twice(label, line);
    m_row_seen[i] = true;
    read_cells(fields, line, [&](Eigen::Index j, double value) {
      m_table.transactions(static_cast<Eigen::Index>(i), j) = value;
    });
  }

  // Throws unless every sector's row, every extra row and the total-output row were seen.
  void check_complete() const {
    for (std::size_t i = 0; i < m_row_seen.size(); ++i) {
      if (!m_row_seen[i]) {
        throw Error(Location{m_path, 0, 0},
                    fmt::format("no row for sector '{}': every sector column needs a row with the "
                                "same label (check the end column)",
                                excerpt(m_table.sectors[i])));
      }
    }
    for (std::size_t e = 0; e < m_extra_seen.size(); ++e) {
      if (!m_extra_seen[e]) {
        throw Error(Location{m_path, 0, 0}, fmt::format("no row '{}'", m_options.extra_rows[e]));
      }
    }
    if (!m_output_seen) {
      throw Error(Location{m_path, 0, 0},
                  fmt::format("no total-output row '{}'", m_options.output_row));
    }
  }

 private:
  // The sector whose row this is (by label, or the next by position, then named `label`), or
  // none for a row outside the sectors (value added, final demand, totals...).
  std::optional<std::size_t> sector_of_row(const std::string& label) {
    if (m_options.rows_by_position) {
      const auto next = std::find(m_row_seen.begin(), m_row_seen.end(), false);
      if (next == m_row_seen.end()) return std::nullopt;  // past the square block
      const auto i = static_cast<std::size_t>(next - m_row_seen.begin());
      m_table.sectors[i] = label;
      return i;
    }
    const auto sector = std::find(m_table.codes.begin(), m_table.codes.end(), label);
    if (sector == m_table.codes.end()) return std::nullopt;
    return static_cast<std::size_t>(sector - m_table.codes.begin());
  }

  // Parses the sector columns' cells of a row (missing-value markers as 0), scaled, and passes
  // each to store(column, value).
  template <typename Store>
  void read_cells(const std::vector<std::string>& fields, long line, Store&& store) const {
    if (fields.size() < m_end) {
      throw Error(Location{m_path, line, 0},
                  fmt::format("expected at least {} fields, got {}", m_end, fields.size()));
    }
    for (std::size_t c = 1; c < m_end; ++c) {
      const std::string_view cell = trim(fields[c]);
      double value = 0;
      if (std::find(m_options.missing.begin(), m_options.missing.end(), cell) ==
          m_options.missing.end()) {
        const auto number = parse_number(cell);
        if (!number) {
          throw Error(Location{m_path, line, 0},
                      fmt::format("column '{}': expected a number or one of the missing-value "
                                  "markers, got '{}'",
                                  excerpt(m_table.codes[c - 1]), excerpt(cell)));
        }
        value = *number * m_options.scale;
      }
      store(static_cast<Eigen::Index>(c - 1), value);
    }
  }

  // Throws the Error for a row label given twice.
  [[noreturn]] void throw_row_twice(const std::string& label, long line) const {
    throw Error(Location{m_path, line, 0}, fmt::format("row '{}' appears twice", excerpt(label)));
  }

  const std::string& m_path;
  const IoTableOptions& m_options;
  std::size_t m_end;  // the first column after the sectors
  IoTable& m_table;
  std::vector<bool> m_row_seen;
  std::vector<bool> m_extra_seen;
  bool m_output_seen = false;
};

}  // namespace

IoTable read_io_table(const std::string& path, const IoTableOptions& options,
                      const Location& where) {
  std::ifstream in = open_input_file(path, where);
  CsvReader reader(in, path);
  std::vector<std::string> header;
  if (!reader.next(header) || header.size() < 2) {
    throw Error(Location{path, 1, 0},
                "empty input-output table: expected a header of column labels");
  }
  const std::size_t end = find_end_column(header, options, path, reader.line());
  IoTable table = empty_table(header, end, options, path, reader.line());
  IoRowReader rows(path, options, end, table);
  std::vector<std::string> fields;
  while (reader.next(fields)) rows.read_row(fields, reader.line());
  rows.check_complete();
  check_positive_output(table, path);
  return table;
}

Matrix technical_coefficients(const IoTable& table) {
  return table.transactions * table.output.cwiseInverse().asDiagonal();
}

Matrix interdependency_from_io(const IoTable& table) {
  return table.output.cwiseInverse().asDiagonal() * table.transactions;
}

}  // namespace outage
