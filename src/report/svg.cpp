#include "report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "report/currency.hpp"
#include "report/render.hpp"
#include "report/svg_writer.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr double kWidth = kSvgWidth;
constexpr std::size_t kMaxSeries = 10;  // the largest nine and "other"

}  // namespace

std::string render_timeline_svg(const std::vector<SeriesPoint>& all_points,
                                const std::vector<std::string>& names, const Estimate& estimate) {
  const std::size_t n = names.size();
  // At most about 400 vertices per series: keep every k-th row, the end of the outage and the
  // last row.
  // Show time until 99.9 % of the loss is counted (at least 1.5 outages): a long tail would
  // squeeze the story of the outage into the left edge.
  const double final_total = all_points.back().cumulative_net_loss.sum();
  std::size_t shown = all_points.size();
  for (std::size_t p = 0; p < all_points.size(); ++p) {
    if (all_points[p].hours >= 1.5 * estimate.duration_hours &&
        all_points[p].cumulative_net_loss.sum() >= 0.999 * final_total) {
      shown = p + 1;
      break;
    }
  }
  std::vector<SeriesPoint> points;
  const std::size_t stride = std::max<std::size_t>(1, shown / 400);
  for (std::size_t p = 0; p < shown; ++p) {
    if (p % stride == 0 || p + 1 == shown || all_points[p].hours == estimate.duration_hours) {
      points.push_back(all_points[p]);
    }
  }
  // Order segments by final loss; keep the largest nine and fold the rest into "other".
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  const Vector& final_loss = all_points.back().cumulative_net_loss;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return final_loss[static_cast<Eigen::Index>(a)] > final_loss[static_cast<Eigen::Index>(b)];
  });
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::string> labels;
  for (std::size_t rank = 0; rank < n; ++rank) {
    if (n > kMaxSeries && rank >= kMaxSeries - 1) {
      if (groups.size() < kMaxSeries) {
        groups.emplace_back();
        labels.push_back(fmt::format("other ({} segments)", n - (kMaxSeries - 1)));
      }
      groups.back().push_back(order[rank]);
    } else {
      groups.push_back({order[rank]});
      labels.push_back(names[order[rank]]);
    }
  }
  const double legend_row = 20;
  const double plot_left = 90, plot_right = kWidth - 30, plot_top = 70;
  const double plot_bottom = 380;
  const double height =
      plot_bottom + 60 + legend_row * static_cast<double>((groups.size() + 1) / 2) + 10;
  const std::string title = estimate.scenario + ": cumulative net loss";
  Svg svg(height, title);
  svg.text(20, 30, fit_text(title, 18, kWidth - 40), 18, "start", " font-weight=\"bold\"");
  std::string subtitle = fmt::format("{} model, {} outage", model_kind_name(estimate.model),
                                     format_duration_hours(estimate.duration_hours));
  if (estimate.start_unix_seconds)
    subtitle += " from " + format_utc_instant(*estimate.start_unix_seconds);
  subtitle +=
      fmt::format("; total {}", format_money_human(estimate.total.net_loss, estimate.currency));
  if (points.size() > 0 && points.back().hours < all_points.back().hours) {
    subtitle +=
        fmt::format(" (shown until {}, 99.9% of it)", format_duration_hours(points.back().hours));
  }
  svg.text(20, 52, fit_text(subtitle, 13, kWidth - 40), 13);

  const double end_hours = std::max(points.back().hours, 1e-9);
  const std::vector<double> x_ticks = nice_ticks(0, end_hours, 8);
  const Axis x{0, x_ticks.back(), plot_left, plot_right};
  double total_max = 0;
  for (const auto& point : points) total_max = std::max(total_max, point.cumulative_net_loss.sum());
  const std::vector<double> y_ticks = nice_ticks(0, std::max(total_max, 1.0), 5);
  const Axis y{0, y_ticks.back(), plot_bottom, plot_top};

  // The outage window.
  const double outage_end = std::min(estimate.duration_hours, x.high);
  svg.rect(x.map(0), plot_top, x.map(outage_end) - x.map(0), plot_bottom - plot_top, "#FDE2E2");
  svg.text((x.map(0) + x.map(outage_end)) / 2, plot_top + 14, "outage", 11, "middle");
  for (double tick : y_ticks) {
    svg.line(plot_left, y.map(tick), plot_right, y.map(tick), "#E0E0E0");
    svg.text(plot_left - 8, y.map(tick) + 4, format_money_human(tick, estimate.currency), 11,
             "end");
  }
  for (double tick : x_ticks) {
    svg.line(x.map(tick), plot_bottom, x.map(tick), plot_bottom + 5, "#444444");
    svg.text(x.map(tick), plot_bottom + 18, fmt::format("{:g}", tick), 11, "middle");
  }
  svg.text((plot_left + plot_right) / 2, plot_bottom + 38, "hours since the outage began", 12,
           "middle");
  svg.text(
      18, (plot_top + plot_bottom) / 2, "cumulative net loss", 12, "middle",
      fmt::format(" transform=\"rotate(-90 18 {:.1f})\"", (plot_top + plot_bottom) / 2).c_str());

  // Stacked areas, the largest at the bottom.
  std::vector<double> below(points.size(), 0.0);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::vector<std::pair<double, double>> outline;
    std::vector<double> above(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
      double value = 0;
      for (std::size_t i : groups[g])
        value += points[p].cumulative_net_loss[static_cast<Eigen::Index>(i)];
      above[p] = below[p] + value;
      outline.emplace_back(x.map(points[p].hours), y.map(above[p]));
    }
    for (std::size_t p = points.size(); p-- > 0;) {
      outline.emplace_back(x.map(points[p].hours), y.map(below[p]));
    }
    const bool other = labels[g].rfind("other (", 0) == 0;
    svg.raw(fmt::format(
        "<polygon class=\"series\" points=\"{}\" fill=\"{}\" fill-opacity=\"0.85\" "
        "stroke=\"#ffffff\" stroke-width=\"0.5\"><title>{}</title></polygon>\n",
        polygon_points(outline), other ? kOtherColour : kPalette[g % 10], xml_escape(labels[g])));
    below = above;
  }
  svg.line(plot_left, plot_bottom, plot_right, plot_bottom, "#444444");
  svg.line(plot_left, plot_top, plot_left, plot_bottom, "#444444");

  // Legend in two columns.
  const double legend_top = plot_bottom + 60;
  const double column_width = (kWidth - 40) / 2;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const double lx = 20 + static_cast<double>(g % 2) * column_width;
    const double ly = legend_top + static_cast<double>(g / 2) * legend_row;
    const bool other = labels[g].rfind("other (", 0) == 0;
    svg.rect(lx, ly - 10, 12, 12, other ? kOtherColour : kPalette[g % 10]);
    double loss = 0;
    for (std::size_t i : groups[g]) loss += final_loss[static_cast<Eigen::Index>(i)];
    const std::string amount = " " + format_money_human(loss, estimate.currency);
    svg.text(lx + 18, ly,
             fit_text(labels[g], 12, column_width - 30 - text_width(amount, 12)) + amount, 12,
             "start", " class=\"legend\"");
  }
  return svg.finish();
}

