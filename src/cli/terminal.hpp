// What the terminal can do, decided once for the whole run (as ninja's LinePrinter): whether
// stdout and stderr are terminals, whether colour is allowed, how wide the terminal is.
// Everything that prints colour, bars or progress asks here instead of calling isatty().
#pragma once

namespace outage {

struct Terminal {
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
  // ANSI colour and inline bars on stdout: a terminal, NO_COLOR unset, TERM not "dumb".
  bool stdout_color = false;
  // A redrawn progress line on stderr: stderr is a terminal and TERM is not "dumb".
  bool stderr_progress = false;
  // Columns of the terminal (TIOCGWINSZ, else $COLUMNS, else 80).
  int width = 80;
};

// The terminal of this process, computed on first use from the file descriptors and the
// environment (NO_COLOR, TERM).
const Terminal& terminal();

// Decides from explicit facts (for tests): `no_color` is whether NO_COLOR is set, `dumb`
// whether TERM=dumb (no cursor movement, no escape codes).
Terminal decide_terminal(bool stdout_is_terminal, bool stderr_is_terminal, bool no_color, bool dumb,
                         int width);

}  // namespace outage
