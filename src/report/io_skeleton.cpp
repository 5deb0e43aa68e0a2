#include "report/io_skeleton.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "report/currency.hpp"
#include "util/csv.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

// A TOML basic string.
std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {  // TOML forbids them raw
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
      continue;
    }
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::vector<std::string> sector_ids(const std::vector<std::string>& sectors) {
  std::vector<std::string> ids;
  std::set<std::string> used;
  for (const auto& sector : sectors) {
    std::string id;
    for (char c : sector) {
      const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (c >= 'A' && c <= 'Z') {
        id.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if (keep) {
        id.push_back(c);
      } else if (!id.empty() && id.back() != '_') {
        id.push_back('_');
      }
    }
    if (id.size() > 40) id.resize(40);
    while (!id.empty() && id.back() == '_') id.pop_back();
    if (id.empty()) id = "sector";
    if (id == "total") id = "total_sector";  // "total" is the reserved id of the total row
    std::string unique = id;
    for (int suffix = 2; used.count(unique); ++suffix) unique = fmt::format("{}_{}", id, suffix);
    used.insert(unique);
    ids.push_back(unique);
  }
  return ids;
}

std::string render_io_scenario(const IoTable& table, const IoSkeletonOptions& options) {
  const std::vector<std::string> ids = sector_ids(table.sectors);
  const bool with_matrix = !options.matrix_path.empty();
  std::string out = fmt::format(
      "# Scenario skeleton written by `outage-impact import-io` from {}.\n"
      "# Links: A* = diag(x)^-1 Z (Santos & Haimes 2004): a*_ij is the share of sector i's output\n"
      "# bought by sector j{}. Revenues: total output x per year / 8760 h.\n"
      "# Fill in each segment's dependency on the platform (0: none, 1: stops entirely), the\n"
      "# outage, and a source for every number you change.\n\n",
      sanitize_for_terminal(options.table_path),
      options.supply_path.empty()
          ? ""
          : fmt::format(" (domestic output at basic prices, industry by industry, with the\n"
                        "# Supply table {})",
                        sanitize_for_terminal(options.supply_path)));
  out += "[scenario]\nname = \"Input-output scenario\"\n";
  out += fmt::format("currency = {}\nsources = [{}]\n\n", toml_string(options.currency),
                     toml_string(options.table_path));
  out += "[outage]\nduration = \"2h\"\n\n[model]\nkind = \"dynamic\"\n";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out += fmt::format("\n[[segment]]\nid = {}\nname = {}\n", toml_string(ids[i]),
                       toml_string(table.sectors[i]));
    if (with_matrix) {
      out += fmt::format(
          "# Total output from the table: {} per year.\n",
          format_money_human(table.output[static_cast<Eigen::Index>(i)], options.currency));
      out += "revenue = { per_year = " +
             format_number_raw(table.output[static_cast<Eigen::Index>(i)]) + " }\n";
    } else {
      out += fmt::format("io_sector = {}\n", toml_string(table.sectors[i]));
    }
    out += "dependency = 0.0\n";
    if (!options.value_added_share.empty()) {
      out += fmt::format("# Value added / total output, from the table's {} row.\n",
                         sanitize_for_terminal(toml_string(options.value_added_row)));
      out += fmt::format("value_added_share = {:.4f}\n", options.value_added_share[i]);
    }
  }
  out += "\n[links]\n";
  if (with_matrix) {
    out += fmt::format("matrix = {}\n", toml_string(options.matrix_path));
    return out;
  }
  out += fmt::format("io_table = {}\nio_output_row = {}\n", toml_string(options.table_path),
                     toml_string(options.table.output_row));
  if (!options.supply_path.empty())
    out += fmt::format("io_supply = {}\n", toml_string(options.supply_path));
  if (options.table.end_column) {
    out += fmt::format("io_end_column = {}\n", toml_string(*options.table.end_column));
  }
  if (options.table.scale != 1.0)
    out += "io_scale = " + format_number_raw(options.table.scale) + "\n";
  if (options.table.rows_by_position) out += "io_rows = \"position\"\n";
  std::string markers;
  for (const auto& marker : options.table.missing)
    markers += (markers.empty() ? "" : ", ") + toml_string(marker);
  out += fmt::format("io_missing = [{}]\n", markers);
  return out;
}

std::string render_interdependency_csv(const IoTable& table) {
  const std::vector<std::string> ids = sector_ids(table.sectors);
  const Matrix shares = interdependency_from_io(table);
  std::vector<std::string> header = {"segment"};
  header.insert(header.end(), ids.begin(), ids.end());
  std::string out = csv_row(header);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    std::vector<std::string> row = {ids[i]};
    for (Eigen::Index j = 0; j < shares.cols(); ++j) {
      row.push_back(format_number_raw(shares(static_cast<Eigen::Index>(i), j)));
    }
    out += csv_row(row);
  }
  return out;
}

}  // namespace outage
