#include "model/incidents/mapped_csv.hpp"

#include <fmt/format.h>

#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr const char* kFieldNames[kIncidentFields] = {"id", "start", "end", "duration", "severity"};

std::size_t index(IncidentField field) {
  return static_cast<std::size_t>(field);
}

std::string joined(const std::vector<std::string>& names, const char* separator) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : separator) + name;
  return text;
}

class MappedCsvSource : public IncidentSource {
 public:
  MappedCsvSource(std::unique_ptr<std::istream> owned, std::istream& in, std::string source,
                  MappedCsvSettings settings)
      : m_owned(std::move(owned)),
        m_reader(in, std::move(source)),
        m_settings(std::move(settings)) {
    read_header();
  }

  std::optional<Incident> next() override {
    for (;;) {
      if (!m_reader.next(m_fields)) return std::nullopt;
      count_record();
      m_where = Location{m_reader.source(), m_reader.line(), 0};
      if (auto incident = read_row()) return incident;
    }
  }

  Location where() const override { return m_where; }

  bool has_start() const override { return !m_columns[index(IncidentField::start)].empty(); }

  std::string_view duration_text() const override {
    if (!m_settings.mapping.columns[index(IncidentField::end)].empty()) return {};
    return cell(IncidentField::duration);
  }

 private:
  void read_header();
  void missing_columns(const std::vector<std::string>& header) const;
  std::string_view cell(IncidentField field) const;
  std::optional<double> read_time(IncidentField field) const;
  std::optional<Incident> read_row();
  bool read_timing(Incident& incident);

  std::unique_ptr<std::istream> m_owned;
  CsvReader m_reader;
  MappedCsvSettings m_settings;
  std::array<std::vector<std::size_t>, kIncidentFields> m_columns;  // present, by preference
  std::size_t m_count = 0;
  std::vector<std::string> m_fields;
  Location m_where;
};

void MappedCsvSource::read_header() {
  std::vector<std::string> header;
  const bool own = m_settings.mapping.name.empty();
  if (!m_reader.next(header)) {
    throw Error(Location{m_reader.source(), 1, 0},
                own ? "empty incident log: expected a header with id,duration (and optionally "
                      "start,severity)"
                    : "empty incident log: expected a header line");
  }
  m_count = header.size();
  const Location where{m_reader.source(), m_reader.line(), 0};
  for (std::size_t f = 0; f < kIncidentFields; ++f) {
    if (f == index(IncidentField::severity) && m_settings.mapping.severity_needs_map &&
        m_settings.severity_map.empty()) {
      continue;
    }
    for (const auto& name : m_settings.mapping.columns[f]) {
      std::optional<std::size_t> found;
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (trim(header[i]) != name) continue;
        if (found) throw Error(where, fmt::format("column '{}' appears twice in the header", name));
        found = i;
      }
      if (found) m_columns[f].push_back(*found);
    }
  }
  const auto& columns = m_settings.mapping.columns;
  if (!m_settings.severity_map.empty() && m_columns[index(IncidentField::severity)].empty()) {
    // The map could price nothing: every incident would take the scenario's severity.
    const auto& names = columns[index(IncidentField::severity)];
    throw Error(Location{"--severity-map", 0, 0},
                fmt::format("the log has no severity column ({}; its header is '{}'): name it "
                            "with --columns severity=COLUMN",
                            names.empty() ? std::string("--columns names none")
                                          : "looked for '" + joined(names, "' or '") + "'",
                            excerpt(joined(header, ","))));
  }
  const bool by_end = !columns[index(IncidentField::end)].empty();
  if (m_columns[index(IncidentField::id)].empty() ||
      (by_end ? m_columns[index(IncidentField::end)].empty() ||
                    m_columns[index(IncidentField::start)].empty()
              : m_columns[index(IncidentField::duration)].empty())) {
    missing_columns(header);
  }
}

