// Where a scenario's links come from: [[link]] tables, a square CSV matrix ([links] matrix),
// an input-output table ([links] io_table), and --set link.<segment>.<depends_on> overrides.
#include "model/scenario/link_sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>

#include "model/io_tables/io_table.hpp"
#include "model/io_tables/supply_use.hpp"
#include "model/scenario/overrides.hpp"
#include "model/scenario/toml_values.hpp"
#include "util/csv.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

namespace fs = std::filesystem;

namespace {

// The options of [links] io_table from its io_* keys (io_output_row is required).
IoTableOptions read_io_table_options(const toml::table& table, const toml::node& io_node) {
  IoTableOptions options;
  const auto* output_row = table.get("io_output_row");
  if (!output_row) {
    fail_at(io_node, "[links] io_table needs io_output_row, the label of the total-output row");
  }
  options.output_row = expect_string(*output_row, "links.io_output_row");
  if (const auto* value = table.get("io_end_column")) {
    options.end_column = expect_string(*value, "links.io_end_column");
  }
  if (const auto* value = table.get("io_scale")) {
    options.scale = read_scalar(*value, "links.io_scale", false);
    if (!(options.scale > 0)) fail_at(*value, "links.io_scale must be > 0");
  }
  if (const auto* value = table.get("io_missing")) {
    const auto* markers = value->as_array();
    if (!markers) fail_at(*value, "links.io_missing must be an array of strings");
    options.missing.clear();
    for (const auto& marker : *markers) {
      options.missing.push_back(expect_string(marker, "links.io_missing"));
    }
  }
  if (const auto* value = table.get("io_rows")) {
    const std::string rows = expect_string(*value, "links.io_rows");
    if (rows != "label" && rows != "position") {
      fail_at(*value,
              "links.io_rows must be \"label\" (rows named like the columns) or "
              "\"position\" (the first rows, in column order)");
    }
    options.rows_by_position = rows == "position";
  }
  return options;
}

// The row in `io` of each segment's io_sector (a sector name or column code; none without one),
// giving segments without a revenue the sector's total output per hour.
std::vector<std::optional<Eigen::Index>> match_io_sectors(const IoTable& io,
                                                          const std::string& path,
                                                          Scenario& scenario) {
  std::vector<std::optional<Eigen::Index>> rows(scenario.segments.size());
  for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
    Segment& segment = scenario.segments[i];
    if (segment.io_sector.empty()) continue;
    auto found = std::find(io.sectors.begin(), io.sectors.end(), segment.io_sector);
    if (found == io.sectors.end()) {
      // A column code names the same sector.
      const auto code = std::find(io.codes.begin(), io.codes.end(), segment.io_sector);
      if (code == io.codes.end()) {
        throw Error(segment.where, fmt::format("segment '{}': io_sector '{}' is not a sector of {}",
                                               segment.id, excerpt(segment.io_sector), path));
      }
      found = io.sectors.begin() + (code - io.codes.begin());
    }
    rows[i] = static_cast<Eigen::Index>(found - io.sectors.begin());
    if (std::isnan(segment.revenue_per_hour.mode)) {
      // Annual output per hour (a year is 8760 h).
      segment.revenue_per_hour.mode = segment.revenue_per_hour.low = segment.revenue_per_hour.high =
          io.output[*rows[i]] / kHoursPerYear;
    }
  }
  return rows;
}

}  // namespace

LinkReader::LinkReader(std::string base_directory) : m_base_directory(std::move(base_directory)) {}

const std::size_t* LinkReader::find_segment(const Scenario& scenario, const std::string& id) {
  if (m_index.size() != scenario.segments.size()) {
    m_index.clear();
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
      m_index.emplace(scenario.segments[i].id, i);
    }
  }
  const auto found = m_index.find(id);
  return found == m_index.end() ? nullptr : &found->second;
}

