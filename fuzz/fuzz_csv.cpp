// libFuzzer target: CSV incident logs through the RFC 4180 reader, the incident parser and the
// estimator of the default preset, and profile and matrix CSVs through their readers.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "model/batch.hpp"
#include "model/inputs.hpp"
#include "model/profile.hpp"
#include "model/scenario_loader.hpp"
#include "util/csv.hpp"

namespace {

const outage::Scenario& default_scenario() {
  static const outage::Scenario scenario = [] {
    outage::Scenario loaded = outage::load_scenario("meta-2024-03-05");
    outage::require_valid_inputs(loaded);
    return loaded;
  }();
  return scenario;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    std::istringstream in(text);
    outage::CsvReader reader(in, "fuzz.csv", 1 << 16);
    std::vector<std::string> fields;
    if (reader.next(fields)) {
      const auto columns = outage::read_incident_header(fields, outage::Location{"fuzz.csv", 1, 0});
      outage::IncidentEstimator estimator(default_scenario());
      int rows = 0;
      while (reader.next(fields) && rows++ < 64) {
        try {
          const outage::Location where{"fuzz.csv", reader.line(), 0};
          (void)estimator.estimate(outage::read_incident(columns, fields, where), where);
        } catch (const outage::Error&) {
        }
      }
    }
  } catch (const outage::Error&) {
  }
  // The same bytes as a profile file.
  static const std::string path = "/tmp/outage-impact-fuzz-" + std::to_string(::getpid()) + ".csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  try {
    (void)outage::load_profile_csv(path, "fuzz");
  } catch (const outage::Error&) {
  }
  return 0;
}
