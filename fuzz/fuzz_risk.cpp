// libFuzzer target: the readers of `risk`. The bytes as a --risk file ([risk] through
// parse_risk_text: read_risk_table and validate_risk_process), as a --history CSV (read_history and
// history_process), and the first line as a --period value. Any outcome but an outage::Error
// (or a crash or a leak) is a bug.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "model/scenario/risk_process.hpp"

namespace {

constexpr std::size_t kMaxInputBytes = 1 << 14;

void risk_table(std::string_view text) {
  try {
    (void)outage::parse_risk_text(text, "fuzz.toml");
  } catch (const outage::Error&) {
  }
}

void history(const std::string& text, std::string_view first_line) {
  try {
    std::istringstream in(text);
    auto rows = outage::read_history(in, "fuzz.csv");
    const double period = outage::parse_history_period_hours(first_line).value_or(8760.0);
    const auto process = outage::history_process(std::move(rows), period, {"fuzz.csv", 0, 0});
    outage::validate_risk_process(process);
  } catch (const outage::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  risk_table(text);
  const std::string_view first_line = std::string_view(text).substr(0, text.find('\n'));
  history(text, first_line);
  return 0;
}
