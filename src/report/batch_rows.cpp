// The rows of `batch` output: one per segment, a total per incident (the market segments) and,
// when the scenario has welfare segments, their own total.
#include <cmath>

#include "report/render.hpp"
#include "util/csv.hpp"
#include "util/parse.hpp"
#include "util/text_safety.hpp"

namespace outage {

std::string batch_csv_header(bool insured) {
  return std::string(
             "id,segment,gross_loss,net_loss,direct_loss,indirect_loss,peak_inoperability,"
             "value_added_loss") +
         (insured ? ",insured_loss\n" : "\n");
}

BatchSegments batch_segments(const Scenario& scenario) {
  BatchSegments segments;
  for (const auto& segment : scenario.segments) {
    segments.value_added_share.push_back(
        segment.value_added_share ? segment.value_added_share->central() : NAN);
    const bool welfare = segment.kind == SegmentKind::welfare;
    segments.welfare.push_back(welfare ? 1 : 0);
    segments.any_welfare |= welfare;
  }
  return segments;
}

namespace {

// The sums of one total row: gross, net, direct, indirect; value added (NaN: no share given);
// insured.
struct BatchTotal {
  double values[4] = {0, 0, 0, 0};
  double value_added = NAN;
  double insured = 0;
};

}  // namespace

void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options,
                       const BatchSegments& economics, const Vector* insured) {
  const std::string id = csv_text_field(incident_id, options.csv_raw_text);
  const bool raw = options.currency_format == CurrencyFormat::raw;
  const auto money = [&](double value) {
    out.push_back(',');
    if (std::isnan(value)) return;  // an empty cell: no value-added share
    if (raw) {
      append_number_raw(out, value);
    } else {
      out += csv_text_field(format_money_human(value, currency), options.csv_raw_text);
    }
  };
  BatchTotal totals[2];  // market, welfare
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
    BatchTotal& total = totals[economics.welfare[i] ? 1 : 0];
    const double values[4] = {losses.gross[k], losses.net[k], losses.direct[k], losses.indirect[k]};
    for (int c = 0; c < 4; ++c) {
      money(values[c]);
      total.values[c] += values[c];
    }
    out.push_back(',');
    append_number_raw(out, losses.peak[k]);
    const double value_added = economics.value_added_share[i] * losses.net[k];
    money(value_added);
    if (!std::isnan(value_added)) {
      total.value_added = (std::isnan(total.value_added) ? 0.0 : total.value_added) + value_added;
    }
    if (insured) {
      money((*insured)[k]);
      total.insured += (*insured)[k];
    }
    out.push_back('\n');
  }
  for (int t = 0; t < (economics.any_welfare ? 2 : 1); ++t) {
    out += id;
    out += t == 0 ? ",total" : ",welfare_total";
    for (const double value : totals[t].values) money(value);
    out.push_back(',');
    money(totals[t].value_added);
    if (insured) money(totals[t].insured);
    out.push_back('\n');
  }
}

}  // namespace outage
