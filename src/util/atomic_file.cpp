#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/error.hpp"

namespace outage {
namespace {

// Temporary files a signal handler must remove: fixed storage, no allocation in the handler.
constexpr std::size_t kMaxPending = 8;
constexpr std::size_t kMaxPathBytes = 4096;
std::array<std::array<char, kMaxPathBytes>, kMaxPending> g_pending_paths{};
std::array<std::atomic<bool>, kMaxPending> g_pending_used{};

int register_pending(const std::string& path) {
  if (path.size() >= kMaxPathBytes) return -1;
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (!g_pending_used[i].load()) {
      std::memcpy(g_pending_paths[i].data(), path.c_str(), path.size() + 1);
      g_pending_used[i].store(true);
      return static_cast<int>(i);
    }
  }
  return -1;
}

void unregister_pending(const std::string& path) {
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i].load() && path == g_pending_paths[i].data()) {
      g_pending_used[i].store(false);
    }
  }
}

std::string directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

}  // namespace

void remove_pending_temporary_files() noexcept {
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    if (g_pending_used[i].load()) ::unlink(g_pending_paths[i].data());
  }
}

namespace {

// What an output path names, after following symbolic links.
enum class Target { missing, regular, in_place };

// Classifies `path`; throws Error (at `where`) for what cannot be written.
Target classify_target(const std::string& path, const Location& where) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    if (::lstat(path.c_str(), &info) == 0) {
      throw Error(where, fmt::format("cannot write '{}': it is a dangling symbolic link", path));
    }
    return Target::missing;
  }
  if (S_ISDIR(info.st_mode)) {
    throw Error(where, fmt::format("cannot write '{}': it is a directory", path));
  }
  if (S_ISREG(info.st_mode)) return Target::regular;
  // A FIFO or a character device (a terminal, /dev/null) is written in place, never replaced.
  if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)) return Target::in_place;
  throw Error(where, fmt::format("cannot write '{}': not a regular file, FIFO or terminal", path));
}

// The file a write to `path` changes: a symbolic link's target, else `path` itself.
std::string followed(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
    std::error_code error;
    const auto target = std::filesystem::canonical(path, error);
    if (!error) return target.string();
  }
  return path;
}

}  // namespace

std::string output_identity(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target = followed(path);
  std::error_code error;
  const fs::path parent = fs::canonical(directory_of(target.string()), error);
  if (error) return target.lexically_normal().string();
  return (parent / target.filename()).string();
}

void check_output_path(const std::string& path, bool overwrite, const std::string& option) {
  const Location where{option, 0, 0};
  if (path.empty()) throw Error(where, "the output path is empty");
  const std::string target = followed(path);
  struct stat info {};
  const std::string directory = directory_of(target);
  if (::stat(directory.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    throw Error(where,
                fmt::format("cannot write '{}': directory '{}' does not exist", path, directory));
  }
  if (classify_target(path, where) == Target::regular && !overwrite) {
    throw Error(where, fmt::format("'{}' exists: pass --force to replace it", path));
  }
}

AtomicFile::AtomicFile(std::string path, bool overwrite, std::string option)
    : m_path(std::move(path)), m_option(std::move(option)), m_overwrite(overwrite) {
  check_output_path(m_path, m_overwrite, m_option);
  m_target = followed(m_path);
  if (classify_target(m_path, Location{m_option, 0, 0}) == Target::in_place) {
    m_fd = ::open(m_target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (m_fd < 0) fail("cannot open");
    m_in_place = true;
    return;
  }
  // A short name in the target's directory, whatever the length of the target's name.
  std::string pattern = directory_of(m_target) + "/.oi-XXXXXX";
  m_fd = ::mkstemp(pattern.data());
  if (m_fd < 0) {
    throw Error(Location{m_option, 0, 0},
                fmt::format("cannot create a file beside '{}': {}", m_path, std::strerror(errno)));
  }
  m_temporary_path = pattern;
  register_pending(m_temporary_path);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(m_fd, 0666 & ~mask);
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) ::close(m_fd);
  if (!m_committed && !m_temporary_path.empty()) {
    ::unlink(m_temporary_path.c_str());
    unregister_pending(m_temporary_path);
  }
}

void AtomicFile::fail(const std::string& what) {
  const std::string reason = std::strerror(errno);
  // A failed write is the machine's answer, not a wrong command line: exit 1.
  throw Error(ExitCode::bad_input, Location{m_option, 0, 0},
              fmt::format("{} '{}': {}", what, m_path, reason));
}

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(m_fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void AtomicFile::commit() {
  if (m_in_place) {
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("cannot write");
    m_committed = true;
    return;
  }
  if (::fsync(m_fd) != 0 && errno != EINVAL) fail("cannot write");
  if (::close(m_fd) != 0) {
    m_fd = -1;
    fail("cannot write");
  }
  m_fd = -1;
  if (m_overwrite) {
    if (::rename(m_temporary_path.c_str(), m_target.c_str()) != 0) fail("cannot replace");
  } else if (::renameat2(AT_FDCWD, m_temporary_path.c_str(), AT_FDCWD, m_target.c_str(),
                         RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) {
      throw Error(Location{m_option, 0, 0},
                  fmt::format("'{}' exists: pass --force to replace it", m_path));
    }
    if (errno != EINVAL && errno != ENOSYS) fail("cannot create");
    // File systems without RENAME_NOREPLACE: link() also refuses to replace.
    if (::link(m_temporary_path.c_str(), m_target.c_str()) != 0) fail("cannot create");
    ::unlink(m_temporary_path.c_str());
  }
  m_committed = true;
  unregister_pending(m_temporary_path);
  const std::string directory = directory_of(m_target);
  const int directory_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY);
  if (directory_fd >= 0) {
    ::fsync(directory_fd);
    ::close(directory_fd);
  }
}

void write_file_atomically(const std::string& path, std::string_view content, bool overwrite,
                           const std::string& option) {
  AtomicFile file(path, overwrite, option);
  file.write(content);
  file.commit();
}

}  // namespace outage