std::size_t LinkReader::segment_index(const Scenario& scenario, const std::string& id,
                                      const Location& where) {
  if (const std::size_t* index = find_segment(scenario, id)) return *index;
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  if (ids.size() > 20) ids.resize(20), ids.push_back("...");
  throw Error(where, fmt::format("unknown segment '{}' (segments: {})", excerpt(id),
                                 excerpt(join(ids), 80)));
}

std::size_t LinkReader::segment_index(const Scenario& scenario, const toml::node& id_node,
                                      std::string_view what) {
  const std::string& id = expect_string(id_node, what);
  if (const std::size_t* index = find_segment(scenario, id)) return *index;
  return segment_index(scenario, id, location_of(id_node));  // throws, saying where
}

// Hash-based: a scenario with tens of thousands of [[link]] tables loads in linear time.
bool LinkReader::try_add_link(Scenario& scenario, Link& link) {
  const std::uint64_t key = (static_cast<std::uint64_t>(link.segment) << 32) | link.depends_on;
  if (!m_given.insert(key).second) return false;
  scenario.links.push_back(std::move(link));
  return true;
}

void LinkReader::add_link(Scenario& scenario, Link link, const Location& where) {
  if (!try_add_link(scenario, link)) link_given_twice(scenario, link, where);
}

void LinkReader::link_given_twice(const Scenario& scenario, const Link& link,
                                  const Location& where) {
  throw Error(where, fmt::format("link {} -> {} is given twice", scenario.segments[link.segment].id,
                                 scenario.segments[link.depends_on].id));
}

void LinkReader::read_link_tables(const toml::node& node, Scenario& scenario) {
  const auto* links = node.as_array();
  if (!links) fail_at(node, "link must be an array of tables ([[link]])");
  m_given.reserve(m_given.size() + links->size());
  scenario.links.reserve(scenario.links.size() + links->size());
  // Locations are made only for errors: a file path copied three times per table was a tenth of
  // loading 32,000 of them.
  for (const auto& link_node : *links) {
    const auto& table = expect_table(link_node, "each [[link]]");
    check_keys(table, {"segment", "depends_on", "share"}, "[[link]]");
    const auto* segment = table.get("segment");
    const auto* depends_on = table.get("depends_on");
    const auto* share = table.get("share");
    if (!segment || !depends_on || !share) {
      fail_at(link_node, "each [[link]] needs segment, depends_on and share");
    }
    Link link;
    link.segment = segment_index(scenario, *segment, "link.segment");
    link.depends_on = segment_index(scenario, *depends_on, "link.depends_on");
    const std::string key = fmt::format("link.{}.{}", scenario.segments[link.segment].id,
                                        scenario.segments[link.depends_on].id);
    link.share = read_param(*share, key, key, false);
    if (!try_add_link(scenario, link)) link_given_twice(scenario, link, location_of(link_node));
  }
}

std::string LinkReader::relative_path(const toml::node& node, const std::string& what) const {
  std::string path = expect_string(node, what);
  if (fs::path(path).is_relative()) {
    path = (fs::path(m_base_directory) / path).lexically_normal().string();
  }
  return path;
}

void LinkReader::read_links_section(const toml::node& node, Scenario& scenario) {
  const auto& table = expect_table(node, "[links]");
  check_keys(table,
             {"matrix", "io_table", "io_output_row", "io_end_column", "io_scale", "io_missing",
              "io_rows", "io_supply"},
             "[links]");
  const auto* matrix = table.get("matrix");
  const auto* io_table = table.get("io_table");
  if (!matrix && !io_table) {
    fail_at(node, "[links] needs matrix = \"file.csv\" or io_table = \"file.csv\"");
  }
  if (matrix)
    read_matrix_csv(relative_path(*matrix, "links.matrix"), location_of(*matrix), scenario);
  if (io_table) read_io_links(table, *io_table, scenario);
}

