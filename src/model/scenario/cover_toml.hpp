// Reading [[cover]] tables (docs/risk.md, "Covers") once the scenario's segments are known.
#pragma once

#include <toml++/toml.h>

#include "model/scenario/scenario.hpp"

namespace outage {

// Reads every [[cover]] into scenario.covers; throws Error at the offending key's
// file:line:column (an unknown segment, a negative deductible, a zero share, a limit below the
// deductible, two covers with one name...).
void read_covers(const toml::node& node, Scenario& scenario);

}  // namespace outage
