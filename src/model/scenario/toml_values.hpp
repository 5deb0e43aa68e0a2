// Reading values out of a parsed scenario file (toml++ nodes): each reader throws Error at the
// node's file:line:column saying what was expected.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/scenario.hpp"
#include "model/stats/distribution.hpp"

namespace outage {

Location location_of(const toml::source_region& source);
Location location_of(const toml::node& node);
// "a table", "a string", "a number"...: a node's type as messages say it.
const char* type_name(const toml::node& node);
[[noreturn]] void fail_at(const toml::node& node, const std::string& what);
std::string join(const std::vector<std::string>& items);

// Throws at the first key of `table` that is not in `allowed` (a list that allocates nothing:
// it is checked for each of tens of thousands of [[link]] tables).
void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                std::string_view context);
const toml::table& expect_table(const toml::node& node, const std::string& what);
// The node's string (it lives as long as the node).
const std::string& expect_string(const toml::node& node, std::string_view what);

// A finite number; in `duration` mode a string duration ("90m") too, read in hours.
double read_scalar(const toml::node& node, const std::string& what, bool duration);
// A number, or a distribution table with exactly one of uniform/triangular/pert/lognormal.
Param read_param(const toml::node& node, const std::string& key, const std::string& what,
                 bool duration);
// Revenue: per hour as a number or distribution, or { per_year | per_day | per_hour = ... }.
Param read_revenue(const toml::node& node, const std::string& key, const std::string& what);
// outage.start: a TOML date-time with an offset, or an ISO 8601 string; Unix seconds.
double read_start(const toml::node& node);

}  // namespace outage
