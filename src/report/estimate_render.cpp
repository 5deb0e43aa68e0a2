// The estimate renderers: an aligned table, CSV, JSON and Markdown.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/estimate_covers.hpp"
#include "report/estimate_economics.hpp"
#include "report/json_stats.hpp"
#include "report/json_text.hpp"
#include "report/render.hpp"
#include "report/text_table.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxNameWidth = 44;                   // without a terminal width
constexpr std::size_t kMinNameWidth = 12;                   // however narrow the terminal
constexpr std::size_t kShareColumnsWidth = 2 + 12 + 1 + 6;  // "  ", the bar, " 100.0%"

// The columns segment names may take: what the terminal width leaves beside the amounts
// (`cells`: the header and every row without their names), or 44 without a width.
std::size_t name_width(const std::vector<std::vector<std::string>>& cells,
                       const RenderOptions& options) {
  if (options.width == 0) return kMaxNameWidth;
  TextTable amounts;
  for (const auto& row : cells) amounts.add_row(row);
  const std::size_t used =
      amounts.rule_width() + 2 + (options.bars ? kShareColumnsWidth : std::size_t{0});
  return options.width > used + kMinNameWidth ? options.width - used : kMinNameWidth;
}

std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::string describe_outage(const Estimate& estimate) {
  std::string text = fmt::format("{} model, {} outage", model_kind_name(estimate.model),
                                 format_duration_hours(estimate.duration_hours));
  if (estimate.start_unix_seconds) {
    text += " from " + format_utc_instant(*estimate.start_unix_seconds);
  }
  text += fmt::format(", severity {}", format_percent(estimate.severity));
  if (estimate.samples > 0) {
    text += fmt::format(", {} draws (seed {})", estimate.samples, estimate.seed);
  }
  return text;
}

struct Row {
  std::string label;
  std::vector<std::string> cells;
};

// With draws the table leads with their mean and p5-p95; the other columns are at the inputs'
// central values, the net one labelled so.
std::vector<std::string> header_cells(const Estimate& estimate) {
  std::vector<std::string> cells =
      estimate.samples > 0
          ? std::vector<std::string>{"Mean net loss", "Net p5-p95", "Net at central",
                                     "Gross",         "Direct",     "Indirect",
                                     "Peak"}
          : std::vector<std::string>{"Net loss", "Gross loss", "Direct", "Indirect", "Peak"};
  add_value_added_header_cell(estimate, cells);
  if (!estimate.covers.empty()) {
    const bool drawn = estimate.samples > 0 && estimate.total.insured_stats;
    cells.emplace_back(drawn ? "Mean insured" : "Insured");
    cells.emplace_back(drawn ? "Mean retained" : "Retained");
  }
  return cells;
}

std::vector<std::string> money_cells(const Estimate& estimate, double net, double gross,
                                     double direct, double indirect,
                                     const std::optional<LossStats>& stats, const std::string& peak,
                                     const RenderOptions& options) {
  const auto money = [&](double value) {
    return format_money(value, estimate.currency, options.currency_format);
  };
  std::vector<std::string> cells = {money(net), money(gross), money(direct), money(indirect), peak};
  if (estimate.samples > 0) {
    cells.insert(cells.begin(),
                 {stats ? money(stats->mean) : "",
                  stats ? fmt::format("{} - {}", money(stats->p5), money(stats->p95)) : ""});
  }
  return cells;
}

std::vector<Row> body_rows(const Estimate& estimate, const RenderOptions& options) {
  std::vector<Row> rows;
  for (const auto& segment : estimate.segments) {
    std::string peak = format_percent(segment.peak_inoperability);
    if (segment.saturated) peak += "!";
    rows.push_back({segment.name,
                    money_cells(estimate, segment.net_loss, segment.gross_loss, segment.direct_loss,
                                segment.indirect_loss, segment.stats, peak, options)});
    add_value_added_cell(rows.back().cells, estimate, segment.value_added_loss,
                         segment.value_added_loss_mean, options);
    add_insured_cells(rows.back().cells, estimate, segment.net_loss, segment.insured_loss,
                      segment.stats, segment.insured_stats, options);
  }
  return rows;
}

