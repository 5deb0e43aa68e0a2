// The sensitivity (tornado) renderers: an aligned table, CSV, JSON and Markdown.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_stats.hpp"
#include "report/json_text.hpp"
#include "report/render.hpp"
#include "report/text_table.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

std::string sensitivity_csv(const Sensitivity& sensitivity, const RenderOptions& options) {
  const bool sampled = sensitivity.samples > 0;
  std::string out = "input,low_value,high_value,total_at_low,total_at_high,swing";
  out += sampled ? ",rank_correlation_squared\n" : "\n";
  const auto text = [&](const std::string& value) {
    return csv_text_field(value, options.csv_raw_text);
  };
  const auto money = [&](double value) {
    return options.currency_format == CurrencyFormat::raw
               ? format_number_raw(value)
               : text(format_money_human(value, sensitivity.currency));
  };
  for (const auto& input : sensitivity.inputs) {
    out += text(input.input) + "," + format_number_raw(input.low_value) + "," +
           format_number_raw(input.high_value) + "," + money(input.total_at_low) + "," +
           money(input.total_at_high) + "," + money(input.swing);
    if (sampled) {
      out += ",";
      if (input.rank_correlation_squared) out += format_number_raw(*input.rank_correlation_squared);
    }
    out += "\n";
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
  return json_document(out);
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
  if (format == OutputFormat::markdown) {
    std::vector<std::vector<std::string>> cells = rows;
    for (auto& row : cells) {
      for (auto& cell : row) cell = markdown_text(cell);
    }
    return "**" + markdown_text(title) + "**\n\n" + markdown_table(headers, cells);
  }
  TextTable table;
  table.add_row(headers);
  for (const auto& row : rows) table.add_row(row);
  std::string out = sanitize_for_terminal(title) + "\n";
  if (sensitivity.samples > 0) {
    out += fmt::format("rank correlations from {} draws (seed {})\n", sensitivity.samples,
                       sensitivity.seed);
  }
  out += "\n" + table.line(0) + "\n" + std::string(table.rule_width(), '-') + "\n";
  for (std::size_t r = 1; r < table.rows(); ++r) out += table.line(r) + "\n";
  if (rows.empty()) out += "(no uncertain inputs: pass --all to swing every input by +-20%)\n";
  return out;
}

}  // namespace outage
