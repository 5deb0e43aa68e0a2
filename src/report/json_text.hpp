// The text of every JSON document the tool writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace outage {

// `json` indented by two spaces, ending in a newline. Bytes that are not UTF-8 (a Latin-1 file
// name in a scenario's path, say) become U+FFFD instead of failing the run.
template <class Json>
std::string json_document(const Json& json) {
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace outage
