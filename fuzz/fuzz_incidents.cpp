// libFuzzer target: the incident readers of `batch --from`. The same bytes go through the
// Statuspage JSON stream, the PagerDuty mapping (with a severity map and a time zone), our
// own CSV columns, and the option parsers (--columns, --severity-map, --timezone) and the
// incident time parser. Any outcome but an outage::Error (or a crash or a leak) is a bug.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "model/incidents/mapped_csv.hpp"
#include "model/incidents/open_incident.hpp"

namespace {

void drain(const std::string& text, outage::IncidentSourceOptions options) {
  try {
    std::istringstream in(text);
    options.path = "-";
    auto source = outage::open_incident_source(options, in);
    for (int records = 0; records < 256; ++records) {
      try {
        if (!source->next()) break;
      } catch (const outage::RecordError&) {
      }
    }
    (void)source->skip_notes();
  } catch (const outage::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  outage::IncidentSourceOptions statuspage;
  statuspage.from = "statuspage";
  drain(text, statuspage);
  statuspage.components = {"API"};
  statuspage.severity_map = "maintenance=skip";
  drain(text, statuspage);
  outage::IncidentSourceOptions pagerduty;
  pagerduty.from = "pagerduty";
  pagerduty.severity_map = "high=1,low=0.3";
  pagerduty.timezone = "+05:30";
  drain(text, pagerduty);
  drain(text, outage::IncidentSourceOptions{});
  // The first line as option values and as a time.
  const std::string line = text.substr(0, text.find('\n'));
  try {
    outage::ColumnMapping mapping = *outage::named_column_mapping("csv");
    outage::apply_columns_option(mapping, line);
  } catch (const outage::Error&) {
  }
  try {
    (void)outage::parse_severity_map(line, "--severity-map");
  } catch (const outage::Error&) {
  }
  try {
    (void)outage::parse_timezone_option(line, "--timezone");
  } catch (const outage::Error&) {
  }
  std::string why;
  (void)outage::parse_incident_time(line, std::nullopt, &why);
  (void)outage::parse_incident_time(line, -3.5, &why);
  return 0;
}
