#include <sys/resource.h>

#include <catch2/catch.hpp>
#include <csignal>
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

TEST_CASE("a write failure (a full disk) is an error and leaves neither target nor temporary file",
          "[atomic]") {
  // A file-size limit makes write() fail with EFBIG on a regular file, as a full disk fails
  // with ENOSPC: the same error path, reached after the temporary file exists.
  const fs::path directory = fresh_directory();
  const fs::path target = directory / "out.csv";
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto saved_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limited = saved;
  limited.rlim_cur = 1024;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
  std::string message;
  try {
    write_file_atomically(target.string(), std::string(4096, 'x'), false);
  } catch (const Error& error) {
    message = error.describe();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  CHECK_THAT(message, Catch::Contains("cannot write") && Catch::Contains("File too large"));
  CHECK_FALSE(fs::exists(target));
  CHECK(fs::is_empty(directory));
  fs::remove_all(directory);
}
