#include "report/estimate_economics.hpp"

#include "report/json_stats.hpp"

namespace outage {

bool has_value_added(const Estimate& estimate) {
  for (const auto& segment : estimate.segments) {
    if (segment.value_added_loss) return true;
  }
  return false;
}

std::string total_label(const Estimate& estimate) {
  return estimate.welfare_total ? "Total (market output)" : "Total";
}

void add_value_added_header_cell(const Estimate& estimate, std::vector<std::string>& cells) {
  if (has_value_added(estimate)) {
    cells.emplace_back(estimate.samples > 0 ? "Mean VA" : "Value added");
  }
}

void add_value_added_cell(std::vector<std::string>& cells, const Estimate& estimate,
                          const std::optional<double>& central, const std::optional<double>& mean,
                          const RenderOptions& options) {
  if (!has_value_added(estimate)) return;
  const std::optional<double>& value = estimate.samples > 0 ? mean : central;
  cells.push_back(value ? format_money(*value, estimate.currency, options.currency_format) : "");
}

void add_value_added_csv_header(const Estimate& estimate, std::vector<std::string>& header) {
  header.emplace_back("value_added_loss");
  if (estimate.samples > 0) header.emplace_back("value_added_loss_mean");
}

void add_value_added_json(nlohmann::ordered_json& item, const Estimate& estimate,
                          const std::optional<double>& value, const std::optional<double>& mean) {
  using json = nlohmann::ordered_json;
  item["value_added_loss"] = value ? json(*value) : json(nullptr);
  if (estimate.samples > 0) item["value_added_loss_mean"] = mean ? json(*mean) : json(nullptr);
}

nlohmann::ordered_json total_json(const Estimate& estimate, const TotalEstimate& total) {
  nlohmann::ordered_json out{{"gross_loss", total.gross_loss},
                             {"net_loss", total.net_loss},
                             {"direct_loss", total.direct_loss},
                             {"indirect_loss", total.indirect_loss}};
  out["stats"] = stats_json(total.stats);
  if (total.insured_loss) {
    out["insured_loss"] = *total.insured_loss;
    out["insured_stats"] = stats_json(total.insured_stats);
  }
  add_value_added_json(out, estimate, total.value_added_loss, total.value_added_loss_mean);
  return out;
}

std::string economics_notes(const Estimate& estimate) {
  std::string out;
  if (has_value_added(estimate)) {
    out +=
        "Value added (VA): the segment's value-added share x its net loss (empty: no share "
        "given);\nthe total sums the segments that give one.\n";
  }
  if (estimate.welfare_total) {
    out +=
        "Welfare segments (value lost by users, not sales) are left out of the market total\n"
        "and summed in the welfare total.\n";
  }
  return out;
}

std::string markdown_economics_notes(const Estimate& estimate) {
  std::string text = economics_notes(estimate);
  if (text.empty()) return text;
  for (char& c : text) c = c == '\n' ? ' ' : c;
  text.back() = '\n';
  return "\n" + text;
}

}  // namespace outage
