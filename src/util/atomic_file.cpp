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

void check_output_path(const std::string& path, bool overwrite, const std::string& option) {
  const Location where{option, 0, 0};
  if (path.empty()) throw Error(where, "the output path is empty");
  struct stat info {};
  const std::string directory = directory_of(path);
  if (::stat(directory.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    throw Error(where,
                fmt::format("cannot write '{}': directory '{}' does not exist", path, directory));
  }
  if (::stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      throw Error(where, fmt::format("cannot write '{}': it is a directory", path));
    }
    if (!S_ISREG(info.st_mode)) {
      throw Error(where, fmt::format("cannot write '{}': not a regular file (write to standard "
                                     "output instead)",
                                     path));
    }
    if (!overwrite) {
      throw Error(where, fmt::format("'{}' exists: pass --force to replace it", path));
    }
  }
}

AtomicFile::AtomicFile(std::string path, bool overwrite, std::string option)
    : m_path(std::move(path)), m_option(std::move(option)), m_overwrite(overwrite) {
  check_output_path(m_path, m_overwrite, m_option);
  std::string pattern = m_path + ".tmp-XXXXXX";
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
  throw Error(Location{m_option, 0, 0}, fmt::format("{} '{}': {}", what, m_path, reason));
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
  if (::fsync(m_fd) != 0 && errno != EINVAL) fail("cannot write");
  if (::close(m_fd) != 0) {
    m_fd = -1;
    fail("cannot write");
  }
  m_fd = -1;
  if (m_overwrite) {
    if (::rename(m_temporary_path.c_str(), m_path.c_str()) != 0) fail("cannot replace");
  } else if (::renameat2(AT_FDCWD, m_temporary_path.c_str(), AT_FDCWD, m_path.c_str(),
                         RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST) {
      throw Error(Location{m_option, 0, 0},
                  fmt::format("'{}' exists: pass --force to replace it", m_path));
    }
    if (errno != EINVAL && errno != ENOSYS) fail("cannot create");
    // File systems without RENAME_NOREPLACE: link() also refuses to replace.
    if (::link(m_temporary_path.c_str(), m_path.c_str()) != 0) fail("cannot create");
    ::unlink(m_temporary_path.c_str());
  }
  m_committed = true;
  unregister_pending(m_temporary_path);
  const std::string directory = directory_of(m_path);
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
