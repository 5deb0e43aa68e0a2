#include "report/render.hpp"

#include <algorithm>
#include <cmath>

#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {

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

std::string render_series_csv(const std::vector<SeriesPoint>& points,
                              const std::vector<std::string>& segment_ids,
                              std::optional<double> start_unix_seconds,
                              const RenderOptions& options, const std::vector<char>& welfare) {
  std::string out = "time_utc,hours_since_start";
  for (const auto& id : segment_ids) {
    out += ',';
    out += csv_text_field(id + "_inoperability", options.csv_raw_text);
  }
  for (const auto& id : segment_ids) {
    out += ',';
    out += csv_text_field(id + "_net_loss", options.csv_raw_text);
  }
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
    double total = 0;
    for (Eigen::Index i = 0; i < point.cumulative_net_loss.size(); ++i) {
      if (welfare.empty() || !welfare[static_cast<std::size_t>(i)]) {
        total += point.cumulative_net_loss[i];
      }
    }
    out.push_back(',');
    append_number_raw(out, total);
    out.push_back('\n');
  }
  return out;
}

double share_exceeding(const std::vector<double>& sorted, double value) {
  const auto greater = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), value);
  return sorted.empty() ? 0.0 : static_cast<double>(greater) / static_cast<double>(sorted.size());
}

std::string render_exceedance_csv(std::vector<double> totals) {
  std::sort(totals.begin(), totals.end());
  std::string out = "net_loss,probability_exceeded\n";
  const auto count = totals.size();
  if (count == 0) return out;
  // 1000 points evenly spaced in probability, plus the extremes: P(loss > x) for x the sorted
  // draw at rank k counts the draws strictly greater than x (equal draws do not exceed it).
  const std::size_t points = std::min<std::size_t>(count, 1000);
  for (std::size_t p = 0; p < points; ++p) {
    const std::size_t rank = points == 1 ? 0 : p * (count - 1) / (points - 1);
    out += format_number_raw(totals[rank]) + "," +
           format_number_raw(share_exceeding(totals, totals[rank])) + "\n";
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
