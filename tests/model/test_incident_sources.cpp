#include <catch2/catch.hpp>
#include <functional>
#include <sstream>

#include "model/incidents/mapped_csv.hpp"
#include "model/incidents/open_incident.hpp"
#include "model/incidents/statuspage.hpp"
#include "util/json_stream.hpp"
#include "util/time.hpp"

using namespace outage;

namespace {

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

// Every incident of `text` read as `options` say, or the first error ("error: ...").
struct Read {
  std::vector<Incident> incidents;
  std::vector<std::string> errors;  // record errors, stepped over
  std::vector<std::string> notes;
};

Read read_all(const std::string& text, IncidentSourceOptions options) {
  std::istringstream in(text);
  options.path = "-";
  auto source = open_incident_source(options, in);
  Read read;
  for (;;) {
    try {
      auto incident = source->next();
      if (!incident) break;
      read.incidents.push_back(*incident);
    } catch (const RecordError& error) {
      read.errors.push_back(error.describe());
    }
  }
  read.notes = source->skip_notes();
  return read;
}

IncidentSourceOptions from(const std::string& kind) {
  IncidentSourceOptions options;
  options.from = kind;
  return options;
}

double at(const char* iso) {
  return *parse_utc_instant(iso);
}

}  // namespace

TEST_CASE("incident times: offsets, Unix seconds, local times only with a time zone",
          "[incidents]") {
  std::string why;
  CHECK(parse_incident_time("2024-03-05T17:00:00+02:00", std::nullopt, &why) ==
        at("2024-03-05T15:00:00Z"));
  CHECK(parse_incident_time("2024-03-05 15:00:00 UTC", std::nullopt, &why) ==
        at("2024-03-05T15:00:00Z"));
  CHECK(parse_incident_time("2024-03-05 17:00:00 +0200", std::nullopt, &why) ==
        at("2024-03-05T15:00:00Z"));
  CHECK(parse_incident_time("1709650800", std::nullopt, &why) == at("2024-03-05T15:00:00Z"));
  CHECK(parse_incident_time("1709650800.5", std::nullopt, &why) == 1709650800.5);
  CHECK(parse_incident_time("2024-03-05 20:30", 5.5, &why) == at("2024-03-05T15:00:00Z"));
  CHECK(parse_incident_time("2024-03-05 10:00", -5.0, &why) == at("2024-03-05T15:00:00Z"));
  // No offset and no --timezone: an error that says so, never a guess.
  CHECK_FALSE(parse_incident_time("2024-03-05 15:00", std::nullopt, &why));
  CHECK_THAT(why, Catch::Contains("--timezone"));
  CHECK_FALSE(parse_incident_time("2024-02-30T10:00:00Z", std::nullopt, &why));
  CHECK_THAT(why, Catch::Contains("valid calendar date"));
  CHECK_FALSE(parse_incident_time("yesterday", 0.0, &why));
  CHECK_FALSE(parse_incident_time("-5", std::nullopt, &why));
}

