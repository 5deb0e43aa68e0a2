// batch's pipeline (model/batch/incident_run.hpp) over an in-memory incident source: records
// delivered in input order with the losses a lone estimator gives, bad records as skippable
// errors, a broken source after the chunks before it, and the same for any number of threads.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/batch/incident_run.hpp"
#include "model/scenario/scenario_loader.hpp"

using namespace outage;

namespace {

// Incidents from memory; a record of duration -1 is a bad record, -2 breaks the source.
class MemorySource : public IncidentSource {
 public:
  explicit MemorySource(std::vector<double> durations) : m_durations(std::move(durations)) {}
  std::optional<Incident> next() override {
    if (m_next >= m_durations.size()) return std::nullopt;
    const std::size_t k = m_next++;
    count_record();
    m_line = static_cast<int>(k) + 2;
    if (m_durations[k] == -1) throw RecordError(where(), "bad record");
    if (m_durations[k] == -2) throw Error(where(), "broken file");
    Incident incident;
    incident.id = "i" + std::to_string(k);
    incident.duration_hours = m_durations[k];
    incident.severity = 0.25 + 0.05 * static_cast<double>(k % 10);
    incident.start_unix_seconds = 1709650800.0 + 3607.0 * static_cast<double>(k);
    return incident;
  }
  Location where() const override { return Location{"memory.csv", m_line, 0}; }

 private:
  std::vector<double> m_durations;
  std::size_t m_next = 0;
  int m_line = 1;
};

std::vector<double> durations(std::size_t count) {
  std::vector<double> values;
  for (std::size_t k = 0; k < count; ++k)
    values.push_back(0.5 + 0.37 * static_cast<double>(k % 17));
  return values;
}

// Each delivered record as "id net_total" or "error: ...".
std::vector<std::string> run(const PreparedScenario& prepared, std::vector<double> values,
                             int threads) {
  MemorySource source(std::move(values));
  std::vector<std::string> delivered;
  run_incidents(
      prepared, source, {threads, 3},
      [](const IncidentRow& row, const SegmentLosses& losses, const Vector*, std::string& text) {
        text = row.incident->id + " " + std::to_string(losses.net.sum());
      },
      [&](const IncidentRow& row) {
        if (row.fatal) std::rethrow_exception(row.fatal);
        if (!row.error) {
          delivered.push_back(row.text);
          return;
        }
        try {
          std::rethrow_exception(row.error);
        } catch (const Error& error) {
          delivered.push_back("error: " + error.describe());
        }
      });
  return delivered;
}

}  // namespace

TEST_CASE("the incident pipeline delivers in input order what a lone estimator prices", "[batch]") {
  const PreparedScenario prepared =
      prepare_or_throw(load_scenario("meta-2024-03-05"), Purpose::incidents);
  std::vector<double> values = durations(40);
  values[7] = -1;  // a bad record
  values[12] = 0;  // an incident the pricer refuses (duration 0)
  const std::vector<std::string> one = run(prepared, values, 1);
  REQUIRE(one.size() == 40);
  IncidentEstimator lone(prepared);
  MemorySource source(values);
  for (std::size_t k = 0; k < 40; ++k) {
    INFO("record " << k);
    std::optional<Incident> incident;
    try {
      incident = source.next();
    } catch (const RecordError&) {
      CHECK(one[k] == "error: memory.csv:9: bad record");
      continue;
    }
    if (k == 12) {
      CHECK_THAT(one[k], Catch::StartsWith("error: memory.csv:14: duration must be > 0"));
      continue;
    }
    const double net = lone.estimate(*incident, source.where()).net.sum();
    CHECK(one[k] == incident->id + " " + std::to_string(net));
  }
  for (const int threads : {2, 3}) CHECK(run(prepared, values, threads) == one);
}

TEST_CASE("a broken source stops the pipeline after the chunks before it", "[batch]") {
  const PreparedScenario prepared =
      prepare_or_throw(load_scenario("meta-2024-03-05"), Purpose::incidents);
  std::vector<double> values = durations(30);
  values[10] = -2;  // in the fourth chunk of three records
  for (const int threads : {1, 2}) {
    MemorySource source(values);
    std::vector<std::string> ids;
    try {
      run_incidents(
          prepared, source, {threads, 3},
          [](const IncidentRow& row, const SegmentLosses&, const Vector*, std::string& text) {
            text = row.incident->id;
          },
          [&](const IncidentRow& row) { ids.push_back(row.text); });
      FAIL("no error");
    } catch (const Error& error) {
      CHECK(error.describe() == "memory.csv:12: broken file");
    }
    // Chunks 0-2 (records 0-8) were delivered; the broken chunk's records were not.
    REQUIRE(ids.size() == 9);
    CHECK(ids.back() == "i8");
  }
  // An empty source delivers nothing.
  MemorySource empty({});
  int delivered = 0;
  run_incidents(
      prepared, empty, {2, 3},
      [](const IncidentRow&, const SegmentLosses&, const Vector*, std::string&) {},
      [&](const IncidentRow&) { ++delivered; });
  CHECK(delivered == 0);
}
