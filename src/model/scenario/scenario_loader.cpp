#include "model/scenario/scenario_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

#include "model/scenario/cover_toml.hpp"
#include "model/scenario/data_files.hpp"
#include "model/scenario/link_sources.hpp"
#include "model/scenario/overrides.hpp"
#include "model/scenario/profile.hpp"
#include "model/scenario/risk_toml.hpp"
#include "model/scenario/toml_values.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;
// Dense n x n matrices: 10,000 segments take 800 MB per matrix and seconds per factorisation.
constexpr std::size_t kMaxSegments = 10000;

bool is_valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// The directory relative paths in a scenario file are read from.
std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".").string() : parent.string();
}

class ScenarioReader {
 public:
  ScenarioReader(const std::string& path, const std::vector<Override>& overrides)
      : m_path(path),
        m_base_directory(directory_of(path)),
        m_overrides(overrides),
        m_links(m_base_directory) {}

  Scenario read(toml::table& root) {
    std::vector<Override> link_overrides;
    for (const auto& override_value : m_overrides) {
      if (override_value.key.rfind("link.", 0) == 0) {
        link_overrides.push_back(override_value);
      } else {
        apply_override(root, override_value);
      }
    }
    check_keys(
        root,
        {"scenario", "outage", "model", "segment", "link", "links", "correlation", "risk", "cover"},
        "the scenario");
    Scenario scenario;
    scenario.path = m_path;
    scenario.name = fs::path(m_path).stem().string();
    if (const auto* node = root.get("scenario")) read_header(*node, scenario);
    const auto* outage = root.get("outage");
    if (!outage) {
      throw Error(Location{m_path, 1, 1},
                  "missing [outage]: a scenario needs at least outage.duration");
    }
    read_outage(*outage, scenario.outage);
    if (const auto* node = root.get("model")) read_model(*node, scenario);
    const auto* segments = root.get("segment");
    if (!segments) {
      throw Error(Location{m_path, 1, 1}, "missing [[segment]]: a scenario needs at least one");
    }
    read_segments(*segments, scenario);
    if (const auto* node = root.get("link")) m_links.read_link_tables(*node, scenario);
    if (const auto* node = root.get("links")) m_links.read_links_section(*node, scenario);
    for (const auto& override_value : link_overrides) {
      m_links.apply_link_override(override_value, scenario);
    }
    if (const auto* node = root.get("correlation")) read_correlations(*node, scenario);
    if (const auto* node = root.get("risk")) {
      scenario.risk = read_risk_table(*node, m_base_directory);
    }
    if (const auto* node = root.get("cover")) read_covers(*node, scenario);
    for (const auto& segment : scenario.segments) {
      if (std::isnan(segment.revenue_per_hour.mode)) {
        throw Error(segment.where, fmt::format("segment '{}' has no revenue and io_sector needs "
                                               "[links] io_table to give it one",
                                               segment.id));
      }
    }
    return scenario;
  }

 private:
  void read_header(const toml::node& node, Scenario& scenario) {
    const auto& table = expect_table(node, "[scenario]");
    check_keys(table, {"name", "description", "currency", "sources"}, "[scenario]");
    if (const auto* value = table.get("name"))
      scenario.name = expect_string(*value, "scenario.name");
    if (const auto* value = table.get("description")) {
      scenario.description = expect_string(*value, "scenario.description");
    }
    if (const auto* value = table.get("currency")) {
      scenario.currency = expect_string(*value, "scenario.currency");
      if (scenario.currency.empty() || scenario.currency.size() > 8) {
        fail_at(*value, "scenario.currency must be a currency code such as USD or EUR");
      }
    }
    if (const auto* value = table.get("sources")) {
      const auto* sources = value->as_array();
      if (!sources) fail_at(*value, "scenario.sources must be an array of strings");
      for (const auto& source : *sources) {
        scenario.sources.push_back(expect_string(source, "each of scenario.sources"));
      }
    }
  }

