// Output files that appear whole or not at all: written to a temporary file (.oi-XXXXXX) in the
// target's directory, flushed to disk, then renamed over the target. A symbolic link is
// followed (its target is replaced, not the link); a FIFO or a character device (a terminal,
// /dev/null, /dev/stdout on a pipe) is written in place, never replaced.
#pragma once

#include <string>
#include <string_view>

namespace outage {

class AtomicFile {
 public:
  // Creates the temporary file. Throws Error (located at `option`, e.g. "--output") when the
  // directory is missing or not writable, or when `path` exists and `overwrite` is false.
  AtomicFile(std::string path, bool overwrite, std::string option = "--output");
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  // Removes the temporary file unless commit() succeeded.
  ~AtomicFile();

  // Appends bytes; throws Error on a write error (e.g. a full disk).
  void write(std::string_view bytes);
  // Flushes, syncs and renames the temporary file into place; throws Error on failure.
  void commit();

  const std::string& path() const { return m_path; }

 private:
  void fail(const std::string& what);

  std::string m_path;
  std::string m_target;  // m_path, or the file its symbolic link points to
  std::string m_temporary_path;
  std::string m_option;
  bool m_overwrite;
  int m_fd = -1;
  bool m_committed = false;
  bool m_in_place = false;  // a FIFO or a device: written directly, never replaced
};

// Checks, before any work is done, that `path` could be written: its directory exists, it is
// not a directory, a dangling link, a block device or a socket, and, unless `overwrite`, it is
// not an existing regular file. Throws Error located at `option`.
void check_output_path(const std::string& path, bool overwrite, const std::string& option);

// What a write to `path` changes, to compare two outputs: the real path of its directory plus
// its name (a symbolic link's target for a link).
std::string output_identity(const std::string& path);

// Writes `content` to `path` atomically (see AtomicFile).
void write_file_atomically(const std::string& path, std::string_view content, bool overwrite,
                           const std::string& option = "--output");

// Removes every temporary file still open (for a signal handler: async-signal-safe).
void remove_pending_temporary_files() noexcept;

}  // namespace outage
