// The cumulative-loss chart of a time series (render_timeline_svg): which rows it shows, how
// segments are grouped, and the drawing of each part.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "report/currency.hpp"
#include "report/svg.hpp"
#include "report/svg_writer.hpp"
#include "util/parse.hpp"
#include "util/time.hpp"

namespace outage {
namespace {

constexpr double kWidth = kSvgWidth;
constexpr std::size_t kMaxSeries = 10;  // the largest nine and "other"
constexpr double kLegendRow = 20;
constexpr double kPlotLeft = 90, kPlotRight = kWidth - 30, kPlotTop = 70, kPlotBottom = 380;

// The rows drawn: until 99.9 % of the loss is counted (at least 1.5 outages: a long tail would
// squeeze the story of the outage into the left edge), at most about 400 per series (every
// k-th row, the end of the outage and the last row).
std::vector<SeriesPoint> shown_points(const std::vector<SeriesPoint>& all_points,
                                      double duration_hours) {
  const double final_total = all_points.back().cumulative_net_loss.sum();
  std::size_t shown = all_points.size();
  for (std::size_t p = 0; p < all_points.size(); ++p) {
    if (all_points[p].hours >= 1.5 * duration_hours &&
        all_points[p].cumulative_net_loss.sum() >= 0.999 * final_total) {
      shown = p + 1;
      break;
    }
  }
  std::vector<SeriesPoint> points;
  const std::size_t stride = std::max<std::size_t>(1, shown / 400);
  for (std::size_t p = 0; p < shown; ++p) {
    if (p % stride == 0 || p + 1 == shown || all_points[p].hours == duration_hours) {
      points.push_back(all_points[p]);
    }
  }
  return points;
}

// The series drawn: segments by final loss, the largest nine and "other" for the rest.
struct Groups {
  std::vector<std::vector<std::size_t>> members;
  std::vector<std::string> labels;
  bool is_other(std::size_t g) const { return labels[g].rfind("other (", 0) == 0; }
  const char* colour(std::size_t g) const { return is_other(g) ? kOtherColour : kPalette[g % 10]; }
};

Groups group_segments(const std::vector<std::string>& names, const Vector& final_loss) {
  const std::size_t n = names.size();
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return final_loss[static_cast<Eigen::Index>(a)] > final_loss[static_cast<Eigen::Index>(b)];
  });
  Groups groups;
  for (std::size_t rank = 0; rank < n; ++rank) {
    if (n > kMaxSeries && rank >= kMaxSeries - 1) {
      if (groups.members.size() < kMaxSeries) {
        groups.members.emplace_back();
        groups.labels.push_back(fmt::format("other ({} segments)", n - (kMaxSeries - 1)));
      }
      groups.members.back().push_back(order[rank]);
    } else {
      groups.members.push_back({order[rank]});
      groups.labels.push_back(names[order[rank]]);
    }
  }
  return groups;
}

// The title and the subtitle (model, outage, total, how much of the time is shown).
void draw_titles(Svg& svg, const std::string& title, const Estimate& estimate,
                 double shown_until_hours, double last_hours) {
  svg.text(20, 30, fit_text(title, 18, kWidth - 40), 18, "start", " font-weight=\"bold\"");
  std::string subtitle = fmt::format("{} model, {} outage", model_kind_name(estimate.model),
                                     format_duration_hours(estimate.duration_hours));
  if (estimate.start_unix_seconds)
    subtitle += " from " + format_utc_instant(*estimate.start_unix_seconds);
  subtitle +=
      fmt::format("; total {}", format_money_human(estimate.total.net_loss, estimate.currency));
  if (shown_until_hours < last_hours) {
    subtitle +=
        fmt::format(" (shown until {}, 99.9% of it)", format_duration_hours(shown_until_hours));
  }
  svg.text(20, 52, fit_text(subtitle, 13, kWidth - 40), 13);
}

// The outage window, grid lines, ticks and axis titles.
void draw_axes(Svg& svg, const Axis& x, const Axis& y, const std::vector<double>& x_ticks,
               const std::vector<double>& y_ticks, const Estimate& estimate) {
  const double outage_end = std::min(estimate.duration_hours, x.high);
  svg.rect(x.map(0), kPlotTop, x.map(outage_end) - x.map(0), kPlotBottom - kPlotTop, "#FDE2E2");
  svg.text((x.map(0) + x.map(outage_end)) / 2, kPlotTop + 14, "outage", 11, "middle");
  for (double tick : y_ticks) {
    svg.line(kPlotLeft, y.map(tick), kPlotRight, y.map(tick), "#E0E0E0");
    svg.text(kPlotLeft - 8, y.map(tick) + 4, format_money_human(tick, estimate.currency), 11,
             "end");
  }
  for (double tick : x_ticks) {
    svg.line(x.map(tick), kPlotBottom, x.map(tick), kPlotBottom + 5, "#444444");
    svg.text(x.map(tick), kPlotBottom + 18, fmt::format("{:g}", tick), 11, "middle");
  }
  svg.text((kPlotLeft + kPlotRight) / 2, kPlotBottom + 38, "hours since the outage began", 12,
           "middle");
  svg.text(
      18, (kPlotTop + kPlotBottom) / 2, "cumulative net loss", 12, "middle",
      fmt::format(" transform=\"rotate(-90 18 {:.1f})\"", (kPlotTop + kPlotBottom) / 2).c_str());
}

