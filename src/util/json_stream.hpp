// The elements of one JSON array, one at a time: a bare top-level array, or the array member
// `member` of a top-level object (other members are checked and skipped). Each element comes
// back as its JSON text with the line it starts on, so memory is bounded by the largest
// element, not by the number of elements. Structure errors (truncation, a missing comma,
// text after the end, an element over the size or depth limit) throw Error with file:line.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace outage {

class JsonArrayStream {
 public:
  JsonArrayStream(std::istream& in, std::string source, std::string member,
                  std::size_t max_element_bytes, int max_depth);

  // The next element's text into `text`; false after the array (and the document) ended.
  bool next(std::string& text);
  // The line the last element starts on (1-based).
  long line() const { return m_element_line; }
  const std::string& source() const { return m_source; }

 private:
  enum class State { start, in_array, after_array, done };

  int peek();
  int get();
  void skip_space();
  [[noreturn]] void fail(long line, const std::string& what) const;
  void read_value(std::string& text, std::size_t max_bytes, const char* what);
  void read_string(std::string& text, std::size_t max_bytes, long start_line);
  bool find_member();
  void finish();

  std::istream& m_in;
  std::string m_source;
  std::string m_member;
  std::size_t m_max_element_bytes;
  int m_max_depth;
  std::vector<char> m_buffer;
  std::size_t m_position = 0;
  std::size_t m_end = 0;
  long m_line = 1;
  long m_element_line = 0;
  State m_state = State::start;
  bool m_in_object = false;
  bool m_first = true;  // no element (or member) read yet in the current array (or object)
  bool m_found = false;
};

}  // namespace outage