void MappedCsvSource::missing_columns(const std::vector<std::string>& header) const {
  const Location where{m_reader.source(), m_reader.line(), 0};
  const std::string got = joined(header, ",");
  if (m_settings.mapping.name.empty()) {
    throw Error(where, fmt::format("the header needs columns id and duration (optional: start, "
                                   "severity), got '{}'",
                                   excerpt(got)));
  }
  const auto& columns = m_settings.mapping.columns;
  const bool by_end = !columns[index(IncidentField::end)].empty();
  for (IncidentField field :
       {IncidentField::id, IncidentField::start, IncidentField::end, IncidentField::duration}) {
    const bool needed = field == IncidentField::id || (by_end ? field != IncidentField::duration
                                                              : field == IncidentField::duration);
    if (!needed || !m_columns[index(field)].empty()) continue;
    throw Error(where, fmt::format("the header has no column for {} ({} reads it from '{}'), "
                                   "got '{}'; name it with --columns {}=COLUMN",
                                   kFieldNames[index(field)], m_settings.mapping.name,
                                   joined(columns[index(field)], "' or '"), excerpt(got),
                                   kFieldNames[index(field)]));
  }
}

std::string_view MappedCsvSource::cell(IncidentField field) const {
  for (std::size_t column : m_columns[index(field)]) {
    const std::string_view text = trim(m_fields[column]);
    if (!text.empty()) return text;
  }
  return {};
}

std::optional<double> MappedCsvSource::read_time(IncidentField field) const {
  const std::string_view text = cell(field);
  if (text.empty()) return std::nullopt;
  std::string why;
  const auto time = parse_incident_time(text, m_settings.timezone_hours, &why);
  if (!time) {
    throw RecordError(m_where, fmt::format("{}: cannot read '{}': expected {}",
                                           kFieldNames[index(field)], excerpt(text), why));
  }
  return time;
}

// The incident's start and duration, from start and end columns or a duration column; false
// when the row is left out (and counted).
bool MappedCsvSource::read_timing(Incident& incident) {
  if (!m_columns[index(IncidentField::end)].empty()) {
    incident.start_unix_seconds = read_time(IncidentField::start);
    const auto end = read_time(IncidentField::end);
    if (!end) {
      count_skip("without an end time (unresolved, or no impact recorded)");
      return false;
    }
    if (!incident.start_unix_seconds) {
      throw RecordError(m_where, "start is empty but end is given: the duration is unknown");
    }
    if (*end < *incident.start_unix_seconds) {
      throw RecordError(m_where, fmt::format("end {} is before start {}", format_utc_instant(*end),
                                             format_utc_instant(*incident.start_unix_seconds)));
    }
    if (*end == *incident.start_unix_seconds) {
      count_skip("that ended when they started (retrospective records: no duration)");
      return false;
    }
    incident.duration_hours = (*end - *incident.start_unix_seconds) / 3600.0;
    if (*incident.duration_hours > kMaxDurationHours) {
      throw RecordError(m_where, fmt::format("end - start is {:.0f} hours: a duration must be at "
                                             "most {:.0f} hours",
                                             *incident.duration_hours, kMaxDurationHours));
    }
  } else {
    const std::string_view duration = cell(IncidentField::duration);
    std::string why;
    incident.duration_hours = parse_duration_hours(duration, &why);
    if (!incident.duration_hours) {
      throw RecordError(m_where,
                        fmt::format("duration: cannot read '{}': expected {}", excerpt(duration),
                                    why.empty() ? "a duration such as 2h or 90m" : why));
    }
    incident.start_unix_seconds = read_time(IncidentField::start);
  }
  return true;
}

