#include "model/io_tables/supply_use.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "util/csv.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

std::size_t find_column(const std::vector<std::string>& header, const std::string& label,
                        const std::string& path, long line) {
  const auto found = std::find_if(header.begin(), header.end(),
                                  [&](const std::string& cell) { return trim(cell) == label; });
  if (found == header.end()) {
    throw Error(Location{path, line, 0}, fmt::format("no column '{}' in the header", label));
  }
  return static_cast<std::size_t>(found - header.begin());
}

// The Supply table's file layout: where its columns are.
struct SupplyLayout {
  std::size_t label = 0;
  std::size_t first_industry = 0;
  std::size_t industries = 0;
  std::vector<std::size_t> named;  // output, imports, basic, taxes, purchasers, margins...
};

SupplyLayout supply_layout(const std::vector<std::string>& header, std::size_t industries,
                           const SupplyTableOptions& options, const std::string& path) {
  SupplyLayout layout;
  const std::size_t end = find_column(header, options.end_column, path, 1);
  if (end < industries + 1) {
    throw Error(Location{path, 1, 0},
                fmt::format("expected {} industry columns and a label column before '{}', found "
                            "{} columns",
                            industries, options.end_column, end));
  }
  layout.industries = industries;
  layout.first_industry = end - industries;
  layout.label = layout.first_industry - 1;
  for (const auto* label : {&options.output_column, &options.imports_column, &options.basic_column,
                            &options.taxes_column, &options.purchasers_column}) {
    layout.named.push_back(find_column(header, *label, path, 1));
  }
  for (const auto& label : options.margin_columns) {
    layout.named.push_back(find_column(header, label, path, 1));
  }
  return layout;
}

double read_cell(const std::vector<std::string>& fields, std::size_t column,
                 const std::vector<std::string>& header, const SupplyTableOptions& options,
                 const std::string& path, long line) {
  if (column >= fields.size()) {
    throw Error(Location{path, line, 0},
                fmt::format("expected at least {} fields, got {}", column + 1, fields.size()));
  }
  const std::string_view cell = trim(fields[column]);
  if (std::find(options.missing.begin(), options.missing.end(), cell) != options.missing.end()) {
    return 0.0;
  }
  const auto number = parse_number(cell);
  if (!number) {
    throw Error(Location{path, line, 0},
                fmt::format("column '{}': expected a number or one of the missing-value markers, "
                            "got '{}'",
                            trim(header[column]), cell));
  }
  return *number * options.scale;
}

}  // namespace

SupplyTable read_supply_table(const std::string& path, std::size_t industries,
                              const SupplyTableOptions& options, const Location& where) {
  std::ifstream in = open_input_file(path, where);
  CsvReader reader(in, path);
  std::vector<std::string> header;
  if (!reader.next(header)) {
    throw Error(Location{path, 1, 0}, "empty supply table: expected a header of column labels");
  }
  const SupplyLayout layout = supply_layout(header, industries, options, path);
  std::vector<std::vector<double>> rows;  // per commodity: industries, then the named columns
  SupplyTable table;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (layout.label >= fields.size()) continue;
    const std::string label(trim(fields[layout.label]));
    if (label == options.total_row) continue;
    if (std::find(table.commodities.begin(), table.commodities.end(), label) !=
        table.commodities.end()) {
      throw Error(Location{path, reader.line(), 0}, fmt::format("row '{}' appears twice", label));
    }
    table.commodities.push_back(label);
    std::vector<double> values;
    for (std::size_t c = 0; c < industries; ++c) {
      values.push_back(
          read_cell(fields, layout.first_industry + c, header, options, path, reader.line()));
    }
    for (const std::size_t column : layout.named) {
      values.push_back(read_cell(fields, column, header, options, path, reader.line()));
    }
    rows.push_back(std::move(values));
  }
  const auto count = static_cast<Eigen::Index>(rows.size());
  if (count == 0) throw Error(Location{path, 0, 0}, "no commodity rows in the supply table");
  const auto n = static_cast<Eigen::Index>(industries);
  const auto types = static_cast<Eigen::Index>(options.margin_columns.size());
  table.make = Matrix::Zero(n, count);
  table.margins = Matrix::Zero(count, types);
  for (auto* vector :
       {&table.domestic_output, &table.imports, &table.basic, &table.taxes, &table.purchasers}) {
    *vector = Vector::Zero(count);
  }
  for (Eigen::Index k = 0; k < count; ++k) {
    const auto& values = rows[static_cast<std::size_t>(k)];
    for (Eigen::Index j = 0; j < n; ++j) table.make(j, k) = values[static_cast<std::size_t>(j)];
    const auto at = [&](Eigen::Index offset) {
      return values[static_cast<std::size_t>(n + offset)];
    };
    table.domestic_output[k] = at(0);
    table.imports[k] = at(1);
    table.basic[k] = at(2);
    table.taxes[k] = at(3);
    table.purchasers[k] = at(4);
    for (Eigen::Index c = 0; c < types; ++c) table.margins(k, c) = at(5 + c);
  }
  return table;
}

