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

TEST_CASE("a character device is written in place: /dev/full fails on write", "[atomic]") {
  if (!fs::exists("/dev/full")) return;
  CHECK_THROWS_WITH(
      write_file_atomically("/dev/full", "x", false),
      Catch::Contains("cannot write '/dev/full'") && Catch::Contains("No space left on device"));
  CHECK_NOTHROW(write_file_atomically("/dev/null", "x", false));
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("a symbolic link is followed: its target is replaced, the link stays", "[atomic]") {
  const fs::path directory = fresh_directory();
  write_file_atomically((directory / "target.csv").string(), "old", false);
  fs::create_symlink("target.csv", directory / "link.csv");
  write_file_atomically((directory / "link.csv").string(), "new", true);
  CHECK(fs::is_symlink(directory / "link.csv"));
  CHECK(slurp(directory / "target.csv") == "new");
  CHECK(output_identity((directory / "link.csv").string()) ==
        output_identity((directory / "target.csv").string()));
  fs::remove_all(directory);
}

TEST_CASE("a 255-byte file name can be written (the temporary name is short)", "[atomic]") {
  const fs::path directory = fresh_directory();
  const fs::path target = directory / (std::string(251, 'n') + ".csv");
  write_file_atomically(target.string(), "a", false);
  CHECK(slurp(target) == "a");
  CHECK(std::distance(fs::directory_iterator(directory), fs::directory_iterator()) == 1);
  fs::remove_all(directory);
}

TEST_CASE("output_identity resolves the directory, not the name", "[atomic]") {
  const fs::path directory = fresh_directory();
  fs::create_directories(directory / "sub");
  CHECK(output_identity((directory / "sub" / ".." / "x.csv").string()) ==
        output_identity((directory / "x.csv").string()));
  CHECK(output_identity((directory / "x.csv").string()) !=
        output_identity((directory / "y.csv").string()));
  fs::remove_all(directory);
}
