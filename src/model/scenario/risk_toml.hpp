// Reading the outage process of docs/risk.md from TOML: a [risk] table in a scenario or in its own
// file (--risk FILE).
#pragma once

#include <toml++/toml.h>

#include <string>

#include "model/scenario/risk_process.hpp"

namespace outage {

// Reads a [risk] table; profile paths are relative to `base_directory`. Throws Error with the
// file, line and column of what is wrong (checked by validate_risk_process too).
RiskProcess read_risk_table(const toml::node& node, const std::string& base_directory);

}  // namespace outage
