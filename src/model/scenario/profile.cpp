#include "model/scenario/profile.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "model/scenario/data_files.hpp"
#include "util/csv.hpp"
#include "util/input_file.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

Profile load_profile_csv(const std::string& path, const std::string& name, const Location& where) {
  std::ifstream in = open_input_file(path, where.source.empty() ? Location{path, 0, 0} : where);
  return read_profile_csv(in, path, name);
}

Profile read_profile_csv(std::istream& in, const std::string& path, const std::string& name) {
  CsvReader reader(in, path);
  std::vector<std::string> fields;
  if (!reader.next(fields))
    throw Error(Location{path, 1, 0},
                "empty profile: expected a header 'hour,weight' and 168 rows");
  if (fields.size() != 2 || trim(fields[0]) != "hour" || trim(fields[1]) != "weight") {
    throw Error(Location{path, reader.line(), 0}, "expected the header 'hour,weight'");
  }
  Profile profile;
  profile.name = name;
  std::vector<bool> seen(kHoursPerWeek, false);
  int rows = 0;
  double sum = 0;
  while (reader.next(fields)) {
    const Location row{path, reader.line(), 0};
    if (fields.size() != 2) {
      throw Error(row, fmt::format("expected 2 fields (hour,weight), got {}", fields.size()));
    }
    const auto hour = parse_integer(fields[0], 0, kHoursPerWeek - 1);
    if (!hour)
      throw Error(row, fmt::format("hour must be an integer 0-167, got '{}'", excerpt(fields[0])));
    const auto weight = parse_number(fields[1]);
    if (!weight || *weight < 0) {
      throw Error(row,
                  fmt::format("weight must be a finite number >= 0, got '{}'", excerpt(fields[1])));
    }
    const auto index = static_cast<std::size_t>(*hour);
    if (seen[index]) throw Error(row, fmt::format("hour {} appears twice", *hour));
    seen[index] = true;
    profile.weights[index] = *weight;
    sum += *weight;
    ++rows;
  }
  if (rows != kHoursPerWeek) {
    throw Error(Location{path, 0, 0},
                fmt::format("a profile needs 168 rows (hours 0-167), got {}", rows));
  }
  if (!(sum > 0) || !std::isfinite(sum)) {
    throw Error(Location{path, 0, 0}, "profile weights must not all be 0");
  }
  const double mean = sum / kHoursPerWeek;
  for (double& weight : profile.weights) weight /= mean;
  return profile;
}

Profile resolve_profile(const std::string& name, const std::string& base_directory,
                        const Location& where) {
  if (name == "flat") return Profile{"flat", std::vector<double>(kHoursPerWeek, 1.0)};
  const bool is_path = name.find('/') != std::string::npos ||
                       (name.size() > 4 && name.substr(name.size() - 4) == ".csv");
  if (is_path) {
    std::filesystem::path path(name);
    if (path.is_relative()) path = std::filesystem::path(base_directory) / path;
    return load_profile_csv(path.lexically_normal().string(), name, where);
  }
  const auto bundled = find_data_file("profiles", name + ".csv");
  if (!bundled) {
    std::string known = "flat";
    for (const auto& profile : list_data_names("profiles", ".csv")) {
      if (profile != "flat") known += ", " + profile;
    }
    throw Error(where,
                fmt::format("unknown profile '{}': use one of {} or a CSV path", name, known));
  }
  return load_profile_csv(*bundled, name, where);
}

}  // namespace outage
