#include "util/json_stream.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace outage {
namespace {

bool is_space(int c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

JsonArrayStream::JsonArrayStream(std::istream& in, std::string source, std::string member,
                                 std::size_t max_element_bytes, int max_depth)
    : m_in(in),
      m_source(std::move(source)),
      m_member(std::move(member)),
      m_max_element_bytes(max_element_bytes),
      m_max_depth(max_depth),
      m_buffer(1 << 16) {}

int JsonArrayStream::peek() {
  if (m_position == m_end) {
    if (!m_in.good()) return -1;
    m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_end = static_cast<std::size_t>(m_in.gcount());
    m_position = 0;
    if (m_in.bad()) fail(m_line, "could not read the input");
    if (m_end == 0) return -1;
  }
  return static_cast<unsigned char>(m_buffer[m_position]);
}

int JsonArrayStream::get() {
  const int c = peek();
  if (c >= 0) ++m_position;
  if (c == '\n') ++m_line;
  return c;
}

void JsonArrayStream::skip_space() {
  while (is_space(peek())) get();
}

void JsonArrayStream::fail(long line, const std::string& what) const {
  throw Error(Location{m_source, line, 0}, what);
}

void JsonArrayStream::read_string(std::string& text, std::size_t max_bytes, long start_line) {
  text.push_back(static_cast<char>(get()));  // the opening quote
  for (;;) {
    const int c = get();
    if (c < 0) fail(start_line, "truncated JSON: a string starting here is not closed");
    text.push_back(static_cast<char>(c));
    if (c == '"') return;
    if (c == '\\') {
      const int escaped = get();
      if (escaped < 0) fail(start_line, "truncated JSON: a string starting here is not closed");
      text.push_back(static_cast<char>(escaped));
    }
    if (text.size() > max_bytes) break;
  }
  fail(start_line, fmt::format("a JSON string longer than {} bytes", max_bytes));
}

// Reads one value's text (an object, array, string or scalar) without interpreting it; the
// caller parses it. Brackets are only counted, so mismatched ones surface at parse time.
void JsonArrayStream::read_value(std::string& text, std::size_t max_bytes, const char* what) {
  text.clear();
  skip_space();
  const long start_line = m_line;
  const int first = peek();
  if (first < 0) fail(start_line, fmt::format("truncated JSON: expected {}, the input ends", what));
  if (first == '"') return read_string(text, max_bytes, start_line);
  if (first != '{' && first != '[') {
    while (peek() >= 0 && !is_space(peek()) && peek() != ',' && peek() != ']' && peek() != '}') {
      text.push_back(static_cast<char>(get()));
      if (text.size() > 64) fail(start_line, fmt::format("expected {}, got '{}...'", what, text));
    }
    if (text.empty()) {
      fail(start_line, fmt::format("expected {}, got '{}'", what, static_cast<char>(peek())));
    }
    return;
  }
  int depth = 0;
  bool in_string = false;
  for (;;) {
    const int c = get();
    if (c < 0) {
      fail(start_line, fmt::format("truncated JSON: {} starting here is not closed", what));
    }
    text.push_back(static_cast<char>(c));
    if (in_string) {
      if (c == '\\') {
        const int escaped = get();
        if (escaped >= 0) text.push_back(static_cast<char>(escaped));
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > m_max_depth) {
        fail(start_line,
             fmt::format("{} starting here is nested deeper than {} levels", what, m_max_depth));
      }
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return;
    }
    if (text.size() > max_bytes) {
      fail(start_line, fmt::format("{} starting here is larger than {} bytes", what, max_bytes));
    }
  }
}

// In the top-level object: skips members until `member`, then stands at its first element.
// Returns false at the end of the object.
bool JsonArrayStream::find_member() {
  std::string text;
  for (;;) {
    skip_space();
    const long line = m_line;
    const int c = peek();
    if (c == '}') {
      get();
      if (!m_found) fail(line, fmt::format("the JSON object has no \"{}\" array", m_member));
      finish();
      return false;
    }
    if (c < 0) fail(line, "truncated JSON: the top-level object is not closed");
    if (!m_first) {
      if (c != ',') fail(line, "expected ',' or '}' between the members of the top-level object");
      get();
      skip_space();
    }
    m_first = false;
    if (peek() != '"') {
      fail(m_line, peek() < 0 ? "truncated JSON: the top-level object is not closed"
                              : "expected a member name in double quotes");
    }
    read_value(text, 1 << 16, "a member name");
    const auto name = nlohmann::json::parse(text, nullptr, false);
    if (!name.is_string()) fail(line, "invalid member name");
    skip_space();
    if (get() != ':') fail(m_line, "expected ':' after a member name");
    if (name.get<std::string>() == m_member) {
      if (m_found) fail(line, fmt::format("\"{}\" appears twice", m_member));
      m_found = true;
      skip_space();
      if (peek() != '[') fail(m_line, fmt::format("\"{}\" must be an array", m_member));
      get();
      m_first = true;
      m_state = State::in_array;
      return true;
    }
    read_value(text, m_max_element_bytes, "a value");
    if (!nlohmann::json::accept(text)) fail(line, "invalid JSON in a member of the object");
  }
}

void JsonArrayStream::finish() {
  skip_space();
  if (peek() >= 0) fail(m_line, "text after the end of the JSON document");
  m_state = State::done;
}

bool JsonArrayStream::next(std::string& text) {
  for (;;) {
    switch (m_state) {
      case State::start: {
        if (peek() == 0xEF) {  // a UTF-8 byte-order mark
          get();
          if (get() != 0xBB || get() != 0xBF) fail(1, "invalid byte-order mark at the start");
        }
        skip_space();
        const int c = get();
        if (c == '[') {
          m_state = State::in_array;
        } else if (c == '{') {
          m_in_object = true;
          m_state = State::after_array;
        } else {
          fail(m_line, fmt::format("expected a JSON array or an object with \"{}\"", m_member));
        }
        break;
      }
      case State::after_array:
        if (!find_member()) return false;
        break;
      case State::in_array: {
        skip_space();
        const int c = peek();
        if (c == ']') {
          get();
          m_first = false;
          if (m_in_object) {
            m_state = State::after_array;
          } else {
            finish();
          }
          break;
        }
        if (!m_first) {
          if (c < 0) fail(m_line, "truncated JSON: the array is not closed");
          if (c != ',') fail(m_line, "expected ',' or ']' after an array element");
          get();
        }
        m_first = false;
        skip_space();
        m_element_line = m_line;
        read_value(text, m_max_element_bytes, "an array element");
        return true;
      }
      case State::done:
        return false;
    }
  }
}

}  // namespace outage