std::string render_uncertainty_svg(std::vector<double> totals, const Estimate& estimate) {
  std::sort(totals.begin(), totals.end());
  // Bars for the largest segments by net loss (at most kMaxBars), then the total.
  constexpr std::size_t kMaxBars = 15;
  std::vector<std::size_t> shown(estimate.segments.size());
  std::iota(shown.begin(), shown.end(), 0);
  std::stable_sort(shown.begin(), shown.end(), [&](auto a, auto b) {
    return estimate.segments[a].net_loss > estimate.segments[b].net_loss;
  });
  if (shown.size() > kMaxBars) shown.resize(kMaxBars);
  const std::size_t rows = shown.size() + 1;
  const double bar_row = 24;
  const double curve_top = 70, curve_bottom = 320;
  const double bars_top = curve_bottom + 90;
  const double height = bars_top + bar_row * static_cast<double>(rows) + 60;
  const std::string title = estimate.scenario + ": uncertainty of the net loss";
  Svg svg(height, title);
  svg.text(20, 30, fit_text(title, 18, kWidth - 40), 18, "start", " font-weight=\"bold\"");
  svg.text(20, 52,
           fmt::format("{} draws (seed {}); point estimate {}", estimate.samples, estimate.seed,
                       format_money_human(estimate.total.net_loss, estimate.currency)),
           13);

  // Panel 1: P(total > x), log x axis.
  const double left = 90, right = kWidth - 30;
  // The x axis runs between the 1-2-5 steps that bracket the draws.
  const double smallest = std::max({totals.front(), totals.back() * 1e-6, 1e-12});
  const double largest = std::max(totals.back(), smallest * 1.0001);
  std::vector<double> steps;  // log10 of 1, 2, 5 x 10^k
  for (double decade = std::floor(std::log10(smallest)) - 1;
       decade <= std::ceil(std::log10(largest)) + 1; decade += 1) {
    for (double factor : {1.0, 2.0, 5.0}) steps.push_back(decade + std::log10(factor));
  }
  double log_low = steps.front(), log_high = steps.back();
  for (double step : steps) {
    if (step <= std::log10(smallest) + 1e-12) log_low = step;
  }
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (*it >= std::log10(largest) - 1e-12) log_high = *it;
  }
  const Axis x{log_low, log_high, left, right};
  const Axis y{0, 1, curve_bottom, curve_top};
  for (double p : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    svg.line(left, y.map(p), right, y.map(p), "#E0E0E0");
    svg.text(left - 8, y.map(p) + 4, fmt::format("{:g}%", p * 100), 11, "end");
  }
  for (double step : steps) {
    if (step < x.low - 1e-9 || step > x.high + 1e-9) continue;
    svg.line(x.map(step), curve_bottom, x.map(step), curve_bottom + 5, "#444444");
    svg.line(x.map(step), curve_top, x.map(step), curve_bottom, "#F0F0F0");
    svg.text(x.map(step), curve_bottom + 18,
             format_money_human(std::pow(10.0, step), estimate.currency), 11, "middle");
  }
  std::string path;
  const std::size_t count = totals.size();
  const std::size_t step = std::max<std::size_t>(1, count / 400);
  for (std::size_t k = 0; k < count; k += step) {
    const double value = std::max(totals[k], std::pow(10.0, x.low));
    const double exceeded = share_exceeding(totals, totals[k]);
    path += fmt::format("{}{:.1f},{:.1f} ", path.empty() ? "M" : "L", x.map(std::log10(value)),
                        y.map(exceeded));
  }
  svg.raw(
      fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\">"
                  "<title>exceedance</title></path>\n",
                  path, kPalette[0]));
  svg.line(left, curve_bottom, right, curve_bottom, "#444444");
  svg.line(left, curve_top, left, curve_bottom, "#444444");
  svg.text((left + right) / 2, curve_bottom + 38, "total net loss x (log scale)", 12, "middle");
  svg.text(
      18, (curve_top + curve_bottom) / 2, "P(loss > x)", 12, "middle",
      fmt::format(" transform=\"rotate(-90 18 {:.1f})\"", (curve_top + curve_bottom) / 2).c_str());

  // Panel 2: p5-p95 bars per segment and for the total.
  const std::string bars_title =
      shown.size() < estimate.segments.size()
          ? fmt::format(
                "net loss of the {} largest of {} segments: p5 to p95, | median, ◆ point "
                "estimate",
                shown.size(), estimate.segments.size())
          : std::string("net loss by segment: p5 to p95, | median, ◆ point estimate");
  svg.text(20, bars_top - 22, fit_text(bars_title, 13, kWidth - 40), 13, "start",
           " font-weight=\"bold\"");
  const double label_width = 260;
  const double bar_left = 20 + label_width + 10, bar_right = kWidth - 80;
  double high = 0;
  for (const std::size_t i : shown) {
    const auto& stats = estimate.segments[i].stats;
    high = std::max(high, stats ? stats->p95 : 0.0);
  }
  high = std::max(high, estimate.total.stats ? estimate.total.stats->p95 : 0.0);
  const std::vector<double> ticks = nice_ticks(0, std::max(high, 1.0), 5);
  const Axis bar_axis{0, ticks.back(), bar_left, bar_right};
  const double bars_bottom = bars_top + bar_row * static_cast<double>(rows);
  for (double tick : ticks) {
    svg.line(bar_axis.map(tick), bars_top - 6, bar_axis.map(tick), bars_bottom, "#E0E0E0");
    svg.text(bar_axis.map(tick), bars_bottom + 16, format_money_human(tick, estimate.currency), 11,
             "middle");
  }
  const auto bar = [&](std::size_t row, const std::string& label,
                       const std::optional<LossStats>& stats, double point, const char* colour) {
    const double cy = bars_top + bar_row * static_cast<double>(row) + bar_row / 2;
    svg.text(20, cy + 4, fit_text(label, 12, label_width), 12, "start", " class=\"legend\"");
    if (!stats) return;
    svg.raw(fmt::format(
        "<rect class=\"series\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"10\" "
        "fill=\"{}\" fill-opacity=\"0.7\"><title>{}</title></rect>\n",
        bar_axis.map(stats->p5), cy - 5,
        std::max(bar_axis.map(stats->p95) - bar_axis.map(stats->p5), 1.0), colour,
        xml_escape(label)));
    svg.line(bar_axis.map(stats->p50), cy - 8, bar_axis.map(stats->p50), cy + 8, "#222222", 2);
    svg.raw(fmt::format("<path d=\"M{0:.1f},{1:.1f} l5,5 l-5,5 l-5,-5 z\" fill=\"#222222\"/>\n",
                        bar_axis.map(point), cy - 5));
  };
  for (std::size_t row = 0; row < shown.size(); ++row) {
    const auto& segment = estimate.segments[shown[row]];
    bar(row, segment.name, segment.stats, segment.net_loss, kPalette[row % 10]);
  }
  bar(shown.size(), "Total", estimate.total.stats, estimate.total.net_loss, "#444444");
  return svg.finish();
}

