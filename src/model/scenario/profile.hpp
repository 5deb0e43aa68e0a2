// Demand profiles: 168 hourly weights over the week, read from CSV and normalised to mean 1.
#pragma once

#include <istream>
#include <string>

#include "model/scenario/scenario.hpp"

namespace outage {

// Reads a profile CSV with header "hour,weight" and 168 rows (hours 0-167, each once,
// hour 0 = Monday 00:00-01:00 UTC, weights finite and >= 0, not all 0). Returns the weights
// normalised to mean 1. Throws Error naming the file and line, or `where` (the place that
// named the file) when it cannot be opened.
Profile load_profile_csv(const std::string& path, const std::string& name,
                         const Location& where = {});

// The same from a stream already open; `path` names it in errors.
Profile read_profile_csv(std::istream& in, const std::string& path, const std::string& name);

// A profile by name: "flat", a bundled profile (data/profiles/NAME.csv), or a CSV path
// (containing '/' or ending in ".csv") relative to `base_directory`. Throws Error at `where`.
Profile resolve_profile(const std::string& name, const std::string& base_directory,
                        const Location& where);

}  // namespace outage
