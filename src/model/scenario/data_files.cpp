#include "model/scenario/data_files.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

namespace outage {
namespace fs = std::filesystem;

std::vector<std::string> data_directories() {
  std::vector<std::string> directories;
  if (const char* from_environment = std::getenv("OUTAGE_IMPACT_DATA")) {
    if (*from_environment) directories.emplace_back(from_environment);
  }
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (error) return directories;
  directories.push_back(
      (executable.parent_path().parent_path() / OUTAGE_IMPACT_INSTALL_DATA_DIR).string());
  // Only a binary inside the build tree reads the source tree's data: an installed one must
  // find its own, so a broken install shows instead of hiding behind the sources.
  const std::string build_directory = OUTAGE_IMPACT_BUILD_DIR;
  if (executable.string().rfind(build_directory + "/", 0) == 0) {
    directories.emplace_back(OUTAGE_IMPACT_SOURCE_DATA_DIR);
  }
  return directories;
}

std::optional<std::string> find_data_file(const std::string& subdirectory,
                                          const std::string& name) {
  for (const auto& directory : data_directories()) {
    const fs::path candidate = fs::path(directory) / subdirectory / name;
    std::error_code error;
    if (fs::is_regular_file(candidate, error)) return candidate.string();
  }
  return std::nullopt;
}

std::vector<std::string> list_data_names(const std::string& subdirectory,
                                         const std::string& extension) {
  std::vector<std::string> names;
  for (const auto& directory : data_directories()) {
    std::error_code error;
    for (fs::directory_iterator it(fs::path(directory) / subdirectory, error), end;
         !error && it != end; it.increment(error)) {
      const fs::path& path = it->path();
      if (path.extension() == extension) names.push_back(path.stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace outage
