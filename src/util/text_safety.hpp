// Text from input files made safe to show: control and bidi characters escaped visibly,
// display width measured without the C locale, truncation that never cuts a character or an
// escape, excerpts for error messages, and spreadsheet-safe CSV text cells.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace outage {

// The text with every character a terminal would act on written visibly instead: C0 controls
// (including newline and tab) and DEL as "\x1b", C1 controls and bidi controls (U+061C,
// U+200E-200F, U+202A-202E, U+2066-2069) as "\u202e", bytes that are not UTF-8 as "\xff".
// Backslashes are left alone. Also what the CLI's error printer shows for any message.
std::string sanitize_for_terminal(std::string_view text);

// The number of terminal columns a code point takes: 0 for combining marks and zero-width
// characters, 2 for East Asian Wide/Fullwidth characters and emoji, otherwise 1.
int code_point_width(char32_t code_point);

// The columns sanitize_for_terminal(text) takes in a terminal.
std::size_t display_width(std::string_view text);

// sanitize_for_terminal(text) cut to at most `width` columns, ending with "…" when cut. Cuts
// only between characters with their combining marks, never inside an escape.
std::string truncate_to_width(std::string_view text, std::size_t width);

// A short, safe quotation of file contents for an error message: escaped as
// sanitize_for_terminal does and cut to `max` columns with an ellipsis.
std::string excerpt(std::string_view text, std::size_t max = 40);

// The text with every code point XML 1.0 does not allow (C0 controls other than tab, newline
// and carriage return; U+FFFE, U+FFFF; bytes that are not UTF-8) replaced by U+FFFD, and the
// bidi controls escaped as sanitize_for_terminal does. Not XML-escaped.
std::string xml_safe_text(std::string_view text);

// A CSV field holding text (a name, an id): quoted as RFC 4180 wants and, unless `raw`,
// neutralised as OWASP's CSV-injection advice says: a field beginning with '=', '+', '-', '@',
// tab, carriage return or NUL gets a leading "'" and quotes, so a spreadsheet shows it as text
// instead of running it as a formula. Never use it for numbers.
std::string csv_text_field(std::string_view text, bool raw);

}  // namespace outage
