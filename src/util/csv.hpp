// A small streaming RFC 4180 CSV reader and the quoting rule for writing fields.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace outage {

// Reads records one at a time: quoted fields with embedded commas, quotes ("") and line
// breaks, LF, CRLF or CR line ends, a UTF-8 byte-order mark at the start (UTF-16 is refused). Blank
// lines are skipped. Memory is bounded by the longest record, which may not exceed
// `max_record_bytes`.
class CsvReader {
 public:
  CsvReader(std::istream& in, std::string source, std::size_t max_record_bytes = 1 << 20);

  // Reads the next record into `fields`. Returns false at the end of input. Throws Error
  // (with the file and line) on an unterminated quote, text after a closing quote, a record
  // over the size limit, or a read error.
  bool next(std::vector<std::string>& fields);

  // The line on which the last record returned by next() started (1-based).
  long line() const { return m_record_line; }
  const std::string& source() const { return m_source; }

 private:
  int peek();
  int get();
  // Skips a UTF-8 byte-order mark; throws Error for a UTF-16 one.
  void skip_byte_order_mark();
  // Skips the byte-order mark (first call) and blank lines; returns false at the end of input,
  // else notes the line on which the record starts.
  bool start_record();
  // Appends a quoted field's text (the opening quote is next) to `field`, counting its bytes in
  // `record_bytes`; stops early once they pass the limit.
  void read_quoted_field(std::string& field, std::size_t& record_bytes);
  // Throws the Error for a quote opened on `quote_line` and never closed.
  [[noreturn]] void throw_unterminated_quote(long quote_line) const;
  // Throws the Error for text between a closing quote and the next delimiter.
  [[noreturn]] void throw_text_after_quote() const;
  // Throws the Error for a record over `m_max_record_bytes`.
  [[noreturn]] void throw_record_too_long() const;

  std::istream& m_in;
  std::string m_source;
  std::size_t m_max_record_bytes;
  std::vector<char> m_buffer;
  std::size_t m_position = 0;
  std::size_t m_end = 0;
  long m_line = 1;
  long m_record_line = 0;
  bool m_started = false;
  bool m_after_cr = false;  // the last byte read was CR (so a LF ends the same line)
};

// The field as RFC 4180 wants it: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

// Fields joined with commas, each quoted as needed, ending with "\n".
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace outage
