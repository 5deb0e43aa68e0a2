#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <string_view>

#include "util/parse.hpp"

namespace outage {
namespace {

constexpr int kDefaultWidth = 80;

int terminal_width(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    if (const auto parsed = parse_integer(columns, 1, 10000)) return static_cast<int>(*parsed);
  }
  return kDefaultWidth;
}

}  // namespace

Terminal decide_terminal(bool stdout_is_terminal, bool stderr_is_terminal, bool no_color, bool dumb,
                         int width) {
  Terminal result;
  result.stdout_is_terminal = stdout_is_terminal;
  result.stderr_is_terminal = stderr_is_terminal;
  result.stdout_color = stdout_is_terminal && !no_color && !dumb;
  result.stderr_progress = stderr_is_terminal && !dumb;
  result.width = width > 0 ? width : kDefaultWidth;
  return result;
}

const Terminal& terminal() {
  static const Terminal decided = [] {
    const bool out = ::isatty(STDOUT_FILENO) != 0;
    const bool err = ::isatty(STDERR_FILENO) != 0;
    const char* term = std::getenv("TERM");
    const bool dumb = term != nullptr && std::string_view(term) == "dumb";
    return decide_terminal(out, err, std::getenv("NO_COLOR") != nullptr, dumb,
                           terminal_width(out ? STDOUT_FILENO : STDERR_FILENO));
  }();
  return decided;
}

}  // namespace outage
