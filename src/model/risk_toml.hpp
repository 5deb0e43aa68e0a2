// Reading the outage process of risk.md from TOML: a [risk] table in a scenario or in its own
// file (--risk FILE).
#pragma once

#include <toml++/toml.h>

#include <string>

#include "model/risk_process.hpp"

namespace outage {

// Reads a [risk] table; profile paths are relative to `base_directory`. Throws Error with the
// file, line and column of what is wrong (checked by validate_risk_process too).
RiskProcess read_risk_table(const toml::node& node, const std::string& base_directory);

// Reads a TOML file whose only table is [risk]. Throws Error located in the file, or at
// `option` when it cannot be read.
RiskProcess load_risk_file(const std::string& path, const std::string& option);

}  // namespace outage
