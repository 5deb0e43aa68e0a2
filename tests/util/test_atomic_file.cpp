#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "util/atomic_file.hpp"
#include "util/error.hpp"

using namespace outage;
namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
fs::path fresh_directory() {
  const fs::path directory =
      fs::temp_directory_path() / ("oi-atomic-" + std::to_string(::getpid()));
  fs::remove_all(directory);
  fs::create_directories(directory);
  return directory;
}
}  // namespace

TEST_CASE("atomic writes create the file whole and leave no temporary file", "[atomic]") {
  const fs::path directory = fresh_directory();
  const fs::path target = directory / "out.csv";
  write_file_atomically(target.string(), "a,b\n", false);
  CHECK(slurp(target) == "a,b\n");
  CHECK(std::distance(fs::directory_iterator(directory), fs::directory_iterator()) == 1);
  fs::remove_all(directory);
}

TEST_CASE("an existing file is refused without overwrite and kept", "[atomic]") {
  const fs::path directory = fresh_directory();
  const fs::path target = directory / "out.csv";
  write_file_atomically(target.string(), "old", false);
  CHECK_THROWS_WITH(write_file_atomically(target.string(), "new", false),
                    Catch::Contains("pass --force"));
  CHECK(slurp(target) == "old");
  write_file_atomically(target.string(), "new", true);
  CHECK(slurp(target) == "new");
  fs::remove_all(directory);
}

TEST_CASE("an abandoned atomic file leaves nothing behind", "[atomic]") {
  const fs::path directory = fresh_directory();
  const fs::path target = directory / "out.csv";
  {
    AtomicFile file(target.string(), false);
    file.write("partial");
  }
  CHECK_FALSE(fs::exists(target));
  CHECK(fs::is_empty(directory));
  fs::remove_all(directory);
}

TEST_CASE("a missing directory is refused before any work", "[atomic]") {
  CHECK_THROWS_WITH(check_output_path("/nonexistent-dir/x.csv", false, "--output"),
                    Catch::Contains("does not exist"));
}

TEST_CASE("a full disk is an error, not a silent truncation", "[atomic]") {
  if (!fs::exists("/dev/full")) return;
  // /dev/full cannot hold a temporary file beside it, so the error comes early or on write.
  CHECK_THROWS_AS(write_file_atomically("/dev/full", "x", true), Error);
}
