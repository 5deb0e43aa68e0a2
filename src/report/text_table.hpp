// Aligned plain-text tables (the first column left-aligned, the others right-aligned, two
// spaces apart) and GitHub Markdown tables, as strings.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace outage {

class TextTable {
 public:
  // Adds a row of cells, controls escaped (sanitize_for_terminal); rows may have different
  // numbers of cells.
  void add_row(std::vector<std::string> cells);
  std::size_t rows() const { return m_rows.size(); }
  // The aligned text of row `row` (no line break; the last cell padded to its column).
  std::string line(std::size_t row) const;
  // The width of a full line: every column and the gaps between them.
  std::size_t rule_width() const;

 private:
  std::vector<std::vector<std::string>> m_rows;
  std::vector<std::size_t> m_widths;
};

// A GitHub Markdown table: the first column left-aligned, the others right-aligned. Cells are
// written as given (the caller escapes them).
std::string markdown_table(const std::vector<std::string>& headers,
                           const std::vector<std::vector<std::string>>& rows);

// Text for a Markdown cell or line: controls and line breaks escaped visibly
// (sanitize_for_terminal) and "|" as "\|", so nothing can split a cell or start a heading.
std::string markdown_text(const std::string& text);

}  // namespace outage