TEST_CASE("option parsers: time zones, severity maps, quoted column names", "[incidents]") {
  CHECK(parse_timezone_option("UTC", "--timezone") == 0.0);
  CHECK(parse_timezone_option("+05:30", "--timezone") == 5.5);
  CHECK(parse_timezone_option("-0800", "--timezone") == -8.0);
  CHECK_THAT(error_of([] { parse_timezone_option("Europe/Berlin", "--timezone"); }),
             Catch::StartsWith("--timezone: expected UTC or a fixed offset"));
  const SeverityMap map = parse_severity_map("High=1, low = 0.3,none=skip", "--severity-map");
  CHECK(map.at("high") == 1.0);
  CHECK(map.at("low") == 0.3);
  CHECK_FALSE(map.at("none"));
  CHECK_THAT(error_of([] { parse_severity_map("high=2", "--severity-map"); }),
             Catch::Contains("high: expected a severity in (0, 1] or skip, got '2'"));
  CHECK_THAT(error_of([] { parse_severity_map("high", "--severity-map"); }),
             Catch::Contains("expected KEY=VALUE"));
  const auto pairs = parse_key_values(R"(id="Incident, ""ID""",start=Began at)", "--columns");
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].second == "Incident, \"ID\"");
  CHECK(pairs[1].second == "Began at");
  ColumnMapping mapping = *named_column_mapping("csv");
  CHECK_THAT(error_of([&] { apply_columns_option(mapping, "end=a,duration=b"); }),
             Catch::Contains("give end or duration, not both"));
  CHECK_THAT(error_of([&] { apply_columns_option(mapping, "stop=a"); }),
             Catch::Contains("unknown field 'stop'"));
}

TEST_CASE("severity cells: the map first (any case), then numbers, else a clear error",
          "[incidents]") {
  const SeverityMap map = parse_severity_map("SEV-1=1,SEV-5=skip", "--severity-map");
  const Location here{"x.csv", 3, 0};
  bool skip = false;
  CHECK(read_severity_cell("sev-1", map, here, &skip) == 1.0);
  CHECK(read_severity_cell("0.4", map, here, &skip) == 0.4);
  CHECK_FALSE(read_severity_cell("", map, here, &skip));
  CHECK_FALSE(read_severity_cell("SEV-5", map, here, &skip));
  CHECK(skip);
  CHECK_THAT(error_of([&] { read_severity_cell("SEV-2", map, here, &skip); }),
             Catch::StartsWith("x.csv:3: severity: 'SEV-2' is neither a number nor in"));
}

TEST_CASE("mapped CSVs: end - start is the duration; unresolved rows are counted, not read",
          "[incidents]") {
  IncidentSourceOptions options = from("pagerduty");
  options.severity_map = "high=1,low=0.3";
  const Read read = read_all(
      "\xEF\xBB\xBFid,title,urgency,created_at,resolved_at\r\n"
      "P1,\"a, b\",high,2024-03-05T17:00:00+02:00,2024-03-05T17:30:00Z\r\n"
      "P2,c,low,2024-03-06T10:00:00Z,\r\n"
      "P3,d,low,2024-03-07T10:00:00Z,2024-03-07T09:00:00Z\r\n",
      options);
  REQUIRE(read.incidents.size() == 1);
  CHECK(read.incidents[0].id == "P1");
  CHECK(read.incidents[0].duration_hours == 2.5);
  CHECK(read.incidents[0].start_unix_seconds == at("2024-03-05T15:00:00Z"));
  CHECK(read.incidents[0].severity == 1.0);
  REQUIRE(read.errors.size() == 1);
  CHECK(read.errors[0] ==
        "<stdin>:4: end 2024-03-07T09:00:00Z is before start 2024-03-07T10:00:00Z");
  REQUIRE(read.notes.size() == 1);
  CHECK_THAT(read.notes[0], Catch::StartsWith("left out 1 incident without an end time"));
}

TEST_CASE("named mappings read severity only with a map; --columns overrides them", "[incidents]") {
  const std::string csv =
      "public_id,severity,customer_impact_start,customer_impact_end\n"
      "7,SEV-1,2024-03-05T15:00:00Z,2024-03-05T16:00:00Z\n";
  CHECK_FALSE(read_all(csv, from("datadog")).incidents.at(0).severity);
  IncidentSourceOptions options = from("datadog");
  options.severity_map = "SEV-1=0.9";
  CHECK(read_all(csv, options).incidents.at(0).severity == 0.9);
  options.columns = "id=severity";
  CHECK(read_all(csv, options).incidents.at(0).id == "SEV-1");
  CHECK_THAT(error_of([&] { read_all("key,start\n", from("opsgenie")); }),
             Catch::Contains("the header has no column for id (--from opsgenie reads it from "
                             "'tinyId' or 'id')"));
}

TEST_CASE("our own CSV keeps its columns, messages and the local-time rule", "[incidents]") {
  const Read read = read_all("id,duration,start\na,90m,1709650800\n", from("csv"));
  CHECK(read.incidents.at(0).duration_hours == 1.5);
  CHECK(read.incidents.at(0).start_unix_seconds == at("2024-03-05T15:00:00Z"));
  const Read local = read_all("id,duration,start\na,1h,2024-03-05 15:00\n", from("csv"));
  REQUIRE(local.errors.size() == 1);
  CHECK_THAT(local.errors[0], Catch::StartsWith("<stdin>:2: start: cannot read '2024-03-05 "
                                                "15:00': expected a UTC offset"));
  CHECK_THAT(error_of([] { read_all("id,start\n", from("csv")); }),
             Catch::Contains("the header needs columns id and duration"));
}

TEST_CASE("Statuspage: start falls back to created_at; unresolved and none are left out",
          "[incidents]") {
  const std::string json = R"({"page": {"id": "x", "name": "n, \"q\" ]}"},
    "incidents": [
      {"id": "a", "created_at": "2024-03-05T16:00:00+01:00", "started_at": null,
       "resolved_at": "2024-03-05T16:00:00Z", "impact": "major", "components": []},
      {"id": "b", "started_at": "2024-03-06T10:00:00Z", "resolved_at": null, "impact": "minor"},
      {"id": "c", "started_at": "2024-03-07T10:00:00Z", "resolved_at": "2024-03-07T11:00:00Z",
       "impact": "none"},
      {"id": "d", "created_at": "2024-03-08T10:00:00Z", "resolved_at": "2024-03-08T10:30:00Z",
       "impact": "critical", "components": [{"id": "c1", "name": "API"}]}
    ]})";
  const Read read = read_all(json, from("statuspage"));
  REQUIRE(read.incidents.size() == 2);
  CHECK(read.incidents[0].start_unix_seconds == at("2024-03-05T15:00:00Z"));
  CHECK(read.incidents[0].duration_hours == 1.0);
  CHECK(read.incidents[0].severity == 0.6);
  CHECK(read.incidents[1].severity == 1.0);
  CHECK(read.notes.size() == 2);
  IncidentSourceOptions options = from("statuspage");
  options.components = {"API"};
  options.severity_map = "critical=0.9";
  const Read api = read_all(json, options);
  REQUIRE(api.incidents.size() == 1);
  CHECK(api.incidents[0].id == "d");
  CHECK(api.incidents[0].severity == 0.9);
  // A comma list, without regard to case; a name nothing matches names the file's components.
  options.components = {"web, api"};
  CHECK(read_all(json, options).incidents.size() == 1);
  options.components = {"Checkout"};
  const Read none = read_all(json, options);
  CHECK(none.incidents.empty());
  REQUIRE_FALSE(none.notes.empty());
  CHECK(none.notes.back() ==
        "no incident touched --component Checkout; the file's components: API");
  options.components = {"api,,web"};
  CHECK_THAT(error_of([&] { read_all(json, options); }),
             Catch::Contains("--component: an empty component name in 'api,,web'"));
  // A bare array works too.
  CHECK(read_all(R"([{"id": "e", "created_at": "2024-03-05T15:00:00Z",
                      "resolved_at": "2024-03-05T15:06:00Z", "impact": "minor"}])",
                 from("statuspage"))
            .incidents.at(0)
            .duration_hours == Approx(0.1).epsilon(1e-15));
}

TEST_CASE("Statuspage: wrong types are record errors, broken JSON stops with its line",
          "[incidents]") {
  const Read read = read_all(R"([
    {"id": "a", "created_at": 5, "resolved_at": "2024-03-05T16:00:00Z", "impact": "major"},
    17,
    {"id": "c", "created_at": "2024-03-05T15:00:00Z", "resolved_at": "2024-03-05T16:00:00Z",
     "impact": "maintenance"}
  ])",
                             from("statuspage"));
  REQUIRE(read.errors.size() == 3);
  CHECK(read.errors[0] ==
        "<stdin>:2: incident 'a': created_at: expected a time as a string or null, got number");
  CHECK(read.errors[1] == "<stdin>:3: expected an incident object, got number");
  CHECK_THAT(read.errors[2], Catch::Contains("impact 'maintenance' has no severity"));
  // A member given twice (critical, then minor) is the record's error, not its last value.
  const Read repeated = read_all(R"([
    {"id": "r", "created_at": "2024-03-05T15:00:00Z", "resolved_at": "2024-03-05T16:00:00Z",
     "impact": "critical", "impact": "minor"},
    {"id": "s", "created_at": "2024-03-05T15:00:00Z", "resolved_at": "2024-03-05T16:00:00Z",
     "impact": "minor", "components": [{"id": "c1", "name": "API"}, {"id": "c2", "name": "Web"}]}
  ])",
                                 from("statuspage"));
  REQUIRE(repeated.errors.size() == 1);
  CHECK(repeated.errors[0] == "<stdin>:2: member 'impact' is given twice in one object");
  REQUIRE(repeated.incidents.size() == 1);  // the same key in two objects is no repeat
  CHECK(repeated.incidents[0].id == "s");
  const auto broken = [](const std::string& text) {
    return error_of([&] { read_all(text, from("statuspage")); });
  };
  CHECK(broken("{\"incidents\": [\n{\"id\": \"a\"") ==
        "<stdin>:2: truncated JSON: an array element starting here is not closed");
  CHECK(broken("[{}\n") == "<stdin>:2: truncated JSON: the array is not closed");
  CHECK(broken("{\"page\": {}}") == "<stdin>:1: the JSON object has no \"incidents\" array");
  CHECK(broken("[] x") == "<stdin>:1: text after the end of the JSON document");
  CHECK(broken("[{\"id\": }]") ==
        "<stdin>:1: invalid JSON: syntax error while parsing value - "
        "unexpected '}'; expected '[', '{', or a literal");
  CHECK(broken("[\n{\"id\": \"a\", \"n\": 1e400}]") ==
        "<stdin>:2: invalid JSON: number overflow parsing '1e400'");
  CHECK(broken("{\"page\": 1, ") ==
        "<stdin>:1: truncated JSON: the top-level object is not closed");
  CHECK_THAT(broken(std::string(100, '[') + std::string(100, ']')),
             Catch::Contains("nested deeper than 64 levels"));
  CHECK_THAT(broken("[{\"id\": \"a\"},]"), Catch::Contains("expected an array element, got ']'"));
}

TEST_CASE("JSON array streams hold one element at a time", "[incidents]") {
  std::string text = "{\"incidents\": [";
  for (int i = 0; i < 1000; ++i) text += (i ? "," : "") + std::string("{\"n\": [1, \"]\"]}");
  text += "], \"after\": 1}";
  std::istringstream in(text);
  JsonArrayStream stream(in, "x.json", "incidents", 1 << 10, 8);
  std::string element;
  int count = 0;
  while (stream.next(element)) {
    CHECK(element == "{\"n\": [1, \"]\"]}");
    ++count;
  }
  CHECK(count == 1000);
  std::istringstream big("[[" + std::string(2000, '1') + "]]");
  JsonArrayStream limited(big, "x.json", "incidents", 1 << 10, 8);
  CHECK_THAT(error_of([&] { limited.next(element); }), Catch::Contains("larger than"));
}
