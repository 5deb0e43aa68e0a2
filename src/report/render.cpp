#include "report/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr std::size_t kMaxNameWidth = 44;

std::string pad_right(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return text + std::string(width > used ? width - used : 0, ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  const std::size_t used = display_width(text);
  return std::string(width > used ? width - used : 0, ' ') + text;
}

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

// Widths of aligned text columns: the widest cell of each column over all lines.
std::vector<std::size_t> column_widths(const std::vector<std::vector<std::string>>& lines) {
  std::vector<std::size_t> widths;
  for (const auto& cells : lines) {
    if (widths.size() < cells.size()) widths.resize(cells.size(), 0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(cells[c]));
    }
  }
  return widths;
}

// One line of an aligned text table: the first cell left-aligned, the others right-aligned,
// two spaces apart (no line break).
std::string aligned_line(const std::vector<std::string>& cells,
                         const std::vector<std::size_t>& widths) {
  std::string text = pad_right(cells[0], widths[0]);
  for (std::size_t c = 1; c < cells.size(); ++c) text += "  " + pad_left(cells[c], widths[c]);
  return text;
}

// A GitHub Markdown table: the first column left-aligned, the others right-aligned.
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

nlohmann::ordered_json stats_json(const std::optional<LossStats>& stats) {
  if (!stats) return nullptr;
  nlohmann::ordered_json out{{"mean", stats->mean},
                             {"p5", stats->p5},
                             {"p50", stats->p50},
                             {"p95", stats->p95},
                             {"stddev", stats->stddev},
                             {"stderr",
                              {{"mean", stats->mean_stderr},
                               {"p5", stats->p5_stderr},
                               {"p50", stats->p50_stderr},
                               {"p95", stats->p95_stderr}}}};
  for (const auto& [percent, value] : stats->extra_percentiles) {
    out["p" + format_number_raw(percent)] = value;
  }
  return out;
}

}  // namespace

std::string share_bar(double share, int width) {
  static constexpr const char* kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (!(share > 0)) return std::string(static_cast<std::size_t>(width), ' ');
  const auto eighths = static_cast<int>(std::lround(std::min(share, 1.0) * width * 8));
  std::string bar;
  for (int i = 0; i < eighths / 8; ++i) bar += "█";
  bar += kEighths[eighths % 8];
  const int used = eighths / 8 + (eighths % 8 ? 1 : 0);
  return bar + std::string(static_cast<std::size_t>(std::max(0, width - used)), ' ');
}

std::size_t display_width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
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
  std::vector<std::vector<std::string>> lines = {with_label("Segment", headers)};
  for (const auto& row : rows) lines.push_back(with_label(row.label, row.cells));
  lines.push_back(with_label(total_row.label, total_row.cells));
  const std::vector<std::size_t> widths = column_widths(lines);
  const std::string bold = options.color ? "\x1b[1m" : "";
  const std::string dim = options.color ? "\x1b[2m" : "";
  const std::string reset = options.color ? "\x1b[0m" : "";
  const auto line = [&](const std::string& label, const std::vector<std::string>& cells) {
    return aligned_line(with_label(label, cells), widths);
  };
  const auto trimmed = [](std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
  };
  std::size_t rule_width = widths[0];
  for (std::size_t c = 1; c < widths.size(); ++c) rule_width += 2 + widths[c];
  const bool bars = options.bars && estimate.total.net_loss > 0;

  std::string out = bold + estimate.scenario + reset + "\n";
  out += dim + describe_outage(estimate) + reset + "\n\n";
  out +=
      bold + trimmed(line("Segment", headers) + (bars ? "  Share of net loss" : "")) + reset + "\n";
  out += std::string(rule_width, '-') + "\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string text = line(rows[r].label, rows[r].cells);
    if (bars) {
      const double share = estimate.segments[r].net_loss / estimate.total.net_loss;
      text += "  " + share_bar(share, 12) + " " + format_percent(share);
    }
    out += trimmed(text) + "\n";
  }
  out += std::string(rule_width, '-') + "\n";
  out += bold + trimmed(line(total_row.label, total_row.cells)) + reset + "\n";
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

std::string batch_csv_header() {
  return "id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability\n";
}

