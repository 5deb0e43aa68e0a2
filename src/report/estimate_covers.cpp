#include "report/estimate_covers.hpp"

#include <fmt/format.h>

#include "report/currency.hpp"
#include "util/text_safety.hpp"

namespace outage {

void add_insured_cells(std::vector<std::string>& cells, const Estimate& estimate, double net,
                       const std::optional<double>& insured,
                       const std::optional<LossStats>& net_stats,
                       const std::optional<LossStats>& insured_stats,
                       const RenderOptions& options) {
  if (estimate.covers.empty()) return;
  const auto money = [&](double value) {
    return format_money(value, estimate.currency, options.currency_format);
  };
  if (estimate.samples > 0 && estimate.total.insured_stats) {
    if (!net_stats || !insured_stats) {
      cells.insert(cells.end(), {"", ""});
      return;
    }
    // The mean of net - insured is the difference of the means.
    cells.push_back(money(insured_stats->mean));
    cells.push_back(money(net_stats->mean - insured_stats->mean));
    return;
  }
  cells.push_back(insured ? money(*insured) : "");
  cells.push_back(insured ? money(net - *insured) : "");
}

std::string describe_covers(const Estimate& estimate, const RenderOptions& options) {
  std::string out;
  for (const auto& cover : estimate.covers) {
    out +=
        fmt::format("Cover '{}': covered loss {}, pays {} (at central values).\n",
                    sanitize_for_terminal(cover.name),
                    format_money(cover.covered_loss, estimate.currency, options.currency_format),
                    format_money(cover.insured_loss, estimate.currency, options.currency_format));
  }
  return out;
}

void add_insured_header(const Estimate& estimate, std::vector<std::string>& header) {
  if (estimate.covers.empty()) return;
  header.emplace_back("insured_loss");
  if (estimate.samples > 0 && estimate.total.insured_stats) {
    for (const char* column : {"insured_loss_mean", "insured_loss_p5", "insured_loss_p95"}) {
      header.emplace_back(column);
    }
  }
}

}  // namespace outage
