#include "model/incidents/statuspage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/json_stream.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

using nlohmann::json;

class StatuspageSource : public IncidentSource {
 public:
  StatuspageSource(std::unique_ptr<std::istream> owned, std::istream& in, std::string source,
                   StatuspageSettings settings)
      : m_owned(std::move(owned)),
        m_stream(in, std::move(source), "incidents", kMaxJsonIncidentBytes, kMaxJsonDepth),
        m_settings(std::move(settings)) {}

  std::vector<std::string> skip_notes() const override;

  std::optional<Incident> next() override {
    while (m_stream.next(m_text)) {
      count_record();
      m_where = Location{m_stream.source(), m_stream.line(), 0};
      if (auto incident = read(parse())) return incident;
    }
    return std::nullopt;
  }

  Location where() const override { return m_where; }

 private:
  json parse() const;
  [[noreturn]] void fail(const std::string& id, const std::string& what) const;
  std::optional<double> time(const json& incident, const std::string& id, const char* key) const;
  bool touches_components(const json& incident, const std::string& id);
  std::optional<Incident> read(const json& incident);

  std::unique_ptr<std::istream> m_owned;
  JsonArrayStream m_stream;
  StatuspageSettings m_settings;
  std::string m_text;
  Location m_where;
  // With --component: whether any incident matched, and the file's component names (at most
  // kMaxNamedComponents, for the note when none matched).
  bool m_any_component_matched = false;
  std::set<std::string> m_component_names;
};

constexpr std::size_t kMaxNamedComponents = 40;

// ASCII case-insensitive equality (component names as users type them: "api" for "API").
bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::vector<std::string> StatuspageSource::skip_notes() const {
  std::vector<std::string> notes = IncidentSource::skip_notes();
  if (m_settings.components.empty() || m_any_component_matched) return notes;
  std::string wanted, names;
  for (const auto& name : m_settings.components) wanted += (wanted.empty() ? "" : ", ") + name;
  for (const auto& name : m_component_names) names += (names.empty() ? "" : ", ") + name;
  notes.push_back(fmt::format("no incident touched --component {}; the file's components: {}{}",
                              excerpt(wanted, 200), names.empty() ? "none" : excerpt(names, 400),
                              m_component_names.size() >= kMaxNamedComponents ? ", ..." : ""));
  return notes;
}

json StatuspageSource::parse() const {
  // A member given twice would silently take its last value (nlohmann keeps the last): each
  // object's keys are tracked while it is parsed, and a repeat is the record's error.
  std::vector<std::set<std::string>> keys;
  const auto no_repeats = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      keys.emplace_back();
    } else if (event == json::parse_event_t::object_end && !keys.empty()) {
      keys.pop_back();
    } else if (event == json::parse_event_t::key && !keys.empty() &&
               !keys.back().insert(parsed.get<std::string>()).second) {
      throw RecordError(m_where, fmt::format("member '{}' is given twice in one object",
                                             excerpt(parsed.get<std::string>())));
    }
    return true;
  };
  try {
    return json::parse(m_text, no_repeats);
  } catch (const json::out_of_range& error) {  // a number such as 1e400
    const std::string what = error.what();     // "[json.exception.out_of_range.406] what"
    throw Error(m_where, "invalid JSON: " + what.substr(what.find("] ") + 2));
  } catch (const json::parse_error& error) {
    // "[json.exception.parse_error.101] parse error at line 1, column 5: what": keep "what".
    std::string what = error.what();
    const std::size_t column = what.find("column ");
    const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
    if (colon != std::string::npos) what = what.substr(colon + 2);
    const long lines = static_cast<long>(std::count(
        m_text.begin(),
        m_text.begin() + static_cast<std::ptrdiff_t>(std::min(error.byte, m_text.size())), '\n'));
    throw Error(Location{m_where.source, m_where.line + lines, 0}, "invalid JSON: " + what);
  }
}

void StatuspageSource::fail(const std::string& id, const std::string& what) const {
  throw RecordError(m_where, id.empty() ? what : fmt::format("incident '{}': {}", id, what));
}

std::optional<double> StatuspageSource::time(const json& incident, const std::string& id,
                                             const char* key) const {
  const auto found = incident.find(key);
  if (found == incident.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) {
    fail(id,
         fmt::format("{}: expected a time as a string or null, got {}", key, found->type_name()));
  }
  const auto& text = found->get_ref<const std::string&>();
  if (text.empty()) return std::nullopt;
  std::string why;
  const auto seconds = parse_incident_time(text, m_settings.timezone_hours, &why);
  if (!seconds) fail(id, fmt::format("{}: cannot read '{}': expected {}", key, text, why));
  return seconds;
}

