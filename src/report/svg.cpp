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
constexpr double kCurveTop = 70, kCurveBottom = 320, kBarRow = 24;
constexpr double kLabelWidth = 260;

// log10 of the 1-2-5 steps around [smallest, largest], and the two that bracket them.
struct LogSteps {
  std::vector<double> steps;
  double low, high;
};

LogSteps log_steps(double smallest, double largest) {
  LogSteps result;
  for (double decade = std::floor(std::log10(smallest)) - 1;
       decade <= std::ceil(std::log10(largest)) + 1; decade += 1) {
    for (double factor : {1.0, 2.0, 5.0}) result.steps.push_back(decade + std::log10(factor));
  }
  result.low = result.steps.front();
  result.high = result.steps.back();
  for (double step : result.steps) {
    if (step <= std::log10(smallest) + 1e-12) result.low = step;
  }
  for (auto it = result.steps.rbegin(); it != result.steps.rend(); ++it) {
    if (*it >= std::log10(largest) - 1e-12) result.high = *it;
  }
  return result;
}

// Panel 1: P(total > x) with a log x axis; `totals` sorted.
void draw_exceedance_panel(Svg& svg, const std::vector<double>& totals,
                           const std::string& currency) {
  const double left = 90, right = kWidth - 30;
  // The x axis runs between the 1-2-5 steps that bracket the draws.
  const double smallest = std::max({totals.front(), totals.back() * 1e-6, 1e-12});
  const double largest = std::max(totals.back(), smallest * 1.0001);
  const LogSteps steps = log_steps(smallest, largest);
  const Axis x{steps.low, steps.high, left, right};
  const Axis y{0, 1, kCurveBottom, kCurveTop};
  for (double p : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    svg.line(left, y.map(p), right, y.map(p), "#E0E0E0");
    svg.text(left - 8, y.map(p) + 4, fmt::format("{:g}%", p * 100), 11, "end");
  }
  for (double step : steps.steps) {
    if (step < x.low - 1e-9 || step > x.high + 1e-9) continue;
    svg.line(x.map(step), kCurveBottom, x.map(step), kCurveBottom + 5, "#444444");
    svg.line(x.map(step), kCurveTop, x.map(step), kCurveBottom, "#F0F0F0");
    svg.text(x.map(step), kCurveBottom + 18, format_money_human(std::pow(10.0, step), currency), 11,
             "middle");
  }
  std::string path;
  const std::size_t count = totals.size();
  const std::size_t stride = std::max<std::size_t>(1, count / 400);
  for (std::size_t k = 0; k < count; k += stride) {
    const double value = std::max(totals[k], std::pow(10.0, x.low));
    const double exceeded = share_exceeding(totals, totals[k]);
    path += fmt::format("{}{:.1f},{:.1f} ", path.empty() ? "M" : "L", x.map(std::log10(value)),
                        y.map(exceeded));
  }
  svg.raw(
      fmt::format("<path class=\"series\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\">"
                  "<title>exceedance</title></path>\n",
                  path, kPalette[0]));
  svg.line(left, kCurveBottom, right, kCurveBottom, "#444444");
  svg.line(left, kCurveTop, left, kCurveBottom, "#444444");
  svg.text((left + right) / 2, kCurveBottom + 38, "total net loss x (log scale)", 12, "middle");
  svg.text(
      18, (kCurveTop + kCurveBottom) / 2, "P(loss > x)", 12, "middle",
      fmt::format(" transform=\"rotate(-90 18 {:.1f})\"", (kCurveTop + kCurveBottom) / 2).c_str());
}

// One row of panel 2: the label, the p5-p95 bar, the median and the point estimate.
void draw_range_bar(Svg& svg, const Axis& axis, double cy, const std::string& label,
                    const std::optional<LossStats>& stats, double point, const char* colour) {
  svg.text(20, cy + 4, fit_text(label, 12, kLabelWidth), 12, "start", " class=\"legend\"");
  if (!stats) return;
  svg.raw(fmt::format(
      "<rect class=\"series\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"10\" "
      "fill=\"{}\" fill-opacity=\"0.7\"><title>{}</title></rect>\n",
      axis.map(stats->p5), cy - 5, std::max(axis.map(stats->p95) - axis.map(stats->p5), 1.0),
      colour, xml_escape(label)));
  svg.line(axis.map(stats->p50), cy - 8, axis.map(stats->p50), cy + 8, "#222222", 2);
  svg.raw(fmt::format("<path d=\"M{0:.1f},{1:.1f} l5,5 l-5,5 l-5,-5 z\" fill=\"#222222\"/>\n",
                      axis.map(point), cy - 5));
}

// Panel 2: p5-p95 bars for the segments `shown` and for the total, from `bars_top`.
void draw_range_bars(Svg& svg, const Estimate& estimate, const std::vector<std::size_t>& shown,
                     double bars_top) {
  const std::string bars_title =
      shown.size() < estimate.segments.size()
          ? fmt::format(
                "net loss of the {} largest of {} segments: p5 to p95, | median, ◆ point "
                "estimate",
                shown.size(), estimate.segments.size())
          : std::string("net loss by segment: p5 to p95, | median, ◆ point estimate");
  svg.text(20, bars_top - 22, fit_text(bars_title, 13, kWidth - 40), 13, "start",
           " font-weight=\"bold\"");
  double high = estimate.total.stats ? estimate.total.stats->p95 : 0.0;
  for (const std::size_t i : shown) {
    const auto& stats = estimate.segments[i].stats;
    high = std::max(high, stats ? stats->p95 : 0.0);
  }
  const std::vector<double> ticks = nice_ticks(0, std::max(high, 1.0), 5);
  const Axis axis{0, ticks.back(), 20 + kLabelWidth + 10, kWidth - 80};
  const double bars_bottom = bars_top + kBarRow * static_cast<double>(shown.size() + 1);
  for (double tick : ticks) {
    svg.line(axis.map(tick), bars_top - 6, axis.map(tick), bars_bottom, "#E0E0E0");
    svg.text(axis.map(tick), bars_bottom + 16, format_money_human(tick, estimate.currency), 11,
             "middle");
  }
  const auto row_centre = [&](std::size_t row) {
    return bars_top + kBarRow * static_cast<double>(row) + kBarRow / 2;
  };
  for (std::size_t row = 0; row < shown.size(); ++row) {
    const auto& segment = estimate.segments[shown[row]];
    draw_range_bar(svg, axis, row_centre(row), segment.name, segment.stats, segment.net_loss,
                   kPalette[row % 10]);
  }
  draw_range_bar(svg, axis, row_centre(shown.size()), "Total", estimate.total.stats,
                 estimate.total.net_loss, "#444444");
}

}  // namespace

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
  const double bars_top = kCurveBottom + 90;
  const double height = bars_top + kBarRow * static_cast<double>(shown.size() + 1) + 60;
  const std::string title = estimate.scenario + ": uncertainty of the net loss";
  Svg svg(height, title);
  svg.text(20, 30, fit_text(title, 18, kWidth - 40), 18, "start", " font-weight=\"bold\"");
  svg.text(20, 52,
           fmt::format("{} draws (seed {}); point estimate {}", estimate.samples, estimate.seed,
                       format_money_human(estimate.total.net_loss, estimate.currency)),
           13);
  draw_exceedance_panel(svg, totals, estimate.currency);
  draw_range_bars(svg, estimate, shown, bars_top);
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