void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options) {
  const std::string id = csv_field(incident_id);
  const bool raw = options.currency_format == CurrencyFormat::raw;
  const auto money = [&](double value) {
    out.push_back(',');
    if (raw) {
      append_number_raw(out, value);
    } else {
      out += csv_field(format_money_human(value, currency));
    }
  };
  double totals[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < segment_ids.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    out += id;
    out.push_back(',');
    out += segment_ids[i];  // ids are letters, digits, '_' and '-': never quoted
    const double values[4] = {losses.gross[k], losses.net[k], losses.direct[k], losses.indirect[k]};
    for (int c = 0; c < 4; ++c) {
      money(values[c]);
      totals[c] += values[c];
    }
    out.push_back(',');
    append_number_raw(out, losses.peak[k]);
    out.push_back('\n');
  }
  out += id;
  out += ",total";
  for (const double total : totals) money(total);
  out += ",\n";
}

std::string render_series_csv(const std::vector<SeriesPoint>& points,
                              const std::vector<std::string>& segment_ids,
                              std::optional<double> start_unix_seconds) {
  std::string out = "time_utc,hours_since_start";
  for (const auto& id : segment_ids) out += "," + id + "_inoperability";
  for (const auto& id : segment_ids) out += "," + id + "_net_loss";
  out += ",total_net_loss\n";
  for (const auto& point : points) {
    if (start_unix_seconds) out += format_utc_instant(*start_unix_seconds + point.hours * 3600.0);
    out.push_back(',');
    append_number_raw(out, point.hours);
    for (Eigen::Index i = 0; i < point.inoperability.size(); ++i) {
      out.push_back(',');
      append_number_raw(out, point.inoperability[i]);
    }
    for (Eigen::Index i = 0; i < point.cumulative_net_loss.size(); ++i) {
      out.push_back(',');
      append_number_raw(out, point.cumulative_net_loss[i]);
    }
    out.push_back(',');
    append_number_raw(out, point.cumulative_net_loss.sum());
    out.push_back('\n');
  }
  return out;
}

