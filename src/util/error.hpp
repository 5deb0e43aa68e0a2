// The one error type of outage-impact: what went wrong, where, and which exit code it maps to.
#pragma once

#include <stdexcept>
#include <string>

namespace outage {

// Exit codes of the command line (docs/cli.md, "Errors and exit codes").
enum class ExitCode : int {
  success = 0,
  bad_input = 1,     // wrong scenario, CSV row, parameter, unreadable file
  bad_usage = 2,     // wrong command line
  internal = 3,      // a bug
  interrupted = 130  // SIGINT
};

// Where an error is: a file with an optional line and column, an option, or a CSV row.
struct Location {
  std::string source;  // file path, option name ("--duration") or "" when unknown
  long line = 0;       // 1-based; 0 when unknown
  long column = 0;     // 1-based; 0 when unknown

  // "file:12:5", "file:12", "file", or "" when nothing is known.
  std::string describe() const;
  // True when the source is a command-line option (starts with '-').
  bool is_option() const { return !source.empty() && source[0] == '-'; }
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, Location where, const std::string& what)
      : std::runtime_error(what), m_code(code), m_where(std::move(where)) {}
  Error(Location where, const std::string& what)
      : Error(where.is_option() ? ExitCode::bad_usage : ExitCode::bad_input, where, what) {}

  ExitCode code() const { return m_code; }
  const Location& where() const { return m_where; }
  // "where: what", the text printed after "outage-impact: error: ".
  std::string describe() const;

 private:
  ExitCode m_code;
  Location m_where;
};

}  // namespace outage
