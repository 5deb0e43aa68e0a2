#include "report/stderr_table.hpp"

#include <fmt/format.h>

#include <cmath>

#include "report/currency.hpp"
#include "report/text_table.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

std::vector<std::string> stderr_cells(const std::string& label,
                                      const std::optional<LossStats>& stats,
                                      const std::string& currency, const RenderOptions& options) {
  std::vector<std::string> cells = {label};
  if (!stats) return cells;
  for (const auto& [value, error] : {std::pair{stats->mean, stats->mean_stderr},
                                     {stats->p5, stats->p5_stderr},
                                     {stats->p50, stats->p50_stderr},
                                     {stats->p95, stats->p95_stderr}}) {
    std::string cell = "±" + format_money(error, currency, options.currency_format);
    if (value != 0) cell += fmt::format(" ({:.2f}%)", 100.0 * std::fabs(error / value));
    cells.push_back(cell);
  }
  return cells;
}

}  // namespace

std::string render_stderr_table(const Estimate& estimate, const RenderOptions& options,
                                bool markdown) {
  if (estimate.samples <= 0) return "";
  const std::vector<std::string> headers = {"Segment", "Mean", "p5", "p50", "p95"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& segment : estimate.segments) {
    rows.push_back(
        stderr_cells(markdown ? markdown_text(segment.name) : truncate_to_width(segment.name, 44),
                     segment.stats, estimate.currency, options));
  }
  rows.push_back(stderr_cells("Total", estimate.total.stats, estimate.currency, options));
  const std::string title = fmt::format(
      "Monte Carlo standard errors over {} draws (sampling alone; they fall as 1/sqrt(draws)):",
      estimate.samples);
  if (markdown) return "\n" + title + "\n\n" + markdown_table(headers, rows);
  TextTable table;
  table.add_row(headers);
  for (auto& row : rows) table.add_row(row);
  const auto trimmed = [](std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out =
      "\n" + title + "\n" + trimmed(table.line(0)) + std::string(table.rule_width(), '-') + "\n";
  for (std::size_t r = 1; r < table.rows(); ++r) out += trimmed(table.line(r));
  return out;
}

}  // namespace outage
