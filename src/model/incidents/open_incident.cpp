#include "model/incidents/open_incident.hpp"

#include <fmt/format.h>

#include <fstream>
#include <limits>
#include <optional>
#include <string_view>

#include "model/incidents/mapped_csv.hpp"
#include "model/incidents/statuspage.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

std::unique_ptr<IncidentSource> open_incident_source(const IncidentSourceOptions& options,
                                                     std::istream& standard_input) {
  const bool statuspage = options.from == "statuspage";
  std::optional<ColumnMapping> mapping;
  if (!statuspage) {
    mapping = named_column_mapping(options.from);
    if (!mapping) {
      throw Error(Location{"--from", 0, 0},
                  fmt::format("expected csv, statuspage, pagerduty, opsgenie or datadog, got '{}'",
                              options.from));
    }
  }
  if (!options.components.empty() && !statuspage) {
    throw Error(Location{"--component", 0, 0},
                "needs --from statuspage (CSV exports: filter "
                "the rows before, e.g. with grep or mlr)");
  }
  if (!options.columns.empty()) {
    if (statuspage) {
      throw Error(Location{"--columns", 0, 0}, "maps CSV columns; --from statuspage reads JSON");
    }
    apply_columns_option(*mapping, options.columns);
  }
  std::optional<double> timezone;
  if (!options.timezone.empty()) timezone = parse_timezone_option(options.timezone, "--timezone");
  SeverityMap severity_map = parse_severity_map(options.severity_map, "--severity-map");

  std::unique_ptr<std::istream> owned;
  std::string source = "<stdin>";
  if (options.path != "-") {
    source = options.path;
    owned = std::make_unique<std::ifstream>(
        open_input_file(source, Location{source, 0, 0}, std::numeric_limits<std::size_t>::max()));
  }
  std::istream& in = owned ? *owned : standard_input;
  if (statuspage) {
    StatuspageSettings settings;
    settings.severity_map = default_statuspage_severity_map();
    for (auto& [key, value] : severity_map) settings.severity_map[key] = value;
    // --component API,Web (or repeated): each name once, without regard to ASCII case.
    for (const std::string& given : options.components) {
      std::string_view rest = given;
      while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view name = trim(rest.substr(0, comma));
        if (name.empty()) {
          throw Error(Location{"--component", 0, 0},
                      fmt::format("an empty component name in '{}'", excerpt(given)));
        }
        settings.components.emplace_back(name);
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
      }
    }
    settings.timezone_hours = timezone;
    return make_statuspage_source(std::move(owned), in, source, std::move(settings));
  }
  MappedCsvSettings settings{std::move(*mapping), std::move(severity_map), timezone};
  return make_mapped_csv_source(std::move(owned), in, source, std::move(settings));
}

}  // namespace outage
