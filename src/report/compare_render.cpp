#include "report/compare_render.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/currency.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {
namespace {

// The rows of one segment ("total" too) for one measure, or null.
const ComparisonRow* find_row(const Comparison& comparison, const std::string& segment,
                              const std::string& measure) {
  for (const auto& row : comparison.rows) {
    if (row.segment == segment && row.measure == measure && !row.return_period) return &row;
  }
  return nullptr;
}

std::string describe(const Comparison& comparison) {
  if (comparison.years > 0) {
    return fmt::format("over the same {} simulated years (seed {})", comparison.years,
                       comparison.seed);
  }
  if (comparison.samples > 0) {
    return fmt::format("central values, and {} paired draws (seed {}; common random numbers)",
                       comparison.samples, comparison.seed);
  }
  return "central values";
}

struct Layout {
  std::vector<std::string> headers;
  std::vector<std::string> measures;  // per column group
};

// Per segment: A, B, B - A for each measure shown.
std::vector<std::vector<std::string>> table_rows(const Comparison& comparison,
                                                 const std::vector<std::string>& measures,
                                                 const RenderOptions& options, bool markdown) {
  const auto money = [&](double value) {
    return format_money(value, comparison.currency, options.currency_format);
  };
  std::vector<std::vector<std::string>> rows;
  std::vector<std::pair<std::string, std::string>> segments;
  for (std::size_t i = 0; i < comparison.segment_ids.size(); ++i) {
    segments.emplace_back(comparison.segment_ids[i], comparison.segment_names[i]);
  }
  segments.emplace_back("total", "Total");
  for (const auto& [id, name] : segments) {
    std::vector<std::string> cells = {markdown ? markdown_text(name) : name};
    for (const auto& measure : measures) {
      const ComparisonRow* row = find_row(comparison, id, measure);
      cells.push_back(row ? money(row->a) : "");
      cells.push_back(row ? money(row->b) : "");
      cells.push_back(row ? money(row->difference) : "");
      // The std. error column (draws or years): "-" where there is none (one draw).
      if (row && row->difference_stderr) {
        cells.push_back("± " + money(*row->difference_stderr));
      } else if (comparison.years > 0 || comparison.samples > 0) {
        cells.push_back("-");
      }
    }
    if (comparison.samples > 0) {
      const ComparisonRow* p5 = find_row(comparison, id, "net_loss_p5");
      const ComparisonRow* p95 = find_row(comparison, id, "net_loss_p95");
      cells.push_back(
          p5 && p95 ? fmt::format("{} to {}", money(p5->difference), money(p95->difference)) : "");
    }
    rows.push_back(std::move(cells));
  }
  if (markdown) rows.back()[0] = "**Total**";
  return rows;
}

std::vector<std::string> table_headers(const Comparison& comparison,
                                       std::vector<std::string>& measures) {
  std::vector<std::string> headers = {"Segment"};
  if (comparison.years > 0) {
    measures = {"AAL"};
    headers.insert(headers.end(), {"AAL A", "AAL B", "B - A", "std. error"});
  } else if (comparison.samples > 0) {
    measures = {"net_loss_mean"};
    headers.insert(headers.end(),
                   {"Mean net A", "Mean net B", "Mean B - A", "std. error", "B - A p5 to p95"});
  } else {
    measures = {"net_loss"};
    headers.insert(headers.end(), {"Net loss A", "Net loss B", "B - A"});
  }
  return headers;
}

// The total's AEP and OEP at each return period (--risk).
std::string ep_table(const Comparison& comparison, const RenderOptions& options, bool markdown) {
  const auto money = [&](double value) {
    return format_money(value, comparison.currency, options.currency_format);
  };
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : comparison.rows) {
    if (row.segment != "total" || row.measure != "AEP") continue;
    std::vector<std::string> cells = {format_number_raw(*row.return_period), money(row.a),
                                      money(row.b), money(row.difference)};
    for (const auto& oep : comparison.rows) {
      if (oep.segment == "total" && oep.measure == "OEP" &&
          oep.return_period == row.return_period) {
        cells.insert(cells.end(), {money(oep.a), money(oep.b), money(oep.difference)});
      }
    }
    rows.push_back(std::move(cells));
  }
  const std::vector<std::string> headers = {
      "Return period (years)", "AEP A", "AEP B", "B - A", "OEP A", "OEP B", "B - A"};
  if (rows.empty()) return "";
  if (markdown) return "\n" + markdown_table(headers, rows);
  TextTable table;
  table.add_row(headers);
  for (const auto& row : rows) table.add_row(row);
  std::string out = "\nTotal, by return period:\n";
  for (std::size_t r = 0; r <= rows.size(); ++r) out += table.line(r) + "\n";
  return out;
}