bool StatuspageSource::touches_components(const json& incident, const std::string& id) {
  const auto found = incident.find("components");
  if (found == incident.end() || found->is_null()) return false;
  if (!found->is_array())
    fail(id, fmt::format("components: expected an array, got {}", found->type_name()));
  for (const auto& component : *found) {
    if (!component.is_object()) {
      fail(id, fmt::format("components: expected objects, got {}", component.type_name()));
    }
    for (const char* key : {"name", "id"}) {
      const auto value = component.find(key);
      if (value == component.end() || !value->is_string()) continue;
      const auto& text = value->get_ref<const std::string&>();
      if (std::string(key) == "name" && m_component_names.size() < kMaxNamedComponents) {
        m_component_names.insert(text);
      }
      for (const auto& wanted : m_settings.components) {
        if (same_name(wanted, text)) {
          m_any_component_matched = true;
          return true;
        }
      }
    }
  }
  return false;
}

std::optional<Incident> StatuspageSource::read(const json& incident) {
  if (!incident.is_object()) {
    fail("", fmt::format("expected an incident object, got {}", incident.type_name()));
  }
  Incident result;
  const auto id = incident.find("id");
  if (id == incident.end() || !(id->is_string() || id->is_number_integer())) {
    fail("", "the incident has no \"id\" (a string)");
  }
  result.id = id->is_string() ? id->get<std::string>() : id->dump();
  if (!m_settings.components.empty() && !touches_components(incident, result.id)) {
    count_skip("that touched none of the --component names");
    return std::nullopt;
  }
  auto start = time(incident, result.id, "started_at");
  if (!start) start = time(incident, result.id, "created_at");
  if (!start) fail(result.id, "has neither started_at nor created_at");
  const auto end = time(incident, result.id, "resolved_at");
  if (!end) {
    count_skip("unresolved (no resolved_at)");
    return std::nullopt;
  }
  if (*end < *start) {
    fail(result.id, fmt::format("resolved_at {} is before the start {}", format_utc_instant(*end),
                                format_utc_instant(*start)));
  }
  if (*end == *start) {
    count_skip("resolved when they started (retrospective records: no duration)");
    return std::nullopt;
  }
  if ((*end - *start) / 3600.0 > kMaxDurationHours) {
    fail(result.id, fmt::format("lasted {:.0f} hours from {} to {}: a duration must be at most "
                                "{:.0f} hours",
                                (*end - *start) / 3600.0, format_utc_instant(*start),
                                format_utc_instant(*end), kMaxDurationHours));
  }
  const auto impact = incident.find("impact");
  if (impact == incident.end() || !impact->is_string()) {
    fail(result.id, fmt::format("impact: expected none, minor, major or critical, got {}",
                                impact == incident.end() ? "nothing" : impact->type_name()));
  }
  bool skip = false;
  const auto& impact_text = impact->get_ref<const std::string&>();
  if (impact_text.empty()) fail(result.id, "impact is empty");
  try {
    result.severity = read_severity_cell(impact_text, m_settings.severity_map, m_where, &skip);
  } catch (const RecordError&) {
    fail(result.id, fmt::format("impact '{}' has no severity: add it to --severity-map (e.g. "
                                "{}=0.5, or {}=skip)",
                                impact_text, impact_text, impact_text));
  }
  if (skip) {
    count_skip(fmt::format("with impact '{}' (mapped to skip)", impact_text));
    return std::nullopt;
  }
  result.start_unix_seconds = start;
  result.duration_hours = (*end - *start) / 3600.0;
  return result;
}

}  // namespace

SeverityMap default_statuspage_severity_map() {
  return {{"critical", 1.0}, {"major", 0.6}, {"minor", 0.25}, {"none", std::nullopt}};
}

std::unique_ptr<IncidentSource> make_statuspage_source(std::unique_ptr<std::istream> owned,
                                                       std::istream& in, std::string source,
                                                       StatuspageSettings settings) {
  return std::make_unique<StatuspageSource>(std::move(owned), in, std::move(source),
                                            std::move(settings));
}

}  // namespace outage
