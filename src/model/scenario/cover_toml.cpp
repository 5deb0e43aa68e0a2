#include "model/scenario/cover_toml.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/scenario/rollup.hpp"
#include "model/scenario/toml_values.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

std::string segment_list(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const auto& segment : scenario.segments) ids.push_back(segment.id);
  return join(ids);
}

std::vector<std::size_t> read_cover_segments(const toml::node& node, const Scenario& scenario,
                                             const std::string& what) {
  const auto* array = node.as_array();
  if (!array || array->empty()) {
    fail_at(node, fmt::format("{}.segments must be a non-empty array of segment ids", what));
  }
  std::vector<std::size_t> indices;
  for (const auto& item : *array) {
    const std::string id = expect_string(item, fmt::format("each of {}.segments", what));
    const auto found = std::find_if(scenario.segments.begin(), scenario.segments.end(),
                                    [&](const Segment& segment) { return segment.id == id; });
    if (found == scenario.segments.end()) {
      fail_at(item, fmt::format("{}.segments: unknown segment '{}' (the scenario has: {})", what,
                                excerpt(id), segment_list(scenario)));
    }
    if (found->kind == SegmentKind::welfare) {
      fail_at(item, fmt::format("{}.segments: '{}' is users' lost value (kind = \"welfare\"), "
                                "not a loss a cover pays",
                                what, id));
    }
    const auto index = static_cast<std::size_t>(found - scenario.segments.begin());
    if (std::find(indices.begin(), indices.end(), index) != indices.end()) {
      fail_at(item, fmt::format("{}.segments: '{}' is listed twice", what, id));
    }
    indices.push_back(index);
  }
  return indices;
}

// A money amount: a finite number >= 0 (> 0 when `positive`).
double read_amount(const toml::node& node, const std::string& what, bool positive) {
  const double value = read_scalar(node, what, false);
  if (positive ? !(value > 0) : !(value >= 0)) {
    fail_at(node, fmt::format("{} must be {} 0, got {}", what, positive ? ">" : ">=", value));
  }
  return value;
}

Cover read_cover(const toml::table& table, const toml::node& node, std::size_t number,
                 const Scenario& scenario) {
  check_keys(
      table,
      {"name", "segments", "waiting_period", "deductible", "limit", "aggregate_limit", "share"},
      "[[cover]]");
  Cover cover;
  cover.where = location_of(node);
  cover.name = fmt::format("cover {}", number);
  if (const auto* value = table.get("name")) {
    cover.name = expect_string(*value, "cover.name");
    if (cover.name.empty()) fail_at(*value, "cover.name must not be empty");
  }
  const std::string what = fmt::format("cover '{}'", excerpt(cover.name));
  if (const auto* value = table.get("segments")) {
    cover.segments = read_cover_segments(*value, scenario, what);
  } else {
    // Every market segment: users' lost value is not a loss a cover pays.
    const Rollup rollup(scenario);
    for (std::size_t i = 0; i < rollup.size(); ++i) {
      if (!rollup.is_welfare(i)) cover.segments.push_back(i);
    }
  }
  if (const auto* value = table.get("waiting_period")) {
    cover.waiting_period_hours = read_scalar(*value, what + ".waiting_period", true);
    if (!(cover.waiting_period_hours >= 0)) {
      fail_at(*value, fmt::format("{}.waiting_period must be >= 0, got {}", what,
                                  cover.waiting_period_hours));
    }
  }
  if (const auto* value = table.get("deductible")) {
    cover.deductible = read_amount(*value, what + ".deductible", false);
  }
  if (const auto* value = table.get("limit")) {
    cover.limit = read_amount(*value, what + ".limit", true);
    if (*cover.limit < cover.deductible) {
      fail_at(*value, fmt::format("{}.limit ({}) is below its deductible ({})", what, *cover.limit,
                                  cover.deductible));
    }
  }
  if (const auto* value = table.get("aggregate_limit")) {
    cover.aggregate_limit = read_amount(*value, what + ".aggregate_limit", true);
    if (cover.limit && *cover.aggregate_limit < *cover.limit) {
      fail_at(*value, fmt::format("{}.aggregate_limit ({}) is below its limit per outage ({})",
                                  what, *cover.aggregate_limit, *cover.limit));
    }
  }
  if (const auto* value = table.get("share")) {
    cover.share = read_scalar(*value, what + ".share", false);
    if (!(cover.share > 0 && cover.share <= 1)) {
      fail_at(*value, fmt::format("{}.share must be in (0, 1], got {}", what, cover.share));
    }
  }
  return cover;
}

}  // namespace

void read_covers(const toml::node& node, Scenario& scenario) {
  const auto* covers = node.as_array();
  if (!covers || !covers->is_array_of_tables()) {
    fail_at(node, "cover must be an array of tables ([[cover]])");
  }
  for (const auto& cover_node : *covers) {
    const auto& table = expect_table(cover_node, "each [[cover]]");
    Cover cover = read_cover(table, cover_node, scenario.covers.size() + 1, scenario);
    for (const auto& other : scenario.covers) {
      if (other.name == cover.name) {
        fail_at(cover_node,
                fmt::format("two covers are named '{}': names must differ", excerpt(cover.name)));
      }
    }
    scenario.covers.push_back(std::move(cover));
  }
}

}  // namespace outage
