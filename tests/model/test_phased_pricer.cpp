// batch's precomputed pricing (model/iim/phased_pricer.hpp) against the per-row solve.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "model/batch/batch.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/phased_pricer.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/time.hpp"

using namespace outage;

namespace {

constexpr double kExact = 1e-9;
const Location kHere{"incidents.csv", 2, 0};

Scenario load_valid(const std::string& text_or_name, bool is_text = false) {
  Scenario scenario =
      is_text ? parse_scenario(text_or_name, "test.toml") : load_scenario(text_or_name, {});
  require_valid_inputs(scenario);
  return scenario;
}

void check_same(const SegmentLosses& actual, const SegmentLosses& expected) {
  const double scale = expected.gross.cwiseAbs().sum();
  for (Eigen::Index i = 0; i < expected.gross.size(); ++i) {
    INFO("segment " << i);
    CHECK(actual.gross[i] == Approx(expected.gross[i]).epsilon(kExact).margin(1e-12 * scale));
    CHECK(actual.net[i] == Approx(expected.net[i]).epsilon(kExact).margin(1e-12 * scale));
    CHECK(actual.direct[i] == Approx(expected.direct[i]).epsilon(kExact).margin(1e-12 * scale));
    // gross - direct: the absolute error of gross (solve_losses stops its recovery 1e-9 short).
    CHECK(actual.indirect[i] ==
          Approx(expected.indirect[i]).epsilon(kExact).margin(kExact * expected.gross[i]));
    CHECK(actual.peak[i] == Approx(expected.peak[i]).epsilon(kExact));
  }
}

// Random incidents (durations to the second, starts at any second of a year, severities) priced
// by the batch estimator and solved one by one.
void check_random_rows(const Scenario& scenario, int rows, std::uint64_t seed) {
  const ModelInputs central = central_inputs(scenario);
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::incidents);
  IncidentEstimator estimator(prepared);
  std::mt19937_64 engine(seed);
  std::uniform_int_distribution<int> seconds(1, 12 * 3600);
  std::uniform_int_distribution<long long> start(1704067200LL, 1704067200LL + 366LL * 86400);
  std::uniform_int_distribution<int> severity(1, 1000);
  const double earliest = central.phases.back().first;
  for (int row = 0; row < rows; ++row) {
    Incident incident;
    // Not = "r": GCC 12 reports a -Wrestrict false positive there in the sanitizer build.
    incident.id.assign(1, 'r');
    incident.duration_hours = earliest + seconds(engine) / 3600.0;
    incident.start_unix_seconds = static_cast<double>(start(engine));
    incident.severity = severity(engine) / 1000.0;
    const SegmentLosses& losses = estimator.estimate(incident, kHere);
    ModelInputs inputs = central;
    inputs.duration_hours = *incident.duration_hours;
    inputs.start_hour_of_week = hour_of_week(*incident.start_unix_seconds);
    inputs.phases[0].second = *incident.severity;
    INFO("row " << row << " duration " << *incident.duration_hours << " start "
                << *inputs.start_hour_of_week);
    check_same(losses, solve_losses(inputs));
  }
}

}  // namespace

TEST_CASE("batch prices random second-resolution rows of the default preset as solve_losses",
          "[batch]") {
  const Scenario scenario = load_valid("meta-2024-03-05");
  REQUIRE(PhasedPricer(central_inputs(scenario), 1).usable());
  check_random_rows(scenario, 300, 16);
}

TEST_CASE("a prefetch is only a hint: the same losses after it, and no incident breaks it",
          "[batch]") {
  const Scenario scenario = load_valid("meta-2024-03-05");
  const PreparedScenario prepared = prepare_or_throw(scenario, Purpose::incidents);
  IncidentEstimator plain(prepared);
  IncidentEstimator hinted(prepared);
  // Rows that estimate() refuses reach the hint too (batch hints at the next row unread).
  for (const double duration : {-1.0, 0.0, 1e300, -1e300, double{NAN}, double{INFINITY}}) {
    for (const double start : {0.0, -1e18, 1e300, double{NAN}}) {
      Incident odd;
      odd.id.assign(1, 'o');
      odd.duration_hours = duration;
      odd.start_unix_seconds = start;
      hinted.prefetch(odd);
    }
  }
  std::mt19937_64 engine(5);
  std::uniform_int_distribution<int> seconds(1, 48 * 3600);
  std::uniform_int_distribution<long long> start(0, 4102444800LL);
  for (int row = 0; row < 200; ++row) {
    Incident incident;
    incident.id.assign(1, 'r');
    incident.duration_hours = seconds(engine) / 3600.0;
    incident.start_unix_seconds = static_cast<double>(start(engine));
    hinted.prefetch(incident);
    const SegmentLosses expected = plain.estimate(incident, kHere);
    const SegmentLosses& actual = hinted.estimate(incident, kHere);
    CHECK(actual.gross == expected.gross);
    CHECK(actual.net == expected.net);
    CHECK(actual.direct == expected.direct);
    CHECK(actual.indirect == expected.indirect);
    CHECK(actual.peak == expected.peak);
  }
}

