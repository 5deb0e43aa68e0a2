#include "util/input_file.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace outage {

std::ifstream open_input_file(const std::string& path, const Location& where,
                              std::size_t max_bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw Error(where, fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    throw Error(where, fmt::format("cannot read '{}': it is a directory, expected a file", path));
  }
  if (!S_ISREG(info.st_mode)) {
    throw Error(where, fmt::format("cannot read '{}': not a regular file", path));
  }
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    throw Error(where, fmt::format("'{}' is {} bytes, over the limit of {} bytes", path,
                                   info.st_size, max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(where, fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  return in;
}

std::string read_input_file(const std::string& path, const Location& where, std::size_t max_bytes) {
  std::ifstream in = open_input_file(path, where, max_bytes);
  // In blocks into a string sized once: a stringstream copied a 2 MB scenario three times.
  std::string content;
  in.seekg(0, std::ios::end);
  if (const auto size = in.tellg(); size > 0) {
    content.reserve(std::min(static_cast<std::size_t>(size), max_bytes) + 1);
  }
  in.seekg(0, std::ios::beg);
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    content.append(block, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) {  // grew after open_input_file looked at it
      throw Error(where, fmt::format("'{}' is over the limit of {} bytes", path, max_bytes));
    }
  }
  if (in.bad()) throw Error(where, fmt::format("cannot read '{}'", path));
  return content;
}

}  // namespace outage