Matrix domestic_basic_use(const SupplyTable& supply, const Matrix& purchasers_use) {
  const Eigen::Index count = supply.purchasers.size();
  const Eigen::Index types = supply.margins.cols();
  // own_k: the share of a purchase of k that is k itself at basic prices; rate_kc: the share
  // that is margin c; earn_kc: commodity k's share of all of margin c.
  Vector own = Vector::Zero(count);
  Matrix rate = Matrix::Zero(count, types);
  Matrix earn = Matrix::Zero(count, types);
  const Vector earned = (-supply.margins).cwiseMax(0.0).colwise().sum().transpose();
  for (Eigen::Index k = 0; k < count; ++k) {
    const double price = supply.purchasers[k];
    if (price > 0) {
      const double charged = supply.margins.row(k).cwiseMax(0.0).sum();
      own[k] = (price - charged - supply.taxes[k]) / price;
      for (Eigen::Index c = 0; c < types; ++c)
        rate(k, c) = std::max(supply.margins(k, c), 0.0) / price;
    }
    for (Eigen::Index c = 0; c < types; ++c) {
      if (earned[c] > 0) earn(k, c) = std::max(-supply.margins(k, c), 0.0) / earned[c];
    }
  }
  // U_b = diag(own) U + earn (rate' U): margins paid by each user, handed to their earners.
  const Matrix basic =
      own.asDiagonal() * purchasers_use + earn * (rate.transpose() * purchasers_use);
  Vector domestic = Vector::Zero(count);
  for (Eigen::Index k = 0; k < count; ++k) {
    if (supply.basic[k] > 0) domestic[k] = supply.domestic_output[k] / supply.basic[k];
  }
  return domestic.asDiagonal() * basic;
}

Matrix market_shares(const SupplyTable& supply) {
  Matrix shares = supply.make;
  for (Eigen::Index k = 0; k < shares.cols(); ++k) {
    const double total = shares.col(k).sum();
    if (total > 0) {
      shares.col(k) /= total;
    } else {
      shares.col(k).setZero();
    }
  }
  return shares;
}

IoTable read_supply_use(const std::string& use_path, const IoTableOptions& use_options,
                        const std::string& supply_path, const SupplyTableOptions& supply_options,
                        const Location& where) {
  const IoTable square = read_io_table(use_path, use_options, where);
  const std::size_t n = square.sectors.size();
  const SupplyTable supply = read_supply_table(supply_path, n, supply_options, where);
  if (supply.commodities.size() < n) {
    throw Error(Location{supply_path, 0, 0},
                fmt::format("{} commodity rows, fewer than the use table's {} sectors",
                            supply.commodities.size(), n));
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (supply.commodities[k] != square.sectors[k]) {
      throw Error(Location{supply_path, 0, 0},
                  fmt::format("commodity row {} is '{}' but the use table's sector {} is '{}': "
                              "the first rows must be the use table's sectors, in order",
                              k + 1, supply.commodities[k], k + 1, square.sectors[k]));
    }
  }
  // The Use table's rows for the other commodities (scrap, non-comparable imports).
  IoTableOptions options = use_options;
  options.extra_rows.insert(options.extra_rows.begin(),
                            supply.commodities.begin() + static_cast<std::ptrdiff_t>(n),
                            supply.commodities.end());
  const IoTable use = read_io_table(use_path, options, where);
  const auto count = static_cast<Eigen::Index>(supply.commodities.size());
  const auto size = static_cast<Eigen::Index>(n);
  Matrix purchasers(count, size);
  purchasers.topRows(size) = use.transactions;
  for (Eigen::Index k = size; k < count; ++k) {
    purchasers.row(k) = use.extra_rows[static_cast<std::size_t>(k - size)].transpose();
  }
  const Matrix domestic = domestic_basic_use(supply, purchasers);
  IoTable table = use;
  table.extra_rows.erase(table.extra_rows.begin(), table.extra_rows.begin() + (count - size));
  table.transactions = market_shares(supply).leftCols(size) * domestic.topRows(size);
  table.source = use_path + " + " + supply_path;
  return table;
}

}  // namespace outage
