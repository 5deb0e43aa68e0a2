#include "model/scenario_loader.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "model/data_files.hpp"
#include "model/io_table.hpp"
#include "model/profile.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;
// Dense n x n matrices: 10,000 segments take 800 MB per matrix and seconds per factorisation.
constexpr std::size_t kMaxSegments = 10000;

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

[[noreturn]] void fail(const toml::node& node, const std::string& what) {
  throw Error(location_of(node), what);
}

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
  return text;
}

void check_keys(const toml::table& table, const std::vector<std::string>& allowed,
                const std::string& context) {
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      // A key added by an override has no source of its own: its value names the option.
      throw Error(key.source().path ? location_of(key.source()) : location_of(node),
                  fmt::format("unknown key '{}' in {}: expected one of {}", key.str(), context,
                              join(allowed)));
    }
  }
}

const toml::table& expect_table(const toml::node& node, const std::string& what) {
  if (const auto* table = node.as_table()) return *table;
  fail(node, fmt::format("{} must be a table, got {}", what, type_name(node)));
}

std::string expect_string(const toml::node& node, const std::string& what) {
  if (const auto* text = node.as_string()) return text->get();
  fail(node, fmt::format("{} must be a string, got {}", what, type_name(node)));
}

// A finite number; in `duration` mode a string duration ("90m") too, read in hours.
double read_scalar(const toml::node& node, const std::string& what, bool duration) {
  if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
  if (node.is_floating_point()) {
    const double value = node.as_floating_point()->get();
    if (!std::isfinite(value))
      fail(node, fmt::format("{} must be a finite number, got {}", what, value));
    return value;
  }
  if (duration && node.is_string()) {
    std::string why;
    const auto hours = parse_duration_hours(node.as_string()->get(), &why);
    if (!hours) {
      fail(node, fmt::format("{}: cannot read '{}' as a duration: expected {}", what,
                             node.as_string()->get(), why));
    }
    return *hours;
  }
  fail(node, fmt::format("{} must be {}, got {}", what,
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
    fail(node, fmt::format("{}: a distribution needs exactly one of uniform, triangular, pert, "
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
                            what, name));
  }
  const auto* values = values_node.as_array();
  const char* shape =
      expected == 2 ? (name == "lognormal" ? "[p5, p95]" : "[low, high]") : "[low, mode, high]";
  if (!values || values->size() != expected) {
    fail(values_node, fmt::format("{}: {} needs {} values {}", what, name, expected, shape));
  }
  std::vector<double> numbers;
  for (const auto& value : *values) numbers.push_back(read_scalar(value, what, duration));
  param.low = numbers[0];
  param.high = numbers.back();
  param.mode = expected == 3 ? numbers[1] : 0.0;
  const std::string problem = check_distribution_parameters(param);
  if (!problem.empty()) fail(values_node, fmt::format("{}: expected {}", what, problem));
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
                              entry->first.str()));
    }
    for (const auto& [unit, factor] : kUnits) {
      if (const auto* value = table->get(unit)) {
        if (table->size() != 1) {
          fail(node, fmt::format("{}: give exactly one of per_year, per_day, per_hour", what));
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
    if (!seconds) fail(node, fmt::format("outage.start '{}': expected {}", text->get(), why));
    return *seconds;
  }
  if (const auto* stamp = node.as_date_time()) {
    const toml::date_time& value = stamp->get();
    if (!value.offset) {
      fail(node, "outage.start needs a UTC offset, e.g. 2024-03-05T15:00:00Z or +07:00");
    }
    return unix_seconds_from_civil(value.date.year, value.date.month, value.date.day,
                                   value.time.hour, value.time.minute,
                                   value.time.second + value.time.nanosecond * 1e-9) -
           value.offset->minutes * 60.0;
  }
  fail(node, fmt::format("outage.start must be a date-time with a UTC offset "
                         "(2024-03-05T15:00:00Z), got {}",
                         type_name(node)));
}

bool is_valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

// Parses an override's value as TOML, or as a string when it is not a TOML value.
toml::table parse_override_value(const Override& override_value) {
  try {
    return toml::parse("value = " + override_value.value, override_value.option);
  } catch (const toml::parse_error&) {
    std::string quoted = "value = \"";
    for (char c : override_value.value) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      if (static_cast<unsigned char>(c) < 0x20) {
        throw Error(Location{override_value.option, 0, 0}, "the value has a control character");
      }
      quoted.push_back(c);
    }
    quoted += "\"";
    try {
      return toml::parse(quoted, override_value.option);
    } catch (const toml::parse_error& error) {
      throw Error(Location{override_value.option, 0, 0},
                  fmt::format("cannot read the value: {}", error.description()));
    }
  }
}

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t dot = key.find('.', begin);
    parts.push_back(key.substr(begin, dot - begin));
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return parts;
}