Row total_row_of(const Estimate& estimate, const TotalEstimate& total, std::string label,
                 const RenderOptions& options) {
  Row row{std::move(label),
          money_cells(estimate, total.net_loss, total.gross_loss, total.direct_loss,
                      total.indirect_loss, total.stats, "", options)};
  add_value_added_cell(row.cells, estimate, total.value_added_loss, total.value_added_loss_mean,
                       options);
  add_insured_cells(row.cells, estimate, total.net_loss, total.insured_loss, total.stats,
                    total.insured_stats, options);
  return row;
}

// The market total, then the welfare segments' total when there are any.
std::vector<Row> total_rows(const Estimate& estimate, const RenderOptions& options) {
  std::vector<Row> rows = {total_row_of(estimate, estimate.total, total_label(estimate), options)};
  if (estimate.welfare_total) {
    rows.push_back(total_row_of(estimate, *estimate.welfare_total, kWelfareTotalLabel, options));
  }
  return rows;
}

}  // namespace

nlohmann::ordered_json stats_json(const std::optional<LossStats>& stats) {
  if (!stats) return nullptr;
  nlohmann::ordered_json out{{"mean", stats->mean}, {"p5", stats->p5},         {"p50", stats->p50},
                             {"p95", stats->p95},   {"stddev", stats->stddev}, {"stderr", nullptr}};
  // One draw has no standard error: null rather than a zero that claims exactness.
  if (stats->count != 1) {
    out["stderr"] = {{"mean", stats->mean_stderr},
                     {"p5", stats->p5_stderr},
                     {"p50", stats->p50_stderr},
                     {"p95", stats->p95_stderr}};
  }
  for (const auto& [percent, value] : stats->extra_percentiles) {
    out["p" + format_number_raw(percent)] = value;
  }
  return out;
}

std::string render_table(const Estimate& estimate, const RenderOptions& options) {
  const std::vector<std::string> headers = header_cells(estimate);
  std::vector<Row> rows = body_rows(estimate, options);
  const std::vector<Row> totals = total_rows(estimate, options);
  std::vector<std::vector<std::string>> amounts = {headers};
  for (const auto& row : totals) amounts.push_back(row.cells);
  for (const auto& row : rows) amounts.push_back(row.cells);
  const std::size_t names = name_width(amounts, options);
  for (auto& row : rows) row.label = truncate_to_width(row.label, names);
  const auto with_label = [](const std::string& label, const std::vector<std::string>& cells) {
    std::vector<std::string> line = {label};
    line.insert(line.end(), cells.begin(), cells.end());
    return line;
  };
  TextTable table;  // the header, the segments, the total
  table.add_row(with_label("Segment", headers));
  for (const auto& row : rows) table.add_row(with_label(row.label, row.cells));
  for (const auto& row : totals) table.add_row(with_label(row.label, row.cells));
  const std::string bold = options.color ? "\x1b[1m" : "";
  const std::string dim = options.color ? "\x1b[2m" : "";
  const std::string reset = options.color ? "\x1b[0m" : "";
  const std::string rule = std::string(table.rule_width(), '-') + "\n";
  const bool bars = options.bars && estimate.total.net_loss > 0;

  std::string out = bold + sanitize_for_terminal(estimate.scenario) + reset + "\n";
  out += dim + describe_outage(estimate) + reset + "\n\n";
  out += bold + trimmed(table.line(0) + (bars ? "  Share of net loss" : "")) + reset + "\n" + rule;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string text = table.line(r + 1);
    if (bars && estimate.segments[r].kind == SegmentKind::market) {
      const double share = estimate.segments[r].net_loss / estimate.total.net_loss;
      text += "  " + share_bar(share, 12) + " " + format_percent(share);
    }
    out += trimmed(text) + "\n";
  }
  out += rule;
  for (std::size_t t = 0; t < totals.size(); ++t) {
    out += bold + trimmed(table.line(rows.size() + 1 + t)) + reset + "\n";
  }
  out +=
      "\n" + dim +
      "Net = gross minus demand made up later. Direct: the segment's own dependency on the\n"
      "platform; indirect: what spreads to it through links. Peak: largest share of output lost." +
      reset + "\n";
  if (!estimate.covers.empty()) {
    out += dim + "Insured: what the covers pay; retained: net loss minus that.\n" +
           describe_covers(estimate, options) + reset;
  }
  out += dim + economics_notes(estimate) + reset;
  if (estimate.samples > 0) {
    out += dim +
           fmt::format(
               "Mean and p5-p95 over {} draws of the uncertain inputs; the other columns "
               "at their central values.",
               estimate.samples) +
           reset + "\n";
  }
  return out;
}

