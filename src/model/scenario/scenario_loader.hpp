// Reading scenario files (TOML) into a Scenario, with command-line overrides applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/override.hpp"
#include "model/scenario/scenario.hpp"

namespace outage {

// The file a SCENARIO argument names: an existing path, else a bundled preset's file.
// Throws Error when neither exists.
std::string resolve_scenario_path(const std::string& name_or_path);

// Reads and checks the structure of a scenario file (types, known keys, required keys)
// and applies overrides. Ranges are checked by require_valid_inputs(). Throws Error with the
// file, line and column (or the option) of what is wrong.
Scenario load_scenario(const std::string& name_or_path,
                       const std::vector<Override>& overrides = {});

// The same from TOML text; `path` names it in errors and anchors relative paths.
Scenario parse_scenario(std::string_view text, const std::string& path,
                        const std::vector<Override>& overrides = {});

}  // namespace outage
