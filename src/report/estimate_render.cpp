// The estimate renderers: an aligned table, CSV, JSON and Markdown.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_stats.hpp"
#include "report/render.hpp"
#include "report/text_table.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxNameWidth = 44;

// Cuts a UTF-8 string to `width` code points, ending with an ellipsis when cut.
std::string truncate(const std::string& text, std::size_t width) {
  if (display_width(text) <= width) return text;
  std::string result;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0) != 0x80) {
      if (points == width - 1) break;
      ++points;
    }
    result.push_back(text[i]);
  }
  return result + "…";
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
  if (estimate.samples > 0) {
    return {"Mean net loss", "Net p5-p95", "Net at central", "Gross", "Direct", "Indirect", "Peak"};
  }
  return {"Net loss", "Gross loss", "Direct", "Indirect", "Peak"};
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
  }
  return rows;
}

}  // namespace

nlohmann::ordered_json stats_json(const std::optional<LossStats>& stats) {
  if (!stats) return nullptr;
  nlohmann::ordered_json out{{"mean", stats->mean},
                             {"p5", stats->p5},
                             {"p50", stats->p50},
                             {"p95", stats->p95},
                             {"stddev", stats->stddev}};
  for (const auto& [percent, value] : stats->extra_percentiles) {
    out["p" + format_number_raw(percent)] = value;
  }
  return out;
}

std::string render_table(const Estimate& estimate, const RenderOptions& options) {
  const std::vector<std::string> headers = header_cells(estimate);
  std::vector<Row> rows = body_rows(estimate, options);
  const TotalEstimate& total = estimate.total;
  Row total_row{"Total", money_cells(estimate, total.net_loss, total.gross_loss, total.direct_loss,
                                     total.indirect_loss, total.stats, "", options)};
  for (auto& row : rows) row.label = truncate(row.label, kMaxNameWidth);
  const auto with_label = [](const std::string& label, const std::vector<std::string>& cells) {
    std::vector<std::string> line = {label};
    line.insert(line.end(), cells.begin(), cells.end());
    return line;
  };
  TextTable table;  // the header, the segments, the total
  table.add_row(with_label("Segment", headers));
  for (const auto& row : rows) table.add_row(with_label(row.label, row.cells));
  table.add_row(with_label(total_row.label, total_row.cells));
  const std::string bold = options.color ? "\x1b[1m" : "";
  const std::string dim = options.color ? "\x1b[2m" : "";
  const std::string reset = options.color ? "\x1b[0m" : "";
  const std::string rule = std::string(table.rule_width(), '-') + "\n";
  const bool bars = options.bars && estimate.total.net_loss > 0;

  std::string out = bold + estimate.scenario + reset + "\n";
  out += dim + describe_outage(estimate) + reset + "\n\n";
  out += bold + trimmed(table.line(0) + (bars ? "  Share of net loss" : "")) + reset + "\n" + rule;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string text = table.line(r + 1);
    if (bars) {
      const double share = estimate.segments[r].net_loss / estimate.total.net_loss;
      text += "  " + share_bar(share, 12) + " " + format_percent(share);
    }
    out += trimmed(text) + "\n";
  }
  out += rule + bold + trimmed(table.line(rows.size() + 1)) + reset + "\n";
  out +=
      "\n" + dim +
      "Net = gross minus demand made up later. Direct: the segment's own dependency on the\n"
      "platform; indirect: what spreads to it through links. Peak: largest share of output lost." +
      reset + "\n";
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

std::string render_csv(const Estimate& estimate, const RenderOptions& options) {
  std::vector<std::string> header = {"segment",           "name",        "gross_loss",
                                     "net_loss",          "direct_loss", "indirect_loss",
                                     "peak_inoperability"};
  const bool sampled = estimate.samples > 0;
  std::size_t extra_columns = 0;
  if (sampled) {
    for (const char* column :
         {"net_loss_mean", "net_loss_p5", "net_loss_p50", "net_loss_p95", "net_loss_stddev"}) {
      header.emplace_back(column);
    }
    // Extra percentiles asked for with --percentiles follow the five of cli.md.
    if (estimate.total.stats) {
      for (const auto& [percent, value] : estimate.total.stats->extra_percentiles) {
        header.push_back("net_loss_p" + format_number_raw(percent));
        ++extra_columns;
      }
    }
  }
  const auto money = [&](double value) {
    return format_money(value, estimate.currency, options.currency_format);
  };
  const auto add_stats = [&](std::vector<std::string>& fields,
                             const std::optional<LossStats>& stats) {
    if (!sampled) return;
    if (!stats) {
      fields.insert(fields.end(), 5 + extra_columns, "");
      return;
    }
    for (double value : {stats->mean, stats->p5, stats->p50, stats->p95, stats->stddev}) {
      fields.push_back(money(value));
    }
    for (const auto& [percent, value] : stats->extra_percentiles) fields.push_back(money(value));
  };
  std::string out = csv_row(header);
  for (const auto& segment : estimate.segments) {
    std::vector<std::string> fields = {segment.id,
                                       segment.name,
                                       money(segment.gross_loss),
                                       money(segment.net_loss),
                                       money(segment.direct_loss),
                                       money(segment.indirect_loss),
                                       format_number_raw(segment.peak_inoperability)};
    add_stats(fields, segment.stats);
    out += csv_row(fields);
  }
  const TotalEstimate& total = estimate.total;
  std::vector<std::string> fields = {"total",
                                     "Total",
                                     money(total.gross_loss),
                                     money(total.net_loss),
                                     money(total.direct_loss),
                                     money(total.indirect_loss),
                                     ""};
  add_stats(fields, total.stats);
  out += csv_row(fields);
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
    segments.push_back(std::move(item));
  }
  out["segments"] = std::move(segments);
  json total{{"gross_loss", estimate.total.gross_loss},
             {"net_loss", estimate.total.net_loss},
             {"direct_loss", estimate.total.direct_loss},
             {"indirect_loss", estimate.total.indirect_loss}};
  total["stats"] = stats_json(estimate.total.stats);
  out["total"] = std::move(total);
  out["warnings"] = estimate.warnings;
  return out.dump(2) + "\n";
}

std::string render_markdown(const Estimate& estimate, const RenderOptions& options) {
  const auto escape = [](const std::string& text) {
    std::string escaped;
    for (char c : text) {
      if (c == '|') escaped += "\\";
      escaped.push_back(c);
    }
    return escaped;
  };
  std::vector<std::string> headers = {"Segment"};
  for (const auto& header : header_cells(estimate)) headers.push_back(header);
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : body_rows(estimate, options)) {
    rows.push_back({escape(row.label)});
    rows.back().insert(rows.back().end(), row.cells.begin(), row.cells.end());
  }
  const TotalEstimate& total = estimate.total;
  rows.push_back({"**Total**"});
  for (const auto& cell : money_cells(estimate, total.net_loss, total.gross_loss, total.direct_loss,
                                      total.indirect_loss, total.stats, "", options)) {
    rows.back().push_back(cell.empty() ? cell : "**" + cell + "**");
  }
  return fmt::format("**{}**: {}\n\n", escape(estimate.scenario), describe_outage(estimate)) +
         markdown_table(headers, rows);
}

}  // namespace outage
