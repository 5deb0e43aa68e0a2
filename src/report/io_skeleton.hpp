// Scenario skeletons written by `outage-impact import-io` from an input-output table.
#pragma once

#include <string>
#include <vector>

#include "model/io_tables/io_table.hpp"

namespace outage {

struct IoSkeletonOptions {
  std::string table_path;   // as the scenario should name it
  std::string supply_path;  // non-empty: the Use table was combined with this Supply table
  IoTableOptions table;     // how the table was read
  std::string matrix_path;  // non-empty: links and revenues written out, not read at run time
  std::string currency = "USD";
  // Non-empty: each sector's value added / total output, from the table's row of that label
  // (--value-added-row), written as its segment's value_added_share.
  std::string value_added_row;
  std::vector<double> value_added_share;
};

// Segment ids from sector labels: lower case, runs of other characters as '_', at most 40
// characters, made unique with a numeric suffix.
std::vector<std::string> sector_ids(const std::vector<std::string>& sectors);

// A scenario TOML with one segment per sector (dependency 0, to be filled in) whose links come
// from the table: through [links] io_table, or, with a matrix path, through [links] matrix with
// revenues written as per-year numbers.
std::string render_io_scenario(const IoTable& table, const IoSkeletonOptions& options);

// A* as the square CSV that [links] matrix reads (full precision).
std::string render_interdependency_csv(const IoTable& table);

}  // namespace outage
