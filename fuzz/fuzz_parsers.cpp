// libFuzzer target: the number, integer, duration, instant and offset parsers, and the
// formatters applied to what they accept (a value that parses must format and parse back).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/parse.hpp"
#include "util/time.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto number = outage::parse_number(text)) {
    if (!std::isfinite(*number)) std::abort();
  }
  (void)outage::parse_integer(text, INT64_MIN, INT64_MAX);
  std::string why;
  if (const auto hours = outage::parse_duration_hours(text, &why)) {
    if (!std::isfinite(*hours) || std::fabs(*hours) > 1e6) std::abort();
    (void)outage::format_duration_hours(*hours);
  }
  if (const auto seconds = outage::parse_utc_instant(text, &why)) {
    const double again =
        outage::parse_utc_instant(outage::format_utc_instant(*seconds)).value_or(NAN);
    if (!(std::fabs(again - *seconds) < 1e-3)) std::abort();
    const double hour = outage::hour_of_week(*seconds);
    if (!(hour >= 0 && hour < 168)) std::abort();
  }
  (void)outage::parse_utc_offset_hours(text);
  return 0;
}
