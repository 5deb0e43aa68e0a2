// Opening input files safely: regular files only, of a bounded size.
#pragma once

#include <cstddef>
#include <fstream>
#include <string>

#include "util/error.hpp"

namespace outage {

// Opens a regular, readable file; throws Error at `where` for a missing file, a directory,
// a FIFO or device, or a file over `max_bytes`.
std::ifstream open_input_file(const std::string& path, const Location& where,
                              std::size_t max_bytes = std::size_t{64} << 20);

// The whole content of a file opened as open_input_file() does.
std::string read_input_file(const std::string& path, const Location& where,
                            std::size_t max_bytes = std::size_t{64} << 20);

}  // namespace outage
