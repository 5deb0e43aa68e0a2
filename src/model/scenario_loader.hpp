// Reading scenario files (TOML) into a Scenario, with command-line overrides applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/scenario.hpp"

namespace outage {

// One "--set KEY=VALUE" (or --duration, --start, --severity): VALUE is read as a TOML value
// when it is one ("0.4", "{ per_year = 1e9 }", "2024-03-05T15:00:00Z") and as a string
// otherwise ("90m"). `option` names it in errors ("--set outage.duration", "--duration").
struct Override {
  std::string key;
  std::string value;
  std::string option;
};

// Splits "KEY=VALUE" from --set; throws Error (exit 2) when there is no '='.
Override parse_set_option(const std::string& text);

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