  void read_outage(const toml::node& node, Outage& outage) {
    const auto& table = expect_table(node, "[outage]");
    check_keys(table, {"start", "duration", "severity", "phase"}, "[outage]");
    if (const auto* value = table.get("start")) outage.start_unix_seconds = read_start(*value);
    const auto* duration = table.get("duration");
    if (!duration) fail_at(node, "missing outage.duration, e.g. duration = \"2h\"");
    outage.duration_hours = read_param(*duration, "outage.duration", "outage.duration", true);
    if (const auto* value = table.get("severity")) {
      outage.severity = read_param(*value, "outage.severity", "outage.severity", false);
    } else {
      outage.severity = Param::fixed(1.0, "outage.severity", location_of(node));
    }
    if (const auto* value = table.get("phase")) {
      const auto* phases = value->as_array();
      if (!phases) fail_at(*value, "outage.phase must be an array of tables ([[outage.phase]])");
      std::size_t index = 0;
      for (const auto& phase_node : *phases) {
        ++index;
        const auto& phase_table = expect_table(phase_node, "each [[outage.phase]]");
        check_keys(phase_table, {"after", "severity"}, "[[outage.phase]]");
        const auto* after = phase_table.get("after");
        const auto* severity = phase_table.get("severity");
        if (!after || !severity)
          fail_at(phase_node, "each [[outage.phase]] needs after and severity");
        const std::string prefix = fmt::format("outage.phase.{}", index);
        outage.phases.push_back(
            Phase{read_param(*after, prefix + ".after", prefix + ".after", true),
                  read_param(*severity, prefix + ".severity", prefix + ".severity", false)});
      }
    }
  }

  void read_model(const toml::node& node, Scenario& scenario) {
    const auto& table = expect_table(node, "[model]");
    check_keys(table, {"kind", "horizon"}, "[model]");
    if (const auto* value = table.get("kind")) {
      const std::string kind = expect_string(*value, "model.kind");
      if (kind == "static") {
        scenario.model = ModelKind::static_model;
      } else if (kind == "dynamic") {
        scenario.model = ModelKind::dynamic_model;
      } else {
        fail_at(*value,
                fmt::format("model.kind must be \"static\" or \"dynamic\", got \"{}\"", kind));
      }
    }
    if (const auto* value = table.get("horizon")) {
      const double hours = read_scalar(*value, "model.horizon", true);
      if (!(hours > 0)) fail_at(*value, fmt::format("model.horizon must be > 0, got {} h", hours));
      scenario.horizon_hours = hours;
    }
  }

  void read_segments(const toml::node& node, Scenario& scenario) {
    const auto* segments = node.as_array();
    if (!segments || segments->empty()) {
      fail_at(node, "segment must be a non-empty array of tables ([[segment]])");
    }
    if (segments->size() > kMaxSegments) {
      fail_at(node, fmt::format("at most {} segments are supported", kMaxSegments));
    }
    std::set<std::string> ids;
    scenario.segments.reserve(scenario.segments.size() + segments->size());
    for (const auto& segment_node : *segments) {
      scenario.segments.push_back(read_segment(segment_node, ids));
    }
  }

  // One [[segment]] table, its id checked against the `ids` read before (and added to them).
  Segment read_segment(const toml::node& segment_node, std::set<std::string>& ids) {
    const auto& table = expect_table(segment_node, "each [[segment]]");
    check_keys(table,
               {"id", "name", "revenue", "dependency", "deferred", "recovery", "buildup", "profile",
                "profile_utc_offset", "io_sector", "value_added_share", "kind"},
               "[[segment]]");
    Segment segment;
    segment.where = location_of(segment_node);
    read_segment_id(table, segment_node, ids, segment);
    segment.name = segment.id;
    if (const auto* value = table.get("name")) segment.name = expect_string(*value, "segment.name");
    const std::string prefix = "segment." + segment.id + ".";
    read_io_sector_and_revenue(table, segment_node, prefix, segment);
    read_dependency_and_recovery(table, segment_node, prefix, segment);
    read_segment_profile(table, prefix, segment);
    read_value_added_and_kind(table, prefix, segment);
    return segment;
  }

