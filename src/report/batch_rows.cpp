// The rows of `batch` output: one per segment, a total per incident (the market segments) and,
// when the scenario has welfare segments, their own total.
#include <cmath>
#include <cstddef>

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

namespace {

// The sums of one total row: gross, net, direct, indirect; value added (NaN: no share given);
// insured.
struct BatchTotal {
  double values[4] = {0, 0, 0, 0};
  double value_added = NAN;
  double insured = 0;
};

// The texts of the last numbers written to one incident's rows, by where they are in `out`: an
// incident repeats many (direct_loss is gross_loss for a segment without links, a total repeats
// its only segment, segments share a peak), and copying a text is cheaper than printing a
// double again.
class RecentNumbers {
 public:
  explicit RecentNumbers(std::string& out) : m_out(out) {}

  // Appends the shortest text of `value` (not 0 or NaN: the caller writes those).
  void append(double value) {
    for (const auto& entry : m_entries) {
      if (entry.length != 0 && entry.value == value) {
        m_out.append(m_out, entry.offset, entry.length);
        return;
      }
    }
    Entry& entry = m_entries[m_next++ % kSize];
    entry.value = value;
    entry.offset = m_out.size();
    append_number_raw(m_out, value);
    entry.length = m_out.size() - entry.offset;
  }

 private:
  static constexpr std::size_t kSize = 8;
  struct Entry {
    double value = 0;
    std::size_t offset = 0;
    std::size_t length = 0;  // 0: unused
  };
  std::string& m_out;
  Entry m_entries[kSize];
  std::size_t m_next = 0;
};

}  // namespace

void append_batch_rows(std::string& out, const std::string& incident_id,
                       const std::vector<std::string>& segment_ids, const SegmentLosses& losses,
                       const std::string& currency, const RenderOptions& options,
                       const Rollup& rollup, const Vector* insured) {
  const std::string id = csv_text_field(incident_id, options.csv_raw_text);
  const bool raw = options.currency_format == CurrencyFormat::raw;
  RecentNumbers recent(out);
  const auto number = [&](double value) {
    if (value == 0) {  // also -0, as append_number_raw
      out.push_back('0');
    } else {
      recent.append(value);
    }
  };
  const auto money = [&](double value) {
    out.push_back(',');
    if (std::isnan(value)) return;  // an empty cell: no value-added share
    if (raw) {
      number(value);
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
    BatchTotal& total = totals[rollup.is_welfare(i) ? 1 : 0];
    const double values[4] = {losses.gross[k], losses.net[k], losses.direct[k], losses.indirect[k]};
    for (int c = 0; c < 4; ++c) {
      money(values[c]);
      total.values[c] += values[c];
    }
    out.push_back(',');
    number(losses.peak[k]);
    const double value_added = Rollup::value_added(rollup.value_added_share(i), losses.net[k]);
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
  for (int t = 0; t < (rollup.any_welfare() ? 2 : 1); ++t) {
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
