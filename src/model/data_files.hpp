// Finding the bundled data (presets, profiles) and opening input files safely.
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "util/error.hpp"

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

// Opens a regular, readable file; throws Error at `where` for a missing file, a directory,
// a FIFO or device, or a file over `max_bytes`.
std::ifstream open_input_file(const std::string& path, const Location& where,
                              std::size_t max_bytes = std::size_t{64} << 20);

// The whole content of a file opened as open_input_file() does.
std::string read_input_file(const std::string& path, const Location& where,
                            std::size_t max_bytes = std::size_t{64} << 20);

}  // namespace outage