  // The segment's id: present, made of letters, digits, '_' and '-', not "total" and not in `ids`
  // (to which it is added).
  void read_segment_id(const toml::table& table, const toml::node& segment_node,
                       std::set<std::string>& ids, Segment& segment) {
    const auto* id = table.get("id");
    if (!id) fail_at(segment_node, "each [[segment]] needs an id");
    segment.id = expect_string(*id, "segment.id");
    if (!is_valid_id(segment.id)) {
      fail_at(*id, fmt::format("segment id '{}' must use only letters, digits, '_' and '-'",
                               excerpt(segment.id)));
    }
    if (segment.id == "total") fail_at(*id, "'total' is reserved for the total row");
    if (!ids.insert(segment.id).second) {
      fail_at(*id, fmt::format("duplicate segment id '{}'", segment.id));
    }
  }

  // io_sector and revenue: a revenue is required unless io_sector lets [links] io_table give one.
  void read_io_sector_and_revenue(const toml::table& table, const toml::node& segment_node,
                                  const std::string& prefix, Segment& segment) {
    if (const auto* value = table.get("io_sector")) {
      segment.io_sector = expect_string(*value, prefix + "io_sector");
    }
    if (const auto* revenue = table.get("revenue")) {
      segment.revenue_per_hour = read_revenue(*revenue, prefix + "revenue", prefix + "revenue");
    } else if (!segment.io_sector.empty()) {
      // Filled from the input-output table's total output ([links] io_table).
      segment.revenue_per_hour = Param::fixed(NAN, prefix + "revenue", location_of(segment_node));
    } else {
      fail_at(segment_node,
              fmt::format("segment '{}' needs a revenue (or io_sector with [links] io_table)",
                          segment.id));
    }
  }

  // dependency (required), then deferred, recovery and buildup with their defaults (0, 5 min, 0).
  void read_dependency_and_recovery(const toml::table& table, const toml::node& segment_node,
                                    const std::string& prefix, Segment& segment) {
    const auto* dependency = table.get("dependency");
    if (!dependency)
      fail_at(segment_node, fmt::format("segment '{}' needs a dependency", segment.id));
    segment.dependency =
        read_param(*dependency, prefix + "dependency", prefix + "dependency", false);
    if (const auto* value = table.get("deferred")) {
      segment.deferred = read_param(*value, prefix + "deferred", prefix + "deferred", false);
    } else {
      segment.deferred = Param::fixed(0.0, prefix + "deferred", segment.where);
    }
    if (const auto* value = table.get("recovery")) {
      segment.recovery_hours = read_param(*value, prefix + "recovery", prefix + "recovery", true);
    } else {
      segment.recovery_hours = Param::fixed(5.0 / 60.0, prefix + "recovery", segment.where);
    }
    if (const auto* value = table.get("buildup")) {
      segment.buildup_hours = read_param(*value, prefix + "buildup", prefix + "buildup", true);
    } else {
      segment.buildup_hours = Param::fixed(0.0, prefix + "buildup", segment.where);
    }
  }

  // The weekly profile ("flat", a bundled one or a CSV file) and profile_utc_offset, when given.
  void read_segment_profile(const toml::table& table, const std::string& prefix, Segment& segment) {
    if (const auto* value = table.get("profile")) {
      const std::string name = expect_string(*value, prefix + "profile");
      segment.profile = resolve_profile(name, m_base_directory, location_of(*value));
    }
    if (const auto* value = table.get("profile_utc_offset")) {
      const std::string text = expect_string(*value, prefix + "profile_utc_offset");
      const auto offset = parse_utc_offset_hours(text);
      if (!offset)
        fail_at(*value, fmt::format("{}profile_utc_offset must look like \"+07:00\" or "
                                    "\"-05:30\", got \"{}\"",
                                    prefix, text));
      segment.profile_utc_offset_hours = *offset;
    }
  }

