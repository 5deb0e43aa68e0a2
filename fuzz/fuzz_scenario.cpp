// libFuzzer target: scenario TOML text through the loader and validation (and, when valid, a
// point estimate). Anything but outage::Error escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "model/estimate/estimate.hpp"
#include "model/scenario/inputs.hpp"
#include "model/scenario/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    outage::Scenario scenario = outage::parse_scenario(text, "fuzz.toml");
    const auto prepared = outage::prepare(std::move(scenario));
    if (!prepared) return 0;
    if (prepared->scenario().segments.size() <= 64) (void)outage::estimate_point(*prepared);
  } catch (const outage::Error&) {
  }
  return 0;
}
