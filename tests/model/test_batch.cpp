#include <catch2/catch.hpp>
#include <functional>

#include "model/batch/batch.hpp"
#include "model/estimate/estimate.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

using namespace outage;

namespace {

const Location kHere{"incidents.csv", 7, 0};
constexpr double kSameSolution = 1e-9;

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.describe();
  }
  return "no error";
}

Scenario load_valid(const std::string& name, const std::vector<Override>& overrides = {}) {
  Scenario scenario = load_scenario(name, overrides);
  require_valid_inputs(scenario);
  return scenario;
}

}  // namespace

TEST_CASE("incident headers need id and duration and ignore other columns", "[batch]") {
  const IncidentColumns columns =
      read_incident_header({"note", "id", "severity", "duration"}, kHere);
  CHECK(columns.id == 1);
  CHECK(columns.duration == 3);
  CHECK(columns.severity == std::optional<std::size_t>(2));
  CHECK_FALSE(columns.start);
  CHECK_THAT(error_of([] {
               read_incident_header({"id", "start"}, kHere);
             }),
             Catch::Contains("needs columns id and duration"));
  CHECK_THAT(error_of([] {
               read_incident_header({"id", "duration", "id"}, kHere);
             }),
             Catch::Contains("'id' appears twice"));
}

TEST_CASE("incident rows are read field by field with clear errors", "[batch]") {
  const IncidentColumns columns =
      read_incident_header({"id", "duration", "start", "severity"}, kHere);
  const Incident incident =
      read_incident(columns, {"x", "90m", "2024-03-05T15:00:00Z", "0.5"}, kHere);
  CHECK(incident.duration_hours == 1.5);
  CHECK(incident.severity == 0.5);
  CHECK(incident.start_unix_seconds == parse_utc_instant("2024-03-05T15:00:00Z"));
  const Incident defaults = read_incident(columns, {"y", "2", "", ""}, kHere);
  CHECK_FALSE(defaults.start_unix_seconds);
  CHECK_FALSE(defaults.severity);
  CHECK(error_of([&] {
          read_incident(columns, {"x", "2x", "", ""}, kHere);
        }) == "incidents.csv:7: duration: cannot read '2x': expected a unit d, h, m or s, not 'x'");
  CHECK_THAT(error_of([&] {
               read_incident(columns, {"x", "2h", "2024-03-05", ""}, kHere);
             }),
             Catch::StartsWith("incidents.csv:7: start: cannot read"));
  CHECK_THAT(error_of([&] {
               read_incident(columns, {"x", "2h", "", "lots"}, kHere);
             }),
             Catch::Contains("severity: cannot read 'lots'"));
  CHECK_THAT(error_of([&] {
               read_incident(columns, {"x", "2h"}, kHere);
             }),
             Catch::Contains("expected 4 fields like the header, got 2"));
}

TEST_CASE("batch losses equal separate estimates of each incident", "[batch]") {
  const Scenario scenario = load_valid("meta-2024-03-05");
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::incidents);
  IncidentEstimator estimator(prepared);
  struct Case {
    std::string duration, start, severity;
  };
  for (const Case& c : std::vector<Case>{{"2h", "2024-03-05T15:00:00Z", "0.9"},
                                         {"45m", "2024-03-10T23:30:00Z", "0.3"},
                                         {"7h", "2024-03-06T02:15:00+07:00", "1"},
                                         {"2h", "2024-03-05T15:00:00Z", "0.4"}}) {
    Incident incident;
    incident.id = "x";
    incident.duration_hours = *parse_duration_hours(c.duration);
    incident.start_unix_seconds = *parse_utc_instant(c.start);
    incident.severity = *parse_number(c.severity);
    const SegmentLosses losses = estimator.estimate(incident, kHere);
    const Estimate expected = estimate_point(prepare_or_throw(
        load_valid("meta-2024-03-05", {{"outage.duration", c.duration, "--duration"},
                                       {"outage.start", "\"" + c.start + "\"", "--start"},
                                       {"outage.severity", c.severity, "--severity"}})));
    for (std::size_t i = 0; i < expected.segments.size(); ++i) {
      const auto k = static_cast<Eigen::Index>(i);
      INFO(c.duration << " " << c.start << " segment " << expected.segments[i].id);
      CHECK(losses.gross[k] == Approx(expected.segments[i].gross_loss).epsilon(kSameSolution));
      CHECK(losses.net[k] == Approx(expected.segments[i].net_loss).epsilon(kSameSolution));
      CHECK(losses.direct[k] == Approx(expected.segments[i].direct_loss).epsilon(kSameSolution));
      CHECK(losses.peak[k] ==
            Approx(expected.segments[i].peak_inoperability).epsilon(kSameSolution));
    }
  }
  // The preset is priced from precomputations (model/iim/phased_pricer.hpp): nothing is solved or
  // cached.
  CHECK(estimator.cache_size() == 0);
}

TEST_CASE("batch keeps later phases and scales only the first", "[batch]") {
  // One shop, a first phase of the given duration and severity, then 30 % from 70 minutes.
  const auto phased = [](const std::string& duration, const std::string& severity) {
    Scenario scenario = parse_scenario(
        "[outage]\nduration = \"" + duration + "\"\nseverity = " + severity +
            "\n[[outage.phase]]\nafter = \"70m\"\nseverity = 0.3\n[[segment]]\nid = \"shop\"\n"
            "revenue = 600\ndependency = 0.5\nrecovery = \"1h\"\n",
        "phased.toml");
    require_valid_inputs(scenario);
    return scenario;
  };
  const Scenario scenario = phased("2h", "1.0");
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::incidents);
  IncidentEstimator estimator(prepared);
  Incident incident;
  incident.id = "p";
  incident.duration_hours = 3.0;
  incident.severity = 0.6;
  const SegmentLosses& losses = estimator.estimate(incident, kHere);
  const Scenario overridden = phased("3h", "0.6");
  const Estimate expected = estimate_point(prepare_or_throw(overridden));
  CHECK(losses.gross[0] == Approx(expected.segments[0].gross_loss).epsilon(kSameSolution));
  CHECK(losses.peak[0] == Approx(0.3));  // max(0.6, 0.3) * 0.5
  incident.duration_hours = 1.0;         // ends before the 70-minute phase
  CHECK_THAT(error_of([&] { estimator.estimate(incident, kHere); }),
             Catch::Contains("ends before the scenario's phase 1 starts"));
  incident.duration_hours = 3.0;
  incident.severity = 1.5;
  CHECK_THAT(error_of([&] { estimator.estimate(incident, kHere); }),
             Catch::Contains("severity must be in (0, 1], got 1.5"));
}