// Links and default revenues from an input-output table (model/io_tables/io_table.hpp).
void LinkReader::read_io_links(const toml::table& table, const toml::node& io_node,
                               Scenario& scenario) {
  const IoTableOptions options = read_io_table_options(table, io_node);
  const std::string path = relative_path(io_node, "links.io_table");
  const auto* supply = table.get("io_supply");
  const IoTable io = supply
                         ? read_supply_use(path, options, relative_path(*supply, "links.io_supply"),
                                           SupplyTableOptions{}, location_of(*supply))
                         : read_io_table(path, options, location_of(io_node));
  const Matrix shares = interdependency_from_io(io);
  const std::vector<std::optional<Eigen::Index>> rows = match_io_sectors(io, path, scenario);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows.size(); ++j) {
      if (!rows[i] || !rows[j]) continue;
      const double share = shares(*rows[i], *rows[j]);
      if (share == 0) continue;
      const std::string key =
          fmt::format("link.{}.{}", scenario.segments[i].id, scenario.segments[j].id);
      add_link(scenario, Link{i, j, Param::fixed(share, key, location_of(io_node))},
               location_of(io_node));
    }
  }
}

// A square CSV: header row and first column are segment ids in the same order.
void LinkReader::read_matrix_csv(const std::string& path, const Location& where,
                                 Scenario& scenario) {
  std::ifstream in = open_input_file(path, where);
  CsvReader reader(in, path);
  std::vector<std::string> header;
  if (!reader.next(header))
    throw Error(Location{path, 1, 0}, "empty matrix: expected a header row of segment ids");
  std::vector<std::size_t> columns;
  for (std::size_t c = 1; c < header.size(); ++c) {
    columns.push_back(
        segment_index(scenario, std::string(trim(header[c])), Location{path, reader.line(), 0}));
  }
  if (columns.empty()) throw Error(Location{path, reader.line(), 0}, "the header names no segment");
  std::vector<std::string> fields;
  std::size_t row = 0;
  while (reader.next(fields)) {
    const Location row_where{path, reader.line(), 0};
    if (row >= columns.size()) {
      throw Error(row_where, fmt::format("the matrix must be square: {} columns but more rows",
                                         columns.size()));
    }
    if (fields.size() != header.size()) {
      throw Error(row_where, fmt::format("expected {} fields like the header, got {}",
                                         header.size(), fields.size()));
    }
    const std::size_t segment = segment_index(scenario, std::string(trim(fields[0])), row_where);
    if (segment != columns[row]) {
      throw Error(row_where,
                  fmt::format("row {} is '{}' but the header's column {} is '{}': "
                              "rows and columns must list the same ids in the same order",
                              row + 1, excerpt(fields[0]), row + 1, excerpt(header[row + 1])));
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto value = parse_number(fields[c + 1]);
      if (!value) {
        throw Error(row_where, fmt::format("column '{}': expected a finite number, got '{}'",
                                           excerpt(header[c + 1]), excerpt(fields[c + 1])));
      }
      if (*value == 0) continue;
      const std::string key = fmt::format("link.{}.{}", scenario.segments[segment].id,
                                          scenario.segments[columns[c]].id);
      Link link{segment, columns[c], Param::fixed(*value, key, row_where)};
      add_link(scenario, std::move(link), row_where);
    }
    ++row;
  }
  if (row != columns.size()) {
    throw Error(
        Location{path, 0, 0},
        fmt::format("the matrix must be square: {} columns but {} rows", columns.size(), row));
  }
}

void LinkReader::apply_link_override(const Override& override_value, Scenario& scenario) {
  const Location where{override_value.option, 0, 0};
  const auto parts = split_key(override_value.key);
  if (parts.size() != 3) throw Error(where, "expected link.<segment>.<depends_on>=SHARE");
  Link link;
  link.segment = segment_index(scenario, parts[1], where);
  link.depends_on = segment_index(scenario, parts[2], where);
  toml::table parsed = parse_override_value(override_value);
  link.share = read_param(*parsed.get("value"), override_value.key, override_value.key, false);
  for (auto& existing : scenario.links) {
    if (existing.segment == link.segment && existing.depends_on == link.depends_on) {
      existing.share = link.share;
      return;
    }
  }
  m_given.insert((static_cast<std::uint64_t>(link.segment) << 32) | link.depends_on);
  scenario.links.push_back(std::move(link));
}

}  // namespace outage