std::string render_tornado_svg(const Sensitivity& all_inputs) {
  // At most 30 bars: the largest swings (the inputs are sorted).
  constexpr std::size_t kMaxRows = 30;
  Sensitivity sensitivity = all_inputs;
  if (sensitivity.inputs.size() > kMaxRows) sensitivity.inputs.resize(kMaxRows);
  const std::size_t rows = std::max<std::size_t>(1, sensitivity.inputs.size());
  const double row_height = 26;
  const double top = 100;
  const double height = top + row_height * static_cast<double>(rows) + 70;
  const std::string title = sensitivity.scenario + ": what moves the total net loss";
  Svg svg(height, title);
  svg.text(20, 30, fit_text(title, 18, kWidth - 40), 18, "start", " font-weight=\"bold\"");
  std::string subtitle =
      fmt::format("each input at its p5 and its p95, every other input central (total {})",
                  format_money_human(sensitivity.central_total, sensitivity.currency));
  if (all_inputs.inputs.size() > kMaxRows) {
    subtitle += fmt::format("; the {} largest of {} inputs", kMaxRows, all_inputs.inputs.size());
  }
  svg.text(20, 52, fit_text(subtitle, 12, kWidth - 40), 12);
  svg.rect(20, 62, 12, 12, kPalette[0]);
  svg.text(38, 72, "input at its p5 (low)", 12);
  svg.rect(220, 62, 12, 12, kPalette[1]);
  svg.text(238, 72, "input at its p95 (high)", 12);
  const double label_width = 300;
  const double left = 20 + label_width + 10, right = kWidth - 30;
  double low = sensitivity.central_total, high = sensitivity.central_total;
  for (const auto& input : sensitivity.inputs) {
    low = std::min({low, input.total_at_low, input.total_at_high});
    high = std::max({high, input.total_at_low, input.total_at_high});
  }
  const std::vector<double> ticks = nice_ticks(low, high > low ? high : low + 1, 5);
  const Axis x{ticks.front(), ticks.back(), left, right};
  const double bottom = top + row_height * static_cast<double>(rows);
  for (double tick : ticks) {
    svg.line(x.map(tick), top - 8, x.map(tick), bottom, "#E0E0E0");
    svg.text(x.map(tick), bottom + 18, format_money_human(tick, sensitivity.currency), 11,
             "middle");
  }
  svg.text((left + right) / 2, bottom + 40, "total net loss", 12, "middle");
  for (std::size_t r = 0; r < sensitivity.inputs.size(); ++r) {
    const auto& input = sensitivity.inputs[r];
    const double cy = top + row_height * static_cast<double>(r) + row_height / 2;
    svg.text(20, cy + 4, fit_text(input.input, 12, label_width), 12, "start", " class=\"legend\"");
    const double centre = x.map(sensitivity.central_total);
    for (const auto& [value, colour] : {std::pair{input.total_at_low, kPalette[0]},
                                        std::pair{input.total_at_high, kPalette[1]}}) {
      const double end = x.map(value);
      svg.raw(fmt::format(
          "<rect class=\"series\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" "
          "height=\"16\" fill=\"{}\"><title>{}</title></rect>\n",
          std::min(centre, end), cy - 8, std::fabs(end - centre), colour, xml_escape(input.input)));
    }
  }
  svg.line(x.map(sensitivity.central_total), top - 8, x.map(sensitivity.central_total), bottom,
           "#222222", 1.5);
  if (sensitivity.inputs.empty()) svg.text(left, top + 16, "no uncertain inputs", 12);
  return svg.finish();
}

}  // namespace outage
