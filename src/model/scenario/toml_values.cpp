// Values in scenario files: locations, types, numbers, durations, distributions, revenues.
#include "model/scenario/toml_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {

Location location_of(const toml::source_region& source) {
  const std::string path = source.path ? *source.path : std::string();
  if (!path.empty() && path[0] == '-') return Location{path, 0, 0};
  return Location{path, static_cast<long>(source.begin.line),
                  static_cast<long>(source.begin.column)};
}

Location location_of(const toml::node& node) {
  return location_of(node.source());
}

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    default:
      return "nothing";
  }
}

[[noreturn]] void fail_at(const toml::node& node, const std::string& what) {
  throw Error(location_of(node), what);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
  return text;
}

void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                std::string_view context) {
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      std::string expected;
      for (const std::string_view name : allowed) {
        if (!expected.empty()) expected += ", ";
        expected += name;
      }
      // A key added by an override has no source of its own: its value names the option.
      throw Error(key.source().path ? location_of(key.source()) : location_of(node),
                  fmt::format("unknown key '{}' in {}: expected one of {}", excerpt(key.str()),
                              context, expected));
    }
  }
}

const toml::table& expect_table(const toml::node& node, const std::string& what) {
  if (const auto* table = node.as_table()) return *table;
  fail_at(node, fmt::format("{} must be a table, got {}", what, type_name(node)));
}

const std::string& expect_string(const toml::node& node, std::string_view what) {
  if (const auto* text = node.as_string()) return text->get();
  fail_at(node, fmt::format("{} must be a string, got {}", what, type_name(node)));
}

// A finite number; in `duration` mode a string duration ("90m") too, read in hours.
double read_scalar(const toml::node& node, const std::string& what, bool duration) {
  if (node.is_integer() || node.is_floating_point()) {
    const double value = node.is_integer() ? static_cast<double>(node.as_integer()->get())
                                           : node.as_floating_point()->get();
    if (!std::isfinite(value))
      fail_at(node, fmt::format("{} must be a finite number, got {}", what, value));
    if (duration && std::fabs(value) > kMaxDurationHours) {
      fail_at(node, fmt::format("{} = {} hours: a duration must be at most {} hours", what, value,
                                kMaxDurationHours));
    }
    return value;
  }
  if (duration && node.is_string()) {
    std::string why;
    const auto hours = parse_duration_hours(node.as_string()->get(), &why);
    if (!hours) {
      fail_at(node, fmt::format("{}: cannot read '{}' as a duration: expected {}", what,
                                excerpt(node.as_string()->get()), why));
    }
    return *hours;
  }
  fail_at(node, fmt::format("{} must be {}, got {}", what,
                            duration ? "a duration (\"2h\", \"90m\", \"PT2H\") or a number of hours"
                                     : "a number",
                            type_name(node)));
}

// A number, or a distribution table with exactly one of uniform/triangular/pert/lognormal.
Param read_param(const toml::node& node, const std::string& key, const std::string& what,
                 bool duration) {
  Param param;
  param.key = key;
  param.where = location_of(node);
  if (!node.is_table()) {
    param.mode = param.low = param.high = read_scalar(node, what, duration);
    return param;
  }
  const auto& table = *node.as_table();
  if (table.size() != 1) {
    fail_at(node, fmt::format("{}: a distribution needs exactly one of uniform, triangular, pert, "
                              "lognormal, got {} keys",
                              what, table.size()));
  }
  // Keep the iterator alive: toml++ iterators own the pair they hand out.
  const auto entry = table.begin();
  const toml::key& name_key = entry->first;
  const toml::node& values_node = entry->second;
  const std::string name = std::string(name_key.str());
  std::size_t expected = 0;
  if (name == "uniform") {
    param.kind = DistributionKind::uniform, expected = 2;
  } else if (name == "triangular") {
    param.kind = DistributionKind::triangular, expected = 3;
  } else if (name == "pert") {
    param.kind = DistributionKind::pert, expected = 3;
  } else if (name == "lognormal") {
    param.kind = DistributionKind::lognormal, expected = 2;
  } else {
    throw Error(location_of(name_key.source()),
                fmt::format("{}: unknown distribution '{}': expected uniform, triangular, pert "
                            "or lognormal",
                            what, excerpt(name)));
  }
  const auto* values = values_node.as_array();
  const char* shape =
      expected == 2 ? (name == "lognormal" ? "[p5, p95]" : "[low, high]") : "[low, mode, high]";
  if (!values || values->size() != expected) {
    fail_at(values_node, fmt::format("{}: {} needs {} values {}", what, name, expected, shape));
  }
  std::vector<double> numbers;
  for (const auto& value : *values) numbers.push_back(read_scalar(value, what, duration));
  param.low = numbers[0];
  param.high = numbers.back();
  param.mode = expected == 3 ? numbers[1] : 0.0;
  const std::string problem = check_distribution_parameters(param);
  if (!problem.empty()) fail_at(values_node, fmt::format("{}: expected {}", what, problem));
  if (expected == 2) param.mode = param.central();
  return param;
}

// Revenue: per hour as a number or distribution, or { per_year | per_day | per_hour = ... }.
Param read_revenue(const toml::node& node, const std::string& key, const std::string& what) {
  if (const auto* table = node.as_table()) {
    static const std::vector<std::pair<std::string, double>> kUnits = {
        {"per_year", 1.0 / kHoursPerYear}, {"per_day", 1.0 / kHoursPerDay}, {"per_hour", 1.0}};
    const auto entry = table->begin();
    if (table->size() == 1 && entry->first.str().rfind("per_", 0) == 0 && !table->get("per_year") &&
        !table->get("per_day") && !table->get("per_hour")) {
      throw Error(location_of(entry->first.source()),
                  fmt::format("{}: unknown unit '{}': expected per_year, per_day or per_hour", what,
                              excerpt(entry->first.str())));
    }
    for (const auto& [unit, factor] : kUnits) {
      if (const auto* value = table->get(unit)) {
        if (table->size() != 1) {
          fail_at(node, fmt::format("{}: give exactly one of per_year, per_day, per_hour", what));
        }
        Param param = read_param(*value, key, what, false).scaled(factor);
        param.where = location_of(*value);
        return param;
      }
    }
  }
  return read_param(node, key, what, false);
}

double read_start(const toml::node& node) {
  if (const auto* text = node.as_string()) {
    std::string why;
    const auto seconds = parse_utc_instant(text->get(), &why);
    if (!seconds)
      fail_at(node, fmt::format("outage.start '{}': expected {}", excerpt(text->get()), why));
    return *seconds;
  }
  if (const auto* stamp = node.as_date_time()) {
    const toml::date_time& value = stamp->get();
    if (!value.offset) {
      fail_at(node, "outage.start needs a UTC offset, e.g. 2024-03-05T15:00:00Z or +07:00");
    }
    return unix_seconds_from_civil(value.date.year, value.date.month, value.date.day,
                                   value.time.hour, value.time.minute,
                                   value.time.second + value.time.nanosecond * 1e-9) -
           value.offset->minutes * 60.0;
  }
  fail_at(node, fmt::format("outage.start must be a date-time with a UTC offset "
                            "(2024-03-05T15:00:00Z), got {}",
                            type_name(node)));
}

}  // namespace outage
