#include "util/error.hpp"

#include <fmt/format.h>

namespace outage {

std::string Location::describe() const {
  if (source.empty()) return {};
  if (line <= 0) return source;
  if (column <= 0) return fmt::format("{}:{}", source, line);
  return fmt::format("{}:{}:{}", source, line, column);
}

std::string Error::describe() const {
  const std::string place = m_where.describe();
  if (place.empty()) return what();
  return fmt::format("{}: {}", place, what());
}

}  // namespace outage
