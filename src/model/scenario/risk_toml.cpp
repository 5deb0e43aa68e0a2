#include "model/scenario/risk_toml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "model/scenario/profile.hpp"
#include "model/scenario/toml_values.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxRiskFileBytes = std::size_t{1} << 20;

// The start of each outage: "uniform", or a profile (name or CSV path) whose 168 weights give
// the probability of each hour of the week.
void read_start(const toml::node& node, const std::string& base_directory, RiskProcess& process) {
  const auto* text = node.as_string();
  if (!text) {
    throw Error(location_of(node),
                "risk.start must be \"uniform\" or a profile name or CSV path (168 weights)");
  }
  process.start_name = text->get();
  if (process.start_name == "uniform") return;
  const Profile profile = resolve_profile(process.start_name, base_directory, location_of(node));
  double sum = 0;
  for (const double weight : profile.weights) {
    sum += weight;
    process.start_cumulative.push_back(sum);
  }
}

}  // namespace

RiskProcess read_risk_table(const toml::node& node, const std::string& base_directory) {
  const auto* table = node.as_table();
  if (!table) throw Error(location_of(node), "risk must be a table ([risk])");
  check_keys(*table, {"rate", "duration", "severity", "start"}, "[risk]");
  RiskProcess process;
  process.where = location_of(node);
  const auto* rate = table->get("rate");
  if (!rate) throw Error(process.where, "[risk] needs rate, the outages per year (e.g. rate = 6)");
  process.rate = read_param(*rate, "risk.rate", "risk.rate", false);
  const auto* duration = table->get("duration");
  if (!duration) {
    throw Error(process.where,
                "[risk] needs duration, e.g. duration = { lognormal = [\"10m\", \"6h\"] }");
  }
  process.duration_hours = read_param(*duration, "risk.duration", "risk.duration", true);
  if (const auto* severity = table->get("severity")) {
    process.severity = read_param(*severity, "risk.severity", "risk.severity", false);
  } else {
    process.severity = Param::fixed(1.0, "risk.severity", process.where);
  }
  if (const auto* start = table->get("start")) read_start(*start, base_directory, process);
  validate_risk_process(process);
  return process;
}

RiskProcess load_risk_file(const std::string& path) {
  // An unreadable file is bad input (exit 1, docs/cli.md), named by its path.
  return parse_risk_text(read_input_file(path, Location{path, 0, 0}, kMaxRiskFileBytes), path);
}

RiskProcess parse_risk_text(std::string_view text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    std::string description(error.description());
    std::replace(description.begin(), description.end(), '\n', ' ');
    const auto& begin = error.source().begin;
    throw Error(Location{path, static_cast<long>(begin.line), static_cast<long>(begin.column)},
                description);
  }
  check_keys(root, {"risk"}, "a --risk file");
  const auto* risk = root.get("risk");
  if (!risk) throw Error(Location{path, 1, 1}, "missing [risk]: expected rate and duration");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return read_risk_table(*risk, parent.empty() ? std::string(".") : parent.string());
}

}  // namespace outage