void apply_override(toml::table& root, const Override& override_value) {
  const Location where{override_value.option, 0, 0};
  const std::vector<std::string> parts = split_key(override_value.key);
  for (const auto& part : parts) {
    if (part.empty()) throw Error(where, fmt::format("bad key '{}'", override_value.key));
  }
  toml::table* target = &root;
  std::size_t next = 0;
  if (parts[0] == "segment") {
    if (parts.size() < 3) {
      throw Error(where, "expected segment.<id>.<key>, e.g. segment.ads.deferred=0.4");
    }
    auto* segments = root["segment"].as_array();
    target = nullptr;
    std::vector<std::string> ids;
    if (segments) {
      for (auto& node : *segments) {
        auto* table = node.as_table();
        if (!table) continue;
        const auto id = (*table)["id"].value<std::string>();
        if (id) ids.push_back(*id);
        if (id && *id == parts[1]) target = table;
      }
    }
    if (!target) {
      throw Error(where, fmt::format("no segment '{}' in the scenario (segments: {})", parts[1],
                                     join(ids)));
    }
    next = 2;
  } else if (parts[0] != "scenario" && parts[0] != "outage" && parts[0] != "model") {
    throw Error(where, fmt::format("unknown key '{}': expected scenario.*, outage.*, model.*, "
                                   "segment.<id>.* or link.<segment>.<depends_on>",
                                   override_value.key));
  }
  for (; next + 1 < parts.size(); ++next) {
    auto* child = (*target)[parts[next]].as_table();
    if (!child) {
      target->insert_or_assign(parts[next], toml::table{});
      child = (*target)[parts[next]].as_table();
    }
    target = child;
  }
  toml::table parsed = parse_override_value(override_value);
  parsed["value"].node()->visit(
      [&](auto&& value) { target->insert_or_assign(parts.back(), std::move(value)); });
}

// The directory relative paths in a scenario file are read from.
std::string directory_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".").string() : parent.string();
}

class ScenarioReader {
 public:
  ScenarioReader(const std::string& path, const std::vector<Override>& overrides)
      : m_path(path), m_base_directory(directory_of(path)), m_overrides(overrides) {}