std::vector<std::string> csv_header(const Estimate& estimate) {
  std::vector<std::string> header = {"segment",           "name",        "gross_loss",
                                     "net_loss",          "direct_loss", "indirect_loss",
                                     "peak_inoperability"};
  if (estimate.samples == 0) {
    add_value_added_csv_header(estimate, header);
    add_insured_header(estimate, header);
    return header;
  }
  for (const char* column :
       {"net_loss_mean", "net_loss_p5", "net_loss_p50", "net_loss_p95", "net_loss_stddev"}) {
    header.emplace_back(column);
  }
  // Extra percentiles asked for with --percentiles follow the five of docs/cli.md.
  if (estimate.total.stats) {
    for (const auto& [percent, value] : estimate.total.stats->extra_percentiles) {
      header.push_back("net_loss_p" + format_number_raw(percent));
    }
  }
  add_value_added_csv_header(estimate, header);
  add_insured_header(estimate, header);
  return header;
}

std::string render_csv(const Estimate& estimate, const RenderOptions& options) {
  const std::vector<std::string> header = csv_header(estimate);
  // Fields are written ready for the row: text neutralised (csv_text_field), numbers as they
  // are (a negative number stays a number).
  const auto text = [&](const std::string& value) {
    return csv_text_field(value, options.csv_raw_text);
  };
  const auto money = [&](double value) {
    return options.currency_format == CurrencyFormat::raw
               ? format_number_raw(value)
               : text(format_money_human(value, estimate.currency));
  };
  const bool drawn_insured = estimate.samples > 0 && estimate.total.insured_stats;
  const auto row = [&](std::vector<std::string> fields, const std::optional<LossStats>& stats,
                       const std::optional<double>& insured,
                       const std::optional<LossStats>& insured_stats, const ValueAdded& added) {
    if (estimate.samples > 0) {
      std::vector<std::string> drawn(5 + estimate.total.stats->extra_percentiles.size());
      if (stats) {
        drawn.clear();
        for (double value : {stats->mean, stats->p5, stats->p50, stats->p95, stats->stddev}) {
          drawn.push_back(money(value));
        }
        for (const auto& [percent, value] : stats->extra_percentiles) drawn.push_back(money(value));
      }
      fields.insert(fields.end(), drawn.begin(), drawn.end());
    }
    add_value_added_csv_fields(fields, estimate, added, money);
    if (!estimate.covers.empty()) fields.push_back(insured ? money(*insured) : "");
    if (drawn_insured) {
      for (const double* value : {insured_stats ? &insured_stats->mean : nullptr,
                                  insured_stats ? &insured_stats->p5 : nullptr,
                                  insured_stats ? &insured_stats->p95 : nullptr}) {
        fields.push_back(value ? money(*value) : "");
      }
    }
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i == 0 ? "" : ",") + fields[i];
    return line + "\n";
  };
  std::string out = csv_row(header);
  for (const auto& segment : estimate.segments) {
    out += row({text(segment.id), text(segment.name), money(segment.gross_loss),
                money(segment.net_loss), money(segment.direct_loss), money(segment.indirect_loss),
                format_number_raw(segment.peak_inoperability)},
               segment.stats, segment.insured_loss, segment.insured_stats,
               {segment.value_added_loss, segment.value_added_loss_mean});
  }
  const auto add_total = [&](const char* id, const std::string& name, const TotalEstimate& total) {
    out += row({id, text(name), money(total.gross_loss), money(total.net_loss),
                money(total.direct_loss), money(total.indirect_loss), ""},
               total.stats, total.insured_loss, total.insured_stats,
               {total.value_added_loss, total.value_added_loss_mean});
  };
  add_total("total", total_label(estimate), estimate.total);
  if (estimate.welfare_total)
    add_total("welfare_total", kWelfareTotalLabel, *estimate.welfare_total);
  return out;
}