std::string render_table(const Comparison& comparison, const RenderOptions& options) {
  std::vector<std::string> measures;
  const std::vector<std::string> headers = table_headers(comparison, measures);
  const auto rows = table_rows(comparison, measures, options, false);
  TextTable table;
  table.add_row(headers);
  for (const auto& row : rows) table.add_row(row);
  const std::string rule = std::string(table.rule_width(), '-') + "\n";
  std::string out = fmt::format("A: {}\nB: {}\nB - A per segment and in total, {}\n\n",
                                sanitize_for_terminal(comparison.a),
                                sanitize_for_terminal(comparison.b), describe(comparison));
  out += table.line(0) + "\n" + rule;
  for (std::size_t r = 1; r < rows.size(); ++r) out += table.line(r) + "\n";
  out += rule + table.line(rows.size()) + "\n";
  if (comparison.samples > 0 && comparison.years == 0) {
    out +=
        "\nMean B - A, its standard error and p5 to p95 are statistics of the draw-by-draw "
        "differences;\na negative difference is a saving.\n";
  }
  return out + ep_table(comparison, options, false);
}

std::string render_csv(const Comparison& comparison, const RenderOptions& options) {
  const auto number = [&](double value) {
    return options.currency_format == CurrencyFormat::raw
               ? format_number_raw(value)
               : csv_text_field(format_money_human(value, comparison.currency),
                                options.csv_raw_text);
  };
  std::string out = "segment,measure,return_period,a,b,difference\n";
  for (const auto& row : comparison.rows) {
    out += csv_text_field(row.segment, options.csv_raw_text) + "," + row.measure + "," +
           (row.return_period ? format_number_raw(*row.return_period) : "") + "," + number(row.a) +
           "," + number(row.b) + "," + number(row.difference) + "\n";
  }
  return out;
}

std::string render_json(const Comparison& comparison) {
  using json = nlohmann::ordered_json;
  json rows = json::array();
  for (const auto& row : comparison.rows) {
    rows.push_back(
        {{"segment", row.segment},
         {"measure", row.measure},
         {"return_period", row.return_period ? json(*row.return_period) : json()},
         {"a", row.a},
         {"b", row.b},
         {"difference", row.difference},
         {"difference_stderr", row.difference_stderr ? json(*row.difference_stderr) : json()}});
  }
  json out{{"a", comparison.a},
           {"b", comparison.b},
           {"currency", comparison.currency},
           {"samples", comparison.samples},
           {"years", comparison.years},
           {"seed", comparison.seed},
           {"rows", std::move(rows)},
           {"warnings", comparison.warnings}};
  return json_document(out);
}

std::string render_markdown(const Comparison& comparison, const RenderOptions& options) {
  std::vector<std::string> measures;
  const std::vector<std::string> headers = table_headers(comparison, measures);
  std::string out =
      fmt::format("**{}** (A) and **{}** (B): B - A, {}\n\n", markdown_text(comparison.a),
                  markdown_text(comparison.b), describe(comparison));
  out += markdown_table(headers, table_rows(comparison, measures, options, true));
  return out + ep_table(comparison, options, true);
}

}  // namespace

std::string render_comparison(const Comparison& comparison, OutputFormat format,
                              const RenderOptions& options) {
  switch (format) {
    case OutputFormat::csv:
      return render_csv(comparison, options);
    case OutputFormat::json:
      return render_json(comparison);
    case OutputFormat::markdown:
      return render_markdown(comparison, options);
    default:
      return render_table(comparison, options);
  }
}

}  // namespace outage
