// A command-line override of one value of a scenario file, as given.
#pragma once

#include <string>
#include <vector>

namespace outage {

// One "--set KEY=VALUE" (or --duration, --start, --severity): VALUE is read as a TOML value
// when it is one ("0.4", "{ per_year = 1e9 }", "2024-03-05T15:00:00Z") and as a string
// otherwise ("90m"). `option` names it in errors ("--set outage.duration", "--duration").
struct Override {
  std::string key;
  std::string value;
  std::string option;
};

// Splits "KEY=VALUE" given to `option` (--set, or compare's --variant); throws Error at the
// option (exit 2) when there is no '='.
Override parse_set_option(const std::string& text, const std::string& option = "--set");

// Each KEY=VALUE of one repeatable option, in order; throws Error at the option (exit 2) when a
// key is given twice (the last would silently win).
std::vector<Override> parse_set_options(const std::vector<std::string>& texts,
                                        const std::string& option = "--set");

}  // namespace outage
