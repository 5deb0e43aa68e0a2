// Renderers: an Estimate in, a string out. Only the CLI prints.
#pragma once

#include <string>
#include <vector>

#include "model/estimate.hpp"
#include "model/inoperability.hpp"
#include "model/sensitivity.hpp"
#include "report/currency.hpp"

namespace outage {

enum class OutputFormat { table, csv, json, markdown };

struct RenderOptions {
  CurrencyFormat currency_format = CurrencyFormat::human;
  bool color = false;  // ANSI colour (a terminal without NO_COLOR)
  bool bars = false;   // inline share-of-total bars in the table (same condition)
};

// An aligned text table with a title, a total row and the direct/indirect split.
std::string render_table(const Estimate& estimate, const RenderOptions& options);
// RFC 4180 CSV with the columns of cli.md, one row per segment then `total`.
std::string render_csv(const Estimate& estimate, const RenderOptions& options);
// One JSON object with the keys of cli.md.
std::string render_json(const Estimate& estimate);
// A GitHub-flavoured Markdown table.
std::string render_markdown(const Estimate& estimate, const RenderOptions& options);

std::string render(const Estimate& estimate, OutputFormat format, const RenderOptions& options);

// The loss exceedance curve of sampled total losses: "net_loss,probability_exceeded", at most
// 1000 rows from the smallest to the largest draw.
std::string render_exceedance_csv(std::vector<double> totals);

// The header of `batch` output (cli.md): id,segment,gross_loss,...,peak_inoperability.
std::string batch_csv_header();

// Appends one incident's rows to `out`: one per segment (`segment_ids` as written in the
// scenario) and a `total` row, numbers as `options.currency_format` says.
void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options);

// A time series as CSV: time_utc (empty without a start), hours_since_start, each segment's
// inoperability, each segment's cumulative net loss, and the total cumulative net loss.
std::string render_series_csv(const std::vector<SeriesPoint>& points,
                              const std::vector<std::string>& segment_ids,
                              std::optional<double> start_unix_seconds);

// The tornado as a table, CSV (cli.md's columns, plus rank_correlation_squared with samples),
// JSON or Markdown.
std::string render_sensitivity(const Sensitivity& sensitivity, OutputFormat format,
                               const RenderOptions& options);

// A bar of `width` terminal cells filled to `share` (0-1) with Unicode block characters.
std::string share_bar(double share, int width);

// The number of terminal columns a UTF-8 string takes (one per code point).
std::size_t display_width(const std::string& text);

}  // namespace outage
