// Applying command-line overrides to a parsed scenario file (override.hpp).
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "model/scenario/override.hpp"

namespace outage {

// Parses an override's value as TOML, or as a string when it is not a TOML value.
toml::table parse_override_value(const Override& override_value);

// "segment.ads.deferred" -> {"segment", "ads", "deferred"}.
std::vector<std::string> split_key(const std::string& key);

// Writes the override into the file's table: segment.<id>.<key> into the segment with that
// id, outage.phase.<N>.<key> into the N-th phase (from 1), other keys by their path. Link
// overrides (link.<segment>.<depends_on>) are applied after reading (link_sources.hpp).
void apply_override(toml::table& root, const Override& override_value);

}  // namespace outage