std::string render_json(const Estimate& estimate) {
  using json = nlohmann::ordered_json;
  json out;
  out["scenario"] = estimate.scenario;
  out["currency"] = estimate.currency;
  out["model"] = model_kind_name(estimate.model);
  out["samples"] = estimate.samples;
  out["seed"] = estimate.seed;
  out["outage"] = json{
      {"start", estimate.start_unix_seconds ? json(format_utc_instant(*estimate.start_unix_seconds))
                                            : json(nullptr)},
      {"duration_hours", estimate.duration_hours},
      {"severity", estimate.severity}};
  json segments = json::array();
  for (const auto& segment : estimate.segments) {
    json item{{"id", segment.id},
              {"name", segment.name},
              {"gross_loss", segment.gross_loss},
              {"net_loss", segment.net_loss},
              {"direct_loss", segment.direct_loss},
              {"indirect_loss", segment.indirect_loss},
              {"peak_inoperability", segment.peak_inoperability},
              {"saturated", segment.saturated}};
    item["stats"] = stats_json(segment.stats);
    if (segment.insured_loss) {
      item["insured_loss"] = *segment.insured_loss;
      item["insured_stats"] = stats_json(segment.insured_stats);
    }
    item["kind"] = segment_kind_name(segment.kind);
    add_value_added_json(item, estimate, segment.value_added_loss, segment.value_added_loss_mean);
    segments.push_back(std::move(item));
  }
  out["segments"] = std::move(segments);
  out["total"] = total_json(estimate, estimate.total);
  if (!estimate.covers.empty()) {
    json covers = json::array();
    for (const auto& cover : estimate.covers) {
      covers.push_back({{"name", cover.name},
                        {"covered_loss", cover.covered_loss},
                        {"insured_loss", cover.insured_loss}});
    }
    out["covers"] = std::move(covers);
  }
  out["warnings"] = estimate.warnings;
  // The welfare segments' sum, never in "total" (null when the scenario has none).
  out["welfare_total"] =
      estimate.welfare_total ? total_json(estimate, *estimate.welfare_total) : json(nullptr);
  return json_document(out);
}

std::string render_markdown(const Estimate& estimate, const RenderOptions& options) {
  std::vector<std::string> headers = {"Segment"};
  for (const auto& header : header_cells(estimate)) headers.push_back(header);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : body_rows(estimate, options)) {
    rows.push_back({markdown_text(row.label)});
    for (const auto& cell : row.cells) rows.back().push_back(markdown_text(cell));
  }
  for (const auto& total : total_rows(estimate, options)) {
    rows.push_back({"**" + markdown_text(total.label) + "**"});
    for (const auto& cell : total.cells) {
      rows.back().push_back(cell.empty() ? cell : "**" + markdown_text(cell) + "**");
    }
  }
  return fmt::format("**{}**: {}\n\n", markdown_text(estimate.scenario),
                     describe_outage(estimate)) +
         markdown_table(headers, rows) + markdown_economics_notes(estimate);
}

}  // namespace outage
