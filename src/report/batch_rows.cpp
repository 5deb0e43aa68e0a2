// The rows of `batch` output: one per segment and a total per incident.
#include "report/render.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

std::string batch_csv_header(bool insured) {
  return std::string(
             "id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability") +
         (insured ? ",insured_loss\n" : "\n");
}

void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options,
                       const Vector* insured) {
  const std::string id = csv_text_field(incident_id, options.csv_raw_text);
  const bool raw = options.currency_format == CurrencyFormat::raw;
  const auto money = [&](double value) {
    out.push_back(',');
    if (raw) {
      append_number_raw(out, value);
    } else {
      out += csv_text_field(format_money_human(value, currency), options.csv_raw_text);
    }
  };
  double totals[4] = {0, 0, 0, 0};
  for (std::size_t i = 0; i < segment_ids.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    out += id;
    out.push_back(',');
    // Ids are letters, digits, '_' and '-': quoted only when one starts with '-'.
    if (segment_ids[i].empty() || segment_ids[i][0] != '-') {
      out += segment_ids[i];
    } else {
      out += csv_text_field(segment_ids[i], options.csv_raw_text);
    }
    const double values[4] = {losses.gross[k], losses.net[k], losses.direct[k], losses.indirect[k]};
    for (int c = 0; c < 4; ++c) {
      money(values[c]);
      totals[c] += values[c];
    }
    out.push_back(',');
    append_number_raw(out, losses.peak[k]);
    if (insured) money((*insured)[k]);
    out.push_back('\n');
  }
  out += id;
  out += ",total";
  for (const double total : totals) money(total);
  out.push_back(',');
  if (insured) money(insured->sum());
  out.push_back('\n');
}

}  // namespace outage