TEST_CASE("batch prices random rows of the other presets as solve_losses", "[batch]") {
  for (const char* name : {"meta-2021-10-04", "crowdstrike-2024-07-19", "rogers-2022-07-08"}) {
    INFO(name);
    check_random_rows(load_valid(name), 40, 3);
  }
}

TEST_CASE("batch prices phased outages with profiles by superposition", "[batch]") {
  const std::string text =
      "[outage]\nduration = \"2h\"\nseverity = 1.0\nstart = 2024-03-05T15:20:00Z\n"
      "[[outage.phase]]\nafter = \"50m\"\nseverity = 0.3\n"
      "[[outage.phase]]\nafter = \"95m\"\nseverity = 0.6\n"
      "[[segment]]\nid = \"shop\"\nrevenue = 600\ndependency = 0.5\nrecovery = \"1h\"\n"
      "profile = \"ecommerce\"\nprofile_utc_offset = \"+05:30\"\n"
      "[[segment]]\nid = \"ads\"\nrevenue = 900\ndependency = 0.2\nrecovery = \"3h\"\n"
      "profile = \"social-global\"\n"
      "[[link]]\nsegment = \"shop\"\ndepends_on = \"ads\"\nshare = 0.3\n"
      "[[link]]\nsegment = \"ads\"\ndepends_on = \"shop\"\nshare = 0.2\n";
  const Scenario scenario = load_valid(text, true);
  REQUIRE(PhasedPricer(central_inputs(scenario), 3).usable());
  check_random_rows(scenario, 200, 7);
}

TEST_CASE("batch prices static models, with a horizon, as solve_losses", "[batch]") {
  const std::string text =
      "[outage]\nduration = \"2h\"\nseverity = 1.0\nstart = 2024-03-05T15:20:00Z\n"
      "[model]\nkind = \"static\"\nhorizon = \"3h\"\n"
      "[[segment]]\nid = \"shop\"\nrevenue = 600\ndependency = 0.5\nrecovery = \"1h\"\n"
      "profile = \"ecommerce\"\n"
      "[[segment]]\nid = \"ads\"\nrevenue = 900\ndependency = 0.2\nrecovery = \"3h\"\n"
      "[[link]]\nsegment = \"shop\"\ndepends_on = \"ads\"\nshare = 0.3\n";
  check_random_rows(load_valid(text, true), 100, 11);
}

TEST_CASE("batch falls back to the solver where the precomputation does not apply", "[batch]") {
  const std::string segment =
      "[[segment]]\nid = \"shop\"\nrevenue = 600\ndependency = 0.5\nrecovery = \"1h\"\n"
      "profile = \"ecommerce\"\n";
  const std::string outage = "[outage]\nduration = \"2h\"\nstart = 2024-03-05T15:20:00Z\n";
  // A dynamic model counted to a horizon, and a buildup.
  const Scenario horizon =
      load_valid(outage + "[model]\nkind = \"dynamic\"\nhorizon = \"5h\"\n" + segment, true);
  CHECK_FALSE(PhasedPricer(central_inputs(horizon), 1).usable());
  check_random_rows(horizon, 20, 5);
  // There, incidents of the same duration and start share one cached solution.
  const PreparedScenario prepared = prepare_or_throw(horizon, Purpose::incidents);
  IncidentEstimator estimator(prepared);
  Incident incident;
  incident.duration_hours = 1.5;
  incident.start_unix_seconds = 1709652000.0;
  for (const double severity : {0.2, 0.7, 1.0}) {
    incident.severity = severity;
    estimator.estimate(incident, kHere);
  }
  CHECK(estimator.cache_size() == 1);
  const Scenario buildup =
      load_valid(outage + segment +
                     "buildup = \"30m\"\n[[segment]]\nid = \"ads\"\nrevenue = 900\n"
                     "dependency = 0.2\nrecovery = \"3h\"\n[[link]]\nsegment = \"shop\"\n"
                     "depends_on = \"ads\"\nshare = 0.3\n",
                 true);
  CHECK_FALSE(PhasedPricer(central_inputs(buildup), 1).usable());
  check_random_rows(buildup, 20, 6);
}
