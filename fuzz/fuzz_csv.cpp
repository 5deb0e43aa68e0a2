// libFuzzer target: CSV incident logs through the RFC 4180 reader, the incident parser and the
// estimator of the default preset, and the same bytes as a profile CSV. No file I/O per input:
// the preset and its estimator (whose per-hour-of-week tables cost milliseconds under ASan) are
// built once per process, the profile is read from memory. The estimator's cache is exact, so
// an input's result does not depend on the inputs before it.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "model/batch/batch.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/profile.hpp"
#include "model/scenario/scenario_loader.hpp"
#include "util/csv.hpp"

namespace {

// Longer inputs teach nothing a shorter one does not, and cost time per execution.
constexpr std::size_t kMaxInputBytes = 1 << 14;
// Rows priced per input: each distinct duration is a solve of the preset.
constexpr int kMaxEstimatedRows = 8;

const outage::Scenario& default_scenario() {
  static const outage::Scenario scenario = [] {
    outage::Scenario loaded = outage::load_scenario("meta-2024-03-05");
    outage::require_valid_inputs(loaded);
    return loaded;
  }();
  return scenario;
}

void incident_log(const std::string& text) {
  try {
    std::istringstream in(text);
    outage::CsvReader reader(in, "fuzz.csv", 1 << 16);
    std::vector<std::string> fields;
    if (!reader.next(fields)) return;
    const auto columns = outage::read_incident_header(fields, outage::Location{"fuzz.csv", 1, 0});
    static const outage::PreparedScenario prepared =
        outage::prepare_or_throw(default_scenario(), outage::Purpose::incidents);
    static outage::IncidentEstimator estimator(prepared);
    int rows = 0;
    while (rows++ < kMaxEstimatedRows && reader.next(fields)) {
      try {
        const outage::Location where{"fuzz.csv", reader.line(), 0};
        (void)estimator.estimate(outage::read_incident(columns, fields, where), where);
      } catch (const outage::Error&) {
      }
    }
  } catch (const outage::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  incident_log(text);
  try {
    std::istringstream in(text);
    (void)outage::read_profile_csv(in, "fuzz.csv", "fuzz");
  } catch (const outage::Error&) {
  }
  return 0;
}