// Stacked areas, the largest at the bottom.
void draw_areas(Svg& svg, const std::vector<SeriesPoint>& points, const Groups& groups,
                const Axis& x, const Axis& y) {
  std::vector<double> below(points.size(), 0.0);
  for (std::size_t g = 0; g < groups.members.size(); ++g) {
    std::vector<std::pair<double, double>> outline;
    std::vector<double> above(points.size());
    for (std::size_t p = 0; p < points.size(); ++p) {
      double value = 0;
      for (std::size_t i : groups.members[g])
        value += points[p].cumulative_net_loss[static_cast<Eigen::Index>(i)];
      above[p] = below[p] + value;
      outline.emplace_back(x.map(points[p].hours), y.map(above[p]));
    }
    for (std::size_t p = points.size(); p-- > 0;) {
      outline.emplace_back(x.map(points[p].hours), y.map(below[p]));
    }
    svg.raw(
        fmt::format("<polygon class=\"series\" points=\"{}\" fill=\"{}\" fill-opacity=\"0.85\" "
                    "stroke=\"#ffffff\" stroke-width=\"0.5\"><title>{}</title></polygon>\n",
                    polygon_points(outline), groups.colour(g), xml_escape(groups.labels[g])));
    below = above;
  }
}

// The legend in two columns, each series with its final loss.
void draw_legend(Svg& svg, const Groups& groups, const Vector& final_loss,
                 const std::string& currency) {
  const double legend_top = kPlotBottom + 60;
  const double column_width = (kWidth - 40) / 2;
  for (std::size_t g = 0; g < groups.members.size(); ++g) {
    const double lx = 20 + static_cast<double>(g % 2) * column_width;
    const double ly = legend_top + static_cast<double>(g / 2) * kLegendRow;
    svg.rect(lx, ly - 10, 12, 12, groups.colour(g));
    double loss = 0;
    for (std::size_t i : groups.members[g]) loss += final_loss[static_cast<Eigen::Index>(i)];
    const std::string amount = " " + format_money_human(loss, currency);
    svg.text(lx + 18, ly,
             fit_text(groups.labels[g], 12, column_width - 30 - text_width(amount, 12)) + amount,
             12, "start", " class=\"legend\"");
  }
}

}  // namespace

std::string render_timeline_svg(const std::vector<SeriesPoint>& all_points,
                                const std::vector<std::string>& names, const Estimate& estimate) {
  const std::vector<SeriesPoint> points = shown_points(all_points, estimate.duration_hours);
  const Vector& final_loss = all_points.back().cumulative_net_loss;
  const Groups groups = group_segments(names, final_loss);
  const double height =
      kPlotBottom + 60 + kLegendRow * static_cast<double>((groups.members.size() + 1) / 2) + 10;
  const std::string title = estimate.scenario + ": cumulative net loss";
  Svg svg(height, title);
  draw_titles(svg, title, estimate, points.back().hours, all_points.back().hours);

  const double end_hours = std::max(points.back().hours, 1e-9);
  const std::vector<double> x_ticks = nice_ticks(0, end_hours, 8);
  const Axis x{0, x_ticks.back(), kPlotLeft, kPlotRight};
  double total_max = 0;
  for (const auto& point : points) total_max = std::max(total_max, point.cumulative_net_loss.sum());
  const std::vector<double> y_ticks = nice_ticks(0, std::max(total_max, 1.0), 5);
  const Axis y{0, y_ticks.back(), kPlotBottom, kPlotTop};
  draw_axes(svg, x, y, x_ticks, y_ticks, estimate);
  draw_areas(svg, points, groups, x, y);
  svg.line(kPlotLeft, kPlotBottom, kPlotRight, kPlotBottom, "#444444");
  svg.line(kPlotLeft, kPlotTop, kPlotLeft, kPlotBottom, "#444444");
  draw_legend(svg, groups, final_loss, estimate.currency);
  return svg.finish();
}

}  // namespace outage
