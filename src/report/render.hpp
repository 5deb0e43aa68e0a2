// Renderers: an Estimate in, a string out. Only the CLI prints.
#pragma once

#include <string>
#include <vector>

#include "model/analyses/sensitivity.hpp"
#include "model/estimate/estimate.hpp"
#include "model/iim/inoperability.hpp"
#include "model/scenario/rollup.hpp"
#include "report/currency.hpp"
#include "util/text_safety.hpp"  // display_width, sanitize_for_terminal

namespace outage {

enum class OutputFormat { table, csv, json, markdown };

struct RenderOptions {
  CurrencyFormat currency_format = CurrencyFormat::human;
  bool color = false;  // ANSI colour (a terminal without NO_COLOR)
  bool bars = false;   // inline share-of-total bars in the table (same condition)
  // CSV text cells (names, ids, inputs) exactly as written, without the leading "'" that
  // keeps a spreadsheet from running a cell beginning with =, +, -, @, tab or CR (--csv-raw).
  bool csv_raw_text = false;
  // The terminal's width in columns for the table (0: names get at most 44 columns).
  std::size_t width = 0;
};

// An aligned text table with a title, a total row and the direct/indirect split. Names and
// the title are shown with controls escaped (sanitize_for_terminal), names cut to fit
// options.width.
std::string render_table(const Estimate& estimate, const RenderOptions& options);
// RFC 4180 CSV with the columns of docs/cli.md, one row per segment then `total`. Text cells
// (ids, names, human amounts) are neutralised against formula injection unless
// options.csv_raw_text; numbers never are.
std::string render_csv(const Estimate& estimate, const RenderOptions& options);
// One JSON object with the keys of docs/cli.md.
std::string render_json(const Estimate& estimate);
// A GitHub-flavoured Markdown table; text escaped so that no newline or "|" breaks it.
std::string render_markdown(const Estimate& estimate, const RenderOptions& options);

std::string render(const Estimate& estimate, OutputFormat format, const RenderOptions& options);

// The loss exceedance curve of sampled total losses: "net_loss,probability_exceeded", at most
// 1000 rows from the smallest to the largest draw.
std::string render_exceedance_csv(std::vector<double> totals);
// The share of `sorted` (ascending) strictly greater than `value`: P(loss > value).
double share_exceeding(const std::vector<double>& sorted, double value);

// The header of `batch` output (docs/cli.md): id,segment,gross_loss,...,peak_inoperability.
// With covers, an insured_loss column follows every other (docs/risk.md).
std::string batch_csv_header(bool insured = false);

// Appends one incident's rows to `out`: one per segment (`segment_ids` as written in the
// scenario), a `total` row of the market segments and, when there are welfare segments, a
// `welfare_total` row; numbers as `options.currency_format` says; value_added_loss after the
// peak (empty where no share is given), then, with covers, insured_loss.
void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options,
                       const Rollup& rollup, const Vector* insured = nullptr);

// A time series as CSV: time_utc (empty without a start), hours_since_start, each segment's
// inoperability, each segment's cumulative net loss, and the total cumulative net loss (of
// the segments not marked in `welfare`: a welfare segment is never summed with output).
std::string render_series_csv(const std::vector<SeriesPoint>& points,
                              const std::vector<std::string>& segment_ids,
                              std::optional<double> start_unix_seconds,
                              const RenderOptions& options = {},
                              const std::vector<char>& welfare = {});

// The tornado as a table, CSV (docs/cli.md's columns, plus rank_correlation_squared with samples),
// JSON or Markdown.
std::string render_sensitivity(const Sensitivity& sensitivity, OutputFormat format,
                               const RenderOptions& options);

// A bar of `width` terminal cells filled to `share` (0-1) with Unicode block characters.
std::string share_bar(double share, int width);

}  // namespace outage