namespace {

std::string sensitivity_csv(const Sensitivity& sensitivity, const RenderOptions& options) {
  const bool sampled = sensitivity.samples > 0;
  std::string out = "input,low_value,high_value,total_at_low,total_at_high,swing";
  out += sampled ? ",rank_correlation_squared\n" : "\n";
  const auto money = [&](double value) {
    return format_money(value, sensitivity.currency, options.currency_format);
  };
  for (const auto& input : sensitivity.inputs) {
    std::vector<std::string> fields = {input.input,
                                       format_number_raw(input.low_value),
                                       format_number_raw(input.high_value),
                                       money(input.total_at_low),
                                       money(input.total_at_high),
                                       money(input.swing)};
    if (sampled) {
      fields.push_back(input.rank_correlation_squared
                           ? format_number_raw(*input.rank_correlation_squared)
                           : std::string());
    }
    out += csv_row(fields);
  }
  return out;
}

std::string sensitivity_json(const Sensitivity& sensitivity) {
  using json = nlohmann::ordered_json;
  json out{{"scenario", sensitivity.scenario},
           {"currency", sensitivity.currency},
           {"central_total_net_loss", sensitivity.central_total},
           {"total_stats", stats_json(sensitivity.total_stats)},
           {"samples", sensitivity.samples},
           {"seed", sensitivity.seed}};
  json inputs = json::array();
  for (const auto& input : sensitivity.inputs) {
    inputs.push_back(json{
        {"input", input.input},
        {"low_value", input.low_value},
        {"high_value", input.high_value},
        {"total_at_low", input.total_at_low},
        {"total_at_high", input.total_at_high},
        {"swing", input.swing},
        {"from_distribution", input.from_distribution},
        {"rank_correlation_squared",
         input.rank_correlation_squared ? json(*input.rank_correlation_squared) : json(nullptr)}});
  }
  out["inputs"] = std::move(inputs);
  return out.dump(2) + "\n";
}

// Rows of the table and Markdown forms: input, low, high, at low, at high, swing[, rho^2].
std::vector<std::vector<std::string>> sensitivity_cells(const Sensitivity& sensitivity,
                                                        const RenderOptions& options) {
  const auto money = [&](double value) {
    return format_money(value, sensitivity.currency, options.currency_format);
  };
  const auto value_text = [](const std::string& key, double value) {
    if (key.find(".revenue") != std::string::npos) return format_money_human(value, "") + "/h";
    if (key.find("duration") != std::string::npos || key.find("recovery") != std::string::npos ||
        key.find(".after") != std::string::npos) {
      return format_duration_hours(value);
    }
    return fmt::format("{:.3g}", value);
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& input : sensitivity.inputs) {
    std::vector<std::string> row = {input.input + (input.from_distribution ? "" : " (+-20%)"),
                                    value_text(input.input, input.low_value),
                                    value_text(input.input, input.high_value),
                                    money(input.total_at_low),
                                    money(input.total_at_high),
                                    money(input.swing)};
    if (sensitivity.samples > 0) {
      row.push_back(input.rank_correlation_squared
                        ? fmt::format("{:.3f}", *input.rank_correlation_squared)
                        : std::string("-"));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string render_sensitivity(const Sensitivity& sensitivity, OutputFormat format,
                               const RenderOptions& options) {
  if (format == OutputFormat::csv) return sensitivity_csv(sensitivity, options);
  if (format == OutputFormat::json) return sensitivity_json(sensitivity);
  std::vector<std::string> headers = {"Input",        "Low (p5)",      "High (p95)",
                                      "Total at low", "Total at high", "Swing"};
  if (sensitivity.samples > 0) headers.push_back("Rank corr^2");
  const auto rows = sensitivity_cells(sensitivity, options);
  const auto money = [&](double value) {
    return format_money(value, sensitivity.currency, options.currency_format);
  };
  // With draws the total is first their mean and p5-p95, then its value at central values.
  const std::string title =
      sensitivity.total_stats
          ? fmt::format(
                "{}: what moves the total net loss (mean {}, p5-p95 {} - {} over {} "
                "draws; {} at central values)",
                sensitivity.scenario, money(sensitivity.total_stats->mean),
                money(sensitivity.total_stats->p5), money(sensitivity.total_stats->p95),
                sensitivity.samples, money(sensitivity.central_total))
          : fmt::format("{}: what moves the total net loss (central {})", sensitivity.scenario,
                        money(sensitivity.central_total));
  if (format == OutputFormat::markdown)
    return "**" + title + "**\n\n" + markdown_table(headers, rows);
  std::vector<std::vector<std::string>> lines = {headers};
  lines.insert(lines.end(), rows.begin(), rows.end());
  const std::vector<std::size_t> widths = column_widths(lines);
  const auto line = [&](const std::vector<std::string>& cells) {
    return aligned_line(cells, widths) + "\n";
  };
  std::size_t rule = 0;
  for (const auto width : widths) rule += width + 2;
  std::string out = title + "\n";
  if (sensitivity.samples > 0) {
    out += fmt::format("rank correlations from {} draws (seed {})\n", sensitivity.samples,
                       sensitivity.seed);
  }
  out += "\n" + line(headers) + std::string(rule - 2, '-') + "\n";
  for (const auto& row : rows) out += line(row);
  if (rows.empty()) out += "(no uncertain inputs: pass --all to swing every input by +-20%)\n";
  return out;
}

std::string render_exceedance_csv(std::vector<double> totals) {
  std::sort(totals.begin(), totals.end());
  std::string out = "net_loss,probability_exceeded\n";
  const auto count = totals.size();
  if (count == 0) return out;
  // 1000 points evenly spaced in probability, plus the extremes: P(loss > x) for x the sorted
  // draw at rank k is (count - 1 - k) / count.
  const std::size_t points = std::min<std::size_t>(count, 1000);
  for (std::size_t p = 0; p < points; ++p) {
    const std::size_t rank = points == 1 ? 0 : p * (count - 1) / (points - 1);
    const double exceeded = static_cast<double>(count - 1 - rank) / static_cast<double>(count);
    out += format_number_raw(totals[rank]) + "," + format_number_raw(exceeded) + "\n";
  }
  return out;
}

std::string render(const Estimate& estimate, OutputFormat format, const RenderOptions& options) {
  switch (format) {
    case OutputFormat::table:
      return render_table(estimate, options);
    case OutputFormat::csv:
      return render_csv(estimate, options);
    case OutputFormat::json:
      return render_json(estimate);
    case OutputFormat::markdown:
      return render_markdown(estimate, options);
  }
  return {};
}

}  // namespace outage