  Scenario read(toml::table& root) {
    std::vector<Override> link_overrides;
    for (const auto& override_value : m_overrides) {
      if (override_value.key.rfind("link.", 0) == 0) {
        link_overrides.push_back(override_value);
      } else {
        apply_override(root, override_value);
      }
    }
    check_keys(root, {"scenario", "outage", "model", "segment", "link", "links"}, "the scenario");
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
    if (const auto* node = root.get("link")) read_links(*node, scenario);
    if (const auto* node = root.get("links")) read_links_table(*node, scenario);
    for (const auto& override_value : link_overrides) apply_link_override(override_value, scenario);
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
        fail(*value, "scenario.currency must be a currency code such as USD or EUR");
      }
    }
    if (const auto* value = table.get("sources")) {
      const auto* sources = value->as_array();
      if (!sources) fail(*value, "scenario.sources must be an array of strings");
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
    if (!duration) fail(node, "missing outage.duration, e.g. duration = \"2h\"");
    outage.duration_hours = read_param(*duration, "outage.duration", "outage.duration", true);
    if (const auto* value = table.get("severity")) {
      outage.severity = read_param(*value, "outage.severity", "outage.severity", false);
    } else {
      outage.severity = Param::fixed(1.0, "outage.severity", location_of(node));
    }
    if (const auto* value = table.get("phase")) {
      const auto* phases = value->as_array();
      if (!phases) fail(*value, "outage.phase must be an array of tables ([[outage.phase]])");
      std::size_t index = 0;
      for (const auto& phase_node : *phases) {
        ++index;
        const auto& phase_table = expect_table(phase_node, "each [[outage.phase]]");
        check_keys(phase_table, {"after", "severity"}, "[[outage.phase]]");
        const auto* after = phase_table.get("after");
        const auto* severity = phase_table.get("severity");
        if (!after || !severity) fail(phase_node, "each [[outage.phase]] needs after and severity");
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
        fail(*value, fmt::format("model.kind must be \"static\" or \"dynamic\", got \"{}\"", kind));
      }
    }
    if (const auto* value = table.get("horizon")) {
      const double hours = read_scalar(*value, "model.horizon", true);
      if (!(hours > 0)) fail(*value, fmt::format("model.horizon must be > 0, got {} h", hours));
      scenario.horizon_hours = hours;
    }
  }

  void read_segments(const toml::node& node, Scenario& scenario) {
    const auto* segments = node.as_array();
    if (!segments || segments->empty()) {
      fail(node, "segment must be a non-empty array of tables ([[segment]])");
    }
    if (segments->size() > kMaxSegments) {
      fail(node, fmt::format("at most {} segments are supported", kMaxSegments));
    }
    std::set<std::string> ids;
    for (const auto& segment_node : *segments) {
      const auto& table = expect_table(segment_node, "each [[segment]]");
      check_keys(table,
                 {"id", "name", "revenue", "dependency", "deferred", "recovery", "profile",
                  "profile_utc_offset", "io_sector"},
                 "[[segment]]");
      Segment segment;
      segment.where = location_of(segment_node);
      const auto* id = table.get("id");
      if (!id) fail(segment_node, "each [[segment]] needs an id");
      segment.id = expect_string(*id, "segment.id");
      if (!is_valid_id(segment.id)) {
        fail(*id,
             fmt::format("segment id '{}' must use only letters, digits, '_' and '-'", segment.id));
      }
      if (segment.id == "total") fail(*id, "'total' is reserved for the total row");
      if (!ids.insert(segment.id).second) {
        fail(*id, fmt::format("duplicate segment id '{}'", segment.id));
      }
      segment.name = segment.id;
      if (const auto* value = table.get("name"))
        segment.name = expect_string(*value, "segment.name");
      const std::string prefix = "segment." + segment.id + ".";
      if (const auto* value = table.get("io_sector")) {
        segment.io_sector = expect_string(*value, prefix + "io_sector");
      }
      if (const auto* revenue = table.get("revenue")) {
        segment.revenue_per_hour = read_revenue(*revenue, prefix + "revenue", prefix + "revenue");
      } else if (!segment.io_sector.empty()) {
        // Filled from the input-output table's total output ([links] io_table).
        segment.revenue_per_hour = Param::fixed(NAN, prefix + "revenue", location_of(segment_node));
      } else {
        fail(segment_node,
             fmt::format("segment '{}' needs a revenue (or io_sector with [links] io_table)",
                         segment.id));
      }
      const auto* dependency = table.get("dependency");
      if (!dependency)
        fail(segment_node, fmt::format("segment '{}' needs a dependency", segment.id));
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
      if (const auto* value = table.get("profile")) {
        const std::string name = expect_string(*value, prefix + "profile");
        segment.profile = resolve_profile(name, m_base_directory, location_of(*value));
      }
      if (const auto* value = table.get("profile_utc_offset")) {
        const std::string text = expect_string(*value, prefix + "profile_utc_offset");
        const auto offset = parse_utc_offset_hours(text);
        if (!offset)
          fail(*value, fmt::format("{}profile_utc_offset must look like \"+07:00\" or "
                                   "\"-05:30\", got \"{}\"",
                                   prefix, text));
        segment.profile_utc_offset_hours = *offset;
      }
      scenario.segments.push_back(std::move(segment));
    }
  }

  std::size_t segment_index(const Scenario& scenario, const std::string& id,
                            const Location& where) const {
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
      if (scenario.segments[i].id == id) return i;
    }
    std::vector<std::string> ids;
    for (const auto& segment : scenario.segments) ids.push_back(segment.id);
    throw Error(where, fmt::format("unknown segment '{}' (segments: {})", id, join(ids)));
  }

  void add_link(Scenario& scenario, Link link, const Location& where) {
    for (const auto& existing : scenario.links) {
      if (existing.segment == link.segment && existing.depends_on == link.depends_on) {
        throw Error(where,
                    fmt::format("link {} -> {} is given twice", scenario.segments[link.segment].id,
                                scenario.segments[link.depends_on].id));
      }
    }
    scenario.links.push_back(std::move(link));
  }

  void read_links(const toml::node& node, Scenario& scenario) {
    const auto* links = node.as_array();
    if (!links) fail(node, "link must be an array of tables ([[link]])");
    for (const auto& link_node : *links) {
      const auto& table = expect_table(link_node, "each [[link]]");
      check_keys(table, {"segment", "depends_on", "share"}, "[[link]]");
      const auto* segment = table.get("segment");
      const auto* depends_on = table.get("depends_on");
      const auto* share = table.get("share");
      if (!segment || !depends_on || !share) {
        fail(link_node, "each [[link]] needs segment, depends_on and share");
      }
      Link link;
      link.segment =
          segment_index(scenario, expect_string(*segment, "link.segment"), location_of(*segment));
      link.depends_on = segment_index(scenario, expect_string(*depends_on, "link.depends_on"),
                                      location_of(*depends_on));
      const std::string key = fmt::format("link.{}.{}", scenario.segments[link.segment].id,
                                          scenario.segments[link.depends_on].id);
      link.share = read_param(*share, key, key, false);
      add_link(scenario, std::move(link), location_of(link_node));
    }
  }

  std::string relative_path(const toml::node& node, const std::string& what) const {
    std::string path = expect_string(node, what);
    if (fs::path(path).is_relative()) {
      path = (fs::path(m_base_directory) / path).lexically_normal().string();
    }
    return path;
  }

  void read_links_table(const toml::node& node, Scenario& scenario) {
    const auto& table = expect_table(node, "[links]");
    check_keys(table,
               {"matrix", "io_table", "io_output_row", "io_end_column", "io_scale", "io_missing"},
               "[links]");
    const auto* matrix = table.get("matrix");
    const auto* io_table = table.get("io_table");
    if (!matrix && !io_table) {
      fail(node, "[links] needs matrix = \"file.csv\" or io_table = \"file.csv\"");
    }
    if (matrix)
      read_matrix_csv(relative_path(*matrix, "links.matrix"), location_of(*matrix), scenario);
    if (io_table) read_io_links(table, *io_table, scenario);
  }

  // Links and default revenues from an input-output table (model/io_table.hpp).
  void read_io_links(const toml::table& table, const toml::node& io_node, Scenario& scenario) {
    IoTableOptions options;
    const auto* output_row = table.get("io_output_row");
    if (!output_row) {
      fail(io_node, "[links] io_table needs io_output_row, the label of the total-output row");
    }
    options.output_row = expect_string(*output_row, "links.io_output_row");
    if (const auto* value = table.get("io_end_column")) {
      options.end_column = expect_string(*value, "links.io_end_column");
    }
    if (const auto* value = table.get("io_scale")) {
      options.scale = read_scalar(*value, "links.io_scale", false);
      if (!(options.scale > 0)) fail(*value, "links.io_scale must be > 0");
    }
    if (const auto* value = table.get("io_missing")) {
      const auto* markers = value->as_array();
      if (!markers) fail(*value, "links.io_missing must be an array of strings");
      options.missing.clear();
      for (const auto& marker : *markers) {
        options.missing.push_back(expect_string(marker, "links.io_missing"));
      }
    }
    if (const auto* value = table.get("io_rows")) {
      const std::string rows = expect_string(*value, "links.io_rows");
      if (rows != "label" && rows != "position") {
        fail(*value,
             "links.io_rows must be \"label\" (rows named like the columns) or "
             "\"position\" (the first rows, in column order)");
      }
      options.rows_by_position = rows == "position";
    }
    const std::string path = relative_path(io_node, "links.io_table");
    const IoTable io = read_io_table(path, options, location_of(io_node));
    const Matrix shares = interdependency_from_io(io);
    std::vector<std::optional<Eigen::Index>> rows(scenario.segments.size());
    for (std::size_t i = 0; i < scenario.segments.size(); ++i) {
      Segment& segment = scenario.segments[i];
      if (segment.io_sector.empty()) continue;
      auto found = std::find(io.sectors.begin(), io.sectors.end(), segment.io_sector);
      if (found == io.sectors.end()) {
        // A column code names the same sector.
        const auto code = std::find(io.codes.begin(), io.codes.end(), segment.io_sector);
        if (code == io.codes.end()) {
          throw Error(segment.where,
                      fmt::format("segment '{}': io_sector '{}' is not a sector of {}", segment.id,
                                  segment.io_sector, path));
        }
        found = io.sectors.begin() + (code - io.codes.begin());
      }
      rows[i] = static_cast<Eigen::Index>(found - io.sectors.begin());
      if (std::isnan(segment.revenue_per_hour.mode)) {
        // Annual output per hour (a year is 8760 h).
        segment.revenue_per_hour.mode = segment.revenue_per_hour.low =
            segment.revenue_per_hour.high = io.output[*rows[i]] / kHoursPerYear;
      }
    }
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
  void read_matrix_csv(const std::string& path, const Location& where, Scenario& scenario) {
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
    if (columns.empty())
      throw Error(Location{path, reader.line(), 0}, "the header names no segment");
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
                                row + 1, fields[0], row + 1, header[row + 1]));
      }
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto value = parse_number(fields[c + 1]);
        if (!value) {
          throw Error(row_where, fmt::format("column '{}': expected a finite number, got '{}'",
                                             header[c + 1], fields[c + 1]));
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

  void apply_link_override(const Override& override_value, Scenario& scenario) {
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
    scenario.links.push_back(std::move(link));
  }

  std::string m_path;
  std::string m_base_directory;
  const std::vector<Override>& m_overrides;
};

}  // namespace

Override parse_set_option(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error(Location{"--set", 0, 0},
                fmt::format("expected KEY=VALUE (e.g. segment.ads.deferred=0.4), got '{}'", text));
  }
  const std::string key(trim(std::string_view(text).substr(0, equals)));
  return Override{key, text.substr(equals + 1), "--set " + key};
}

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
