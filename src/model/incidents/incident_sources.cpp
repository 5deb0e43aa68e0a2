#include "model/incidents/incident_sources.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Reads one part of a key=value list: a bare word up to `stop`, or a quoted string ("" for ").
std::string take_part(std::string_view& rest, char stop, const std::string& option) {
  std::string part;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == '"') {
    rest.remove_prefix(1);
    for (;;) {
      if (rest.empty()) {
        throw Error(Location{option, 0, 0}, "unterminated quote: a closing '\"' is missing");
      }
      const char c = rest.front();
      rest.remove_prefix(1);
      if (c == '"') {
        if (rest.empty() || rest.front() != '"') break;
        rest.remove_prefix(1);
      }
      part.push_back(c);
    }
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    return part;
  }
  while (!rest.empty() && rest.front() != stop && rest.front() != ',') {
    part.push_back(rest.front());
    rest.remove_prefix(1);
  }
  return std::string(trim(part));
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> IncidentSource::skip_notes() const {
  std::vector<std::string> notes;
  for (const auto& [reason, count] : m_skips) {
    notes.push_back(fmt::format("left out {} incident{} {}", count, count == 1 ? "" : "s", reason));
  }
  return notes;
}

std::vector<std::pair<std::string, std::string>> parse_key_values(std::string_view text,
                                                                  const std::string& option) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string_view rest = text;
  while (!trim(rest).empty()) {
    std::string key = take_part(rest, '=', option);
    if (rest.empty() || rest.front() != '=' || key.empty()) {
      throw Error(Location{option, 0, 0},
                  fmt::format("expected KEY=VALUE pairs separated by commas, got '{}'", text));
    }
    rest.remove_prefix(1);
    std::string value = take_part(rest, ',', option);
    if (!rest.empty() && rest.front() != ',') {
      throw Error(Location{option, 0, 0},
                  fmt::format("text after a closing quote in '{}': quote the whole name", text));
    }
    if (!rest.empty()) rest.remove_prefix(1);
    pairs.emplace_back(std::move(key), std::move(value));
  }
  return pairs;
}

SeverityMap parse_severity_map(std::string_view text, const std::string& option) {
  SeverityMap map;
  for (auto& [key, value] : parse_key_values(text, option)) {
    std::string folded;
    for (char c : key) folded.push_back(lower(c));
    // Keys match without regard to case: "High" and "high" are one key, given once.
    if (map.count(folded) != 0) {
      throw Error(Location{option, 0, 0},
                  fmt::format("'{}' is given twice (keys match without regard to case): give "
                              "each severity once",
                              key));
    }
    if (same_ignoring_case(value, "skip")) {
      map[folded] = std::nullopt;
      continue;
    }
    const auto number = parse_number(value);
    if (!number || !(*number > 0 && *number <= 1)) {
      throw Error(Location{option, 0, 0},
                  fmt::format("{}: expected a severity in (0, 1] or skip, got '{}'", key, value));
    }
    map[folded] = *number;
  }
  return map;
}

double parse_timezone_option(std::string_view text, const std::string& option) {
  const std::string_view value = trim(text);
  if (same_ignoring_case(value, "UTC") || value == "Z" || value == "z") return 0.0;
  const auto hours = parse_utc_offset_hours(value);
  if (!hours) {
    throw Error(Location{option, 0, 0},
                fmt::format("expected UTC or a fixed offset such as +02:00 or -05:30 (named "
                            "zones with daylight saving are not supported), got '{}'",
                            text));
  }
  return *hours;
}

std::optional<double> parse_incident_time(std::string_view text,
                                          std::optional<double> timezone_hours, std::string* why) {
  std::string instant_why;
  if (const auto instant = parse_utc_instant(text, &instant_why)) return instant;  // most times
  std::string value(trim(text));
  // Unix seconds: digits with an optional fraction.
  const std::size_t dot = value.find('.');
  if (all_digits(value.substr(0, dot)) &&
      (dot == std::string::npos || all_digits(value.substr(dot + 1)))) {
    const auto seconds = parse_number(value);
    if (seconds && *seconds < 1e11) return seconds;
  }
  // "2024-03-05 15:00:00 UTC" and "2024-03-05 15:00:00 +02:00": the offset written apart.
  if (value.size() > 4 &&
      same_ignoring_case(std::string_view(value).substr(value.size() - 3), "UTC")) {
    value = std::string(trim(std::string_view(value).substr(0, value.size() - 3))) + "Z";
  }
  const std::size_t space = value.rfind(' ');
  if (space != std::string::npos && space > 10 && space + 1 < value.size() &&
      (value[space + 1] == '+' || value[space + 1] == '-')) {
    value.erase(space, 1);
  }
  if (const auto instant = parse_utc_instant(value)) return instant;
  // Without an offset: a local time, read only when --timezone says which.
  if (const auto local = parse_utc_instant(value + "Z")) {
    if (timezone_hours) return *local - *timezone_hours * 3600.0;
    if (why) {
      *why =
          "a UTC offset (Z or +HH:MM) or --timezone UTC|+HH:MM for local times, which "
          "are never guessed";
    }
    return std::nullopt;
  }
  if (why) *why = instant_why + ", or Unix seconds";
  return std::nullopt;
}

std::optional<double> read_severity_cell(std::string_view text, const SeverityMap& map,
                                         const Location& where, bool* skip) {
  *skip = false;
  const std::string_view cell = trim(text);
  if (cell.empty()) return std::nullopt;
  std::string folded;
  for (char c : cell) folded.push_back(lower(c));
  if (const auto found = map.find(folded); found != map.end()) {
    if (!found->second) *skip = true;
    return found->second;
  }
  if (const auto number = parse_number(cell)) return number;
  if (map.empty()) {
    throw RecordError(where, fmt::format("severity: cannot read '{}': expected a number in (0, 1] "
                                         "(or map text with --severity-map)",
                                         excerpt(cell)));
  }
  std::string keys;
  for (const auto& entry : map) keys += (keys.empty() ? "" : ", ") + entry.first;
  throw RecordError(where, fmt::format("severity: '{}' is neither a number nor in the severity "
                                       "map ({}): add it to --severity-map",
                                       cell, keys));
}

}  // namespace outage
