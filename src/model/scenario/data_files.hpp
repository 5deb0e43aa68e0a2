// Finding the bundled data: presets and profiles.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace outage {

// Where bundled data is looked for, in order: $OUTAGE_IMPACT_DATA, ../share/outage-impact
// beside the executable (an installed tool), and, for a binary in the build tree only, the
// source tree's data/.
std::vector<std::string> data_directories();

// The path of `subdirectory/name` in the first data directory that has it.
std::optional<std::string> find_data_file(const std::string& subdirectory, const std::string& name);

// The names (without `extension`) of the files in `subdirectory` of every data directory,
// sorted and without duplicates.
std::vector<std::string> list_data_names(const std::string& subdirectory,
                                         const std::string& extension);

}  // namespace outage