std::optional<Incident> MappedCsvSource::read_row() {
  if (m_fields.size() != m_count) {
    throw RecordError(m_where, fmt::format("expected {} fields like the header, got {}", m_count,
                                           m_fields.size()));
  }
  Incident incident;
  const auto& id_columns = m_columns[index(IncidentField::id)];
  incident.id = m_fields[id_columns.front()];
  for (std::size_t column : id_columns) {
    if (!trim(m_fields[column]).empty()) {
      incident.id = m_fields[column];
      break;
    }
  }
  if (!read_timing(incident)) return std::nullopt;
  bool skip = false;
  const std::string_view severity = cell(IncidentField::severity);
  if (severity.empty() && !m_settings.severity_map.empty()) {
    // A map says how to price the log's severities: a blank one has no price, so the incident
    // is not given the scenario's severity silently.
    count_skip("with an empty severity cell (--severity-map prices the texts it names)");
    return std::nullopt;
  }
  incident.severity = read_severity_cell(severity, m_settings.severity_map, m_where, &skip);
  if (skip) {
    count_skip("whose severity --severity-map says to skip");
    return std::nullopt;
  }
  return incident;
}

}  // namespace

std::optional<ColumnMapping> named_column_mapping(const std::string& from) {
  ColumnMapping mapping;
  auto& c = mapping.columns;
  const auto set = [&](IncidentField field, std::vector<std::string> names) {
    c[index(field)] = std::move(names);
  };
  if (from == "csv") {
    set(IncidentField::id, {"id"});
    set(IncidentField::duration, {"duration"});
    set(IncidentField::start, {"start"});
    set(IncidentField::severity, {"severity"});
    return mapping;
  }
  mapping.name = "--from " + from;
  mapping.severity_needs_map = true;
  if (from == "pagerduty") {
    set(IncidentField::id, {"id", "incident_number"});
    set(IncidentField::start, {"created_at", "created_on"});
    set(IncidentField::end, {"resolved_at", "resolved_on"});
    set(IncidentField::severity, {"urgency"});
  } else if (from == "opsgenie") {
    set(IncidentField::id, {"tinyId", "id"});
    set(IncidentField::start, {"impactStartDate", "createdAt"});
    set(IncidentField::end, {"impactEndDate"});
    set(IncidentField::severity, {"priority"});
  } else if (from == "datadog") {
    set(IncidentField::id, {"public_id", "id"});
    set(IncidentField::start, {"customer_impact_start"});
    set(IncidentField::end, {"customer_impact_end"});
    set(IncidentField::severity, {"severity"});
  } else {
    return std::nullopt;
  }
  return mapping;
}

void apply_columns_option(ColumnMapping& mapping, std::string_view text) {
  const std::string option = "--columns";
  bool given[kIncidentFields] = {};
  for (auto& [key, column] : parse_key_values(text, option)) {
    std::size_t field = kIncidentFields;
    for (std::size_t f = 0; f < kIncidentFields; ++f) {
      if (key == kFieldNames[f]) field = f;
    }
    if (field == kIncidentFields) {
      throw Error(
          Location{option, 0, 0},
          fmt::format("unknown field '{}': expected id, start, end, duration or severity", key));
    }
    if (given[field]) {
      throw Error(Location{option, 0, 0}, fmt::format("field '{}' is given twice", key));
    }
    if (column.empty()) {
      throw Error(Location{option, 0, 0}, fmt::format("{}: the column name is empty", key));
    }
    given[field] = true;
    mapping.columns[field] = {column};
    if (field == index(IncidentField::severity)) mapping.severity_needs_map = false;
  }
  const bool end = given[index(IncidentField::end)];
  const bool duration = given[index(IncidentField::duration)];
  if (end && duration) {
    throw Error(Location{option, 0, 0}, "give end or duration, not both");
  }
  if (end) mapping.columns[index(IncidentField::duration)].clear();
  if (duration) mapping.columns[index(IncidentField::end)].clear();
  if (mapping.name.empty()) mapping.name = "--columns";
}

std::unique_ptr<IncidentSource> make_mapped_csv_source(std::unique_ptr<std::istream> owned,
                                                       std::istream& in, std::string source,
                                                       MappedCsvSettings settings) {
  return std::make_unique<MappedCsvSource>(std::move(owned), in, std::move(source),
                                           std::move(settings));
}

}  // namespace outage
