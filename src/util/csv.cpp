#include "util/csv.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace outage {

CsvReader::CsvReader(std::istream& in, std::string source, std::size_t max_record_bytes)
    : m_in(in),
      m_source(std::move(source)),
      m_max_record_bytes(max_record_bytes),
      m_buffer(1 << 16) {}

int CsvReader::peek() {
  if (m_position == m_end) {
    if (!m_in.good()) return -1;
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_end = static_cast<std::size_t>(m_in.gcount());
    m_position = 0;
    if (m_in.bad()) throw Error(Location{m_source, m_line, 0}, "could not read the input");
    if (m_end == 0) return -1;
  }
  return static_cast<unsigned char>(m_buffer[m_position]);
}

int CsvReader::get() {
  const int c = peek();
  if (c >= 0) ++m_position;
  // A line ends with LF, CRLF or a lone CR (old Mac files): count CRLF once.
  if (c == '\r' || (c == '\n' && !m_after_cr)) ++m_line;
  m_after_cr = c == '\r';
  return c;
}

void CsvReader::skip_byte_order_mark() {
  const int first = peek();
  if (first == 0xEF) {
    get();
    if (get() != 0xBB || get() != 0xBF) {
      throw Error(Location{m_source, 1, 1}, "invalid byte-order mark at the start of the file");
    }
  } else if (first == 0xFF || first == 0xFE) {
    get();
    const int second = peek();
    if ((first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)) {
      throw Error(Location{m_source, 1, 1},
                  "UTF-16 is not supported: save the file as UTF-8 (CSV UTF-8)");
    }
    throw Error(Location{m_source, 1, 1}, "not a UTF-8 text file (starts with a byte 0xFF/0xFE)");
  }
}

bool CsvReader::start_record() {
  if (!m_started) {
    m_started = true;
    skip_byte_order_mark();
  }
  // Skip blank lines.
  while (peek() == '\n' || peek() == '\r') get();
  if (peek() < 0) return false;
  m_record_line = m_line;
  return true;
}

void CsvReader::read_quoted_field(std::string& field, std::size_t& record_bytes) {
  get();
  const long quote_line = m_line;
  for (;;) {
    const int c = get();
    if (c < 0) throw_unterminated_quote(quote_line);
    if (c == '"') {
      if (peek() == '"') {
        get();
        field.push_back('"');
      } else {
        break;
      }
    } else {
      field.push_back(static_cast<char>(c));
    }
    // Past the limit: the caller says so (not "text after a closing quote" at the next byte).
    if (++record_bytes > m_max_record_bytes) return;
  }
  const int c = peek();
  if (c >= 0 && c != ',' && c != '\n' && c != '\r') throw_text_after_quote();
}

void CsvReader::throw_unterminated_quote(long quote_line) const {
  throw Error(Location{m_source, quote_line, 0},
              "unterminated quoted field: a closing '\"' is missing");
}

void CsvReader::throw_text_after_quote() const {
  throw Error(Location{m_source, m_line, 0},
              "text after a closing quote: quote the whole field, doubling inner quotes");
}

void CsvReader::throw_record_too_long() const {
  throw Error(Location{m_source, m_record_line, 0},
              fmt::format("record longer than {} bytes", m_max_record_bytes));
}

bool CsvReader::next(std::vector<std::string>& fields) {
  if (!start_record()) {
    fields.clear();
    return false;
  }
  std::size_t record_bytes = 0;
  // The strings of the previous record are reused (a million-row log allocated one per long
  // field and row).
  std::size_t count = 0;
  for (;;) {
    if (count == fields.size()) fields.emplace_back();
    std::string& field = fields[count++];
    field.clear();
    int c = peek();
    if (c == '"') {
      read_quoted_field(field, record_bytes);
    } else {
      // The run of ordinary bytes in the buffer, appended at once (no line ends in it), then
      // the next buffer's, until a delimiter or the end of input.
      while (c >= 0) {
        const char* const begin = m_buffer.data() + m_position;
        const char* const end = m_buffer.data() + m_end;
        const char* stop = begin;
        while (stop != end && *stop != ',' && *stop != '\n' && *stop != '\r') ++stop;
        const auto run = static_cast<std::size_t>(stop - begin);
        if (run > m_max_record_bytes - record_bytes) {
          record_bytes = m_max_record_bytes + 1;
          break;
        }
        field.append(begin, run);
        record_bytes += run;
        m_position += run;
        if (run > 0) m_after_cr = false;
        if (stop != end) break;  // a delimiter, left for below
        c = peek();              // the next buffer, or the end
      }
    }
    if (record_bytes > m_max_record_bytes) throw_record_too_long();
    c = get();
    if (c == ',') continue;
    if (c == '\r') {
      if (peek() == '\n') get();
    }
    fields.resize(count);
    return true;  // end of line or of input
  }
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) row.push_back(',');
    row += csv_field(fields[i]);
  }
  row.push_back('\n');
  return row;
}

}  // namespace outage