  // value_added_share (a share, checked with the other inputs) and kind ("market", "welfare").
  void read_value_added_and_kind(const toml::table& table, const std::string& prefix,
                                 Segment& segment) {
    if (const auto* value = table.get("kind")) {
      const std::string kind = expect_string(*value, prefix + "kind");
      if (kind == "welfare") {
        segment.kind = SegmentKind::welfare;
      } else if (kind != "market") {
        fail_at(*value, fmt::format("{}kind must be \"market\" or \"welfare\", got \"{}\"", prefix,
                                    excerpt(kind)));
      }
    }
    if (const auto* value = table.get("value_added_share")) {
      if (segment.kind == SegmentKind::welfare) {
        fail_at(*value, fmt::format("{}value_added_share: a welfare segment's loss is not output, "
                                    "so it has no value added",
                                    prefix));
      }
      segment.value_added_share =
          read_param(*value, prefix + "value_added_share", prefix + "value_added_share", false);
    }
  }

  // [[correlation]] inputs = ["segment.*.dependency"], rho = 0.6 (resolved against the input
  // table by check_inputs, where a pattern that matches nothing is an error).
  void read_correlations(const toml::node& node, Scenario& scenario) {
    const auto* groups = node.as_array();
    if (!groups) fail_at(node, "correlation must be an array of tables ([[correlation]])");
    for (const auto& group_node : *groups) {
      const auto& table = expect_table(group_node, "each [[correlation]]");
      check_keys(table, {"inputs", "rho"}, "[[correlation]]");
      const auto* inputs = table.get("inputs");
      const auto* rho = table.get("rho");
      if (!inputs || !rho) fail_at(group_node, "each [[correlation]] needs inputs and rho");
      Correlation correlation;
      correlation.where = location_of(group_node);
      const auto* names = inputs->as_array();
      if (!names || names->empty()) {
        fail_at(*inputs, "correlation inputs must be a non-empty array of --set names");
      }
      for (const auto& name : *names) {
        correlation.inputs.push_back(expect_string(name, "each of correlation.inputs"));
      }
      correlation.rho = read_scalar(*rho, "correlation.rho", false);
      // +-1 would make the members one input: a rank correlation strictly inside (-1, 1).
      if (!(correlation.rho > -1 && correlation.rho < 1)) {
        fail_at(*rho, fmt::format("correlation.rho must be in (-1, 1), got {}", correlation.rho));
      }
      scenario.correlations.push_back(std::move(correlation));
    }
  }

  std::string m_path;
  std::string m_base_directory;
  const std::vector<Override>& m_overrides;
  LinkReader m_links;
};

}  // namespace

std::string resolve_scenario_path(const std::string& name_or_path) {
  std::error_code error;
  if (fs::exists(name_or_path, error)) return name_or_path;
  const bool looks_like_name =
      name_or_path.find('/') == std::string::npos && fs::path(name_or_path).extension() != ".toml";
  if (looks_like_name) {
    if (const auto preset = find_data_file("presets", name_or_path + ".toml")) return *preset;
  }
  throw Error(Location{name_or_path, 0, 0},
              looks_like_name
                  ? "no such scenario file or preset: `outage-impact presets` lists the presets"
                  : "no such scenario file");
}

Scenario parse_scenario(std::string_view text, const std::string& path,
                        const std::vector<Override>& overrides) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    std::string description(error.description());
    std::replace(description.begin(), description.end(), '\n', ' ');
    if (description.find("utf-8") != std::string::npos)
      description += " (scenario files must be UTF-8 text)";
    throw Error(location_of(error.source()), description);
  }
  return ScenarioReader(path, overrides).read(root);
}

Scenario load_scenario(const std::string& name_or_path, const std::vector<Override>& overrides) {
  const std::string path = resolve_scenario_path(name_or_path);
  const std::string text = read_input_file(path, Location{path, 0, 0}, kMaxScenarioBytes);
  if (trim(text).empty() || text.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Error(Location{path, 0, 0}, "empty scenario: expected [outage] and [[segment]] tables");
  }
  return parse_scenario(text, path, overrides);
}

}  // namespace outage