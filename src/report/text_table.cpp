#include "report/text_table.hpp"

#include <algorithm>

#include "util/text_safety.hpp"

namespace outage {
namespace {

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return text + std::string(width > used ? width - used : 0, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return std::string(width > used ? width - used : 0, ' ') + text;
}

}  // namespace

void TextTable::add_row(std::vector<std::string> cells) {
  if (m_widths.size() < cells.size()) m_widths.resize(cells.size(), 0);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    cells[c] = sanitize_for_terminal(cells[c]);  // the width is that of what is shown
    m_widths[c] = std::max(m_widths[c], display_width(cells[c]));
  }
  m_rows.push_back(std::move(cells));
}

std::string TextTable::line(std::size_t row) const {
  const std::vector<std::string>& cells = m_rows.at(row);
  if (cells.empty()) return {};
  std::string text = pad_right(cells[0], m_widths[0]);
  for (std::size_t c = 1; c < cells.size(); ++c) text += "  " + pad_left(cells[c], m_widths[c]);
  return text;
}

std::size_t TextTable::rule_width() const {
  if (m_widths.empty()) return 0;
  std::size_t width = m_widths[0];
  for (std::size_t c = 1; c < m_widths.size(); ++c) width += 2 + m_widths[c];
  return width;
}

std::string markdown_table(const std::vector<std::string>& headers,
                           const std::vector<std::vector<std::string>>& rows) {
  const auto line = [](const std::vector<std::string>& cells) {
    std::string text = "|";
    for (const auto& cell : cells) text += " " + cell + " |";
    return text + "\n";
  };
  std::string out = line(headers) + "|---|";
  for (std::size_t c = 1; c < headers.size(); ++c) out += "---:|";
  out += "\n";
  for (const auto& row : rows) out += line(row);
  return out;
}

std::string markdown_text(const std::string& text) {
  std::string escaped;
  for (const char c : sanitize_for_terminal(text)) {
    if (c == '|') escaped += "\\";
    escaped.push_back(c);
  }
  return escaped;
}

}  // namespace outage
